import {
  type CooccurringEntity,
  type DocumentBrowse,
  type DocumentContext,
  type DocumentPage,
  QueryError,
  type RunOutcomes,
  type TimelineCounts,
} from '../records.js';
import type { SqlConnection } from './connection.js';
import {
  datedSentencesSql,
  documentRef,
  type DocumentRow,
  FIRST_PATH,
  MEMBERS as MEMBERS_ONCE,
  statementTables,
} from './queries.js';
import { listRuns } from './runs.js';

/**
 * The lists a browser pages through (the explorer's search, document context, co-occurrence and import pages): every
 * filter a bound parameter, every list paged with LIMIT/OFFSET and sorted so that a page is stable.
 */

/** The ids an entity was stored under, for queries that bind it twice as `?`: its own and its merged variants'. */
const MEMBERS = '(SELECT CAST(? AS TEXT) UNION ALL SELECT entity_id FROM entity_merges WHERE canonical_id = ?)';
const SNIPPET_CHARS = 240;

/**
 * A backend's full-text index, as document lists use it: SQL that restricts `documents d` to the matches of a query
 * and scores them (higher is better; the title weighs more than the text), and the snippets of one page.
 */
export interface FullTextIndex {
  match(query: string): {
    /** Replaces `documents d` in the FROM clause. */
    from: string;
    where: string;
    params: unknown[];
    score: string;
    /** The ORDER BY of a relevance sort. */
    order: string;
  };
  /** The snippet of each document for `query`, `mark` bracketing the matched terms. */
  snippets(query: string, ids: string[], mark: [string, string]): Promise<Map<string, string>>;
  /** Runs queries of a search, stopped past the backend's time limit, its errors told as QueryErrors. */
  guard<T>(query: string, work: () => Promise<T>): Promise<T>;
}

/** Canonical documents matching the filters, best first with a query, newest first without, copies counted. */
export async function browseDocuments(
  db: SqlConnection,
  fullText: FullTextIndex,
  filters: DocumentBrowse = {},
): Promise<DocumentPage> {
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
  const byDate = 'd.published IS NULL, d.published DESC, d.id';
  const limit = filters.limit ?? 20;
  const offset = filters.offset ?? 0;
  // The page's ids first, then their columns: a sorter holds whole rows, so a snippet or a subquery in the sorted
  // query would be computed for every match, not for the twenty shown.
  const match = query ? fullText.match(query) : null;
  const from = match
    ? `FROM ${match.from} WHERE ${match.where} AND ${where.join(' AND ')}`
    : `FROM documents d WHERE ${where.join(' AND ')}`;
  const allParams = [...(match?.params ?? []), ...params];
  const order = match && sort === 'relevance' ? match.order : byDate;
  const read = async () => ({
    page: await db.all<{ id: string; score: number | null }>(
      `SELECT d.id, ${match ? match.score : 'NULL'} AS score ${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...allParams, limit, offset],
    ),
    total: (await db.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`, allParams))!.n,
  });
  const { page, total } = query ? await fullText.guard(query, read) : await read();
  const rows = await db.all<DocumentRow & { start: string; copies: number }>(
    `SELECT d.id, d.title, d.published, d.language, d.duplicate_of, ${FIRST_PATH} AS path,
            substr(d.text, 1, ${SNIPPET_CHARS}) AS start,
            (SELECT COUNT(*) FROM documents c WHERE c.duplicate_of = d.id) AS copies
     FROM documents d WHERE d.id IN (SELECT value FROM ${db.dialect.jsonValues('?')})`,
    [JSON.stringify(page.map((p) => p.id))],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const snippets = query
    ? await fullText.snippets(
        query,
        page.map((p) => p.id),
        filters.mark ?? ['[', ']'],
      )
    : new Map<string, string>();
  return {
    total,
    hits: page.map((p) => {
      const r = byId.get(p.id)!;
      return {
        ...documentRef(r),
        score: p.score === null ? null : Math.round(p.score * 1000) / 1000,
        snippet: (snippets.get(p.id) ?? r.start).replace(/\s+/g, ' '),
        copies: r.copies,
      };
    }),
  };
}

/** A document's near-duplicate copies, what each import recorded for its sources, and its stages' messages. */
export async function documentContext(db: SqlConnection, documentId: string): Promise<DocumentContext> {
  const document = await db.get<{ messages: string }>('SELECT messages FROM documents WHERE id = ?', [documentId]);
  if (!document) throw new QueryError(`no document has the id ${JSON.stringify(documentId)}`);
  const copies = await db.all<DocumentRow & { duplicate_similarity: number | null }>(
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
    copies: copies.map((c) => ({ ...documentRef(c), similarity: c.duplicate_similarity })),
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

/**
 * How many of an entity's documents are read for its neighbours and its dated sentences: a fixed sample (in document-id
 * order, which is a hash) keeps an entity named in half of a million-document base as fast as any other.
 */
const DOCUMENT_SAMPLE = 500;
const SAMPLE = `(SELECT DISTINCT document_id FROM document_entities WHERE entity_id IN ${MEMBERS_ONCE} ORDER BY document_id LIMIT ${DOCUMENT_SAMPLE})`;

/**
 * Per month: the documents naming an entity, its statements (by earliest date), and the sentences naming it with a
 * date (in up to 500 of its documents).
 */
export async function timelineCounts(db: SqlConnection, entityId: string): Promise<TimelineCounts> {
  const { statements } = await statementTables(db);
  const rows = await db.all<{ kind: keyof TimelineCounts['series']; month: string; n: number }>(
    `SELECT 'document' AS kind, substr(d.published, 1, 7) AS month, COUNT(*) AS n FROM documents d
     WHERE d.published IS NOT NULL AND d.id IN (SELECT document_id FROM document_entities WHERE entity_id IN ${MEMBERS_ONCE})
     GROUP BY month
     UNION ALL
     SELECT 'quote', substr(first_published, 1, 7), COUNT(*) FROM ${statements}
     WHERE speaker_entity_id = ?1 AND first_published IS NOT NULL GROUP BY 2
     UNION ALL
     SELECT 'sentence', substr(value, 1, 7), COUNT(*) FROM (${datedSentencesSql(SAMPLE)}) x
     GROUP BY 2`,
    [entityId],
  );
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const index = new Map(months.map((m, i) => [m, i]));
  const series = { document: months.map(() => 0), sentence: months.map(() => 0), quote: months.map(() => 0) };
  for (const r of rows) series[r.kind][index.get(r.month)!] = r.n;
  return { months, series };
}

/**
 * The entities that share most of an entity's documents (up to 500 of them; its merged variants counted as it),
 * most shared first.
 */
export async function cooccurring(db: SqlConnection, entityId: string, limit = 10): Promise<CooccurringEntity[]> {
  return db.all<CooccurringEntity>(
    `SELECT e.id, e.type, e.name, e.acronym, e.country, top.shared
     FROM (SELECT COALESCE(m.canonical_id, other.entity_id) AS id, COUNT(DISTINCT other.document_id) AS shared
           FROM document_entities other LEFT JOIN entity_merges m ON m.entity_id = other.entity_id
           WHERE other.document_id IN ${SAMPLE} AND COALESCE(m.canonical_id, other.entity_id) <> ?1
           GROUP BY 1 ORDER BY shared DESC, id LIMIT ?2) top
     JOIN entities e ON e.id = top.id
     ORDER BY top.shared DESC, e.name, e.id`,
    [entityId, limit],
  );
}

/** One import's file outcomes (optionally of one status), a page at a time, in path order, with counts by status. */
export async function runOutcomes(
  db: SqlConnection,
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
