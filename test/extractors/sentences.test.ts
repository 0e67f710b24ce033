import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentSentences } from '../../extractors/sentences.js';

const sentences = (text: string) => segmentSentences(text).map((s) => text.slice(s.start, s.end));

describe('segmentSentences', () => {
  it.each([
    [
      'de: ordinal day before a month',
      'Der Verkauf endet am 20. Juli. Updates gibt es bis zum 29. September 2024.',
      ['Der Verkauf endet am 20. Juli.', 'Updates gibt es bis zum 29. September 2024.'],
    ],
    [
      'de: z. B. and bzw.',
      'Betroffen sind z. B. Behörden bzw. Betreiber. Das BSI warnt.',
      ['Betroffen sind z. B. Behörden bzw. Betreiber.', 'Das BSI warnt.'],
    ],
    [
      'de: Dr. and Nr.',
      'Dr. Müller erläuterte die Richtlinie Nr. 5. Sie gilt ab sofort.',
      ['Dr. Müller erläuterte die Richtlinie Nr. 5.', 'Sie gilt ab sofort.'],
    ],
    [
      'de: ordinal after a preposition',
      'Das geschah im 3. Quartal. Danach folgte die Warnung.',
      ['Das geschah im 3. Quartal.', 'Danach folgte die Warnung.'],
    ],
    [
      'de: closing quote belongs to the sentence',
      '„Wir handeln entschlossen.“ Die Ministerin betonte das.',
      ['„Wir handeln entschlossen.“', 'Die Ministerin betonte das.'],
    ],
    [
      'en: U.S. and initials',
      'U.S. officials met Alejandro N. Mayorkas on Monday. He said nothing.',
      ['U.S. officials met Alejandro N. Mayorkas on Monday.', 'He said nothing.'],
    ],
    [
      'en: titles',
      'Mr. Levy and Dr. Martin spoke. Sen. Warner did not.',
      ['Mr. Levy and Dr. Martin spoke.', 'Sen. Warner did not.'],
    ],
    [
      'en: month abbreviation',
      'Volexity reported it on Jan. 10 in Reston. CISA acted.',
      ['Volexity reported it on Jan. 10 in Reston.', 'CISA acted.'],
    ],
    ['en: question and exclamation', 'Is it safe? No! Remove it.', ['Is it safe?', 'No!', 'Remove it.']],
    [
      'a heading line without punctuation',
      'CISA Issues Emergency Directive\nThe agency acted today.',
      ['CISA Issues Emergency Directive', 'The agency acted today.'],
    ],
    [
      'a hard-wrapped sentence',
      'The agency said the flaw\nwas exploited widely.',
      ['The agency said the flaw\nwas exploited widely.'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('returns ordered, non-overlapping, trimmed spans inside the text for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        let previous = 0;
        for (const s of segmentSentences(text)) {
          expect(s.start).toBeGreaterThanOrEqual(previous);
          expect(s.end).toBeGreaterThan(s.start);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(s.start, s.end)).toBe(text.slice(s.start, s.end).trim());
          previous = s.end;
        }
      }),
    );
  });

  it('stays linear on a long text', () => {
    const text = 'Das BSI warnt am 15. März vor der Software. '.repeat(20_000);
    expect(segmentSentences(text)).toHaveLength(20_000);
  });
});
