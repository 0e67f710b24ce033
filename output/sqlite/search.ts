import { QueryError, type SearchHit } from '../records.js';
import type { FullTextIndex } from '../sql/browse.js';
import { DEFAULT_SEARCH_TIMEOUT_MS, documentRef, type DocumentRow, FIRST_PATH } from '../sql/queries.js';
import type { Database } from './database.js';
import { ftsQuery } from './search-syntax.js';

/** The knowledge base must have the tables this version queries; an older one is upgraded by any import. */
export async function assertQueryable(db: Database): Promise<void> {
  const table = await db.get('SELECT 1 FROM sqlite_master WHERE name = ?', ['statements']);
  if (!table)
    throw new QueryError(
      'this knowledge base was written by an older version of advisory-kb: run an import into it (e.g. advisory-kb import corpus/samples --db …) to upgrade it',
    );
}

/**
 * Runs a full-text query within `timeoutMs`, turning a timeout or a syntax error of the query into a QueryError that
 * says what to do.
 */
async function withSearchErrors<T>(db: Database, query: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  try {
    return await db.within(timeoutMs, run);
  } catch (error) {
    const message = (error as Error).message;
    if ((error as NodeJS.ErrnoException).code === 'SQLITE_INTERRUPT')
      throw new QueryError(
        `the search for ${JSON.stringify(query.length > 60 ? `${query.slice(0, 60)}…` : query)} ran past ${timeoutMs / 1000} s and was stopped: narrow it (fewer ORed words, an exact "phrase", a prefix*)`,
      );
    // Every SQLITE_ERROR here comes from parsing the MATCH expression.
    if ((error as NodeJS.ErrnoException).code === 'SQLITE_ERROR')
      throw new QueryError(
        `cannot search for ${JSON.stringify(query)}: ${message.replace(/^SQLITE_ERROR: /, '')} (FTS5 syntax: words, "exact phrases", AND, OR, NOT, prefix*)`,
      );
    throw error;
  }
}

/** Documents ranked by FTS5's bm25, each with a snippet in which `mark` brackets the matched terms. */
export async function searchDocuments(
  db: Database,
  query: string,
  options: { limit?: number; mark?: [string, string]; timeoutMs?: number } = {},
): Promise<SearchHit[]> {
  const [open, close] = options.mark ?? ['[', ']'];
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEARCH_TIMEOUT_MS;
  const rows = await withSearchErrors(db, query, timeoutMs, () =>
    db.all<DocumentRow & { score: number; snippet: string }>(
      `SELECT d.id, d.title, d.published, d.language, d.duplicate_of, ${FIRST_PATH} AS path, bm25(documents_fts, 2.0, 1.0) AS score,
              snippet(documents_fts, 1, ?, ?, '…', 16) AS snippet
       FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
       WHERE documents_fts MATCH ? ORDER BY score, d.id LIMIT ?`,
      [open, close, ftsQuery(query), options.limit ?? 20],
    ),
  );
  return rows.map((r) => ({
    ...documentRef(r),
    score: Math.round(-r.score * 1000) / 1000,
    snippet: r.snippet.replace(/\s+/g, ' '),
  }));
}

/** FTS5 as the document lists use it. */
export function fullTextIndex(db: Database): FullTextIndex {
  return {
    // FTS5's own rank (the CLI's bm25 weights: title twice the text) keeps ranking inside the index, and FTS5 sorts
    // by it itself (ties in rowid order) when nothing else is in the ORDER BY: a second key would make it score and
    // sort every match. CROSS JOIN keeps the full-text index the outer loop: the planner would otherwise walk the
    // documents and run the MATCH once for each.
    match: (query) => ({
      from: 'documents_fts f CROSS JOIN documents d ON d.rowid = f.rowid',
      where: "documents_fts MATCH ? AND f.rank MATCH 'bm25(2.0, 1.0)'",
      params: [ftsQuery(query)],
      score: '-f.rank',
      order: 'f.rank',
    }),
    snippets: async (query, ids, [open, close]) => {
      const snippets = new Map<string, string>();
      for (const id of ids) {
        const row = await db.get<{ snippet: string }>(
          `SELECT snippet(documents_fts, 1, ?, ?, '…', 24) AS snippet FROM documents_fts
           WHERE documents_fts MATCH ? AND rowid = (SELECT rowid FROM documents WHERE id = ?)`,
          [open, close, ftsQuery(query), id],
        );
        if (row) snippets.set(id, row.snippet);
      }
      return snippets;
    },
    guard: (query, work) => withSearchErrors(db, query, DEFAULT_SEARCH_TIMEOUT_MS, work),
  };
}
