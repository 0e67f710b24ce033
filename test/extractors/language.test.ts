import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countLetters,
  detectLanguage,
  detectParagraphLanguages,
  documentLanguage,
  languageAt,
} from '../../extractors/language.js';

describe('detectLanguage', () => {
  it.each([
    ['de', 'Das Bundesamt für Sicherheit in der Informationstechnik warnt vor dem Einsatz der Virenschutzsoftware.'],
    ['de', 'Die Ministerin betonte, die Bürgerinnen und Bürger würden vom Austausch der Technik nichts merken.'],
    [
      'en',
      'The Commerce Department said on Thursday that the company may no longer sell its software to new customers.',
    ],
    ['en', 'Agencies must apply the vendor’s mitigation and report any compromised device to the agency.'],
    // Words borrowed from the other language (a name with "von der", acronyms, an English title) do not tip the
    // verdict.
    [
      'en',
      'European Commission President Ursula von der Leyen said the bloc would review the rules for its own agencies.',
    ],
    [
      'de',
      'Die IT-Sicherheit der WHO und des MIT wurde nach dem Angriff auf ihre Server geprüft, teilte die Behörde mit.',
    ],
    ['de', 'Die Zeitung „The Washington Post“ berichtete, die Regierung habe die Firma auf die Liste gesetzt.'],
    ['en', 'Der Spiegel, the German news magazine, reported that the ministry had not been informed of the breach.'],
  ])('%s: %s', (code, text) => {
    const guess = detectLanguage(text);
    expect(guess.code).toBe(code);
    expect(guess.confidence).toBeGreaterThan(0.5);
  });

  it.each(['Weitere Informationen', 'Kaspersky Lab', '2024-06-20', ''])('answers und for the too-short %j', (text) => {
    expect(detectLanguage(text)).toEqual({ code: 'und', confidence: 0 });
  });

  it('answers de, en or und with a confidence in [0, 1] for any text', () => {
    const words = fc.constantFrom(
      'der',
      'the',
      'und',
      'and',
      'Kaspersky',
      'BSI',
      'warnt',
      'warns',
      '2024',
      '„',
      '“',
      'über',
      'of',
      ' ',
      '\n',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(words, { maxLength: 80 }).map((w) => w.join(' ')),
        ),
        (text) => {
          const guess = detectLanguage(text);
          expect(['de', 'en', 'und']).toContain(guess.code);
          expect(guess.confidence).toBeGreaterThanOrEqual(0);
          expect(guess.confidence).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('document and paragraph languages', () => {
  const german =
    'Die Bundesregierung hat sich mit den Netzbetreibern geeinigt, wie das Ministerium am Donnerstag mitteilte.';
  const english =
    '"Every organization running these products should take action now, not only federal agencies," the director said.';

  it('keeps a German advisory with an English quote German, and marks the English paragraph', () => {
    const text = [german, german.replace('Donnerstag', 'Dienstag'), english].join('\n');
    const paragraphs = detectParagraphLanguages(text);
    expect(paragraphs.map((p) => p.code)).toEqual(['de', 'de', 'en']);
    const language = documentLanguage(text, paragraphs);
    expect(language.code).toBe('de');
    // The English share lowers the confidence but does not flip the verdict.
    expect(language.confidence).toBeLessThan(documentLanguage(german, detectParagraphLanguages(german)).confidence);
    expect(languageAt(paragraphs, language, text.length - 5)).toBe('en');
  });

  it('lets a short heading take the document language', () => {
    const text = `Weitere Informationen\n${german}`;
    const paragraphs = detectParagraphLanguages(text);
    expect(paragraphs[0]!.code).toBe('und');
    const language = documentLanguage(text, paragraphs);
    expect(languageAt(paragraphs, language, 0)).toBe('de');
  });

  it('offsets of paragraphs slice the text', () => {
    const text = `${english}\n\n${german}`;
    for (const p of detectParagraphLanguages(text)) expect(text.slice(p.start, p.end)).not.toMatch(/\n/);
  });
});

describe('countLetters', () => {
  it('counts the letters a letter regex finds, astral letters once and lone surrogates never', () => {
    const pieces = fc.constantFrom('a', 'ß', 'Ä', '𝐀', '😀', '1', ' ', '-', '\ud835', '\udc00', 'İ', '\u0301');
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: pieces, maxLength: 60 })),
        (text) => {
          expect(countLetters(text)).toBe((text.match(/\p{L}/gu) ?? []).length);
        },
      ),
    );
  });
});
