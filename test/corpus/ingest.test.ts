import { describe, expect, it } from 'vitest';
import { ingestFile, ingestJsonLine } from '../../corpus/ingest.js';

const file = { path: 'feed.jsonl', sha256: '0'.repeat(64), encoding: 'utf-8' };

describe('ingestion of text with lone surrogates', () => {
  it.each([
    ['de', '{"text": "Das BSI warnt \\ud800 vor der Software des Herstellers.", "title": "BSI \\udc00 warnt"}', 1],
    ['en', '{"text": "CISA \\udfff\\ud800 ordered agencies to patch their gateways today."}', 2],
  ])('replaces each with U+FFFD before any offset exists, and says so (%s)', (_lang, line, count) => {
    const { documents } = ingestJsonLine(line, 4, file);
    const doc = documents[0]!;
    expect(doc.text.isWellFormed()).toBe(true);
    expect(doc.title?.isWellFormed() ?? true).toBe(true);
    expect(doc.text.match(/\uFFFD/g)).toHaveLength(count);
    expect(doc.messages).toEqual([
      {
        stage: 'decode',
        severity: 'warning',
        ruleId: 'lone-surrogate',
        detail: `${count} lone UTF-16 surrogate${count === 1 ? '' : 's'} replaced by U+FFFD`,
      },
    ]);
    // Stored as UTF-8 and read back, the text keeps its length: later offsets do not shift.
    expect(Buffer.from(doc.text, 'utf8').toString('utf8')).toBe(doc.text);
  });

  it('leaves a well-formed text and its own U+FFFD alone', () => {
    const text = 'Die Behörde warnte vor � beschädigten Zeichen in der Datei.';
    const { documents } = ingestFile({ path: 'a.txt', bytes: Buffer.from(text), sha256: 'x', kind: 'text' });
    expect(documents[0]!.text).toBe(text);
    expect(documents[0]!.messages).toEqual([]);
  });
});
