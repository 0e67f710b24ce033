import type { FileOutcome } from '../corpus/document.js';
import type { EntityType } from '../extractors/entities.js';
import type { MergeCandidate, MergeLink } from '../extractors/merge.js';
import type { Statement, StatementCandidate } from '../extractors/statements.js';
import type { WritableDocument } from './writable.js';
import type {
  CooccurringEntity,
  DocumentBrowse,
  DocumentContext,
  DocumentPage,
  EntityDetails,
  EntitySummary,
  ExportRecord,
  ImportRun,
  KnowledgeBaseEntity,
  QuoteFilters,
  RunOutcomes,
  SearchHit,
  StatementRow,
  TimelineCounts,
  TimelineEvent,
} from './records.js';

/**
 * The knowledge base as the runner and the query commands see it, whatever holds it. The embedded SQLite file
 * (`output/sqlite/`) is one implementation; another backend is another folder implementing these interfaces.
 */

/** The backend cannot be used at all (its driver is not installed): a clear, actionable error for the user. */
export class KnowledgeBaseUnavailableError extends Error {}

/** A query names a knowledge base that does not exist: nothing was imported there yet. */
export class KnowledgeBaseMissingError extends Error {}

/** A location that holds something this version will not write (another program's database, a newer schema). */
export class KnowledgeBaseRefusedError extends Error {}

/** What one job (a file, or a chunk of JSONL lines) produced, ready to be written. */
export interface WriteItem {
  documents: WritableDocument[];
  outcomes: FileOutcome[];
}

/** Counts of the knowledge base, for the import summary and `stats`. */
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

/**
 * How near-duplicate documents are told apart: band keys of a signature (documents sharing one are candidates) and
 * the similarity from which two are copies. The extractors' MinHash provides it; the knowledge base indexes by it.
 */
export interface NearDuplicateRule {
  /** Which way of signing texts `sign` is: stored signatures of another scheme are made again from their texts. */
  scheme: number;
  /** A text's signature, as the analysis computes it. */
  sign(text: string): number[];
  /** Signatures of any other length (a document without words) are not indexed. */
  signatureLength: number;
  bandKeys(signature: readonly number[]): number[];
  similarity(a: readonly number[], b: readonly number[]): number;
  threshold: number;
}

/**
 * The knowledge-base level computed from the stored findings: which entities are one and which quotes are one
 * statement. Pure functions; the knowledge base reads their input and writes their output in one transaction.
 */
export interface ConsolidationRules {
  /** Whether a list gives the entity its identity (a gazetteer entry, a place): two of them are never merged. */
  isListed(entity: { key: string; type: EntityType }): boolean;
  mergeEntities(candidates: readonly MergeCandidate[]): MergeLink[];
  /** Called once per speaker (and once for quotes without one) with that speaker's quotes. */
  groupStatements(quotes: readonly StatementCandidate[]): Statement[];
}

/** Held for the length of one import; `release` ends it. */
export interface ImportLock {
  release(): Promise<void>;
}

/** Seconds of wall-clock time the knowledge base spent, summed over an import. */
export interface KnowledgeBaseTimings {
  /** Writing batches, near-duplicate linking included. */
  store: number;
  /** Linking near duplicates. */
  dedup: number;
  /** Computing the knowledge-base level. */
  consolidate: number;
}

/** The read side: what researchers ask. Entities are always the canonical (merged) ones. */
export interface KnowledgeBaseReader {
  /** Fails with a QueryError when the base was written by a version without the tables queries read. */
  assertQueryable(): Promise<void>;
  counts(): Promise<KnowledgeBaseCounts>;
  /**
   * Full-text search, best first; `mark` brackets the matched terms in snippets; a search running past `timeoutMs`
   * is stopped with a QueryError. @default mark ['[', ']'], timeoutMs 30000
   */
  search(
    query: string,
    options?: { limit?: number; mark?: [string, string]; timeoutMs?: number },
  ): Promise<SearchHit[]>;
  entities(options?: { type?: EntityType; name?: string; limit?: number }): Promise<EntitySummary[]>;
  /** The entities a name or id may mean, the best attested first. */
  findEntities(nameOrId: string): Promise<EntitySummary[]>;
  /** Everything known of one entity; `limits` caps its documents (earliest first) and statements, and
   * can leave out the dates of the sentences naming it. */
  entity(nameOrId: string, limits?: { documents?: number; quotes?: number; dates?: boolean }): Promise<EntityDetails>;
  quotes(filters?: QuoteFilters): Promise<StatementRow[]>;
  timeline(nameOrId: string): Promise<{ entity: EntitySummary; events: TimelineEvent[] }>;
  /** One document by id, path or the end of a path, with its text. */
  document(idOrPath: string): Promise<ExportRecord>;
  /** Every document in id order, as export records; memory stays flat for any size. */
  exportRecords(options?: { withText?: boolean }): AsyncIterable<ExportRecord>;
  /** Every knowledge-base entity in id order, parents that no document mentions included. */
  exportEntities(): AsyncIterable<KnowledgeBaseEntity>;
  /** Every statement in id order with all its sources. */
  exportStatements(): AsyncIterable<StatementRow>;
  /** The imports, oldest first. */
  runs(): Promise<ImportRun[]>;
  /** Canonical documents matching the filters, a page at a time, with their copies counted. */
  browseDocuments(filters?: DocumentBrowse): Promise<DocumentPage>;
  /** A document's copies, file outcomes and messages. */
  documentContext(documentId: string): Promise<DocumentContext>;
  /** Documents, statements and dated sentences about an entity (an id), counted per month, in month order. */
  timelineCounts(entityId: string): Promise<TimelineCounts>;
  /** The entities named in most of the same documents as this one (an id), counted over up to 500 of them. */
  cooccurring(entityId: string, limit?: number): Promise<CooccurringEntity[]>;
  /** One import's outcomes, filtered by status, a page at a time. */
  runOutcomes(runId: number, options?: { status?: string; limit?: number; offset?: number }): Promise<RunOutcomes>;
  close(): Promise<void>;
}

/** The write side: one import's single writer. */
export interface KnowledgeBase extends KnowledgeBaseReader {
  readonly timings: KnowledgeBaseTimings;
  schemaVersion(): Promise<number>;
  /** One import at a time per knowledge base: waits (calling `onWait` once) while another holds it. */
  lockForImport(onWait?: () => void): Promise<ImportLock>;
  /** Starts a run; runs still marked running were killed and are marked failed. */
  beginRun(args: string[], toolVersion: string): Promise<number>;
  finishRun(runId: number, status: 'completed' | 'failed' | 'interrupted'): Promise<void>;
  /** Records of a file version already stored (0 for a single-document file): re-runs skip them. */
  storedRecords(path: string, sha256: string): Promise<Set<number>>;
  /** Whether any version of the file at `path` is stored: a file at a path never stored is new unread and unhashed. */
  hasSourcesAt(path: string): Promise<boolean>;
  /** Writes a batch in one transaction, near duplicates linked; returns every outcome it recorded. */
  writeBatch(runId: number, items: WriteItem[]): Promise<FileOutcome[]>;
  /** Makes the near-duplicate index complete (the end of an import). */
  flushNearDuplicateIndex(): Promise<void>;
  /** Recomputes entity merges and statements from what is stored, in one transaction. */
  consolidate(rules: ConsolidationRules): Promise<void>;
  /**
   * Moves what the import committed into the knowledge base's main file (SQLite: the write-ahead log). Committed
   * data is safe either way; resolves to why it could not (a full disk, readers in the way), or null.
   */
  checkpoint(): Promise<string | null>;
}
