import {
  type CooccurringEntity,
  type DocumentBrowse,
  type DocumentContext,
  type DocumentPage,
  QueryError,
  type RunOutcomes,
} from '../records.js';
import type { Database } from './database.js';
import { DEFAULT_SEARCH_TIMEOUT_MS, FIRST_PATH, withSearchErrors } from './queries.js';
import { listRuns } from './runs.js';
import { ftsQuery } from './search-syntax.js';

/**
 * The lists a browser pages through (the explorer's search, document context, co-occurrence and import pages): every
 * filter a bound parameter, every list paged with LIMIT/OFFSET and sorted so that a page is stable.
 */

/** The ids an entity was stored under (bound twice): its own and its merged variants'. */
const MEMBERS = '(SELECT ? UNION ALL SELECT entity_id FROM entity_merges WHERE canonical_id = ?)';
const SNIPPET_CHARS = 240;

/** Canonical documents matching the filters, best first with a query, newest first without, copies counted. */
export async function browseDocuments(db: Database, filters: DocumentBrowse = {}): Promise<DocumentPage> {
  const [open, close] = filters.mark ?? ['[', ']'];
  const where = ['d.duplicate_of IS NULL'];
  const params: unknown[] = [];
  const filter = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (filters.language) filter('d.language = ?', filters.language);
  if (filters.from) filter('d.published >= ?', filters.from);
  // "2024-06" as an upper bound includes every day of June.
  if (filters.to) filter('d.published <= ?', `${filters.to}\uffff`);
  for (const id of filters.entityIds ?? [])
    filter(`d.id IN (SELECT document_id FROM document_entities WHERE entity_id IN ${MEMBERS})`, id, id);
  const query = filters.query?.trim() ? filters.query.trim() : null;
  const sort = filters.sort ?? (query ? 'relevance' : 'date');
  if (sort === 'relevance' && !query) throw new QueryError('sorting by relevance needs a search query');
  const order = sort === 'relevance' ? 'score, d.id' : 'd.published IS NULL, d.published DESC, d.id';
  const limit = filters.limit ?? 20;
  const offset = filters.offset ?? 0;
  const copies = '(SELECT COUNT(*) FROM documents c WHERE c.duplicate_of = d.id) AS copies';
  type Row = {
    id: string;
    title: string | null;
    published: string | null;
    language: string;
    path: string;
    duplicate_of: string | null;
    score: number | null;
    snippet: string;
    copies: number;
  };
  let rows: Row[];
  let total: number;
  if (query) {
    const match = ftsQuery(query);
    const from = `FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND ${where.join(' AND ')}`;
    [rows, total] = await withSearchErrors(query, DEFAULT_SEARCH_TIMEOUT_MS, async () => [
      await db.allWithin<Row>(
        DEFAULT_SEARCH_TIMEOUT_MS,
        `SELECT d.id, d.title, d.published, d.language, d.duplicate_of, ${FIRST_PATH} AS path,
                bm25(documents_fts, 2.0, 1.0) AS score, snippet(documents_fts, 1, ?, ?, '…', 24) AS snippet, ${copies}
         ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
        [open, close, match, ...params, limit, offset],
      ),
      (await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, [match, ...params]))!.n,
    ]);
  } else {
    const from = `FROM documents d WHERE ${where.join(' AND ')}`;
    rows = await db.all<Row>(
      `SELECT d.id, d.title, d.published, d.language, d.duplicate_of, ${FIRST_PATH} AS path, NULL AS score,
              substr(d.text, 1, ${SNIPPET_CHARS}) AS snippet, ${copies}
       ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    total = (await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, params))!.n;
  }
  return {
    total,
    hits: rows.map((r) => ({
      id: r.id,
      title: r.title,
      published: r.published,
      language: r.language,
      path: r.path,
      duplicateOf: r.duplicate_of,
      score: r.score === null ? null : Math.round(-r.score * 1000) / 1000,
      snippet: r.snippet.replace(/\s+/g, ' '),
      copies: r.copies,
    })),
  };
}

/** A document's near-duplicate copies, what each import recorded for its sources, and its stages' messages. */
export async function documentContext(db: Database, documentId: string): Promise<DocumentContext> {
  const document = await db.get<{ messages: string }>('SELECT messages FROM documents WHERE id = ?', [documentId]);
  if (!document) throw new QueryError(`no document has the id ${JSON.stringify(documentId)}`);
  const copies = await db.all<{
    id: string;
    title: string | null;
    published: string | null;
    language: string;
    path: string;
    duplicate_of: string | null;
    duplicate_similarity: number | null;
  }>(
    `SELECT d.id, d.title, d.published, d.language, d.duplicate_of, d.duplicate_similarity, ${FIRST_PATH} AS path
     FROM documents d WHERE d.duplicate_of = ? ORDER BY d.id`,
    [documentId],
  );
  const outcomes = await db.all<{
    run_id: number;
    path: string;
    record: number;
    status: string;
    reason: string | null;
    detail: string | null;
  }>(
    `SELECT f.run_id, f.path, f.record, f.status, f.reason, f.detail
     FROM document_sources s JOIN file_outcomes f ON f.path = s.path AND f.record = s.record
     WHERE s.document_id = ? GROUP BY f.run_id, f.path, f.record ORDER BY f.run_id DESC, f.path, f.record`,
    [documentId],
  );
  return {
    copies: copies.map((c) => ({
      id: c.id,
      title: c.title,
      published: c.published,
      language: c.language,
      path: c.path,
      duplicateOf: c.duplicate_of,
      similarity: c.duplicate_similarity,
    })),
    outcomes: outcomes.map((o) => ({
      runId: o.run_id,
      path: o.path,
      record: o.record,
      status: o.status,
      reason: o.reason,
      detail: o.detail,
    })),
    messages: JSON.parse(document.messages) as DocumentContext['messages'],
  };
}

/** The entities that share most documents with one (its merged variants counted as it), most shared first. */
export async function cooccurring(db: Database, entityId: string, limit = 10): Promise<CooccurringEntity[]> {
  return db.all<CooccurringEntity>(
    `SELECT s.id, s.type, s.name, s.acronym, s.country, s.mentions, s.documents, COUNT(DISTINCT other.document_id) AS shared
     FROM document_entities own
     JOIN document_entities other ON other.document_id = own.document_id
     JOIN entity_canonical c ON c.entity_id = other.entity_id
     JOIN entity_summary s ON s.id = c.canonical_id
     WHERE own.entity_id IN ${MEMBERS} AND c.canonical_id <> ?
     GROUP BY s.id ORDER BY shared DESC, s.documents DESC, s.name, s.id LIMIT ?`,
    [entityId, entityId, entityId, limit],
  );
}

/** One import's file outcomes (optionally of one status), a page at a time, in path order, with counts by status. */
export async function runOutcomes(
  db: Database,
  runId: number,
  options: { status?: string; limit?: number; offset?: number } = {},
): Promise<RunOutcomes> {
  const run = (await listRuns(db)).find((r) => r.id === runId);
  if (!run) throw new QueryError(`no import has the number ${runId}`);
  const counts = Object.fromEntries(
    (
      await db.all<{ status: string; n: number }>(
        'SELECT status, COUNT(*) AS n FROM file_outcomes WHERE run_id = ? GROUP BY status ORDER BY status',
        [runId],
      )
    ).map((r) => [r.status, r.n]),
  );
  const where = options.status ? 'run_id = ? AND status = ?' : 'run_id = ?';
  const params = options.status ? [runId, options.status] : [runId];
  const rows = await db.all<{
    path: string;
    record: number;
    status: string;
    reason: string | null;
    detail: string | null;
    document_id: string | null;
  }>(
    `SELECT path, record, status, reason, detail, document_id FROM file_outcomes WHERE ${where}
     ORDER BY path, record LIMIT ? OFFSET ?`,
    [...params, options.limit ?? 50, options.offset ?? 0],
  );
  return {
    run,
    counts,
    total: options.status ? (counts[options.status] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0),
    outcomes: rows.map((r) => ({
      path: r.path,
      record: r.record,
      status: r.status,
      reason: r.reason,
      detail: r.detail,
      documentId: r.document_id,
    })),
  };
}
