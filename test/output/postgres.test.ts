import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { MINHASH_NEAR_DUPLICATES } from '../../extractors/minhash.js';
import { KnowledgeBaseRefusedError } from '../../output/knowledge-base.js';
import { writeDocuments } from '../../output/postgres/documents.js';
import { PostgresKnowledgeBase } from '../../output/postgres/store.js';
import { cli } from '../fixtures/cli.js';
import { KNOWLEDGE_BASE_FILES } from '../fixtures/knowledge-base.js';
import { freshDatabase } from '../fixtures/postgres.js';
import { serverUrl } from '../fixtures/shared.js';
import { entity, written } from '../fixtures/stored-documents.js';

/**
 * The PostgreSQL backend against the embedded one: the same archive imported into each gives the same export and
 * the same answers to every query command; search runs in each document's language; concurrent writers store each
 * document and entity once.
 */

const server = serverUrl('ADVISORY_KB_TEST_POSTGRES', 'a PostgreSQL server');
const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-postgres-'));
const archive = join(dir, 'archive');
const sqlite = join(dir, 'kb.sqlite');
const databases: Array<() => Promise<void>> = [];
let postgres = '';

/** The output of a command against each backend. */
const both = async (...args: string[]) =>
  (await Promise.all([sqlite, postgres].map(async (db) => (await cli(...args, '--db', db)).stdout))) as [
    string,
    string,
  ];

beforeAll(async () => {
  if (!server) return;
  for (const [path, text] of Object.entries(KNOWLEDGE_BASE_FILES)) {
    mkdirSync(dirname(join(archive, 'kb', path)), { recursive: true });
    writeFileSync(join(archive, 'kb', path), text);
  }
  const samples = join(PROJECT_ROOT, 'corpus', 'samples');
  const db = await freshDatabase(server);
  databases.push(db.drop);
  postgres = db.url;
  for (const target of [sqlite, postgres])
    await cli('import', samples, join(archive, 'kb'), '--db', target, '--workers', '1', '--no-progress');
}, 240_000);

afterAll(async () => {
  for (const drop of databases) await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!server)('the PostgreSQL knowledge base', () => {
  it('exports, byte for byte, what the SQLite one exports from the same archive', async () => {
    const [embedded, server] = await both('export', '--format', 'jsonl');
    expect(embedded.split('\n').length).toBeGreaterThan(15);
    expect(server).toBe(embedded);
  });

  it('leaves no found row without its document or entity (the tables that carry no foreign key)', async () => {
    const client = new pg.Client({ connectionString: postgres });
    await client.connect();
    const orphans = async (table: string, column: string, parent: string) =>
      (
        await client.query(
          `SELECT COUNT(*)::int AS n FROM ${table} c WHERE c.${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.id = c.${column})`,
        )
      ).rows[0].n as number;
    const checks = [
      ['document_sources', 'document_id', 'documents'],
      ['document_layout', 'document_id', 'documents'],
      ['document_entities', 'document_id', 'documents'],
      ['document_entities', 'entity_id', 'entities'],
      ['document_entities', 'affiliation_id', 'entities'],
      ['mentions', 'document_id', 'documents'],
      ['mentions', 'entity_id', 'entities'],
      ['dates', 'document_id', 'documents'],
      ['quotes', 'document_id', 'documents'],
      ['quotes', 'speaker_entity_id', 'entities'],
      ['quotes', 'speaker_affiliation_id', 'entities'],
    ];
    const found: number[] = [];
    for (const [table, column, parent] of checks) found.push(await orphans(table!, column!, parent!));
    const bands = (
      await client.query(
        'SELECT COUNT(*)::int AS n FROM minhash_bands b WHERE NOT EXISTS (SELECT 1 FROM document_minhash m WHERE m.seq = b.document_seq)',
      )
    ).rows[0].n as number;
    const mentions = (await client.query('SELECT COUNT(*)::int AS n FROM mentions')).rows[0].n as number;
    await client.end();
    expect(mentions).toBeGreaterThan(100);
    expect([...found, bands]).toEqual(checks.map(() => 0).concat(0));
  });

  it.each([
    ['entities', '--json'],
    ['entities', '--name', 'handels', '--json'],
    ['entity', 'Gina Raimondo', '--json'],
    ['entity', 'BSI', '--json'],
    ['quotes', '--json', '--limit', '500'],
    ['quotes', '--agency', 'Department of Commerce', '--json'],
    ['quotes', '--speaker', 'raimondo', '--from', '2024-06', '--to', '2024-06', '--json'],
    ['timeline', 'Kaspersky', '--json'],
    ['show', 'usa-verbieten-kaspersky.txt', '--json'],
    ['stats', '--json'],
  ])('answers %s %s as SQLite does', async (...args) => {
    const [embedded, server] = await both(...args);
    expect(embedded.length).toBeGreaterThan(10);
    expect(server).toBe(embedded);
  });

  it.each([
    // German stemming: "verbietet" and "Verbot" in the text, "verbieten" typed.
    ['verbieten', 'usa-verbieten-kaspersky'],
    // English stemming: "prohibited" in the text.
    ['prohibits', 'commerce-kaspersky'],
    ['"Department of Commerce"', 'commerce-kaspersky'],
  ])('searches in each document’s language: %s', async (query, file) => {
    const hits = JSON.parse((await cli('search', query, '--db', postgres, '--json')).stdout) as Array<{
      path: string;
      snippet: string;
      score: number;
    }>;
    expect(hits.some((h) => h.path.includes(file))).toBe(true);
    expect(hits[0]!.snippet).toMatch(/\[[^\]]+\]/);
    expect(hits[0]!.score).toBeGreaterThan(0);
  });

  it('refuses a database that holds another program’s tables, and changes nothing', async () => {
    const db = await freshDatabase(server!);
    databases.push(db.drop);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE invoices (id int)');
    await expect(PostgresKnowledgeBase.open(db.url, { nearDuplicates: MINHASH_NEAR_DUPLICATES })).rejects.toThrow(
      KnowledgeBaseRefusedError,
    );
    const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    await client.end();
    expect(tables.rows).toEqual([{ table_name: 'invoices' }]);
  });

  it('stores each document and entity once when writers store overlapping batches at the same moment', async () => {
    const db = await freshDatabase(server!);
    databases.push(db.drop);
    const writers = await Promise.all(
      [0, 1, 2].map(() => PostgresKnowledgeBase.open(db.url, { nearDuplicates: MINHASH_NEAR_DUPLICATES })),
    );
    const runId = await writers[0]!.beginRun(['test'], 'test');
    // Every writer stores the same documents, each naming the same agencies, in a different order.
    const texts = Array.from({ length: 12 }, (_, i) => `Das BSI und das BKA warnen (${i}).`);
    const docs = texts.map((text, i) =>
      written(`doc_${String(i).padStart(24, '0')}`, text, {
        entities: [entity('agency:de:bsi', 'agency', 'BSI', 4), entity('agency:de:bka', 'agency', 'BKA', 15)],
      }),
    );
    await Promise.all(
      writers.map((writer, w) =>
        writer.writeBatch(runId, [{ documents: [...docs.slice(w * 4), ...docs.slice(0, w * 4)], outcomes: [] }]),
      ),
    );
    const counts = await writers[0]!.counts();
    expect(counts.documents).toBe(12);
    expect(counts.entitiesByType).toEqual({ agency: 2 });
    expect(counts.mentions).toBe(24);
    for (const writer of writers) await writer.close();
  });

  it('lets a writer name a stored entity while another writer’s transaction naming it is still open', async () => {
    const db = await freshDatabase(server!);
    databases.push(db.drop);
    const [first, second] = await Promise.all(
      [0, 1].map(() => PostgresKnowledgeBase.open(db.url, { nearDuplicates: MINHASH_NEAR_DUPLICATES })),
    );
    const runId = await first!.beginRun(['test'], 'test');
    const bsi = (name: string) => [entity('agency:de:bsi', 'agency', name, 4)];
    await first!.writeBatch(runId, [
      { documents: [written('doc_a', 'Das BSI warnt.', { entities: bsi('BSI') })], outcomes: [] },
    ]);
    const longName = 'Bundesamt für Sicherheit in der Informationstechnik';
    const elapsed = await first!.db.transaction(async (tx) => {
      await writeDocuments(tx, runId, [written('doc_b', 'Das BSI rät ab.', { entities: bsi('BSI') })]);
      // The second writer's batch must not wait for this transaction's commit.
      const started = performance.now();
      const stored = second!.writeBatch(runId, [
        { documents: [written('doc_c', `Das ${longName} warnt.`, { entities: bsi(longName) })], outcomes: [] },
      ]);
      const timeout = new Promise((resolve) => setTimeout(() => resolve('waited'), 5000));
      expect(await Promise.race([stored.then(() => 'written'), timeout])).toBe('written');
      return performance.now() - started;
    });
    expect(elapsed).toBeLessThan(5000);
    const rows = await first!.db.all<{ name: string }>('SELECT name FROM entities');
    // A stored entity still takes in a better name: mixed case over all capitals.
    expect(rows).toEqual([{ name: longName }]);
    expect((await first!.counts()).documents).toBe(3);
    for (const writer of [first!, second!]) await writer.close();
  });

  it('makes stored signatures of an earlier scheme again from the texts in a writer’s first batch', async () => {
    const db = await freshDatabase(server!);
    databases.push(db.drop);
    const earlier = { ...MINHASH_NEAR_DUPLICATES, scheme: 1, sign: () => [] };
    const text = 'Das BSI warnt vor einer kritischen Lücke in Exchange-Servern, Administratoren sollen handeln.';
    const original = written('doc_original', text, {
      published: { value: '2024-06-20', source: 'text' },
      fingerprint: Array.from({ length: 192 }, (_, k) => k),
    });
    const old = await PostgresKnowledgeBase.open(db.url, { nearDuplicates: earlier });
    await old.writeBatch(await old.beginRun(['test'], 'test'), [{ documents: [original], outcomes: [] }]);
    await old.close();

    const writer = await PostgresKnowledgeBase.open(db.url, { nearDuplicates: MINHASH_NEAR_DUPLICATES });
    const copyText = `${text} Das meldete die Behörde am Montag.`;
    const copy = written('doc_copy', copyText, {
      published: { value: '2024-06-21', source: 'text' },
      fingerprint: MINHASH_NEAR_DUPLICATES.sign(copyText),
    });
    await writer.writeBatch(await writer.beginRun(['test'], 'test'), [{ documents: [copy], outcomes: [] }]);
    const rows = await writer.db.all<{ id: string; duplicate_of: string | null; scheme: number }>(
      'SELECT d.id, d.duplicate_of, m.scheme FROM documents d JOIN document_minhash m ON m.document_id = d.id ORDER BY d.id',
    );
    // Under the earlier scheme's signature the copy would share no band with its original.
    expect(rows).toEqual([
      { id: 'doc_copy', duplicate_of: 'doc_original', scheme: 2 },
      { id: 'doc_original', duplicate_of: null, scheme: 2 },
    ]);
    await writer.close();
  });
});
