import { QueryError, type SearchHit } from '../records.js';
import type { FullTextIndex } from '../sql/browse.js';
import { DEFAULT_SEARCH_TIMEOUT_MS, documentRef, type DocumentRow, FIRST_PATH } from '../sql/queries.js';
import type { SqlConnection } from '../sql/connection.js';

/**
 * Full-text search on PostgreSQL: each document's `search` vector is stemmed in its own language (see the schema),
 * and a query as users type it (words, "phrases", OR, -word: websearch_to_tsquery) is read in German, English and as
 * written, any of which may match. Ranked by ts_rank_cd (the title weighted over the text), snippets by ts_headline.
 */

/** The query, once in each configuration, as one tsquery; `?` is bound to the user's text. */
const TSQUERY = `(websearch_to_tsquery('simple', CAST(? AS TEXT)) || websearch_to_tsquery('german', CAST(? AS TEXT))
                 || websearch_to_tsquery('english', CAST(? AS TEXT)))`;
const CONFIG =
  "CASE d.language WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END";
/** Characters of the text ts_headline reads for a snippet. */
const HEADLINE_CHARS = 100_000;

/** ts_headline's options: `mark` around each match, one fragment of about `words` words. */
const headlineOptions = ([open, close]: [string, string], words: number) =>
  `StartSel="${open.replaceAll('"', '')}", StopSel="${close.replaceAll('"', '')}", MaxWords=${words}, MinWords=${Math.ceil(words / 2)}, MaxFragments=1, FragmentDelimiter="…"`;

/** A query cancelled by the readers' statement timeout, as a QueryError that says what to do. */
async function withSearchErrors<T>(query: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === '57014')
      throw new QueryError(
        `the search for ${JSON.stringify(query.length > 60 ? `${query.slice(0, 60)}…` : query)} ran past ${DEFAULT_SEARCH_TIMEOUT_MS / 1000} s and was stopped: narrow it (fewer ORed words, an exact "phrase")`,
      );
    throw error;
  }
}

/** Documents best first, each with a snippet in which `mark` brackets the matched terms. */
export async function searchDocuments(
  db: SqlConnection,
  query: string,
  options: { limit?: number; mark?: [string, string] } = {},
): Promise<SearchHit[]> {
  const mark = options.mark ?? ['[', ']'];
  const rows = await withSearchErrors(query, () =>
    db.all<DocumentRow & { score: number; snippet: string }>(
      `SELECT d.id, d.title, d.published, d.language, d.duplicate_of, ${FIRST_PATH} AS path, hit.score,
              ts_headline(${CONFIG}, left(d.text, ${HEADLINE_CHARS}), hit.q, CAST(? AS TEXT)) AS snippet
       FROM (SELECT d.id, m.q, ts_rank_cd(d.search, m.q) AS score FROM documents d, (SELECT ${TSQUERY} AS q) m
             WHERE d.search @@ m.q ORDER BY score DESC, d.id LIMIT ?) hit
       JOIN documents d ON d.id = hit.id ORDER BY hit.score DESC, d.id`,
      [headlineOptions(mark, 16), query, query, query, options.limit ?? 20],
    ),
  );
  return rows.map((r) => ({
    ...documentRef(r),
    score: Math.round(r.score * 1000) / 1000,
    snippet: r.snippet.replace(/\s+/g, ' '),
  }));
}

/** The tsvector index as the document lists use it. */
export function fullTextIndex(db: SqlConnection): FullTextIndex {
  return {
    match: (query) => ({
      from: `documents d, (SELECT ${TSQUERY} AS q) m`,
      where: 'd.search @@ m.q',
      params: [query, query, query],
      score: 'ts_rank_cd(d.search, m.q)',
      order: 'ts_rank_cd(d.search, m.q) DESC, d.id',
    }),
    snippets: async (query, ids, mark) =>
      new Map(
        (
          await db.all<{ id: string; snippet: string }>(
            `SELECT d.id, ts_headline(${CONFIG}, left(d.text, ${HEADLINE_CHARS}), ${TSQUERY}, CAST(? AS TEXT)) AS snippet
             FROM documents d WHERE d.id = ANY(?::text[])`,
            [query, query, query, headlineOptions(mark, 24), ids],
          )
        ).map((r) => [r.id, r.snippet]),
      ),
    guard: withSearchErrors,
  };
}
