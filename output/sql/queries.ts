import {
  type DocumentRef,
  type EntityDetails,
  type EntitySummary,
  type ExportRecord,
  QueryError,
  type QuoteFilters,
  type StatementRow,
  type TimelineEvent,
} from '../records.js';
import type { EntityType } from '../../extractors/entities.js';
import type { SqlConnection } from './connection.js';
import { exportRecord } from './export.js';

/**
 * The researcher's questions, answered from the knowledge base: every function returns plain rows (the CLI prints
 * them as tables or JSON) and every fact carries the document and offsets it came from. Entities are always the
 * knowledge base's (canonical) entities: a query for "Handelsministerium" finds the Department of Commerce, and
 * what was said by "Kaspersky Lab, Inc." counts for Kaspersky.
 */

/** How long a search may run before it is stopped. */
export const DEFAULT_SEARCH_TIMEOUT_MS = 30_000;

/** A LIKE pattern for text containing `part` as written: its `%`, `_` and `\` match themselves (with ESCAPE '\'). */
export const containing = (part: string) => `%${part.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The ids an entity was stored under: its own and those of the variants merged into it. */
export const MEMBERS =
  '(SELECT CAST(?1 AS TEXT) UNION ALL SELECT entity_id FROM entity_merges WHERE canonical_id = ?1)';
export const FIRST_PATH =
  '(SELECT path FROM document_sources s WHERE s.document_id = d.id ORDER BY path, record LIMIT 1)';

/** The columns a document list selects, as the schema names them. */
export interface DocumentRow {
  id: string;
  title: string | null;
  published: string | null;
  language: string;
  path: string;
  duplicate_of: string | null;
}

export const documentRef = (row: DocumentRow): DocumentRef => ({
  id: row.id,
  title: row.title,
  published: row.published,
  language: row.language,
  path: row.path,
  duplicateOf: row.duplicate_of,
});

/** Knowledge-base entities with how often they are mentioned, most documents first. */
export async function listEntities(
  db: SqlConnection,
  options: { type?: EntityType; name?: string; limit?: number } = {},
): Promise<EntitySummary[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.type) {
    where.push('type = ?');
    params.push(options.type);
  }
  if (options.name) {
    // By any alias of any variant, so "Handelsministerium" finds the Department of Commerce.
    where.push(
      `id IN (SELECT c.canonical_id FROM entity_aliases a JOIN entity_canonical c ON c.entity_id = a.entity_id WHERE a.alias ${db.dialect.like} ? ESCAPE '\\')`,
    );
    params.push(containing(options.name));
  }
  return db.all<EntitySummary>(
    `SELECT id, type, name, acronym, country, mentions, documents FROM entity_summary ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY documents DESC, mentions DESC, name, id LIMIT ?`,
    [...params, options.limit ?? 50],
  );
}

/**
 * The knowledge-base entities a name or id may mean: by id, else by exact alias, else by part of one; the entity of
 * exactly that name first, then the best attested.
 */
export async function findEntities(db: SqlConnection, nameOrId: string): Promise<EntitySummary[]> {
  // An entity named exactly so comes before one that was only called so somewhere ("Kaspersky" before "AO Kaspersky
  // Lab", which a document calls "Kaspersky"), then the best attested.
  const select = (where: string, params: unknown[]) =>
    db.all<EntitySummary>(
      `SELECT id, type, name, acronym, country, mentions, documents FROM entity_summary
       WHERE id IN (SELECT c.canonical_id FROM entity_canonical c ${where})
       ORDER BY ${db.dialect.equalsIgnoringCase('name', '?')} DESC, documents DESC, mentions DESC, name, id LIMIT 20`,
      [...params, nameOrId],
    );
  if (nameOrId.trim() === '') throw new QueryError('give a name or an id: an empty one would name every entity');
  if (/^ent_[0-9a-f]+$/.test(nameOrId)) return select('WHERE c.entity_id = ?', [nameOrId]);
  const exact = await select(
    `JOIN entity_aliases a ON a.entity_id = c.entity_id WHERE ${db.dialect.equalsIgnoringCase('a.alias', '?')}`,
    [nameOrId],
  );
  if (exact.length > 0) return exact;
  return select(`JOIN entity_aliases a ON a.entity_id = c.entity_id WHERE a.alias ${db.dialect.like} ? ESCAPE '\\'`, [
    containing(nameOrId),
  ]);
}

async function resolveEntity(
  db: SqlConnection,
  nameOrId: string,
): Promise<{ entity: EntitySummary; alternatives: EntitySummary[] }> {
  const [entity, ...alternatives] = await findEntities(db, nameOrId);
  if (!entity)
    throw new QueryError(`no entity is named ${JSON.stringify(nameOrId)} (try: advisory-kb entities --name …)`);
  return { entity, alternatives };
}

/** One entity with everything the knowledge base knows about it. */
export async function entityDetails(
  db: SqlConnection,
  nameOrId: string,
  limits: { documents?: number; quotes?: number; dates?: boolean } = {},
): Promise<EntityDetails> {
  const { entity, alternatives } = await resolveEntity(db, nameOrId);
  const id = entity.id;
  const parent =
    (await db.get<{ id: string; name: string }>(
      'SELECT p.id, p.name FROM entities e JOIN entity_canonical c ON c.entity_id = e.parent_id JOIN entities p ON p.id = c.canonical_id WHERE e.id = ?',
      [id],
    )) ?? null;
  const merged = await db.all<{ id: string; name: string; rule: string; evidence: string; via: string }>(
    'SELECT m.entity_id AS id, e.name, m.rule, m.evidence, v.name AS via FROM entity_merges m JOIN entities e ON e.id = m.entity_id JOIN entities v ON v.id = m.via_id WHERE m.canonical_id = ? ORDER BY e.name, m.entity_id',
    [id],
  );
  const aliases = (
    await db.all<{ alias: string }>(
      `SELECT DISTINCT alias FROM entity_aliases WHERE entity_id IN ${MEMBERS} ORDER BY alias`,
      [id],
    )
  ).map((r) => r.alias);
  const roles = await db.all<{ role: string; documents: number }>(
    `SELECT j.value AS role, COUNT(DISTINCT de.document_id) AS documents FROM document_entities de, ${db.dialect.jsonValues('de.roles', 'j')}
     WHERE de.entity_id IN ${MEMBERS} GROUP BY j.value ORDER BY documents DESC, role`,
    [id],
  );
  const affiliations = await db.all<{ id: string; name: string; documents: number }>(
    `SELECT c.canonical_id AS id, a.name, COUNT(DISTINCT de.document_id) AS documents
     FROM document_entities de JOIN entity_canonical c ON c.entity_id = de.affiliation_id JOIN entities a ON a.id = c.canonical_id
     WHERE de.entity_id IN ${MEMBERS} GROUP BY c.canonical_id, a.name ORDER BY documents DESC, a.name`,
    [id],
  );
  const documents = (
    await db.all<{
      id: string;
      title: string | null;
      published: string | null;
      language: string;
      path: string;
      duplicate_of: string | null;
      mentions: number;
    }>(
      // The page of documents first, then their mention counts: a sorter computes every column of every row.
      `SELECT d.id, d.title, d.published, d.language, d.duplicate_of, ${FIRST_PATH} AS path,
              (SELECT COUNT(*) FROM mentions m WHERE m.document_id = d.id AND m.entity_id IN ${MEMBERS}) AS mentions
       FROM (SELECT id, title, published, language, duplicate_of FROM documents
             WHERE id IN (SELECT document_id FROM document_entities WHERE entity_id IN ${MEMBERS})
             ORDER BY published IS NULL, published, id LIMIT ?) d
       ORDER BY d.published IS NULL, d.published, d.id`,
      [id, limits.documents ?? db.dialect.noLimit],
    )
  ).map((r) => ({ ...documentRef(r), mentions: r.mentions }));
  const dates =
    limits.dates === false
      ? []
      : await db.all<{ value: string; sentences: number }>(
          `SELECT value, COUNT(*) AS sentences FROM (${datedSentencesSql()}) x GROUP BY value ORDER BY value`,
          [id],
        );
  return {
    entity: { ...entity, parent },
    alternatives,
    merged,
    aliases,
    roles,
    affiliations,
    documents,
    quotes: await listQuotes(db, { speakerId: id, limit: limits.quotes ?? 1000 }),
    dates,
  };
}

/**
 * Sentences that mention the entity (?1) and hold a date: one row per (sentence, date); `inDocuments`, a subquery of
 * document ids, restricts them to some of its documents.
 */
export function datedSentencesSql(inDocuments?: string): string {
  return `SELECT DISTINCT dt.document_id, dt.value, dt.text AS date_text, s.start, s."end"
          FROM mentions m
          JOIN sentences s ON s.document_id = m.document_id AND s.start <= m.start AND m.start < s."end"
          JOIN dates dt ON dt.document_id = m.document_id AND dt.start >= s.start AND dt.start < s."end"
          WHERE m.entity_id IN ${MEMBERS}${inDocuments ? ` AND m.document_id IN ${inDocuments}` : ''}`;
}

/**
 * Where statements are read: their tables once the latest import has completed, else views that add each quote not
 * yet grouped (an import running, or killed) as a statement of its own, so every stored quote can be found.
 */
export async function statementTables(db: SqlConnection): Promise<{ statements: string; statementQuotes: string }> {
  const latest = await db.get<{ status: string }>('SELECT status FROM import_runs ORDER BY id DESC LIMIT 1');
  return !latest || latest.status === 'completed'
    ? { statements: 'statements', statementQuotes: 'statement_quotes' }
    : { statements: 'current_statements', statementQuotes: 'current_statement_quotes' };
}

/** Statements (each quote once however many documents carry it) with speaker, role, earliest date and sources. */
export async function listQuotes(db: SqlConnection, filters: QuoteFilters = {}): Promise<StatementRow[]> {
  const { statements, statementQuotes } = await statementTables(db);
  const where: string[] = [];
  const params: unknown[] = [];
  const entityIds = async (name: string) => (await findEntities(db, name)).map((e) => e.id);
  for (const [name, value] of [
    ['speaker', filters.speaker],
    ['agency', filters.agency],
    ['contains', filters.contains],
  ] as const)
    if (value !== undefined && value.trim() === '')
      throw new QueryError(`--${name} needs some text: an empty one would match everything`);
  if (filters.speakerId) {
    where.push('s.speaker_entity_id = ?');
    params.push(filters.speakerId);
  }
  if (filters.speaker) {
    const ids = await entityIds(filters.speaker);
    where.push(
      `(s.speaker_entity_id IN (SELECT value FROM ${db.dialect.jsonValues('?')}) OR s.speaker_name ${db.dialect.like} ? ESCAPE '\\')`,
    );
    params.push(JSON.stringify(ids), containing(filters.speaker));
  }
  if (filters.agency) {
    const ids = await entityIds(filters.agency);
    if (ids.length === 0) throw new QueryError(`no agency or organization is named ${JSON.stringify(filters.agency)}`);
    // The statements' ids from three indexed lookups, then the statements: an OR of per-statement subqueries would
    // visit every statement of the base. The dialect's unindexed column keeps SQLite's document index in use for
    // the join.
    const list = `(SELECT value FROM ${db.dialect.jsonValues('?')})`;
    const members = `(${list.slice(1, -1)} UNION ALL SELECT entity_id FROM entity_merges WHERE canonical_id IN ${list})`;
    where.push(`s.id IN (
      SELECT id FROM ${statements} WHERE speaker_entity_id IN ${list}
      UNION SELECT sq.statement_id FROM quotes q JOIN ${statementQuotes} sq ON sq.quote_id = q.id
        WHERE q.speaker_affiliation_id IN ${members}
      UNION SELECT sq.statement_id FROM document_entities de
        JOIN quotes q ON q.document_id = de.document_id AND ${db.dialect.unindexed('q.speaker_entity_id')} = de.entity_id
        JOIN ${statementQuotes} sq ON sq.quote_id = q.id
        WHERE de.affiliation_id IN ${members})`);
    const json = JSON.stringify(ids);
    params.push(json, json, json, json, json);
  }
  if (filters.contains) {
    where.push(
      `EXISTS (SELECT 1 FROM ${statementQuotes} sq JOIN quotes q ON q.id = sq.quote_id WHERE sq.statement_id = s.id AND q.text ${db.dialect.like} ? ESCAPE '\\')`,
    );
    params.push(containing(filters.contains));
  }
  if (filters.from) {
    where.push('s.first_published >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    // "2024-06" as an upper bound includes every day of June.
    where.push('s.first_published <= ?');
    params.push(`${filters.to}\uffff`);
  }
  if (filters.kind) {
    where.push('s.kind = ?');
    params.push(filters.kind);
  }
  return readStatements(
    db,
    { statements, statementQuotes },
    where,
    params,
    filters.sort === '-date'
      ? 's.first_published IS NULL, s.first_published DESC, s.id'
      : 's.first_published IS NULL, s.first_published, s.id',
    filters.limit ?? 50,
    filters.offset ?? 0,
  );
}

/** Every statement in id order, a page at a time, with all its sources. */
export async function* exportStatements(db: SqlConnection): AsyncGenerator<StatementRow> {
  const tables = await statementTables(db);
  let after = '';
  for (;;) {
    const page = await readStatements(db, tables, ['s.id > ?'], [after], 's.id', STATEMENT_PAGE, 0);
    yield* page;
    if (page.length < STATEMENT_PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

const STATEMENT_PAGE = 500;

/** The statements that match `where`, in `order`, each with its role and every source. */
async function readStatements(
  db: SqlConnection,
  { statements, statementQuotes }: { statements: string; statementQuotes: string },
  where: string[],
  params: unknown[],
  order: string,
  limit: number,
  offset: number,
): Promise<StatementRow[]> {
  const found = await db.all<{
    id: string;
    text: string;
    kind: 'direct' | 'indirect';
    speaker_entity_id: string | null;
    speaker_name: string | null;
    role: string | null;
    first_published: string | null;
  }>(
    `SELECT s.id, s.text, s.kind, s.speaker_entity_id, s.speaker_name, s.first_published,
            (SELECT q.speaker_role FROM ${statementQuotes} sq JOIN quotes q ON q.id = sq.quote_id WHERE sq.statement_id = s.id AND q.speaker_role IS NOT NULL ORDER BY q.id = s.id DESC, q.id LIMIT 1) AS role
     FROM ${statements} s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY ${order} LIMIT ? OFFSET ?`,
    [...params, limit, offset],
  );
  const sources = await db.all<{
    statement_id: string;
    quote_id: string;
    document_id: string;
    path: string;
    published: string | null;
    start: number;
    end: number;
  }>(
    `SELECT sq.statement_id, q.id AS quote_id, q.document_id, ${FIRST_PATH} AS path, d.published, q.start, q."end"
     FROM ${statementQuotes} sq JOIN quotes q ON q.id = sq.quote_id JOIN documents d ON d.id = q.document_id
     WHERE sq.statement_id IN (SELECT value FROM ${db.dialect.jsonValues('?')}) ORDER BY d.published IS NULL, d.published, q.document_id, q.start`,
    [JSON.stringify(found.map((s) => s.id))],
  );
  const byStatement = new Map<string, StatementRow['sources']>();
  for (const s of sources) {
    const list = byStatement.get(s.statement_id) ?? [];
    list.push({
      quoteId: s.quote_id,
      documentId: s.document_id,
      path: s.path,
      published: s.published,
      start: s.start,
      end: s.end,
    });
    byStatement.set(s.statement_id, list);
  }
  return found.map((s) => ({
    id: s.id,
    text: s.text,
    kind: s.kind,
    speaker: { entityId: s.speaker_entity_id, name: s.speaker_name, role: s.role },
    firstPublished: s.first_published,
    sources: byStatement.get(s.id) ?? [],
  }));
}

const EVENT_ORDER: Record<TimelineEvent['kind'], number> = { document: 0, sentence: 1, quote: 2 };

/**
 * Dated events about an entity, in date order: documents that mention it, its statements, sentences naming it with a
 * date.
 */
export async function entityTimeline(
  db: SqlConnection,
  nameOrId: string,
): Promise<{ entity: EntitySummary; events: TimelineEvent[] }> {
  const { entity } = await resolveEntity(db, nameOrId);
  const events: TimelineEvent[] = [];
  const documents = await db.all<{ id: string; published: string; title: string | null; text: string }>(
    `SELECT d.id, d.published, d.title, substr(d.text, 1, 120) AS text FROM documents d
     WHERE d.published IS NOT NULL AND d.id IN (SELECT document_id FROM document_entities WHERE entity_id IN ${MEMBERS})`,
    [entity.id],
  );
  for (const d of documents)
    events.push({
      date: d.published,
      kind: 'document',
      documentId: d.id,
      text: d.title ?? d.text.split('\n')[0]!,
      start: null,
      end: null,
    });
  for (const q of await listQuotes(db, { speakerId: entity.id, limit: 10000 })) {
    const first = q.sources[0];
    if (q.firstPublished && first)
      events.push({
        date: q.firstPublished,
        kind: 'quote',
        documentId: first.documentId,
        text: q.text,
        start: first.start,
        end: first.end,
      });
  }
  const sentences = await db.all<{ document_id: string; value: string; start: number; end: number; text: string }>(
    `SELECT x.document_id, x.value, x.start, x."end", substr(d.text, x.start + 1, x."end" - x.start) AS text
     FROM (${datedSentencesSql()}) x JOIN documents d ON d.id = x.document_id`,
    [entity.id],
  );
  for (const s of sentences)
    events.push({
      date: s.value,
      kind: 'sentence',
      documentId: s.document_id,
      text: s.text.replace(/\s+/g, ' ').trim(),
      start: s.start,
      end: s.end,
    });
  events.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      EVENT_ORDER[a.kind] - EVENT_ORDER[b.kind] ||
      (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) ||
      (a.start ?? -1) - (b.start ?? -1),
  );
  return { entity, events };
}

/** One document by id, path or the end of a path, as its export record (with text) plus every path it was found at. */
export async function showDocument(db: SqlConnection, idOrPath: string): Promise<ExportRecord> {
  const columns =
    'd.id, d.text, d.title, d.language, d.language_confidence, d.published, d.published_source, d.duplicate_of, d.duplicate_similarity';
  if (idOrPath.trim() === '')
    throw new QueryError('give a document id or a path: an empty one would name every document');
  const byId = /^doc_[0-9a-f]+$/.test(idOrPath)
    ? await db.get<Parameters<typeof exportRecord>[1]>(`SELECT ${columns} FROM documents d WHERE d.id = ?`, [idOrPath])
    : undefined;
  const byPath = byId
    ? [byId]
    : await db.all<Parameters<typeof exportRecord>[1]>(
        `SELECT DISTINCT ${columns} FROM documents d JOIN document_sources s ON s.document_id = d.id WHERE s.path = ?1 OR s.path ${db.dialect.like} ?2 ESCAPE '\\' ORDER BY d.id LIMIT 2`,
        [idOrPath, `%/${containing(idOrPath).slice(1, -1)}`],
      );
  if (byPath.length === 0) throw new QueryError(`no document has the id or path ${JSON.stringify(idOrPath)}`);
  if (byPath.length > 1)
    throw new QueryError(
      `${JSON.stringify(idOrPath)} matches several documents: give more of the path, or the document id`,
    );
  return exportRecord(db, byPath[0]!, true);
}
