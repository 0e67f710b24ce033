import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { KnowledgeBaseRefusedError } from '../../output/knowledge-base.js';
import { Database } from '../../output/sqlite/database.js';
import { SqliteKnowledgeBase } from '../../output/sqlite/store.js';

const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MIGRATIONS = join(PROJECT_ROOT, 'output', 'sqlite', 'migrations');
const DOC = 'doc_0123456789abcdef01234567';

/** A knowledge base as an older release left it: the migrations up to `version` applied, with one document. */
async function databaseAt(version: number, name: string): Promise<string> {
  const path = join(dir, name);
  const db = await Database.open(path);
  await db.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const file of readdirSync(MIGRATIONS)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()) {
    if (Number.parseInt(file, 10) > version) break;
    await db.exec(readFileSync(join(MIGRATIONS, file), 'utf8'));
    await db.run("INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00Z')", [
      Number.parseInt(file, 10),
      file,
    ]);
  }
  await db.run(
    "INSERT INTO import_runs (id, started_at, status, arguments, tool_version) VALUES (1, '2026-11-01', 'completed', '[]', '0.1.0')",
  );
  await db.run(
    "INSERT INTO documents (id, text, language, language_confidence, published, first_run_id) VALUES (?, 'Das BSI warnt. Es rät ab.', 'de', 1, '2022-03-15', 1)",
    [DOC],
  );
  await db.close();
  return path;
}

describe('migrations', () => {
  it('keep the sentences and paragraphs of a version 4 base, now answered by views', async () => {
    const path = await databaseAt(4, 'v4.sqlite');
    const db = await Database.open(path);
    await db.exec(`INSERT INTO paragraphs VALUES ('${DOC}', 0, 25, 'de', 0.9);
                   INSERT INTO sentences VALUES ('${DOC}', 15, 25), ('${DOC}', 0, 14);`);
    await db.close();
    const store = await SqliteKnowledgeBase.open(path);
    expect(await store.db.all('SELECT document_id, start, "end" FROM sentences ORDER BY start')).toEqual([
      { document_id: DOC, start: 0, end: 14 },
      { document_id: DOC, start: 15, end: 25 },
    ]);
    expect(await store.db.all('SELECT start, "end", language, confidence FROM paragraphs')).toEqual([
      { start: 0, end: 25, language: 'de', confidence: 0.9 },
    ]);
    await store.close();
  });

  it('keep the near-duplicate index of a version 5 base, with documents numbered and dates copied', async () => {
    const path = await databaseAt(5, 'v5.sqlite');
    const db = await Database.open(path);
    await db.run('INSERT INTO document_minhash (document_id, signature) VALUES (?, ?)', [DOC, Buffer.alloc(768, 7)]);
    await db.run('INSERT INTO minhash_bands (band_key, document_id) VALUES (42, ?), (4294967338, ?)', [DOC, DOC]);
    await db.close();
    const store = await SqliteKnowledgeBase.open(path);
    expect(await store.schemaVersion()).toBeGreaterThanOrEqual(6);
    const signatures = await store.db.all<{ seq: number; document_id: string; published: string; signature: Buffer }>(
      'SELECT seq, document_id, published, signature FROM document_minhash',
    );
    expect(signatures).toHaveLength(1);
    expect(signatures[0]).toMatchObject({ document_id: DOC, published: '2022-03-15' });
    expect(signatures[0]!.signature.equals(Buffer.alloc(768, 7))).toBe(true);
    expect(await store.db.all('SELECT band_key, document_seq FROM minhash_bands ORDER BY band_key')).toEqual([
      { band_key: 42, document_seq: signatures[0]!.seq },
      { band_key: 4294967338, document_seq: signatures[0]!.seq },
    ]);
    await store.close();
  });
});

describe('migration 7', () => {
  it('keeps every document searchable, and indexes a long text up to its first 2,000,000 characters', async () => {
    const path = await databaseAt(6, 'v6.sqlite');
    const db = await Database.open(path);
    const long = 'Anfang der Warnung. ' + 'Füllwort '.repeat(250_000) + 'Schlusswort.';
    await db.run(
      "INSERT INTO documents (id, text, language, language_confidence, first_run_id) VALUES ('doc_long', ?, 'de', 1, 1)",
      [long],
    );
    await db.close();
    const store = await SqliteKnowledgeBase.open(path);
    const matching = async (word: string) =>
      (
        await store.db.all<{ id: string }>(
          'SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY d.id',
          [word],
        )
      ).map((r) => r.id);
    expect(await matching('warnt')).toEqual([DOC]);
    expect(await matching('anfang')).toEqual(['doc_long']);
    expect(await matching('schlusswort')).toEqual([]);
    expect(
      (await store.db.get<{ n: number }>('SELECT length(text) AS n FROM documents WHERE id = ?', ['doc_long']))!.n,
    ).toBe(long.length);
    await store.close();
  });
});

describe('a migration that fails', () => {
  it('leaves the base at the version it had, not half-way', async () => {
    const path = await databaseAt(5, 'v5-conflict.sqlite');
    const db = await Database.open(path);
    // An object migration 7 creates is there already: 6 would succeed, 7 fails.
    await db.exec('CREATE TABLE documents_searchable (x)');
    await db.close();
    await expect(SqliteKnowledgeBase.open(path)).rejects.toThrow(/documents_searchable/);
    const after = await Database.open(path);
    expect((await after.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))!.v).toBe(5);
    expect(
      await after.get("SELECT 1 FROM sqlite_master WHERE name = 'minhash_bands' AND sql LIKE '%document_id%'"),
    ).toBeTruthy();
    await after.close();
  });
});

describe('a database that is not ours', () => {
  it.each([
    [
      'another program’s',
      'CREATE TABLE customers (id INTEGER, name TEXT); INSERT INTO customers VALUES (1, ?)',
      /is not an advisory-kb knowledge base: it holds other tables \(customers\); nothing was changed/,
    ],
    [
      'a newer advisory-kb’s',
      `CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (99, ?, '2027-01-01')`,
      /was written by a newer advisory-kb \(schema version 99; this one knows up to \d+\); nothing was changed/,
    ],
  ])('is refused, byte for byte unchanged (%s)', async (_case, sql, message) => {
    const path = join(dir, `foreign-${_case.length}.sqlite`);
    const db = await Database.open(path);
    const [create, insert] = sql.split('; ');
    await db.exec(create!);
    await db.run(insert!, ['099_future.sql']);
    await db.close();
    const before = readFileSync(path);
    await expect(SqliteKnowledgeBase.open(path)).rejects.toThrow(KnowledgeBaseRefusedError);
    await expect(SqliteKnowledgeBase.open(path)).rejects.toThrow(message);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
