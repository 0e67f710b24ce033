import type { FileOutcome } from '../../corpus/document.js';
import {
  type ConsolidationRules,
  type ImportLock,
  type KnowledgeBase,
  KnowledgeBaseMissingError,
  type KnowledgeBaseTimings,
  type NearDuplicateRule,
  type WriteItem,
} from '../knowledge-base.js';
import { QueryError } from '../records.js';
import { DEFAULT_SEARCH_TIMEOUT_MS } from '../sql/queries.js';
import { SqlKnowledgeBaseReader } from '../sql/reader.js';
import { outcomeRows } from '../sql/rows.js';
import { consolidate } from './consolidation.js';
import { migrate, PgDatabase, schemaVersion } from './connection.js';
import { writeDocuments } from './documents.js';
import { linkNearDuplicates } from './near-duplicates.js';
import { fullTextIndex, searchDocuments } from './search.js';

/** How a PostgreSQL knowledge base is opened. */
export interface PostgresOptions {
  /** Open for queries only: no migrations, no writes; queries stop after the search time limit. @default false */
  readonly?: boolean;
  /** How near duplicates are found; needed to write batches. */
  nearDuplicates?: NearDuplicateRule;
}

/** Whether a location names a PostgreSQL database rather than an SQLite file. */
export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//.test(location);

/**
 * The knowledge base on a PostgreSQL server: the tables, ids and queries of the embedded one, for several
 * importers and workers writing at once while researchers query. Each writer commits a batch in one transaction;
 * concurrent writers are made safe by unique keys and upserts, and near-duplicate linking and consolidation take
 * turns through advisory locks.
 */
export class PostgresKnowledgeBase extends SqlKnowledgeBaseReader implements KnowledgeBase {
  readonly timings: KnowledgeBaseTimings = { store: 0, dedup: 0, consolidate: 0 };

  /** Whether a batch of this writer has linked documents, and so made stored signatures of other schemes again. */
  private signaturesChecked = false;

  private constructor(
    /** The connection pool, for tests and tools that read the documented schema with SQL. */
    readonly db: PgDatabase,
    private readonly nearDuplicates: NearDuplicateRule | undefined,
  ) {
    super(db, fullTextIndex(db));
  }

  /** Connects (and, unless read-only, creates and migrates the schema). */
  static async open(url: string, options: PostgresOptions = {}): Promise<PostgresKnowledgeBase> {
    const db = PgDatabase.connect(url, options.readonly ? { statementTimeoutMs: DEFAULT_SEARCH_TIMEOUT_MS } : {});
    try {
      if (!options.readonly) await migrate(db);
      else if ((await schemaVersion(db)) === 0)
        throw new KnowledgeBaseMissingError(
          `there is no knowledge base at ${db.location}: import documents into it first (advisory-kb import <folder> --db …)`,
        );
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PostgresKnowledgeBase(db, options.nearDuplicates);
  }

  schemaVersion(): Promise<number> {
    return schemaVersion(this.db);
  }

  /** A session-level advisory lock on a connection of its own, held until released. */
  lockForImport(onWait?: () => void): Promise<ImportLock> {
    return this.db.holdLock('advisory-kb import', onWait);
  }

  /**
   * Starts a run. Unlike the embedded file, a server is written by several importers and workers at once, so a run
   * still marked running may be alive elsewhere: it is left as it is.
   */
  async beginRun(args: string[], toolVersion: string): Promise<number> {
    const row = await this.db.get<{ id: number }>(
      "INSERT INTO import_runs (started_at, status, arguments, tool_version) VALUES (?, 'running', ?, ?) RETURNING id",
      [new Date().toISOString(), JSON.stringify(args), toolVersion],
    );
    return row!.id;
  }

  async finishRun(runId: number, status: 'completed' | 'failed' | 'interrupted'): Promise<void> {
    await this.db.run('UPDATE import_runs SET finished_at = ?, status = ? WHERE id = ?', [
      new Date().toISOString(),
      status,
      runId,
    ]);
  }

  async storedRecords(path: string, sha256: string): Promise<Set<number>> {
    const rows = await this.db.all<{ record: number }>(
      'SELECT record FROM document_sources WHERE path = ? AND sha256 = ?',
      [path, sha256],
    );
    return new Set(rows.map((r) => r.record));
  }

  async hasSourcesAt(path: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 FROM document_sources WHERE path = ? LIMIT 1', [path])) !== undefined;
  }

  /**
   * Writes a batch in one transaction, near duplicates linked: a worker killed in the middle leaves all of it or
   * none, and a retried batch finds its documents stored and adds only their sources and outcomes.
   */
  async writeBatch(runId: number, items: WriteItem[]): Promise<FileOutcome[]> {
    const rule = this.nearDuplicates;
    if (!rule) throw new Error('this knowledge base was opened without a near-duplicate rule');
    const started = performance.now();
    try {
      const { fresh, outcomes } = await this.db.transaction(async (tx) => {
        const written = await writeDocuments(
          tx,
          runId,
          items.flatMap((item) => item.documents),
        );
        const dedupStarted = performance.now();
        await linkNearDuplicates(tx, rule, written.fresh, !this.signaturesChecked);
        this.timings.dedup += (performance.now() - dedupStarted) / 1000;
        const outcomes = [...written.outcomes, ...items.flatMap((item) => item.outcomes)];
        // The latest outcome of a file (or record) in a run is the one kept, as SQLite's INSERT OR REPLACE keeps it.
        const latest = [...new Map(outcomes.map((o) => [`${o.path}\u0000${o.record ?? 0}`, o])).values()];
        await tx.insertRows(
          `INSERT INTO file_outcomes (run_id, path, record, status, reason, detail, document_id)
           SELECT (v->>0)::bigint, v->>1, (v->>2)::int, v->>3, v->>4, v->>5, v->>6 FROM jsonb_array_elements($1::jsonb) v
           ORDER BY 2, 3
           ON CONFLICT (run_id, path, record) DO UPDATE SET status = excluded.status, reason = excluded.reason,
             detail = excluded.detail, document_id = excluded.document_id`,
          outcomeRows(runId, latest),
        );
        return { fresh: written.fresh, outcomes };
      });
      this.signaturesChecked ||= fresh.some((doc) => doc.fingerprint.length === rule.signatureLength);
      return outcomes;
    } finally {
      this.timings.store += (performance.now() - started) / 1000;
    }
  }

  /** Band rows are written with their batch: nothing is held back. */
  async flushNearDuplicateIndex(): Promise<void> {}

  async consolidate(rules: ConsolidationRules): Promise<void> {
    const started = performance.now();
    try {
      await this.db.transaction((tx) => consolidate(tx, rules));
    } finally {
      this.timings.consolidate += (performance.now() - started) / 1000;
    }
  }

  /** The server owns durability: committed is written. */
  async checkpoint(): Promise<string | null> {
    return null;
  }

  async assertQueryable(): Promise<void> {
    if ((await schemaVersion(this.db)) === 0)
      throw new QueryError('this database holds no advisory-kb knowledge base: run an import into it first');
  }

  search(query: string, options?: { limit?: number; mark?: [string, string] }) {
    return searchDocuments(this.db, query, options);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
