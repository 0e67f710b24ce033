import type { EntityType } from '../../extractors/entities.js';
import {
  type ExportEntity,
  type ExportMention,
  type ExportRecord,
  type KnowledgeBaseEntity,
  SCHEMA_VERSION,
} from '../records.js';
import type { SqlConnection } from './connection.js';

interface DocumentRow {
  id: string;
  text: string;
  title: string | null;
  language: 'de' | 'en' | 'und';
  language_confidence: number;
  published: string | null;
  published_source: 'metadata' | 'header' | 'text' | null;
  duplicate_of: string | null;
  duplicate_similarity: number | null;
}

const PAGE = 500;

/** One document's export record, every list in a fixed order so that exports are byte-for-byte reproducible. */
export async function exportRecord(db: SqlConnection, row: DocumentRow, withText: boolean): Promise<ExportRecord> {
  const sources = (
    await db.all<{
      path: string;
      sha256: string;
      format: ExportRecord['source']['format'];
      record: number;
      encoding: string;
    }>(
      'SELECT path, sha256, format, record, encoding FROM document_sources WHERE document_id = ? ORDER BY path, record, sha256',
      [row.id],
    )
  ).map((s) => ({ ...s, record: s.record === 0 ? null : s.record }));
  const paragraphs = await db.all<{ start: number; end: number; language: string; confidence: number }>(
    'SELECT start, "end", language, confidence FROM paragraphs WHERE document_id = ? ORDER BY start',
    [row.id],
  );
  // Entities as the knowledge base knows them: variants merged across documents ("Kaspersky Lab, Inc." is "Kaspersky")
  // become one entity here too, with the document's own forms as aliases and every member's mentions.
  const entityRows = await db.all<{
    id: string;
    member_id: string;
    type: ExportEntity['type'];
    name: string;
    aliases: string;
    roles: string;
    affiliation_id: string | null;
    acronym: string | null;
    member_acronym: string | null;
    country: string | null;
    member_country: string | null;
    parent_id: string | null;
  }>(
    `SELECT c.canonical_id AS id, de.entity_id AS member_id, k.type, k.name, de.aliases, de.roles, ac.canonical_id AS affiliation_id,
            k.acronym, e.acronym AS member_acronym, k.country, e.country AS member_country, pc.canonical_id AS parent_id
     FROM document_entities de JOIN entity_canonical c ON c.entity_id = de.entity_id
     JOIN entities e ON e.id = de.entity_id JOIN entities k ON k.id = c.canonical_id
     LEFT JOIN entity_canonical ac ON ac.entity_id = de.affiliation_id LEFT JOIN entity_canonical pc ON pc.entity_id = k.parent_id
     WHERE de.document_id = ? ORDER BY k.type, k.name, c.canonical_id, de.entity_id`,
    [row.id],
  );
  const mentions = await db.all<{ entity_id: string; start: number; end: number; text: string }>(
    'SELECT entity_id, start, "end", text FROM mentions WHERE document_id = ? ORDER BY start, "end"',
    [row.id],
  );
  const canonicalOf = new Map(entityRows.map((e) => [e.member_id, e.id]));
  const byEntity = new Map<string, ExportMention[]>();
  for (const m of mentions) {
    const id = canonicalOf.get(m.entity_id) ?? m.entity_id;
    const list = byEntity.get(id) ?? [];
    if (!list.some((x) => x.start === m.start && x.end === m.end))
      list.push({ start: m.start, end: m.end, text: m.text });
    byEntity.set(id, list);
  }
  const entities = new Map<string, ExportEntity>();
  for (const e of entityRows) {
    const entity = entities.get(e.id) ?? {
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: [],
      mentions: byEntity.get(e.id) ?? [],
      roles: [],
      affiliation: null,
      acronym: e.acronym ?? e.member_acronym,
      country: e.country ?? e.member_country,
      parent: e.parent_id,
    };
    // The document's own forms, less the knowledge base's name for the entity.
    for (const alias of JSON.parse(e.aliases) as string[])
      if (alias !== e.name && !entity.aliases.includes(alias)) entity.aliases.push(alias);
    for (const role of JSON.parse(e.roles) as string[]) if (!entity.roles.includes(role)) entity.roles.push(role);
    entity.affiliation ??= e.affiliation_id;
    entities.set(e.id, entity);
  }
  const dates = await db.all<{
    text: string;
    start: number;
    end: number;
    value: string;
    granularity: 'year' | 'month' | 'day';
    relative: number;
  }>('SELECT text, start, "end", value, granularity, relative FROM dates WHERE document_id = ? ORDER BY start, "end"', [
    row.id,
  ]);
  const quotes = await db.all<{
    id: string;
    text: string;
    start: number;
    end: number;
    kind: 'direct' | 'indirect';
    speaker_entity_id: string | null;
    speaker_name: string | null;
    speaker_role: string | null;
    speaker_affiliation_id: string | null;
    statement_id: string | null;
    cue_start: number | null;
    cue_end: number | null;
    cue_text: string | null;
    speaker_mention_start: number | null;
    speaker_mention_end: number | null;
    speaker_mention_text: string | null;
  }>(
    `SELECT q.id, q.text, q.start, q."end", q.kind, c.canonical_id AS speaker_entity_id, q.speaker_name, q.speaker_role, ac.canonical_id AS speaker_affiliation_id, sq.statement_id,
            q.cue_start, q.cue_end, q.cue_text, q.speaker_mention_start, q.speaker_mention_end, q.speaker_mention_text
     FROM quotes q LEFT JOIN entity_canonical c ON c.entity_id = q.speaker_entity_id LEFT JOIN entity_canonical ac ON ac.entity_id = q.speaker_affiliation_id
     LEFT JOIN statement_quotes sq ON sq.quote_id = q.id
     WHERE q.document_id = ? ORDER BY q.start, q."end"`,
    [row.id],
  );
  const record: ExportRecord = {
    schemaVersion: SCHEMA_VERSION,
    id: row.id,
    source: sources[0]!,
    sources,
    title: row.title,
    language: { code: row.language, confidence: row.language_confidence },
    paragraphs,
    published: row.published && row.published_source ? { value: row.published, source: row.published_source } : null,
    duplicateOf: row.duplicate_of,
    duplicateSimilarity: row.duplicate_similarity,
    entities: [...entities.values()],
    dates: dates.map((d) => ({ ...d, relative: d.relative === 1 })),
    quotes: quotes.map((q) => ({
      id: q.id,
      text: q.text,
      start: q.start,
      end: q.end,
      kind: q.kind,
      statementId: q.statement_id,
      speaker:
        q.speaker_name === null
          ? null
          : {
              entityId: q.speaker_entity_id,
              name: q.speaker_name,
              role: q.speaker_role,
              affiliation: q.speaker_affiliation_id,
              mention: mentionOf(q.speaker_mention_start, q.speaker_mention_end, q.speaker_mention_text),
            },
      cue: mentionOf(q.cue_start, q.cue_end, q.cue_text),
    })),
  };
  if (withText) record.text = row.text;
  return record;
}

/** Every document in id order, a page at a time: memory stays flat for any knowledge-base size. */
export async function* exportRecords(
  db: SqlConnection,
  options: { withText?: boolean } = {},
): AsyncGenerator<ExportRecord> {
  let after = '';
  for (;;) {
    const rows = await db.all<DocumentRow>(
      'SELECT id, text, title, language, language_confidence, published, published_source, duplicate_of, duplicate_similarity FROM documents WHERE id > ? ORDER BY id LIMIT ?',
      [after, PAGE],
    );
    for (const row of rows) yield await exportRecord(db, row, options.withText ?? false);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Offsets and text stored in three columns, as a mention; null when they are not stored. */
function mentionOf(start: number | null, end: number | null, text: string | null): ExportMention | null {
  return start === null || end === null || text === null ? null : { start, end, text };
}

/** Every knowledge-base entity in id order, a page at a time, with the names and roles of all its members. */
export async function* exportEntities(db: SqlConnection): AsyncGenerator<KnowledgeBaseEntity> {
  let after = '';
  for (;;) {
    const rows = await db.all<{
      id: string;
      type: EntityType;
      name: string;
      acronym: string | null;
      country: string | null;
      parent_id: string | null;
    }>(
      `SELECT e.id, e.type, e.name, e.acronym, e.country, pc.canonical_id AS parent_id
       FROM entities e LEFT JOIN entity_canonical pc ON pc.entity_id = e.parent_id
       WHERE e.id > ? AND NOT EXISTS (SELECT 1 FROM entity_merges m WHERE m.entity_id = e.id) ORDER BY e.id LIMIT ?`,
      [after, PAGE],
    );
    if (rows.length === 0) return;
    const ids = JSON.stringify(rows.map((r) => r.id));
    const listed = db.dialect.jsonValues('?1');
    const members = `SELECT value AS canonical_id, value AS entity_id FROM ${listed}
                     UNION ALL SELECT canonical_id, entity_id FROM entity_merges WHERE canonical_id IN (SELECT value FROM ${listed})`;
    const names = await db.all<{ canonical_id: string; name: string }>(
      `SELECT m.canonical_id, a.alias AS name FROM (${members}) m JOIN entity_aliases a ON a.entity_id = m.entity_id
       UNION SELECT m.canonical_id, e.name FROM (${members}) m JOIN entities e ON e.id = m.entity_id
       ORDER BY 1, 2`,
      [ids],
    );
    const roles = await db.all<{ canonical_id: string; role: string }>(
      `SELECT DISTINCT m.canonical_id, r.value AS role FROM (${members}) m
       JOIN document_entities de ON de.entity_id = m.entity_id, ${db.dialect.jsonValues('de.roles', 'r')} ORDER BY 1, 2`,
      [ids],
    );
    const group = <T extends { canonical_id: string }>(list: T[], value: (row: T) => string) => {
      const byId = new Map<string, string[]>();
      for (const row of list) byId.set(row.canonical_id, [...(byId.get(row.canonical_id) ?? []), value(row)]);
      return byId;
    };
    const namesOf = group(names, (r) => r.name);
    const rolesOf = group(roles, (r) => r.role);
    for (const row of rows)
      yield {
        id: row.id,
        type: row.type,
        name: row.name,
        aliases: (namesOf.get(row.id) ?? []).filter((name) => name !== row.name),
        roles: rolesOf.get(row.id) ?? [],
        acronym: row.acronym,
        country: row.country,
        parent: row.parent_id,
      };
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}
