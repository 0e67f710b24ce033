import { existsSync } from 'node:fs';
import type { FileOutcome } from '../../corpus/document.js';
import { documentOutcome } from '../../corpus/outcomes.js';
import {
  type ConsolidationRules,
  type ImportLock,
  type KnowledgeBase,
  KnowledgeBaseMissingError,
  type KnowledgeBaseTimings,
  type NearDuplicateRule,
  type WriteItem,
} from '../knowledge-base.js';
import { consolidate } from './consolidation.js';
import { migrate, openConnection, PageCache, schemaVersion } from './connection.js';
import type { Database } from './database.js';
import { DocumentWriter } from './documents.js';
import type { WritableDocument } from '../writable.js';
import { SqlKnowledgeBaseReader } from '../sql/reader.js';
import { acquireImportLock } from './import-lock.js';
import { NearDuplicateIndex } from './near-duplicates.js';
import { beginRun, finishRun, StoredSources, writeOutcomes } from './runs.js';
import { assertQueryable, fullTextIndex, searchDocuments } from './search.js';

/** How a SQLite knowledge base is opened. */
export interface SqliteOptions {
  /** Open for queries only: no migrations, no writes. @default false */
  readonly?: boolean;
  /** How near duplicates are found; needed to write batches. */
  nearDuplicates?: NearDuplicateRule;
}

/** Batches between two resizings of the page cache. */
const PAGE_CACHE_EVERY_BATCHES = 16;

/** The embedded SQLite knowledge base. One instance is the single writer of an import; readers open their own. */
export class SqliteKnowledgeBase extends SqlKnowledgeBaseReader implements KnowledgeBase {
  readonly timings: KnowledgeBaseTimings = { store: 0, dedup: 0, consolidate: 0 };

  private readonly documents: DocumentWriter;
  private readonly nearDuplicates: NearDuplicateIndex | null;
  private readonly sources: StoredSources;
  private readonly pageCache: PageCache;
  /** Batches written; the page cache is resized every few. */
  private batches = 0;

  private constructor(
    /** The connection, for tests and tools that read the documented schema with SQL. */
    readonly db: Database,
    private readonly path: string,
    nearDuplicates: NearDuplicateRule | undefined,
  ) {
    super(db, fullTextIndex(db));
    this.documents = new DocumentWriter(db);
    this.nearDuplicates = nearDuplicates ? new NearDuplicateIndex(db, nearDuplicates) : null;
    this.sources = new StoredSources(path);
    this.pageCache = new PageCache(db);
  }

  /** Opens (and, unless read-only, creates and migrates) the knowledge base at `path`. */
  static async open(path: string, options: SqliteOptions = {}): Promise<SqliteKnowledgeBase> {
    const readonly = options.readonly ?? false;
    if (readonly && !existsSync(path))
      throw new KnowledgeBaseMissingError(
        `there is no knowledge base at ${path}: import documents into it first (advisory-kb import <folder> --db ${path}), or name another with --db`,
      );
    const db = await openConnection(path, readonly);
    const kb = new SqliteKnowledgeBase(db, path, options.nearDuplicates);
    if (!readonly) {
      await kb.pageCache.resize();
      await migrate(db);
    }
    return kb;
  }

  /** One write transaction; a rollback makes the writers forget what they remembered of the writes it undid. */
  private transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.db.transaction(work, () => {
      this.documents.forget();
      this.nearDuplicates?.forget();
    });
  }

  schemaVersion(): Promise<number> {
    return schemaVersion(this.db);
  }

  lockForImport(onWait?: () => void): Promise<ImportLock> {
    return acquireImportLock(this.path, onWait);
  }

  beginRun(args: string[], toolVersion: string): Promise<number> {
    return beginRun(this.db, args, toolVersion);
  }

  finishRun(runId: number, status: 'completed' | 'failed' | 'interrupted'): Promise<void> {
    return finishRun(this.db, runId, status);
  }

  storedRecords(path: string, sha256: string): Promise<Set<number>> {
    return this.sources.records(path, sha256);
  }

  hasSourcesAt(path: string): Promise<boolean> {
    return this.sources.hasPath(path);
  }

  /**
   * Writes a batch in one transaction: a crash leaves either all of it or none. A document already stored
   * (same normalized text, so same id) gains only a source row; its findings are not written twice. Rows go in
   * per table for the whole batch (one statement each); only near-duplicate linking, which depends on what came
   * before, runs document by document.
   */
  async writeBatch(runId: number, items: WriteItem[]): Promise<FileOutcome[]> {
    const nearDuplicates = this.requireNearDuplicates();
    const started = performance.now();
    const documents = items.flatMap((item) => item.documents);
    const outcomes: FileOutcome[] = [];
    if (++this.batches % PAGE_CACHE_EVERY_BATCHES === 0) await this.pageCache.resize();
    try {
      await this.transaction(async () => {
        const existing = await this.documents.existing([...new Set(documents.map((d) => d.id))]);
        const fresh: WritableDocument[] = [];
        for (const doc of documents) {
          const isNew = !existing.has(doc.id);
          existing.add(doc.id);
          if (isNew) fresh.push(doc);
          outcomes.push(documentOutcome(doc, isNew));
        }
        await this.documents.insert(runId, fresh);
        await this.documents.insertSources(runId, documents);
        const dedupStarted = performance.now();
        await nearDuplicates.link(fresh);
        this.timings.dedup += (performance.now() - dedupStarted) / 1000;
        outcomes.push(...items.flatMap((item) => item.outcomes));
        await writeOutcomes(this.db, runId, outcomes);
      });
    } finally {
      this.timings.store += (performance.now() - started) / 1000;
    }
    return outcomes;
  }

  /** Writes the band rows held back (the end of an import), in a transaction of its own. */
  async flushNearDuplicateIndex(): Promise<void> {
    const nearDuplicates = this.requireNearDuplicates();
    if (!(await nearDuplicates.heldBack())) return;
    const started = performance.now();
    try {
      await this.transaction(() => nearDuplicates.flush());
    } finally {
      this.timings.dedup += (performance.now() - started) / 1000;
    }
  }

  /**
   * Recomputes entity merges and statements in one transaction: readers never see a half-merged state. The stored
   * quotes are read on a second connection of their own, so reading and writing run at once (see consolidate).
   */
  async consolidate(rules: ConsolidationRules): Promise<void> {
    const started = performance.now();
    const reader = this.path === ':memory:' ? this.db : await openConnection(this.path, true);
    try {
      await this.transaction(() => consolidate(this.db, rules, reader));
    } finally {
      if (reader !== this.db) await reader.close();
      this.timings.consolidate += (performance.now() - started) / 1000;
    }
  }

  private requireNearDuplicates(): NearDuplicateIndex {
    if (!this.nearDuplicates) throw new Error('this knowledge base was opened without a near-duplicate rule');
    return this.nearDuplicates;
  }

  assertQueryable(): Promise<void> {
    return assertQueryable(this.db);
  }

  search(query: string, options?: { limit?: number; mark?: [string, string]; timeoutMs?: number }) {
    return searchDocuments(this.db, query, options);
  }

  async checkpoint(): Promise<string | null> {
    try {
      const row = await this.db.get<{ busy: number }>('PRAGMA wal_checkpoint(TRUNCATE)');
      return row?.busy ? 'readers kept the write-ahead log from being emptied; the next import empties it' : null;
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      const cause = e.code === 'SQLITE_FULL' || e.code === 'SQLITE_IOERR' ? 'the disk is full' : e.message;
      return `the write-ahead log could not be moved into the database file (${cause}): everything imported is safe in its -wal file, and the next import or a query moves it`;
    }
  }

  async close(): Promise<void> {
    await this.sources.close();
    await this.db.close();
  }
}
