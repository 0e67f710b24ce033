import type { EntityType } from '../../extractors/entities.js';
import type { KnowledgeBaseCounts, KnowledgeBaseReader } from '../knowledge-base.js';
import type {
  DocumentBrowse,
  ExportRecord,
  ImportRun,
  KnowledgeBaseEntity,
  QuoteFilters,
  SearchHit,
  StatementRow,
} from '../records.js';
import * as browse from './browse.js';
import type { SqlConnection } from './connection.js';
import { exportEntities, exportRecords } from './export.js';
import * as queries from './queries.js';
import { countKnowledgeBase, listRuns } from './runs.js';

/**
 * The read side both SQL backends share: every query through the shared SQL, on the backend's connection and with
 * its full-text index. A backend adds what is its own: the check that it can be queried, search, and closing.
 */
export abstract class SqlKnowledgeBaseReader implements KnowledgeBaseReader {
  protected constructor(
    private readonly sql: SqlConnection,
    private readonly fullText: browse.FullTextIndex,
  ) {}

  abstract assertQueryable(): Promise<void>;
  abstract search(
    query: string,
    options?: { limit?: number; mark?: [string, string]; timeoutMs?: number },
  ): Promise<SearchHit[]>;
  abstract close(): Promise<void>;

  counts(): Promise<KnowledgeBaseCounts> {
    return countKnowledgeBase(this.sql);
  }

  entities(options?: { type?: EntityType; name?: string; limit?: number }) {
    return queries.listEntities(this.sql, options);
  }

  findEntities(nameOrId: string) {
    return queries.findEntities(this.sql, nameOrId);
  }

  entity(nameOrId: string, limits?: { documents?: number; quotes?: number; dates?: boolean }) {
    return queries.entityDetails(this.sql, nameOrId, limits);
  }

  timelineCounts(entityId: string) {
    return browse.timelineCounts(this.sql, entityId);
  }

  quotes(filters?: QuoteFilters) {
    return queries.listQuotes(this.sql, filters);
  }

  timeline(nameOrId: string) {
    return queries.entityTimeline(this.sql, nameOrId);
  }

  document(idOrPath: string): Promise<ExportRecord> {
    return queries.showDocument(this.sql, idOrPath);
  }

  exportRecords(options?: { withText?: boolean }): AsyncIterable<ExportRecord> {
    return exportRecords(this.sql, options);
  }

  exportEntities(): AsyncIterable<KnowledgeBaseEntity> {
    return exportEntities(this.sql);
  }

  exportStatements(): AsyncIterable<StatementRow> {
    return queries.exportStatements(this.sql);
  }

  runs(): Promise<ImportRun[]> {
    return listRuns(this.sql);
  }

  browseDocuments(filters?: DocumentBrowse) {
    return browse.browseDocuments(this.sql, this.fullText, filters);
  }

  documentContext(documentId: string) {
    return browse.documentContext(this.sql, documentId);
  }

  cooccurring(entityId: string, limit?: number) {
    return browse.cooccurring(this.sql, entityId, limit);
  }

  runOutcomes(runId: number, options?: { status?: string; limit?: number; offset?: number }) {
    return browse.runOutcomes(this.sql, runId, options);
  }
}
