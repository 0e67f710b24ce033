import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../pipeline/identify.js';
import { gazetteerAgency } from '../extractors/agencies.js';
import { type MergeCandidate, mergeEntities } from '../extractors/merge.js';
import { isListedOrganization } from '../extractors/organization-gazetteer.js';
import { groupStatements, type StatementCandidate } from '../extractors/statements.js';
import { bandKeys, estimatedSimilarity, NEAR_DUPLICATE_THRESHOLD, SIGNATURE_LENGTH } from '../extractors/minhash.js';
import { PROJECT_ROOT } from '../pipeline/paths.js';
import type { StoredDocument, FileOutcome } from '../pipeline/types.js';
import { Database } from './sqlite.js';

const MIGRATIONS_DIR = join(PROJECT_ROOT, 'output', 'migrations');

/** Entity ids already computed: a batch names each entity in many rows (entities, aliases, mentions, quotes), about 150 hashes per document. */
const entityIds = new Map<string, string>();
const ENTITY_ID_CACHE = 100_000;

/** Knowledge-base-wide ids: derived from content or keys, so every machine and every run agrees. */
export function entityId(key: string): string {
  let id = entityIds.get(key);
  if (id === undefined) {
    if (entityIds.size >= ENTITY_ID_CACHE) entityIds.clear();
    id = `ent_${sha256Hex(key).slice(0, 20)}`;
    entityIds.set(key, id);
  }
  return id;
}
export const quoteId = (documentId: string, start: number, end: number) =>
  `quo_${sha256Hex(`${documentId}:${start}:${end}`).slice(0, 20)}`;

/** What writing a document means for its file: imported, an exact duplicate of a stored text, or degraded (a stage failed or was skipped, or the loader read the file in a reduced way). */
function documentOutcome(doc: StoredDocument, isNew: boolean): FileOutcome {
  const s = doc.source;
  const outcome: FileOutcome = {
    path: s.path,
    record: s.record,
    status: 'imported',
    reason: null,
    detail: null,
    documentId: doc.id,
  };
  if (!isNew)
    return {
      ...outcome,
      status: 'duplicate',
      reason: 'exact-duplicate',
      detail: `same text as ${doc.id}, already stored`,
    };
  const problems = doc.messages.filter((m) => m.severity !== 'info');
  if (problems.length > 0)
    return {
      ...outcome,
      status: 'degraded',
      reason: problems[0]!.reason,
      detail: problems.map((p) => `${p.stage}: ${p.detail}`).join('; '),
    };
  return outcome;
}

function encodeSignature(signature: number[]): Buffer {
  return Buffer.from(Uint32Array.from(signature).buffer);
}

function decodeSignature(blob: Buffer): number[] {
  return Array.from(new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)));
}

/** Entities whose identity a list gives (a gazetteer entry, a place): two of them are never merged. */
function isListed(entity: { key: string; type: string }): boolean {
  if (entity.type === 'location') return true;
  if (entity.type === 'agency') return !entity.key.startsWith('agency:learned:');
  return entity.type === 'organization' && isListedOrganization(entity.key);
}

/** Documents per LSH bucket; a fuller bucket is boilerplate shared by many stories. */
const BUCKET_CAP = 32;
/** Statements per INSERT: the JSON passed stays small for any speaker. */
const STATEMENTS_PER_INSERT = 5000;
/** Candidates verified per new document, those sharing the most bands first. */
const MAX_CANDIDATES = 50;
/** Canonical documents whose band rows are held in memory before they are written in key order (their signatures and 320,000 bucket entries). */
const BAND_FLUSH_DOCUMENTS = 5000;
/** Band rows per INSERT when they are written: a few MB of JSON. */
const BAND_ROWS_PER_INSERT = 50_000;
/** Bounds of the writer's SQLite page cache (KiB), see sizePageCache. */
const MIN_PAGE_CACHE_KIB = 64 * 1024;
const MAX_PAGE_CACHE_KIB = 256 * 1024;

/** A document's MinHash signature with what ranks it in its cluster; `seq` is how band rows name it. */
interface Signed {
  id: string;
  seq: number;
  published: string | null;
  signature: number[];
}

interface SignatureRow {
  id: string;
  seq: number;
  published: string | null;
  signature: Buffer;
}

const toSigned = (row: SignatureRow): Signed => ({
  id: row.id,
  seq: row.seq,
  published: row.published,
  signature: decodeSignature(row.signature),
});

const NO_MEMBERS: readonly string[] = [];

/**
 * Band rows held in memory until they are written in key order: the documents with their keys, and the buckets.
 * Nearly every bucket has one member, held as the bare id rather than in a Set of its own.
 */
class UnwrittenBands {
  readonly signed = new Map<string, Signed & { keys: number[] }>();
  private readonly buckets = new Map<number, string | string[]>();

  add(doc: Signed, keys: number[]): void {
    this.signed.set(doc.id, { ...doc, keys });
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, doc.id);
      else if (typeof bucket === 'string') this.buckets.set(key, [bucket, doc.id]);
      else bucket.push(doc.id);
    }
  }

  members(key: number): readonly string[] {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? NO_MEMBERS : typeof bucket === 'string' ? [bucket] : bucket;
  }

  count(key: number): number {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? 0 : typeof bucket === 'string' ? 1 : bucket.length;
  }

  /** Takes a document out (it became a copy of another); false if it is not held here. */
  remove(id: string): boolean {
    const doc = this.signed.get(id);
    if (!doc) return false;
    this.signed.delete(id);
    for (const key of doc.keys) {
      const rest = this.members(key).filter((member) => member !== id);
      if (rest.length === 0) this.buckets.delete(key);
      else this.buckets.set(key, rest.length === 1 ? rest[0]! : rest);
    }
    return true;
  }

  /** All rows, in key order, as [band_key, document_seq]. */
  rows(): Array<[number, number]> {
    return [...this.buckets.keys()]
      .sort((a, b) => a - b)
      .flatMap((key) =>
        this.members(key)
          .map((id) => this.signed.get(id)!.seq)
          .sort((a, b) => a - b)
          .map((seq): [number, number] => [key, seq]),
      );
  }

  clear(): void {
    this.signed.clear();
    this.buckets.clear();
  }
}

/** Stored band buckets: the members (document seqs) of open ones, and the keys of full ones. */
interface StoredBuckets {
  buckets: Map<number, Set<number>>;
  fullKeys: Set<number>;
}

/** A bucket's size, stored rows and rows held back together; a full stored bucket counts as full. */
function bucketSize(stored: StoredBuckets, unwritten: UnwrittenBands, key: number): number {
  return stored.fullKeys.has(key) ? BUCKET_CAP : (stored.buckets.get(key)?.size ?? 0) + unwritten.count(key);
}

/** The LSH band index as one batch sees it while linking its documents. */
interface BandIndex {
  size(key: number): number;
  members(key: number): Iterable<string>;
  signed(id: string): Signed;
  add(id: string, keys: number[]): void;
  remove(doc: Signed): Promise<void>;
}

/** What one job (a file, or a chunk of JSONL lines) produced, ready to be written. */
export interface WriteItem {
  documents: StoredDocument[];
  outcomes: FileOutcome[];
}

export interface KnowledgeBaseCounts {
  documents: number;
  documentsByLanguage: Record<string, number>;
  /** Knowledge-base entities (merged variants count once). */
  entitiesByType: Record<string, number>;
  /** Entities found under another name and merged into one of the above. */
  mergedEntities: number;
  mentions: number;
  dates: number;
  quotes: number;
  /** Quotes of one statement carried by several documents count once. */
  statements: number;
  exactDuplicateSources: number;
  nearDuplicates: number;
  /** Files (or records) whose latest import skipped or failed them, by reason. */
  skippedByReason: Record<string, number>;
}

/** The SQLite knowledge base. One Store is the single writer of an import; readers may open their own. */
export class Store {
  /** Wall-clock seconds spent writing (`store`) and linking near duplicates (`dedup`, part of `store`). */
  readonly timings = { store: 0, dedup: 0, consolidate: 0 };

  /** A second, read-only connection (WAL): look-ups during an import do not queue behind the writer's transaction. */
  private reader: Database | null = null;
  /** Source paths in the knowledge base when this store first looked (see storedRecords). */
  private storedPaths: Promise<Set<string>> | null = null;
  /** Gazetteer agencies this store has made sure of as parents. */
  private readonly storedParents = new Set<string>();
  /** The page cache's current size (see sizePageCache). */
  private pageCacheKib = 0;
  /** Batches written; the page cache is resized every few. */
  private batches = 0;
  /** Band rows not yet written (see flushBandIndex); reloaded from minhash_unindexed after a failed transaction. */
  private unwritten: Promise<UnwrittenBands> | null = null;

  private constructor(
    readonly db: Database,
    private readonly path: string,
  ) {}

  static async open(path: string, options: { readonly?: boolean } = {}): Promise<Store> {
    const db = await Database.open(path, options.readonly);
    // Another import holding the write lock makes us wait, not fail, for this long.
    await db.exec('PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;');
    const store = new Store(db, path);
    if (!options.readonly) {
      // A batch writes about 4 MB of pages, so the default checkpoint every 1,000 pages (4 MB) made nearly every
      // commit a checkpoint with an fsync; one per 64 MB of WAL halves the time spent committing (measured: 4.7 →
      // 2.6 s over 3,000 documents). The page cache is sized by sizePageCache.
      await db.exec(
        'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384;',
      );
      await store.sizePageCache();
      await store.migrate();
    }
    return store;
  }

  /**
   * A 2 MB page cache (the default) makes every insert into a multi-gigabyte knowledge base read its B-tree pages
   * back from the OS: rows keyed by document ids (hashes) land on random pages. The cache grows with the base, an
   * eighth of its size between 64 and 256 MB: at 100,000 documents (4 GB) 256 MB instead of 64 cut near-duplicate
   * linking by a quarter, while at 10,000 (400 MB) the size made no difference and 256 MB would only add to peak RSS.
   */
  private async sizePageCache(): Promise<void> {
    const size = await this.db.get<{ bytes: number }>(
      'SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()',
    );
    const kib = Math.min(MAX_PAGE_CACHE_KIB, Math.max(MIN_PAGE_CACHE_KIB, Math.round((size?.bytes ?? 0) / 8 / 1024)));
    if (kib === this.pageCacheKib) return;
    this.pageCacheKib = kib;
    await this.db.exec(`PRAGMA cache_size = -${kib}`);
  }

  /** Applies the numbered SQL files in output/migrations that this database has not seen, each in a transaction. */
  async migrate(): Promise<void> {
    await this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      (await this.db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d+_.*\.sql$/.test(f))
      .sort();
    for (const file of files) {
      const version = Number.parseInt(file, 10);
      if (applied.has(version)) continue;
      await this.transaction(async () => {
        // Another import may have applied it while this one waited for the write lock.
        if (await this.db.get('SELECT 1 FROM schema_migrations WHERE version = ?', [version])) return;
        await this.db.exec(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
        await this.db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          version,
          file,
          new Date().toISOString(),
        ]);
      });
    }
  }

  /**
   * Runs `work` in one write transaction. A failure rolls it back and forgets what this writer remembered of the
   * writes it undid (gazetteer parents made sure of, band rows held back), so they are read again from the database.
   */
  private async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      await this.db.exec('COMMIT');
      return result;
    } catch (error) {
      // SQLite may have rolled back already (a full disk): the rollback's own error would hide the cause.
      await this.db.exec('ROLLBACK').catch(() => undefined);
      this.storedParents.clear();
      this.unwritten = null;
      throw error;
    }
  }

  async schemaVersion(): Promise<number> {
    return (await this.db.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
  }

  /** Starts a run; called under the import lock, so runs still marked running were killed and are marked failed. */
  async beginRun(args: string[], toolVersion: string): Promise<number> {
    await this.db.run("UPDATE import_runs SET status = 'failed' WHERE status = 'running'");
    const result = await this.db.run(
      "INSERT INTO import_runs (started_at, status, arguments, tool_version) VALUES (?, 'running', ?, ?)",
      [new Date().toISOString(), JSON.stringify(args), toolVersion],
    );
    return result.lastID;
  }

  async finishRun(runId: number, status: 'completed' | 'failed'): Promise<void> {
    await this.db.run('UPDATE import_runs SET finished_at = ?, status = ? WHERE id = ?', [
      new Date().toISOString(),
      status,
      runId,
    ]);
  }

  /**
   * Records of a file version already stored (0 for a single-document file): re-runs skip them. The paths stored
   * when the import began are read once (about 60 bytes each), so a file the knowledge base has never seen, every
   * file of a first import, costs no query.
   */
  async storedRecords(path: string, sha256: string): Promise<Set<number>> {
    this.reader ??= await Database.open(this.path, true);
    this.storedPaths ??= this.reader
      .all<{ path: string }>('SELECT DISTINCT path FROM document_sources')
      .then((rows) => new Set(rows.map((r) => r.path)));
    if (!(await this.storedPaths).has(path)) return new Set();
    const rows = await this.reader.all<{ record: number }>(
      'SELECT record FROM document_sources WHERE path = ? AND sha256 = ?',
      [path, sha256],
    );
    return new Set(rows.map((r) => r.record));
  }

  /**
   * Writes a batch in one transaction: a crash leaves either all of it or none. A document already stored
   * (same normalized text, so same id) gains only a source row; its findings are not written twice. Rows go in
   * per table for the whole batch (one statement each); only near-duplicate linking, which depends on what came
   * before, runs document by document.
   */
  async writeBatch(runId: number, items: WriteItem[]): Promise<FileOutcome[]> {
    const started = performance.now();
    const documents = items.flatMap((item) => item.documents);
    const outcomes: FileOutcome[] = [];
    if (++this.batches % 16 === 0) await this.sizePageCache();
    try {
      await this.transaction(async () => {
        const ids = [...new Set(documents.map((d) => d.id))];
        const existing = new Set(
          (
            await this.db.all<{ id: string }>('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))', [
              JSON.stringify(ids),
            ])
          ).map((r) => r.id),
        );
        const fresh: StoredDocument[] = [];
        for (const doc of documents) {
          const isNew = !existing.has(doc.id);
          existing.add(doc.id);
          if (isNew) fresh.push(doc);
          outcomes.push(documentOutcome(doc, isNew));
        }
        await this.insertDocuments(runId, fresh);
        await this.insertRows(
          'INSERT OR IGNORE INTO document_sources (document_id, path, record, sha256, format, encoding, run_id) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)',
          documents.map((d) => [
            d.id,
            d.source.path,
            d.source.record ?? 0,
            d.source.sha256,
            d.source.format,
            d.source.encoding,
            runId,
          ]),
        );
        const dedupStarted = performance.now();
        await this.linkNearDuplicates(fresh.filter((doc) => doc.fingerprint.length === SIGNATURE_LENGTH));
        this.timings.dedup += (performance.now() - dedupStarted) / 1000;
        outcomes.push(...items.flatMap((item) => item.outcomes));
        await this.insertRows(
          'INSERT OR REPLACE INTO file_outcomes (run_id, path, record, status, reason, detail, document_id) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)',
          outcomes.map((o) => [runId, o.path, o.record ?? 0, o.status, o.reason, o.detail, o.documentId]),
        );
      });
    } finally {
      this.timings.store += (performance.now() - started) / 1000;
    }
    return outcomes;
  }

  /** New documents and everything found in them, one statement per table. */
  private async insertDocuments(runId: number, docs: StoredDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const rows = (sql: string, values: unknown[][]) => this.insertRows(sql, values);
    await rows(
      `INSERT INTO documents (id, text, title, language, language_confidence, published, published_source, declared_language, url, first_run_id, messages)
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9, value->>10 FROM json_each(?)`,
      docs.map((d) => [
        d.id,
        d.text,
        d.title,
        d.language.code,
        d.language.confidence,
        d.published?.value ?? null,
        d.published?.source ?? null,
        d.declaredLanguage,
        d.url,
        runId,
        JSON.stringify(d.messages),
      ]),
    );
    await rows(
      'INSERT INTO document_layout (document_id, paragraphs, sentences) SELECT value->>0, value->>1, value->>2 FROM json_each(?)',
      docs.map((d) => [
        d.id,
        JSON.stringify(d.paragraphs.map((p) => [p.start, p.end, p.code, p.confidence])),
        JSON.stringify(d.sentences.map((x) => [x.start, x.end])),
      ]),
    );
    const entities = docs.flatMap((d) => d.entities.map((e) => ({ doc: d, e })));
    // Documents may name one entity differently ("GINA RAIMONDO" in a headline): the stored name, acronym, country
    // and origin are chosen by fixed preferences, not by which document came first, so import order changes nothing.
    // The batch's rows of one entity are folded first by the same preferences (a mixed-case name over an all-caps
    // one, then the smallest; NULL loses), so each entity is written once per batch, not once per document.
    await rows(
      `INSERT INTO entities (id, key, type, name, acronym, country, parent_id, origin)
       SELECT id, key, type, COALESCE(MIN(CASE WHEN name <> upper(name) THEN name END), MIN(name)), MIN(acronym), MIN(country), NULL,
              CASE WHEN MAX(origin = 'gazetteer') THEN 'gazetteer' ELSE MIN(origin) END
       FROM (SELECT value->>0 AS id, value->>1 AS key, value->>2 AS type, value->>3 AS name, value->>4 AS acronym, value->>5 AS country, value->>6 AS origin FROM json_each(?))
       GROUP BY id
       ON CONFLICT(id) DO UPDATE SET
         name = CASE WHEN (excluded.name <> upper(excluded.name)) > (name <> upper(name)) THEN excluded.name
                     WHEN (excluded.name <> upper(excluded.name)) < (name <> upper(name)) THEN name ELSE MIN(name, excluded.name) END,
         acronym = CASE WHEN acronym IS NULL THEN excluded.acronym WHEN excluded.acronym IS NULL THEN acronym ELSE MIN(acronym, excluded.acronym) END,
         country = CASE WHEN country IS NULL THEN excluded.country WHEN excluded.country IS NULL THEN country ELSE MIN(country, excluded.country) END,
         origin = CASE WHEN 'gazetteer' IN (origin, excluded.origin) THEN 'gazetteer' ELSE MIN(origin, excluded.origin) END`,
      entities.map(({ e }) => [entityId(e.key), e.key, e.type, e.name, e.acronym, e.country, e.origin]),
    );
    const aliases = new Map(
      entities.flatMap(({ e }) =>
        [e.name, ...e.aliases].map((alias): [string, string[]] => [`${e.key}\u0000${alias}`, [entityId(e.key), alias]]),
      ),
    );
    await rows(
      'INSERT OR IGNORE INTO entity_aliases (entity_id, alias) SELECT value->>0, value->>1 FROM json_each(?)',
      [...aliases.values()],
    );
    // Parents may be bodies no document mentions: their gazetteer chain is stored first.
    const parents = new Map(entities.filter(({ e }) => e.parent).map(({ e }) => [e.key, e.parent!]));
    for (const parent of new Set(parents.values())) await this.ensureGazetteerAgency(parent);
    await rows(
      'UPDATE entities SET parent_id = value->>1 FROM json_each(?) WHERE entities.id = value->>0 AND entities.parent_id IS NULL',
      [...parents].map(([child, parent]) => [entityId(child), entityId(parent)]),
    );
    await rows(
      'INSERT OR IGNORE INTO document_entities (document_id, entity_id, aliases, roles, affiliation_id) SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)',
      entities.map(({ doc, e }) => [
        doc.id,
        entityId(e.key),
        JSON.stringify([...new Set([e.name, ...e.aliases])]),
        JSON.stringify(e.roles),
        e.affiliation ? entityId(e.affiliation) : null,
      ]),
    );
    await rows(
      'INSERT OR IGNORE INTO mentions (document_id, entity_id, start, "end", text) SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)',
      entities.flatMap(({ doc, e }) => e.mentions.map((m) => [doc.id, entityId(e.key), m.start, m.end, m.text])),
    );
    await rows(
      'INSERT OR IGNORE INTO dates (document_id, start, "end", text, value, granularity, relative) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)',
      docs.flatMap((d) =>
        d.dates.map((x) => [d.id, x.start, x.end, x.text, x.value, x.granularity, x.relative ? 1 : 0]),
      ),
    );
    await rows(
      'INSERT OR IGNORE INTO quotes (id, document_id, start, "end", text, kind, speaker_entity_id, speaker_name, speaker_role, speaker_affiliation_id) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9 FROM json_each(?)',
      docs.flatMap((d) =>
        d.quotes.map((q) => [
          quoteId(d.id, q.start, q.end),
          d.id,
          q.start,
          q.end,
          q.text,
          q.kind,
          q.speaker?.key ? entityId(q.speaker.key) : null,
          q.speaker?.name ?? null,
          q.speaker?.role ?? null,
          q.speaker?.affiliation ? entityId(q.speaker.affiliation) : null,
        ]),
      ),
    );
  }

  /** A parent body from the gazetteer, and its parents, as entities: a parent need not be mentioned to be stored. */
  private async ensureGazetteerAgency(key: string): Promise<void> {
    const entry = gazetteerAgency(key);
    // Once stored, a parent stays: each is written once per import, not once per batch.
    if (!entry || this.storedParents.has(key)) return;
    this.storedParents.add(key);
    const inserted = await this.db.run(
      'INSERT OR IGNORE INTO entities (id, key, type, name, acronym, country, parent_id, origin) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
      [entityId(key), key, 'agency', entry.name, entry.acronyms?.[0] ?? null, entry.country, 'gazetteer'],
    );
    if (inserted.changes === 0 || !entry.parent) return;
    const parentKey = `agency:${entry.parent}`;
    await this.ensureGazetteerAgency(parentKey);
    await this.db.run('UPDATE entities SET parent_id = ? WHERE id = ?', [entityId(parentKey), entityId(key)]);
  }

  /**
   * Links each new document to the near duplicates already stored. A cluster's canonical document is its earliest
   * published one (then the smallest id), recomputed when the cluster grows, so clusters and canonical documents
   * do not depend on the order of import. Only canonical documents are in the band index: a new copy is compared
   * with each story once, not with every copy of it, so a story carried by thousands of outlets costs no more.
   * The batch's band buckets and candidate signatures are read in two queries, merged with the band rows not yet
   * written (see flushBandIndex), and kept up to date here while its documents are linked one by one.
   */
  private async linkNearDuplicates(docs: StoredDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const db = this.db;
    const unwritten = await this.unwrittenBands();
    const seqs = new Map(
      (
        await db.all<{ seq: number; document_id: string }>(
          `INSERT INTO document_minhash (document_id, published, signature) SELECT value->>0, value->>1, unhex(value->>2) FROM json_each(?) WHERE true
         ON CONFLICT(document_id) DO UPDATE SET published = excluded.published, signature = excluded.signature RETURNING seq, document_id`,
          [
            JSON.stringify(
              docs.map((d) => [d.id, d.published?.value ?? null, encodeSignature(d.fingerprint).toString('hex')]),
            ),
          ],
        )
      ).map((r) => [r.document_id, r.seq]),
    );
    const keysOf = new Map(docs.map((d) => [d.id, bandKeys(d.fingerprint)]));
    const stored = await this.readBuckets([...new Set([...keysOf.values()].flat())]);
    const known = new Map<string, Signed>();
    const idOf = new Map<number, string>();
    for (const row of await db.all<SignatureRow>(
      'SELECT document_id AS id, seq, published, signature FROM document_minhash WHERE seq IN (SELECT value FROM json_each(?))',
      [JSON.stringify([...new Set([...stored.buckets.values()].flatMap((members) => [...members]))])],
    )) {
      known.set(row.id, toSigned(row));
      idOf.set(row.seq, row.id);
    }

    const added: string[] = [];
    const bands: BandIndex = {
      size: (key) => bucketSize(stored, unwritten, key),
      members: (key) => {
        const storedSeqs = stored.buckets.get(key);
        return storedSeqs
          ? [...[...storedSeqs].map((seq) => idOf.get(seq)!), ...unwritten.members(key)]
          : unwritten.members(key);
      },
      signed: (id) => known.get(id) ?? unwritten.signed.get(id)!,
      add: (id, keys) => {
        unwritten.add(known.get(id)!, keys);
        added.push(id);
      },
      remove: async (doc) => {
        if (unwritten.remove(doc.id)) return;
        const keys = bandKeys(doc.signature);
        for (const key of keys) stored.buckets.get(key)?.delete(doc.seq);
        // By its band keys: the index is keyed by band, and a scan by document would read every band of the base.
        await db.run(
          'DELETE FROM minhash_bands WHERE band_key IN (SELECT value FROM json_each(?)) AND document_seq = ?',
          [JSON.stringify(keys), doc.seq],
        );
      },
    };
    for (const doc of docs) {
      known.set(doc.id, {
        id: doc.id,
        seq: seqs.get(doc.id)!,
        published: doc.published?.value ?? null,
        signature: doc.fingerprint,
      });
      await this.linkNearDuplicate(known.get(doc.id)!, keysOf.get(doc.id)!, bands);
    }
    await this.insertRows(
      'INSERT INTO minhash_unindexed (document_id) SELECT value->>0 FROM json_each(?)',
      added.filter((id) => unwritten.signed.has(id)).map((id) => [id]),
    );
    if (unwritten.signed.size >= BAND_FLUSH_DOCUMENTS) await this.writeBands(unwritten);
  }

  /**
   * Stored band buckets of the given keys: the members of open ones, and which are full. A full bucket is
   * boilerplate, neither searched nor grown, and at 100,000 documents reading its members for every batch cost more
   * than all the rest of the linking.
   */
  private async readBuckets(keys: number[]): Promise<StoredBuckets> {
    const rows = await this.db.all<{ band_key: number; document_seq: number }>(
      `SELECT b.band_key, b.document_seq FROM minhash_bands b
       JOIN (SELECT value AS k FROM json_each(?) WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM minhash_bands WHERE band_key = value LIMIT ${BUCKET_CAP})) < ${BUCKET_CAP}) open
       ON b.band_key = open.k`,
      [JSON.stringify(keys)],
    );
    const buckets = new Map<number, Set<number>>();
    for (const row of rows) {
      const bucket = buckets.get(row.band_key);
      if (bucket) bucket.add(row.document_seq);
      else buckets.set(row.band_key, new Set([row.document_seq]));
    }
    const fullKeys = new Set(
      (
        await this.db.all<{ k: number }>(
          `SELECT value AS k FROM json_each(?) WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM minhash_bands WHERE band_key = value LIMIT ${BUCKET_CAP})) >= ${BUCKET_CAP}`,
          [JSON.stringify(keys.filter((k) => !buckets.has(k)))],
        )
      ).map((r) => r.k),
    );
    return { buckets, fullKeys };
  }

  /**
   * The band rows this writer holds back, loaded on first use from the documents an earlier import listed in
   * minhash_unindexed and could not index (it was killed): they are indexed now, in the order they were stored.
   */
  private unwrittenBands(): Promise<UnwrittenBands> {
    this.unwritten ??= (async () => {
      const bands = new UnwrittenBands();
      const rows = await this.db.all<SignatureRow>(
        `SELECT d.id, m.seq, m.published, m.signature FROM minhash_unindexed u JOIN documents d ON d.id = u.document_id
         JOIN document_minhash m ON m.document_id = u.document_id WHERE d.duplicate_of IS NULL GROUP BY d.id ORDER BY MIN(u.rowid)`,
      );
      const signed = rows.map(toSigned);
      const stored = await this.readBuckets([...new Set(signed.flatMap((d) => bandKeys(d.signature)))]);
      for (const doc of signed)
        bands.add(
          doc,
          bandKeys(doc.signature).filter((key) => bucketSize(stored, bands, key) < BUCKET_CAP),
        );
      return bands;
    })();
    return this.unwritten;
  }

  /**
   * Writes the band rows held back, in key order, and empties the list of unindexed documents, in the caller's
   * transaction. Written per batch, a document's 64 rows landed on 64 random pages of the index, and every commit
   * rewrote most of the index (a fifth of the import's time at 10,000 documents, growing with the base); in key order
   * every few thousand documents, each page is written once per pass.
   */
  private async writeBands(unwritten: UnwrittenBands): Promise<void> {
    const rows = unwritten.rows();
    for (let i = 0; i < rows.length; i += BAND_ROWS_PER_INSERT) {
      await this.insertRows(
        'INSERT OR IGNORE INTO minhash_bands (band_key, document_seq) SELECT value->>0, value->>1 FROM json_each(?)',
        rows.slice(i, i + BAND_ROWS_PER_INSERT),
      );
    }
    await this.db.exec('DELETE FROM minhash_unindexed');
    unwritten.clear();
  }

  /** Writes the band rows held back (the end of an import), in a transaction of its own. */
  async flushBandIndex(): Promise<void> {
    if (!this.unwritten) return;
    const unwritten = await this.unwritten;
    if (unwritten.signed.size === 0) return;
    const started = performance.now();
    try {
      await this.transaction(() => this.writeBands(unwritten));
    } finally {
      this.timings.dedup += (performance.now() - started) / 1000;
    }
  }

  private async linkNearDuplicate(doc: Signed, keys: number[], bands: BandIndex): Promise<void> {
    const db = this.db;
    // A band shared by many stories is boilerplate ("About CISA: …"), not evidence: buckets are capped, full ones are
    // neither searched nor grown, and only the candidates sharing the most bands are verified. Cost per document
    // stays bounded however large the knowledge base grows.
    const openKeys = keys.filter((key) => bands.size(key) < BUCKET_CAP);
    const shared = new Map<string, number>();
    for (const key of openKeys)
      for (const id of bands.members(key)) if (id !== doc.id) shared.set(id, (shared.get(id) ?? 0) + 1);
    const candidates = [...shared]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_CANDIDATES)
      .map(([id]) => bands.signed(id));
    const similar = candidates.filter(
      (c) => estimatedSimilarity(doc.signature, c.signature) >= NEAR_DUPLICATE_THRESHOLD,
    );
    const rank = (d: Signed) => `${d.published ?? '9999'}|${d.id}`;
    const similarity = (a: Signed, b: Signed) =>
      Math.round(estimatedSimilarity(a.signature, b.signature) * 1000) / 1000;

    if (similar.length === 1 && rank(similar[0]!) < rank(doc)) {
      // The common case, a new copy of a known story that is not its earliest version.
      await db.run('UPDATE documents SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?', [
        similar[0]!.id,
        similarity(doc, similar[0]!),
        doc.id,
      ]);
      return;
    }
    if (similar.length === 0) {
      bands.add(doc.id, openKeys);
      return;
    }
    // A new earliest version, or stories joined by this document: recompute the merged cluster.
    const ids = [doc.id, ...similar.map((c) => c.id)];
    const marks = ids.map(() => '?').join(',');
    const members = (
      await db.all<SignatureRow>(
        `SELECT d.id, m.seq, m.published, m.signature FROM documents d JOIN document_minhash m ON m.document_id = d.id
         WHERE d.id IN (${marks}) OR d.duplicate_of IN (${marks})`,
        [...ids, ...ids],
      )
    ).map(toSigned);
    const canonical = members.reduce((best, m) => (rank(m) < rank(best) ? m : best));
    for (const m of members) {
      if (m.id === canonical.id) {
        await db.run('UPDATE documents SET duplicate_of = NULL, duplicate_similarity = NULL WHERE id = ?', [m.id]);
        continue;
      }
      await db.run('UPDATE documents SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?', [
        canonical.id,
        similarity(m, canonical),
        m.id,
      ]);
      if (m.id !== doc.id) await bands.remove(m);
    }
    if (canonical.id === doc.id) bands.add(doc.id, openKeys);
  }

  /** Many rows in one statement, passed as one JSON array: five times faster than a statement per row (measured). */
  private async insertRows(sql: string, rows: unknown[][]): Promise<void> {
    if (rows.length > 0) await this.db.run(sql, [JSON.stringify(rows)]);
  }

  /**
   * Recomputes the knowledge-base level from the stored findings, in one transaction: which entities are one
   * (entity_merges) and which quotes are one statement (statements). Both are functions of what is stored, so a
   * re-run, an import in another order or a resumed import agree, and readers never see a half-merged state.
   */
  async consolidate(): Promise<void> {
    const started = performance.now();
    const db = this.db;
    try {
      await this.transaction(async () => {
        const rows = await db.all<{
          id: string;
          key: string;
          type: MergeCandidate['type'];
          name: string;
          acronym: string | null;
          country: string | null;
          origin: string;
          documents: number;
        }>(
          // Counted by the entity index alone (one row per document and entity): counting document_id read every row.
          `SELECT e.id, e.key, e.type, e.name, e.acronym, e.country, e.origin, COUNT(de.entity_id) AS documents
           FROM entities e LEFT JOIN document_entities de ON de.entity_id = e.id GROUP BY e.id`,
        );
        const links = mergeEntities(rows.map((r) => ({ ...r, listed: isListed(r) })));
        await db.exec('DELETE FROM entity_merges');
        await this.insertRows(
          'INSERT INTO entity_merges (entity_id, canonical_id, via_id, rule, evidence) SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)',
          links.map((l) => [l.entityId, l.canonicalId, l.viaId, l.rule, l.evidence]),
        );

        await this.groupStatementsBySpeaker();
      });
    } finally {
      this.timings.consolidate += (performance.now() - started) / 1000;
    }
  }

  /**
   * Statements, one speaker at a time: quotes of two speakers are never one statement, so memory holds the quotes
   * of the most quoted speaker, not of the whole knowledge base (1.1 million quotes at 100,000 benchmark documents).
   */
  private async groupStatementsBySpeaker(): Promise<void> {
    const db = this.db;
    // The tables are rebuilt whole: their secondary indexes are dropped and built again after the rows are in, one
    // sort each instead of a random insert per row (their definitions are read back, so migrations stay their owner).
    const indexes = await db.all<{ name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('statements', 'statement_quotes') AND sql IS NOT NULL",
    );
    await db.exec(`DELETE FROM statement_quotes; DELETE FROM statements; DROP TABLE IF EXISTS temp.quote_speakers_now;
                   ${indexes.map((i) => `DROP INDEX "${i.name}";`).join(' ')}`);
    // A quote's date is its document's, read from the signature table where there is one: reading it from documents
    // walks the overflow pages of the document's text first. Quotes are then read by rowid, speaker by speaker in
    // stored order: one B-tree search each, not two.
    await db.exec(`CREATE TEMP TABLE quote_speakers_now AS
                   SELECT q.rowid AS quote_rowid, q.id, COALESCE(m.canonical_id, q.speaker_entity_id) AS speaker,
                          CASE WHEN sig.seq IS NOT NULL THEN sig.published ELSE (SELECT published FROM documents WHERE id = q.document_id) END AS published
                   FROM quotes q LEFT JOIN entity_merges m ON m.entity_id = q.speaker_entity_id LEFT JOIN document_minhash sig ON sig.document_id = q.document_id;
                   CREATE INDEX temp.quote_speakers_now_speaker ON quote_speakers_now(speaker, quote_rowid);`);
    const speakers = await db.all<{ speaker: string | null }>(
      'SELECT DISTINCT speaker FROM quote_speakers_now ORDER BY speaker',
    );
    for (const { speaker } of speakers) {
      const quotes = await db.all<StatementCandidate & { speakerName: string | null }>(
        `SELECT q.id, q.text, q.kind, s.speaker AS speakerId, q.speaker_name AS speakerName, s.published
         FROM quote_speakers_now s JOIN quotes q ON q.rowid = s.quote_rowid WHERE s.speaker IS ? ORDER BY s.id`,
        [speaker],
      );
      const speakerNames = new Map(quotes.map((q) => [q.id, q.speakerName]));
      const statements = groupStatements(quotes);
      for (let i = 0; i < statements.length; i += STATEMENTS_PER_INSERT) {
        const chunk = statements.slice(i, i + STATEMENTS_PER_INSERT);
        await this.insertRows(
          `INSERT INTO statements (id, text, kind, speaker_entity_id, speaker_name, first_published, sources)
           SELECT value->>0, value->>1, value->>2, value->>3, COALESCE((SELECT name FROM entities WHERE id = value->>3), value->>4), value->>5, value->>6 FROM json_each(?)`,
          chunk.map((s) => [
            s.id,
            s.text,
            s.kind,
            s.speakerId,
            speakerNames.get(s.id) ?? null,
            s.firstPublished,
            s.quoteIds.length,
          ]),
        );
        await this.insertRows(
          'INSERT INTO statement_quotes (quote_id, statement_id) SELECT value->>0, value->>1 FROM json_each(?)',
          chunk.flatMap((s) => s.quoteIds.map((q) => [q, s.id])),
        );
      }
    }
    await db.exec(`DROP TABLE temp.quote_speakers_now; ${indexes.map((i) => `${i.sql};`).join(' ')}`);
  }

  async counts(): Promise<KnowledgeBaseCounts> {
    const count = async (sql: string) => (await this.db.get<{ n: number }>(sql))?.n ?? 0;
    const grouped = async (sql: string) =>
      Object.fromEntries((await this.db.all<{ k: string; n: number }>(sql)).map((r) => [r.k, r.n]));
    return {
      documents: await count('SELECT COUNT(*) AS n FROM documents'),
      documentsByLanguage: await grouped(
        'SELECT language AS k, COUNT(*) AS n FROM documents GROUP BY language ORDER BY language',
      ),
      entitiesByType: await grouped(
        'SELECT type AS k, COUNT(*) AS n FROM entities e WHERE NOT EXISTS (SELECT 1 FROM entity_merges m WHERE m.entity_id = e.id) GROUP BY type ORDER BY type',
      ),
      mergedEntities: await count('SELECT COUNT(*) AS n FROM entity_merges'),
      mentions: await count('SELECT COUNT(*) AS n FROM mentions'),
      dates: await count('SELECT COUNT(*) AS n FROM dates'),
      quotes: await count('SELECT COUNT(*) AS n FROM quotes'),
      statements: await count('SELECT COUNT(*) AS n FROM statements'),
      exactDuplicateSources: await count('SELECT COUNT(*) - COUNT(DISTINCT document_id) AS n FROM document_sources'),
      nearDuplicates: await count('SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL'),
      skippedByReason: await grouped(
        `SELECT COALESCE(reason, status) AS k, COUNT(*) AS n FROM file_outcomes f
         WHERE status IN ('skipped', 'failed') AND run_id = (SELECT MAX(run_id) FROM file_outcomes g WHERE g.path = f.path AND g.record = f.record)
         GROUP BY k ORDER BY k`,
      ),
    };
  }

  async close(): Promise<void> {
    await this.reader?.close();
    await this.db.close();
  }
}
