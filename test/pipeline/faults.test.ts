import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  ftruncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../output/records.js';
import { SqliteKnowledgeBase } from '../../output/sqlite/store.js';
import { generateCorpus } from '../../pipeline/benchmarks/synthetic.js';
import { readErrorOutcome } from '../../corpus/outcomes.js';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { runImport } from '../../pipeline/runner.js';
import type { FileOutcome } from '../../corpus/document.js';
import { DE_ADVISORY, EN_ADVISORY } from '../fixtures/documents.js';

const run = promisify(execFile);
const CLI = join(PROJECT_ROOT, 'dist', 'pipeline', 'cli.js');
const ARCHIVE_DOCS = 300;
let dir: string;
let archive: string;

/** The compiled CLI as a user runs it (`npm test` builds it first). */
const cli = (...args: string[]) =>
  run(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 });

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it first)`);
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-faults-'));
  archive = generateCorpus(join(dir, 'archive'), ARCHIVE_DOCS, 7).folder;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything the knowledge base knows, independent of runs: the export with texts, and the entity table. */
async function knowledgeBase(path: string): Promise<{ records: ExportRecord[]; entities: unknown[] }> {
  const store = await SqliteKnowledgeBase.open(path, { readonly: true });
  const records: ExportRecord[] = [];
  for await (const record of store.exportRecords({ withText: true })) records.push(record);
  const entities = await store.db.all(
    'SELECT id, key, type, name, acronym, country, parent_id FROM entities ORDER BY id',
  );
  await store.close();
  return { records, entities };
}

async function countRows(path: string, sql: string): Promise<number> {
  const store = await SqliteKnowledgeBase.open(path, { readonly: true });
  try {
    return (await store.db.get<{ n: number }>(sql))!.n;
  } finally {
    await store.close();
  }
}

/** Counts in one read transaction, and the invariants a reader must never see broken while an import writes. */
async function readDuringImport(path: string): Promise<{ documents: number; orphans: number }> {
  const store = await SqliteKnowledgeBase.open(path, { readonly: true });
  try {
    const row = await store.db.get<{ documents: number; orphans: number }>(
      `SELECT (SELECT COUNT(*) FROM documents) AS documents,
              (SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_sources s WHERE s.document_id = d.id))
            + (SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.document_id)) AS orphans`,
    );
    return row!;
  } finally {
    await store.close();
  }
}

describe('an import killed and run again', () => {
  it('ends with exactly the knowledge base of an uninterrupted run', async () => {
    const clean = join(dir, 'clean.sqlite');
    const resumed = join(dir, 'resumed.sqlite');
    await cli('import', archive, '--db', clean, '--workers', '1', '--no-progress');

    const child = spawn(
      process.execPath,
      [CLI, 'import', archive, '--db', resumed, '--workers', '1', '--no-progress'],
      { cwd: PROJECT_ROOT, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    let seen = { documents: 0, orphans: 0 };
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (!existsSync(resumed)) continue;
      seen = await readDuringImport(resumed).catch(() => seen);
      expect(seen.orphans).toBe(0);
      if (seen.documents >= 30) break;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const atKill = await readDuringImport(resumed);
    expect(atKill.documents).toBeLessThan((await knowledgeBase(clean)).records.length);
    // The killed import held band rows back: the documents waiting for them are listed, and the resumed import
    // must index them first to find the near duplicates of the clean run.
    expect(await countRows(resumed, 'SELECT COUNT(*) AS n FROM minhash_unindexed')).toBeGreaterThan(0);

    await cli('import', archive, '--db', resumed, '--workers', '1', '--no-progress');
    expect(await knowledgeBase(resumed)).toEqual(await knowledgeBase(clean));
    expect(await countRows(resumed, 'SELECT COUNT(*) AS n FROM minhash_unindexed')).toBe(0);
    expect(await countRows(resumed, "SELECT COUNT(*) AS n FROM import_runs WHERE status = 'failed'")).toBe(1);
    expect(await countRows(resumed, "SELECT COUNT(*) AS n FROM import_runs WHERE status = 'running'")).toBe(0);
  }, 120_000);
});

describe('two imports into one database at the same time', () => {
  it('both succeed, serialized, and store everything once', async () => {
    const clean = join(dir, 'single.sqlite');
    const shared = join(dir, 'shared.sqlite');
    await cli('import', archive, '--db', clean, '--no-progress');
    const [first, second] = await Promise.all([
      cli('import', archive, '--db', shared, '--no-progress', '--json', '--workers', '1'),
      cli('import', archive, '--db', shared, '--no-progress', '--json', '--workers', '1'),
    ]);
    for (const { stdout } of [first, second])
      expect((JSON.parse(stdout) as { outcomes: Record<string, number> }).outcomes['failed'] ?? 0).toBe(0);
    expect(await knowledgeBase(shared)).toEqual(await knowledgeBase(clean));
  }, 120_000);
});

describe('a disk that takes no more', () => {
  // A file size limit stands in for a full disk: SQLite's writes past it fail as they would there. 64 KB fails while
  // the schema is created, 2 MB in the middle of the import.
  it.each([64, 2048])(
    'ends the import with a one-line reason, not a stack trace (limit %i KB)',
    async (kilobytes) => {
      const db = join(dir, `full-${kilobytes}.sqlite`);
      const script = `trap '' XFSZ; ulimit -f ${kilobytes}; exec "${process.execPath}" "${CLI}" import "${archive}" --db "${db}" --no-progress --workers 1`;
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn('bash', ['-c', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        let text = '';
        child.stderr.on('data', (data: Buffer) => (text += data.toString()));
        child.on('exit', (exitCode) => resolve({ code: exitCode, stderr: text }));
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /^advisory-kb: (the disk is full|the database file could not be written \(disk full, quota or file size limit reached, or a failing disk\)) \(SQLITE_(FULL|IOERR)\)\n$/,
      );
    },
    120_000,
  );
});

describe('bad input', () => {
  let bad: string;
  let outcomes: Record<string, string>;

  beforeAll(async () => {
    bad = join(dir, 'bad');
    mkdirSync(bad);
    // 200 MB without writing 200 MB: a sparse file has the size the walker sees.
    const huge = openSync(join(bad, 'huge.txt'), 'w');
    ftruncateSync(huge, 200 * 1024 * 1024);
    closeSync(huge);
    const sentence = 'Das Bundesamt für Sicherheit in der Informationstechnik warnt am 15. März 2022 vor Kaspersky. ';
    writeFileSync(join(bad, 'one-line.txt'), sentence.repeat(Math.ceil(10_000_000 / Buffer.byteLength(sentence))));
    writeFileSync(
      join(bad, 'deep.html'),
      `<html><body>${'<div>'.repeat(100_000)}<p>${EN_ADVISORY}</p>${'</div>'.repeat(100_000)}</body></html>`,
    );
    writeFileSync(
      join(bad, 'invalid-utf8.txt'),
      Buffer.concat([Buffer.from(DE_ADVISORY, 'utf8'), Buffer.from([0x84, 0x66, 0xfc, 0x72, 0x93])]),
    );
    writeFileSync(
      join(bad, 'nul-padded.txt'),
      Buffer.concat([Buffer.from(EN_ADVISORY.replace('CISA', 'CISA today'), 'utf8'), Buffer.alloc(8192)]),
    );
    writeFileSync(
      join(bad, 'nul-rich.txt'),
      Buffer.from(Array.from(Buffer.from(EN_ADVISORY, 'utf8')).flatMap((b, i) => (i % 20 === 0 ? [0, b] : [b]))),
    );
    writeFileSync(
      join(bad, 'feed.jsonl'),
      [
        JSON.stringify({ text: DE_ADVISORY.replace('BSI', 'BSI heute') }),
        '{"text": "abgeschnitten',
        '',
        'kein json',
        JSON.stringify({ body: EN_ADVISORY.replace('CISA', 'CISA now') }),
      ].join('\n'),
    );
    const summary = await runImport([bad], { db: join(dir, 'bad.sqlite'), workers: 0 });
    outcomes = Object.fromEntries(
      summary.outcomes.map((o: FileOutcome) => [
        o.record === null ? o.path : `${o.path}:${o.record}`,
        `${o.status} ${o.reason ?? ''}: ${o.detail ?? ''}`,
      ]),
    );
  }, 120_000);

  it.each([
    ['a 200 MB file', 'bad/huge.txt', /^skipped too-large: 200\.0 MiB exceeds the 50 MiB limit/],
    [
      'a file of one 10 MB line',
      'bad/one-line.txt',
      /^degraded analysis-truncated: analyze: text of \d{7} characters analysed up to character 99\d{4} \(limit 1000000 characters\)/,
    ],
    [
      'HTML nested 100 000 levels deep',
      'bad/deep.html',
      /^degraded html-too-deep: load: elements nested 100000 levels deep/,
    ],
    ['invalid UTF-8', 'bad/invalid-utf8.txt', /^degraded invalid-utf8: decode: UTF-8 with 3 invalid bytes/],
    ['NUL padding', 'bad/nul-padded.txt', /^degraded nul-bytes: decode: removed 8192 NUL bytes of padding/],
    ['NUL bytes throughout', 'bad/nul-rich.txt', /^skipped binary/],
    ['a good JSONL line', 'bad/feed.jsonl:1', /^imported/],
    ['a JSONL line cut off', 'bad/feed.jsonl:2', /^skipped jsonl-line-invalid: line 2: not valid JSON/],
    ['a JSONL line that is not JSON', 'bad/feed.jsonl:4', /^skipped jsonl-line-invalid: line 4: not valid JSON/],
    ['the good line after broken ones', 'bad/feed.jsonl:5', /^imported/],
  ])('%s gets a specific outcome and the batch goes on', (_name, path, outcome) => {
    expect(outcomes[path]).toMatch(outcome);
  });

  it('keeps the text of a repaired file', async () => {
    const { records } = await knowledgeBase(join(dir, 'bad.sqlite'));
    const repaired = records.find((r) => r.source.path === 'bad/invalid-utf8.txt')!;
    expect(repaired.text).toMatch(/„für“$/);
    const deep = records.find((r) => r.source.path === 'bad/deep.html')!;
    expect(deep.text).toContain(EN_ADVISORY.split('\n')[0]!.trim());
  });

  it('names a permission problem as unreadable', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'secret.txt'"), { code: 'EACCES' });
    expect(readErrorOutcome('archive/secret.txt', denied)).toMatchObject({
      status: 'skipped',
      reason: 'unreadable',
      detail: 'permission denied (EACCES)',
    });
  });

  it.skipIf(process.getuid?.() === 0)('skips a file without read permission (not testable as root)', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'secret.txt'), DE_ADVISORY);
    chmodSync(join(locked, 'secret.txt'), 0o000);
    const summary = await runImport([locked], { db: join(dir, 'locked.sqlite'), workers: 0 });
    expect(summary.outcomes).toEqual([
      expect.objectContaining({ path: 'locked/secret.txt', status: 'skipped', reason: 'unreadable' }),
    ]);
  });
});
