import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIsoPrefix, normalizeMetadataDate, normalizeText, splitDateHeader } from '../../corpus/normalize.js';

describe('normalizeText', () => {
  it.each([
    ['composes decomposed umlauts (NFC)', 'Beho\u0308rde', 'Behörde'],
    ['turns CRLF and CR into LF', 'Erste Zeile\r\nZweite Zeile\rDritte', 'Erste Zeile\nZweite Zeile\nDritte'],
    ['folds every space variant into one space', 'Gina\u00a0Raimondo\t sagte\u2009das', 'Gina Raimondo sagte das'],
    ['drops soft hyphens and zero-width characters', 'Sicher\u00adheits\u200bwarnung', 'Sicherheitswarnung'],
    [
      'keeps paragraphs but at most one blank line',
      'Absatz eins.\n\n\n\n  Absatz zwei.  \n',
      'Absatz eins.\n\nAbsatz zwei.',
    ],
    ['trims leading blank lines', '\n\n  The agency said.', 'The agency said.'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(normalizeText(normalizeText(text))).toBe(normalizeText(text));
      }),
    );
  });
});

describe('splitDateHeader', () => {
  it.each([
    ['body on the next line', ' date 2017-12\nThe NCSC warned.', '2017-12', 'The NCSC warned.'],
    [
      'body on the same line',
      ' date 2024-06 "Kaspersky wird…", teilte das Ministerium mit.',
      '2024-06',
      '"Kaspersky wird…", teilte das Ministerium mit.',
    ],
    ['a full day', 'date 2022-03-15\nDas BSI warnt.', '2022-03-15', 'Das BSI warnt.'],
  ])('reads the header with %s', (_name, raw, value, body) => {
    expect(splitDateHeader(raw)).toEqual({ body, published: { value, source: 'header' } });
  });

  it.each([
    ['no header', 'The date 2017-12 was set.'],
    ['an impossible month', ' date 2017-13\nText'],
    ['a word that only starts with date', ' dated 2017-12\nText'],
  ])('leaves %s alone', (_name, raw) => {
    expect(splitDateHeader(raw)).toEqual({ body: raw, published: null });
  });
});

describe('normalizeMetadataDate', () => {
  it.each([
    ['2024-06-20T10:00:00Z', '2024-06-20'],
    ['2024-06-20T23:30:00+02:00', '2024-06-20'],
    ['2024-06', '2024-06'],
    ['20.06.2024', '2024-06-20'],
    ['June 20, 2024', '2024-06-20'],
    ['2024-02-30', null],
    ['soon', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeMetadataDate(input)).toBe(expected);
  });

  it('only ever returns valid calendar prefixes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        ),
        (input) => {
          const value = normalizeMetadataDate(input);
          if (value !== null) expect(isValidIsoPrefix(value)).toBe(true);
        },
      ),
    );
  });
});
