import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runQuoteBenchmark } from '../../pipeline/benchmarks/quotes.js';

const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-bench-quotes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An article in the benchmark's record format, written for this test, with its gold spans found by their text. */
function article(
  text: string,
  quotes: Array<{ kind: string; message: string; speaker: string | null; nested?: boolean }>,
) {
  const span = (part: string) => {
    const start = text.indexOf(part);
    if (start < 0) throw new Error(`not in the text: ${part}`);
    return { text: part, start, end: start + part.length };
  };
  return {
    id: 'wn-test',
    date: '2024-03-04',
    title: 'Test',
    text,
    quotes: quotes.map((q) => ({
      kind: q.kind,
      nested: q.nested ?? false,
      ...span(q.message),
      speaker: q.speaker ? span(q.speaker) : null,
    })),
  };
}

const TEXT =
  'Berlin, 4. März 2024. Die Innenministerin Nancy Faeser stellte den Bericht vor. ' +
  '„Die Bedrohungslage ist so hoch wie nie zuvor“, sagte Nancy Faeser. ' +
  'Sie sagte, die Behörden seien gut vorbereitet. ' +
  'Der Bericht sprach von einer angespannten Lage. ' +
  'Die Software gilt als „Risiko“.';

describe('bench-quotes', () => {
  it('scores direct and indirect quotes and their speakers, with reported speech neutral', () => {
    mkdirSync(join(dir, 'gold'), { recursive: true });
    const gold = article(TEXT, [
      { kind: 'direct', message: '„Die Bedrohungslage ist so hoch wie nie zuvor“', speaker: 'Nancy Faeser' },
      { kind: 'indirect', message: 'die Behörden seien gut vorbereitet', speaker: 'Sie' },
      { kind: 'reported', message: 'von einer angespannten Lage', speaker: 'Der Bericht' },
    ]);
    writeFileSync(join(dir, 'gold', 'train.jsonl'), JSON.stringify(gold) + '\n');
    const result = runQuoteBenchmark(dir);
    expect(result.documents).toBe(1);
    expect(result.all.direct).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(result.all.indirect).toMatchObject({ tp: 1, fn: 0 });
    // "Sie" is resolved to Nancy Faeser: the name shares no word with the pronoun, the pronoun's offsets are the gold's.
    expect(result.all.speaker.tp).toBe(2);
    expect(result.all.joint).toMatchObject({ tp: 2 });
    // The bare regex takes the scare quote too: one false positive.
    expect(result.naive.all.direct).toMatchObject({ tp: 1, fp: 1, fn: 0 });
  });
});
