import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINHASH_NEAR_DUPLICATES } from '../../extractors/minhash.js';
import { SqliteKnowledgeBase } from '../../output/sqlite/store.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../corpus/document.js';
import { entityId } from '../../corpus/ids.js';
import { type WritableDocument, writableDocument } from '../../output/writable.js';
import type { ConsolidationRules, NearDuplicateRule } from '../../output/knowledge-base.js';
import { migrate, MIGRATIONS_DIR, openConnection, schemaVersion } from '../../output/sqlite/connection.js';
import { consolidate } from '../../output/sqlite/consolidation.js';
import type { Database } from '../../output/sqlite/database.js';
import { DocumentWriter } from '../../output/sqlite/documents.js';
import { NearDuplicateIndex } from '../../output/sqlite/near-duplicates.js';
import { decodeSignature } from '../../output/sql/near-duplicate-linking.js';
import { findEntities } from '../../output/sql/queries.js';
import { countKnowledgeBase } from '../../output/sql/runs.js';
import { beginRun, finishRun, writeOutcomes } from '../../output/sqlite/runs.js';
import { entity, stored, written } from '../fixtures/stored-documents.js';

/** Each repository of the SQLite backend on its own, on an in-memory database migrated to the current schema. */

let db: Database;
beforeEach(async () => {
  db = await openConnection(':memory:', false);
  await migrate(db);
});
afterEach(() => db.close());

const BSI_TEXT = 'Das BSI warnt. Innenministerin Nancy Faeser sagte: „Wir handeln.“';
const BSI_FOUND = stored('doc_bsi', BSI_TEXT, {
  published: { value: '2022-03-15', source: 'header' },
  entities: [
    entity('agency:de.bsi', 'agency', 'BSI', 4, { acronym: 'BSI', country: 'DE', parent: 'agency:de.bmi' }),
    entity('person:nancy faeser', 'person', 'Nancy Faeser', 31, { roles: ['Innenministerin'], origin: 'pattern' }),
  ],
  parentBodies: [
    {
      key: 'agency:de.bmi',
      name: 'Federal Ministry of the Interior',
      acronym: 'BMI',
      country: 'DE',
      parent: 'agency:de.government',
    },
    { key: 'agency:de.government', name: 'Federal Government of Germany', acronym: null, country: 'DE', parent: null },
  ],
  quotes: [
    {
      start: 52,
      end: 65,
      text: 'Wir handeln.',
      kind: 'direct',
      speaker: {
        key: 'person:nancy faeser',
        name: 'Nancy Faeser',
        role: 'Innenministerin',
        affiliation: null,
        mention: { start: 31, end: 43, text: 'Nancy Faeser' },
      },
      cue: { start: 44, end: 49, text: 'sagte' },
    },
  ],
});
const BSI_DOC = writableDocument(BSI_FOUND);

async function run(): Promise<number> {
  return beginRun(db, ['corpus'], 'test');
}

describe('connection and migrations', () => {
  it('bring an empty database to the newest schema, and a second run changes nothing', async () => {
    const newest = Math.max(...readdirSync(MIGRATIONS_DIR).map((f) => Number.parseInt(f, 10)));
    expect(await schemaVersion(db)).toBe(newest);
    await migrate(db);
    expect(await db.all('SELECT version FROM schema_migrations')).toHaveLength(newest);
  });

  it('roll a failed transaction back and tell the caller', async () => {
    let forgotten = false;
    const failing = db.transaction(
      async () => {
        await db.run(
          "INSERT INTO import_runs (started_at, status, arguments, tool_version) VALUES ('x', 'running', '[]', 't')",
        );
        throw new Error('disk full');
      },
      () => (forgotten = true),
    );
    await expect(failing).rejects.toThrow('disk full');
    expect(forgotten).toBe(true);
    expect(await db.all('SELECT * FROM import_runs')).toEqual([]);
  });
});

describe('a query with a time limit', () => {
  it('is interrupted when it runs past the limit, and the connection answers again after', async () => {
    const endless = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT COUNT(*) AS c FROM n';
    const started = performance.now();
    await expect(db.within(100, () => db.all(endless))).rejects.toMatchObject({ code: 'SQLITE_INTERRUPT' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await db.within(100, () => db.all('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
  });
});

describe('runs and outcomes', () => {
  it('mark a run killed while running as failed when the next one begins', async () => {
    const killed = await run();
    const next = await run();
    await finishRun(db, next, 'completed');
    expect(await db.all('SELECT id, status FROM import_runs ORDER BY id')).toEqual([
      { id: killed, status: 'failed' },
      { id: next, status: 'completed' },
    ]);
  });

  it('count skipped files by the reason of their latest run only', async () => {
    const skipped = (path: string, reason: string): FileOutcome => ({
      path,
      record: null,
      status: 'skipped',
      reason,
      detail: 'x',
      documentId: null,
    });
    const first = await run();
    await writeOutcomes(db, first, [skipped('a.txt', 'binary'), skipped('b.txt', 'empty')]);
    const second = await run();
    await writeOutcomes(db, second, [
      { ...skipped('a.txt', 'binary'), status: 'imported', reason: null, documentId: null },
      skipped('c.txt', 'too-large'),
    ]);
    expect((await countKnowledgeBase(db)).skippedByReason).toEqual({ empty: 1, 'too-large': 1 });
  });
});

describe('document writer', () => {
  it('stores a document with its entities, mentions, quotes and the gazetteer chain above its agency', async () => {
    const writer = new DocumentWriter(db);
    const runId = await run();
    await writer.insert(runId, [BSI_DOC]);
    await writer.insertSources(runId, [BSI_DOC]);
    expect(await writer.existing(['doc_bsi', 'doc_other'])).toEqual(new Set(['doc_bsi']));
    const chain = await db.all<{ name: string; parent: string | null }>(
      `SELECT e.name, p.name AS parent FROM entities e LEFT JOIN entities p ON p.id = e.parent_id
       WHERE e.type = 'agency' ORDER BY e.name`,
    );
    expect(chain).toEqual([
      { name: 'BSI', parent: 'Federal Ministry of the Interior' },
      { name: 'Federal Government of Germany', parent: null },
      { name: 'Federal Ministry of the Interior', parent: 'Federal Government of Germany' },
    ]);
    const mentions = await db.all<{ text: string; start: number; end: number }>(
      'SELECT text, start, "end" FROM mentions ORDER BY start',
    );
    for (const m of mentions) expect(BSI_TEXT.slice(m.start, m.end)).toBe(m.text);
    expect(mentions.map((m) => m.text)).toEqual(['BSI', 'Nancy Faeser']);
    expect(await db.all('SELECT text, speaker_entity_id, speaker_role FROM quotes')).toEqual([
      { text: 'Wir handeln.', speaker_entity_id: entityId('person:nancy faeser'), speaker_role: 'Innenministerin' },
    ]);
  });

  it('writes a parent body once per import, and again after a rollback undid it', async () => {
    const writer = new DocumentWriter(db);
    const runId = await run();
    await db
      .transaction(
        async () => {
          await writer.insert(runId, [BSI_DOC]);
          throw new Error('crash');
        },
        () => writer.forget(),
      )
      .catch(() => undefined);
    expect(await db.all('SELECT * FROM entities')).toEqual([]);
    await writer.insert(runId, [BSI_DOC]);
    expect((await db.all("SELECT name FROM entities WHERE origin = 'gazetteer'")).length).toBe(3);
  });
});

/** Four-number signatures, one band per number: easy to reason about, as the MinHash ones are not. */
const RULE: NearDuplicateRule = {
  scheme: 1,
  // Only a knowledge base signed by another scheme signs texts (see the re-signing test).
  sign: (text) => [0, 1, 2, 3].map((k) => text.length + k),
  signatureLength: 4,
  bandKeys: (signature) => signature.map((value, band) => band * 2 ** 32 + value),
  similarity: (a, b) => a.filter((value, k) => value === b[k]).length / 4,
  threshold: 0.5,
};

describe('entity look-up by name', () => {
  it('puts the entity of exactly that name before better attested ones only called so', async () => {
    const runId = await run();
    const lab = (id: string) =>
      written(id, `Die AO Kaspersky Lab wehrt sich. Kaspersky klagt.`, {
        entities: [
          entity('organization:ao kaspersky lab', 'organization', 'AO Kaspersky Lab', 4, {
            aliases: ['AO Kaspersky Lab', 'Kaspersky'],
            origin: 'pattern',
          }),
        ],
      });
    const docs = [
      lab('doc_a'),
      lab('doc_b'),
      written('doc_c', 'Kaspersky antwortet.', {
        entities: [entity('organization:kaspersky', 'organization', 'Kaspersky', 0, { origin: 'pattern' })],
      }),
    ];
    const writer = new DocumentWriter(db);
    await writer.insert(runId, docs);
    await writer.insertSources(runId, docs);
    expect((await findEntities(db, 'kaspersky')).map((e) => [e.name, e.documents])).toEqual([
      ['Kaspersky', 1],
      ['AO Kaspersky Lab', 2],
    ]);
  });
});

describe('near-duplicate index', () => {
  async function link(index: NearDuplicateIndex, docs: WritableDocument[]): Promise<void> {
    const writer = new DocumentWriter(db);
    const runId = await run();
    await writer.insert(runId, docs);
    await index.link(docs);
  }
  const duplicates = () =>
    db.all<{ id: string; duplicate_of: string | null }>('SELECT id, duplicate_of FROM documents ORDER BY id');

  it('links a copy to the earliest published version, whichever comes first', async () => {
    const index = new NearDuplicateIndex(db, RULE);
    const later = written('doc_later', 'Kopie des Berichts', {
      published: { value: '2024-06-21', source: 'text' },
      fingerprint: [1, 2, 3, 4],
    });
    const earlier = written('doc_earlier', 'Der Bericht im Original', {
      published: { value: '2024-06-20', source: 'text' },
      fingerprint: [1, 2, 3, 9],
    });
    const unrelated = written('doc_other', 'Etwas ganz anderes', { fingerprint: [5, 6, 7, 8] });
    await link(index, [later]);
    await link(index, [earlier, unrelated]);
    expect(await duplicates()).toEqual([
      { id: 'doc_earlier', duplicate_of: null },
      { id: 'doc_later', duplicate_of: 'doc_earlier' },
      { id: 'doc_other', duplicate_of: null },
    ]);
  });

  it('holds band rows back until flushed, listing their documents as unindexed meanwhile', async () => {
    const index = new NearDuplicateIndex(db, RULE);
    await link(index, [written('doc_a', 'Ein Text mit Worten', { fingerprint: [1, 2, 3, 4] })]);
    expect(await index.heldBack()).toBe(true);
    expect(await db.all('SELECT document_id FROM minhash_unindexed')).toEqual([{ document_id: 'doc_a' }]);
    await index.flush();
    expect(await index.heldBack()).toBe(false);
    expect(await db.all('SELECT * FROM minhash_unindexed')).toEqual([]);
    expect((await db.all('SELECT band_key FROM minhash_bands')).length).toBe(4);
  });

  it('makes signatures of an earlier scheme again from the texts, and the band index with them, once', async () => {
    // Scheme 2 signs by words: two texts that share words share bands, as scheme 1's numbers did not say.
    const byWords: NearDuplicateRule = {
      ...RULE,
      scheme: 2,
      sign: (text) => [0, 1, 2, 3].map((k) => text.split(' ')[k]?.length ?? 0),
    };
    const original = written('doc_original', 'Das Amt warnt heute', {
      published: { value: '2024-06-20', source: 'text' },
      fingerprint: [1, 2, 3, 4],
    });
    const other = written('doc_other', 'Etwas ganz anderes hier', { fingerprint: [5, 6, 7, 8] });
    await link(new NearDuplicateIndex(db, RULE), [original, other]);
    await new NearDuplicateIndex(db, RULE).flush();
    const copy = written('doc_copy', 'Das Amt warnt morgen', {
      published: { value: '2024-06-21', source: 'text' },
      fingerprint: byWords.sign('Das Amt warnt morgen'),
    });
    const index = new NearDuplicateIndex(db, byWords);
    await link(index, [copy]);
    expect(await db.all('SELECT document_id, scheme FROM document_minhash ORDER BY seq')).toEqual([
      { document_id: 'doc_original', scheme: 2 },
      { document_id: 'doc_other', scheme: 2 },
      { document_id: 'doc_copy', scheme: 2 },
    ]);
    const signature = await db.get<{ signature: Buffer }>(
      "SELECT signature FROM document_minhash WHERE document_id = 'doc_original'",
    );
    expect(decodeSignature(signature!.signature)).toEqual([3, 3, 5, 5]);
    // The copy found its original through the rebuilt index: under scheme 1 they shared no band.
    expect(await duplicates()).toContainEqual({ id: 'doc_copy', duplicate_of: 'doc_original' });
    expect(await db.all('SELECT * FROM minhash_unindexed')).toEqual([]);
    await index.flush();
    const bands = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM minhash_bands');
    await link(index, [
      written('doc_third', 'Noch ein Text dazu', { fingerprint: byWords.sign('Noch ein Text dazu') }),
    ]);
    await index.flush();
    expect((await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM minhash_bands'))[0]!.n).toBe(bands[0]!.n + 4);
  });

  it('leaves documents without a full signature out of the index', async () => {
    const index = new NearDuplicateIndex(db, RULE);
    await link(index, [written('doc_empty', 'Nur Zahlen 1 2 3 und mehr', { fingerprint: [] })]);
    expect(await db.all('SELECT * FROM document_minhash')).toEqual([]);
  });
});

describe('consolidation', () => {
  it('stores what the rules decide: merges, and statements one speaker at a time', async () => {
    const writer = new DocumentWriter(db);
    const runId = await run();
    const copy = written('doc_copy', BSI_TEXT, {
      entities: [entity('person:nancy faeser', 'person', 'Nancy Faeser', 31)],
      quotes: BSI_FOUND.quotes,
    });
    await writer.insert(runId, [BSI_DOC, copy]);
    const speakers: Array<string | null> = [];
    const rules: ConsolidationRules = {
      isListed: (e) => e.type === 'agency',
      mergeEntities: (candidates) => {
        expect(candidates.find((c) => c.name === 'BSI')).toMatchObject({ listed: true, documents: 1 });
        return [];
      },
      groupStatements: (quotes) => {
        speakers.push(quotes[0]!.speakerId);
        return [
          {
            id: quotes[0]!.id,
            text: quotes[0]!.text,
            kind: 'direct',
            speakerId: quotes[0]!.speakerId,
            firstPublished: null,
            quoteIds: quotes.map((q) => q.id),
          },
        ];
      },
    };
    await consolidate(db, rules);
    expect(speakers).toEqual([entityId('person:nancy faeser')]);
    expect(await db.all('SELECT text, speaker_name, sources FROM statements')).toEqual([
      { text: 'Wir handeln.', speaker_name: 'Nancy Faeser', sources: 2 },
    ]);
  });

  it('groups every speaker, reading the next while one is grouped, and leaves the last state when grouping fails', async () => {
    const writer = new DocumentWriter(db);
    const runId = await run();
    const muster = 'person:max muster';
    const other = written('doc_muster', 'Max Muster sagte: „Wir prüfen das.“', {
      entities: [entity(muster, 'person', 'Max Muster', 0)],
      quotes: [
        {
          start: 19,
          end: 34,
          text: 'Wir prüfen das.',
          kind: 'direct',
          speaker: { key: muster, name: 'Max Muster', role: null, affiliation: null, mention: null },
          cue: null,
        },
      ],
    });
    await writer.insert(runId, [BSI_DOC, other]);
    const oneStatementEach = (fail: boolean): ConsolidationRules => {
      let calls = 0;
      return {
        isListed: () => false,
        mergeEntities: () => [],
        groupStatements: (quotes) => {
          if (fail && ++calls === 2) throw new Error('grouping failed');
          const [first] = quotes;
          return [{ ...first!, firstPublished: null, quoteIds: quotes.map((q) => q.id) }];
        },
      };
    };
    const statements = () => db.all('SELECT text, speaker_name, sources FROM statements ORDER BY text');
    await db.transaction(() => consolidate(db, oneStatementEach(false)));
    const consolidated = [
      { text: 'Wir handeln.', speaker_name: 'Nancy Faeser', sources: 1 },
      { text: 'Wir prüfen das.', speaker_name: 'Max Muster', sources: 1 },
    ];
    expect(await statements()).toEqual(consolidated);
    expect(await db.all('SELECT COUNT(*) AS links FROM statement_quotes')).toEqual([{ links: 2 }]);
    await expect(db.transaction(() => consolidate(db, oneStatementEach(true)))).rejects.toThrow('grouping failed');
    expect(await statements()).toEqual(consolidated);
    await db.transaction(() => consolidate(db, oneStatementEach(false)));
    expect(await statements()).toEqual(consolidated);
  });
});

describe('the checkpoint at the end of an import', () => {
  it('empties the write-ahead log into the file, or says why it could not while keeping everything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-checkpoint-'));
    const path = join(dir, 'kb.sqlite');
    try {
      const store = await SqliteKnowledgeBase.open(path, { nearDuplicates: MINHASH_NEAR_DUPLICATES });
      const runId = await store.beginRun(['x'], 'test');
      await store.writeBatch(runId, [{ documents: [BSI_DOC], outcomes: [] }]);
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      expect(await store.checkpoint()).toBeNull();
      expect(statSync(`${path}-wal`).size).toBe(0);
      await store.writeBatch(runId, [{ documents: [written('doc_en', 'CISA warned today.')], outcomes: [] }]);
      store.db.get = () =>
        Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
      expect(await store.checkpoint()).toMatch(
        /^the write-ahead log could not be moved .*\(the disk is full\): everything imported is safe/,
      );
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
