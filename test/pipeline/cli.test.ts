import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../output/records.js';
import { validateExportRecord } from '../../output/validate.js';
import { PROJECT_ROOT } from '../../corpus/paths.js';

const run = promisify(execFile);
const CLI = join(PROJECT_ROOT, 'dist', 'pipeline', 'cli.js');
let dir: string;
let db: string;

/** The compiled CLI as a user runs it (`npm test` builds it first), with worker threads. */
async function cli(...args: string[]) {
  return run(process.execPath, [CLI, ...args], {
    cwd: PROJECT_ROOT,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it first)`);
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-cli-'));
  db = join(dir, 'kb.sqlite');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('advisory-kb CLI on the sample corpus', () => {
  it('imports the corpus with worker threads and prints the summary', async () => {
    const { stdout } = await cli('import', 'corpus/samples', '--db', db, '--workers', '2');
    expect(stdout).toMatch(/14 files read/);
    expect(stdout).toMatch(/imported 15 · duplicate 0 · unchanged 0 · degraded 0 · skipped 0 · failed 0/);
    expect(stdout).toMatch(/│ documents\s+│ 15\s+│/);
    expect(stdout).toMatch(/│\s+language de\s+│ 8\s+│/);
    expect(stdout).toMatch(/│\s+language en\s+│ 7\s+│/);
    // The two wire versions of the 5G story; the English and German records of the JSONL feed are translations, not
    // duplicates.
    expect(stdout).toMatch(/│ near duplicates\s+│ 1\s+│/);
  });

  it('changes no counts when run again', async () => {
    const before = JSON.parse((await cli('stats', '--db', db, '--json')).stdout) as unknown;
    const { stdout } = await cli('import', 'corpus/samples', '--db', db, '--json');
    const summary = JSON.parse(stdout) as { outcomes: Record<string, number>; knowledgeBase: unknown };
    expect(summary.outcomes).toMatchObject({ imported: 0, unchanged: 14 });
    expect(summary.knowledgeBase).toEqual(before);
  });

  it('exports JSON Lines that validate against the schema', async () => {
    const { stdout } = await cli('export', '--db', db, '--with-text');
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ExportRecord);
    expect(records).toHaveLength(15);
    for (const record of records) {
      const result = validateExportRecord(record);
      expect(result.valid ? [] : result.errors).toEqual([]);
    }
    expect(records.map((r) => r.id)).toEqual([...records.map((r) => r.id)].sort());
    const cp1252 = records.find((r) => r.source.path.endsWith('.cp1252.txt'))!;
    expect(cp1252.source.encoding).toBe('windows-1252');
    expect(cp1252.text).toContain('„Wir erleben eine Zeitenwende auch in der inneren Sicherheit“');
    const utf16 = records.find((r) => r.source.path.endsWith('.utf16.txt'))!;
    expect(utf16.text).toContain('«Mit dem neuen Bundesamt');
  });

  it('exports a JSON array to a file', async () => {
    const out = join(dir, 'kb.json');
    await cli('export', '--db', db, '--format', 'json', '--out', out);
    const records = JSON.parse(readFileSync(out, 'utf8')) as ExportRecord[];
    expect(records).toHaveLength(15);
    expect(records.every((r) => r.schemaVersion === '1')).toBe(true);
  });

  it('answers the query commands as tables and as JSON', async () => {
    const search = await cli('search', 'Kaspersky AND Raimondo', '--db', db);
    expect(search.stdout).toMatch(/^2 documents for "Kaspersky AND Raimondo", best first/);
    const hits = JSON.parse((await cli('search', 'Huawei', '--db', db, '--json', '--limit', '3')).stdout) as Array<{
      snippet: string;
    }>;
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => h.snippet.includes('[Huawei]'))).toBe(true);

    const agencies = JSON.parse((await cli('entities', '--type', 'agency', '--db', db, '--json')).stdout) as Array<{
      type: string;
      documents: number;
    }>;
    expect(agencies.every((a) => a.type === 'agency')).toBe(true);
    expect(agencies.map((a) => a.documents)).toEqual([...agencies.map((a) => a.documents)].sort((a, b) => b - a));

    const commerce = await cli('entity', 'Handelsministerium', '--db', db);
    expect(commerce.stdout).toMatch(/^Department of Commerce \(agency, DOC, US\) ent_/);
    expect(commerce.stdout).toMatch(/aliases: .*US-Handelsministerium/);
    // The English wire record of the NÚKIB warning writes the director's name without accents.
    const navratil = await cli('entity', 'Dusan Navratil', '--db', db);
    expect(navratil.stdout).toMatch(/^Dušan Navrátil \(person\) ent_[0-9a-f]+\n2 documents/);
    expect(navratil.stdout).toMatch(
      /│ Dusan Navratil\s+│ spelling\s+│ "Dušan Navrátil" and "Dusan Navratil" are the same name/,
    );

    const quotes = JSON.parse((await cli('quotes', '--speaker', 'Raimondo', '--db', db, '--json')).stdout) as Array<{
      speaker: { name: string };
      sources: unknown[];
    }>;
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(quotes.map((q) => q.speaker.name))).toEqual(new Set(['Gina Raimondo']));
    // The German ministry's statement on the 5G agreement runs in two of the sample reports.
    const carried = JSON.parse(
      (await cli('quotes', '--contains', 'Nervensysteme', '--db', db, '--json')).stdout,
    ) as Array<{ sources: unknown[] }>;
    expect(carried.map((q) => q.sources.length)).toEqual([2]);

    const timeline = await cli('timeline', 'Raimondo', '--db', db);
    expect(timeline.stdout).toMatch(/^Gina Raimondo \(person, ent_[0-9a-f]+\)\n/);
    expect(timeline.stdout).toMatch(/2024-06-20 │ document/);

    const show = await cli('show', 'bsi-warnung-kaspersky-2022.txt', '--db', db);
    expect(show.stdout).toMatch(/sources: samples\/de\/bsi-warnung-kaspersky-2022\.txt \(text, utf-8\)/);
    expect(show.stdout).toMatch(/Arne Schönbohm \[\d+–\d+\]/);

    const stats = JSON.parse((await cli('stats', '--db', db, '--json')).stdout) as {
      statements: number;
      quotes: number;
      mergedEntities: number;
    };
    expect(stats.statements).toBeLessThan(stats.quotes);
    expect(stats.mergedEntities).toBeGreaterThan(0);

    const missing = await cli('entity', 'Nobody Known', '--db', db).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'advisory-kb: no entity is named "Nobody Known" (try: advisory-kb entities --name …)\n',
    });
  });

  it('says clearly when the database cannot be written', async () => {
    const error = await cli('import', 'corpus/samples', '--db', join(dir, 'missing-folder', 'kb.sqlite')).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/^advisory-kb: cannot open the database file/);
    expect((error as { stderr: string }).stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
