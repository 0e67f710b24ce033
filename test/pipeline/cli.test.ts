import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../output/export.js';
import { validateExportRecord } from '../../output/validate.js';
import { PROJECT_ROOT } from '../../pipeline/paths.js';

const run = promisify(execFile);
const CLI = join(PROJECT_ROOT, 'dist', 'pipeline', 'cli.js');
let dir: string;
let db: string;

/** The compiled CLI as a user runs it (`npm test` builds it first), with worker threads. */
async function cli(...args: string[]) {
  return run(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
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
    // The two wire versions of the 5G story; the English and German records of the JSONL feed are translations, not duplicates.
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
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line) as ExportRecord);
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

  it('says clearly when the database cannot be written', async () => {
    const error = await cli('import', 'corpus/samples', '--db', join(dir, 'missing-folder', 'kb.sqlite')).catch((e: { code: number; stderr: string }) => e);
    expect(error).toMatchObject({ code: 1 });
    expect((error as { stderr: string }).stderr).toMatch(/^advisory-kb: cannot open the database file/);
    expect((error as { stderr: string }).stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
