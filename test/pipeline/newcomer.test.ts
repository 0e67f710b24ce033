import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { Database } from '../../output/sqlite/database.js';
import { KNOWLEDGE_BASE_FILES } from '../fixtures/knowledge-base.js';
import { CLI, cli, failing, run } from '../fixtures/cli.js';
import { hasProgram } from '../fixtures/shared.js';

/** Every command as a new user types it, from the README only: what goes wrong must say what to do. */

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-newcomer-'));
  db = join(dir, 'kb.sqlite');
  await cli('import', 'corpus/samples', '--db', db, '--workers', '1');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a newcomer', () => {
  it('asking a knowledge base that does not exist is told so and how to make one, and nothing is created', async () => {
    const missing = join(dir, 'kb-typo.sqlite');
    const { code, stderr } = await failing('stats', '--db', missing);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `advisory-kb: there is no knowledge base at ${missing}: import documents into it first (advisory-kb import <folder> --db ${missing}), or name another with --db\n`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('can query a shared knowledge base in a folder they cannot write', async () => {
    const root = process.getuid?.() === 0;
    if (root && !hasProgram('setpriv', 'util-linux')) return;
    // The base is copied to a share as people copy it: the one file, its write-ahead log moved in first.
    const source = join(dir, 'to-share.sqlite');
    await cli('import', 'corpus/samples', '--db', source, '--workers', '1');
    const writer = await Database.open(source);
    await writer.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    await writer.close();
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    copyFileSync(source, join(shared, 'kb.sqlite'));
    chmodSync(join(shared, 'kb.sqlite'), 0o644);
    chmodSync(shared, 0o555);
    chmodSync(dir, 0o755);
    try {
      // root writes anywhere: the query then runs as nobody, for whom the folder is read-only.
      const asReader = root
        ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]]
        : [process.execPath, []];
      const [command, prefix] = asReader as [string, string[]];
      const { stdout } = await run(
        command,
        [...prefix, CLI, 'entities', '--type', 'agency', '--db', join(shared, 'kb.sqlite'), '--json'],
        { cwd: tmpdir() },
      );
      expect((JSON.parse(stdout) as unknown[]).length).toBeGreaterThan(5);
    } finally {
      chmodSync(shared, 0o755);
    }
  });

  it.each([
    [
      'a mistyped path',
      (d: string) => join(d, 'archiv-2024-typo'),
      /no readable file \(\.txt \.md \.html \.json \.jsonl\) was found/,
    ],
    [
      'a folder of unsupported files only',
      (d: string) => {
        mkdirSync(join(d, 'pdfs'), { recursive: true });
        writeFileSync(join(d, 'pdfs', 'bericht.pdf'), '%PDF-1.4');
        writeFileSync(join(d, 'pdfs', 'tabelle.xlsx'), 'PK');
        return join(d, 'pdfs');
      },
      /nothing was imported/,
    ],
  ])('importing %s exits 1 and says nothing was imported', async (_, input, reason) => {
    const { code, stderr } = await failing('import', input(dir), '--db', join(dir, 'empty.sqlite'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/nothing was imported/);
    expect(stderr).toMatch(reason);
  });

  it.each([
    ['--to', '2024-13-45'],
    ['--from', '2023-02-29'],
    ['--to', '2024-04-31'],
  ])('gets %s %s refused: the calendar has no such day', async (option, date) => {
    const { code, stderr } = await failing('quotes', option, date, '--db', db);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${date} is not a date of the calendar`));
  });

  it('may give a leap day and a bare month', async () => {
    const { stdout } = await cli('quotes', '--from', '2024-02-29', '--to', '2024-12', '--db', db, '--json');
    expect(JSON.parse(stdout)).toBeInstanceOf(Array);
  });

  it.each([
    ['eval', 'holds no gold annotations: it must contain pairs of <id>.txt'],
    ['bench-dates', 'is not a TIMEX benchmark folder: it must contain gold/docs.jsonl'],
    ['bench-ner', 'is not a GermEval-style NER benchmark folder: it must contain gold/sentences.jsonl'],
    ['bench-quotes', 'is not a GermEval 2023 speaker-attribution benchmark folder: it must contain gold/train.jsonl'],
  ])('running %s on a folder that is not a benchmark is told what it must contain', async (command, message) => {
    const folder = join(dir, 'no-such-benchmark');
    const { code, stderr } = await failing(command, folder);
    expect(code).toBe(1);
    expect(stderr).toContain(`advisory-kb: ${folder} ${message}`);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads in the summary why there are more documents than files', async () => {
    const { stdout } = await cli('import', 'corpus/samples', '--db', join(dir, 'summary.sqlite'), '--workers', '1');
    expect(stdout).toMatch(/14 files read/);
    expect(stdout).toMatch(/This run, counting the 2 records of 1 JSON\/JSONL file one by one: imported 15 ·/);
  });

  it('sees the progress bar at once on a terminal, before the extractors have loaded', async () => {
    if (!hasProgram('script', 'bsdutils')) return;
    const command = `${process.execPath} ${CLI} import corpus/samples --db ${join(dir, 'tty.sqlite')} --workers 1`;
    const { stdout } = await run('script', ['-qec', command, '/dev/null'], { cwd: PROJECT_ROOT });
    const loading = stdout.indexOf('loading the extractors');
    expect(loading).toBeGreaterThan(-1);
    expect(loading).toBeLessThan(stdout.indexOf('14/14 files'));
  });
});

describe("the README's commands", () => {
  it('run as shown once npm start has made the default knowledge base: every query and export', async () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('## Commands')).split('```')[1]!;
    const commands = block
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => /^npx advisory-kb (stats|search|entities|entity|quotes|timeline|show|export)\b/.test(line));
    expect(commands.length).toBeGreaterThan(10);
    const work = join(dir, 'readme');
    mkdirSync(work);
    // What npm start does in the clone: the sample corpus into ./advisory-kb.sqlite.
    await run(process.execPath, [CLI, 'import', join(PROJECT_ROOT, 'corpus', 'samples'), '--workers', '1'], {
      cwd: work,
    });
    for (const command of commands) {
      const shell = command.replace(/^npx advisory-kb/, `"${process.execPath}" "${CLI}"`);
      // Each must exit 0: a missing --db file or a bad argument fails here.
      await run('sh', ['-c', shell], { cwd: work, maxBuffer: 64 * 1024 * 1024 });
    }
    expect(existsSync(join(work, 'kb-csv', 'mentions.csv'))).toBe(true);
  }, 120_000);
});

describe('Ctrl-C during an import', () => {
  it('commits what finished, marks the run interrupted, says how to resume; the re-run adds the rest once', async () => {
    const archive = join(dir, 'archive');
    mkdirSync(archive);
    const texts = Object.values(KNOWLEDGE_BASE_FILES);
    for (let i = 0; i < 1200; i++)
      writeFileSync(join(archive, `meldung-${i}.txt`), `${texts[i % texts.length]}\nMeldung ${i} des Lagezentrums.\n`);
    const target = join(dir, 'interrupted.sqlite');
    const child = spawn(process.execPath, [CLI, 'import', archive, '--db', target, '--workers', '1'], {
      cwd: PROJECT_ROOT,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const stored = async () => {
      if (!existsSync(target)) return 0;
      const reader = await Database.open(target, true);
      try {
        return (await reader.get<{ n: number }>('SELECT COUNT(*) AS n FROM documents').catch(() => ({ n: 0 })))!.n;
      } finally {
        await reader.close();
      }
    };
    // Interrupted once the first batch is committed, long before the last.
    while ((await stored()) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted \(run 1\); run the same command again to resume/);
    const reader = await Database.open(target, true);
    const runs = await reader.all<{ status: string }>('SELECT status FROM import_runs');
    const before = (await reader.get<{ n: number }>('SELECT COUNT(*) AS n FROM documents'))!.n;
    await reader.close();
    expect(runs).toEqual([{ status: 'interrupted' }]);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(1200);

    const { stdout } = await cli('import', archive, '--db', target, '--workers', '1', '--json');
    const summary = JSON.parse(stdout) as { outcomes: { imported: number; unchanged: number } };
    expect(summary.outcomes.imported + summary.outcomes.unchanged).toBe(1200);
    expect(summary.outcomes.unchanged).toBeGreaterThanOrEqual(before);
    expect(await stored()).toBe(1200);
  }, 120_000);
});
