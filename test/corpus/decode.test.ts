import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../corpus/decode.js';

const GERMAN =
  'Das Bundesamt für Sicherheit warnt: „Größte Vorsicht“ bei Äußerungen über Übergänge, sagte die Behörde.';
const ENGLISH = 'The agency said the “unacceptable risk” remains — officials’ guidance follows.';

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe('decodeBytes', () => {
  it.each([
    ['UTF-8', Buffer.from(GERMAN, 'utf8'), 'utf-8', GERMAN],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ENGLISH, 'utf8')]),
      'utf-8',
      ENGLISH,
    ],
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GERMAN, 'utf16le')]),
      'utf-16le',
      GERMAN,
    ],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(GERMAN)]), 'utf-16be', GERMAN],
    ['UTF-16 LE without BOM', Buffer.from(ENGLISH, 'utf16le'), 'utf-16le', ENGLISH],
  ])('%s', (_name, bytes, encoding, text) => {
    expect(decodeBytes(bytes)).toEqual({ ok: true, encoding, text });
  });

  it('decodes Windows-1252 with German umlauts and „quotes“ intact', () => {
    // „ is 0x84 and “ is 0x93 in Windows-1252; ü 0xFC, ß 0xDF.
    const bytes = Buffer.from([
      ...Buffer.from('Die Beh', 'latin1'),
      0xf6,
      ...Buffer.from('rde warnte: ', 'latin1'),
      0x84,
      ...Buffer.from('Gr', 'latin1'),
      0xf6,
      0xdf,
      ...Buffer.from('te Vorsicht f', 'latin1'),
      0xfc,
      ...Buffer.from('r alle Nutzer', 'latin1'),
      0x93,
      ...Buffer.from(', sagte der Pr', 'latin1'),
      0xe4,
      ...Buffer.from('sident am Dienstag in M', 'latin1'),
      0xfc,
      ...Buffer.from('nchen.', 'latin1'),
    ]);
    const result = decodeBytes(bytes);
    expect(result).toEqual({
      ok: true,
      encoding: 'windows-1252',
      text: 'Die Behörde warnte: „Größte Vorsicht für alle Nutzer“, sagte der Präsident am Dienstag in München.',
    });
  });

  it('honours a declared HTML charset for legacy pages', () => {
    const html = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>Stra', 'latin1'),
      Buffer.from([0xdf]),
      Buffer.from('e</p></body></html>', 'latin1'),
    ]);
    const result = decodeBytes(html, { html: true });
    expect(result.ok && result.text).toContain('Straße');
  });

  it.each([
    ['empty', new Uint8Array(0), 'empty'],
    [
      'binary with NUL bytes',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'binary',
    ],
    ['control characters', Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))), 'binary'],
  ])('rejects %s', (_name, bytes, reason) => {
    const result = decodeBytes(bytes);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(reason);
  });

  it.each([
    [
      'a Windows-1252 „ü“ pasted into UTF-8 text',
      Buffer.concat([
        Buffer.from('Die Behörde warnt: ', 'utf8'),
        Buffer.from([0x84, 0xfc, 0x93]),
        Buffer.from(' vor Übergriffen.', 'utf8'),
      ]),
      'Die Behörde warnt: „ü“ vor Übergriffen.',
      /3 invalid bytes \(the first at byte 20\)/,
    ],
    [
      'a UTF-8 copy cut off inside a character',
      Buffer.from('The agency’s “final” word: Behö', 'utf8').subarray(0, -1),
      'The agency’s “final” word: Beh\u00c3',
      /1 invalid bytes/,
    ],
  ])('reads %s as UTF-8 and reports the invalid bytes', (_name, bytes, text, detail) => {
    const result = decodeBytes(bytes);
    expect(result).toMatchObject({ ok: true, encoding: 'utf-8', text, repairs: [{ reason: 'invalid-utf8' }] });
    expect(result.ok && result.repairs![0]!.detail).toMatch(detail);
  });

  it.each([
    [
      'trailing NUL padding',
      Buffer.concat([Buffer.from(GERMAN, 'utf8'), Buffer.alloc(4096)]),
      /4096 NUL bytes of padding at the end/,
    ],
    [
      'a stray NUL inside the text',
      Buffer.concat([
        Buffer.from(ENGLISH.slice(0, 20), 'utf8'),
        Buffer.from([0]),
        Buffer.from(ENGLISH.slice(20), 'utf8'),
      ]),
      /1 NUL bytes inside the text/,
    ],
  ])('removes %s from a text file and says so', (_name, bytes, detail) => {
    const result = decodeBytes(bytes);
    expect(result.ok && result.text).toBe(result.ok && result.text.startsWith('Das') ? GERMAN : ENGLISH);
    expect(result.ok && result.repairs).toEqual([{ reason: 'nul-bytes', detail: expect.stringMatching(detail) }]);
  });

  it('still rejects NUL-rich text as binary', () => {
    const bytes = Buffer.from(
      Array.from(Buffer.from(ENGLISH, 'utf8')).flatMap((b, i) => (i % 50 === 0 ? [b, 0] : [b])),
    );
    expect(decodeBytes(bytes)).toMatchObject({ ok: false, reason: 'binary' });
  });

  it('never throws, and any text it returns is a string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeBytes(bytes);
        if (result.ok) expect(typeof result.text).toBe('string');
        else expect(['empty', 'binary', 'undecodable']).toContain(result.reason);
      }),
    );
  });

  it('round-trips any Unicode string through UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        const result = decodeBytes(Buffer.from(text, 'utf8'));
        if (result.ok) expect(result.text).toBe(text);
      }),
    );
  });
});
