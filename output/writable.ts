import { entityId, quoteId } from '../corpus/ids.js';
import type { ParentBody } from '../extractors/agencies.js';
import type { StoredDocument } from '../extractors/analysis.js';

/**
 * A document as the store writes it: what the writer decides with (its id, source and signature; the documents row),
 * and the rows of its findings written as JSON already, by the worker that analyzed it. The findings cross to the
 * writer's thread as a few strings instead of an object graph five times the size of the text, and the writer joins
 * them into each table's bulk statement without reading them.
 */
export interface WritableDocument extends Pick<
  StoredDocument,
  | 'id'
  | 'source'
  | 'text'
  | 'title'
  | 'language'
  | 'published'
  | 'declaredLanguage'
  | 'url'
  | 'messages'
  | 'fingerprint'
> {
  /** The gazetteer's parent bodies the findings name, and each entity key with the parent it names. */
  parentBodies: ParentBody[];
  parents: Array<[child: string, parent: string]>;
  rows: FindingRows;
}

/** The tables a document's findings go to. */
export type FindingTable = 'layout' | 'entities' | 'aliases' | 'documentEntities' | 'mentions' | 'dates' | 'quotes';

/** Per table, the document's rows as the elements of a JSON array without its brackets ('' for none). */
export type FindingRows = Record<FindingTable, string>;

/** The elements of the JSON array of `rows`. */
const elements = (rows: readonly unknown[][]) => (rows.length === 0 ? '' : JSON.stringify(rows).slice(1, -1));

/** A table's rows of several documents, as one JSON array. */
export const joinedRows = (docs: readonly WritableDocument[], table: FindingTable): string =>
  `[${docs
    .map((d) => d.rows[table])
    .filter((r) => r !== '')
    .join(',')}]`;

/**
 * The document as the store writes it. Rows in the tables' column order: document_layout (document_id, paragraphs,
 * sentences); entities, one row per finding, which the backend folds (id, key, type, name, acronym, country,
 * origin); entity_aliases (entity_id, alias), each pair once; document_entities (document_id, entity_id, aliases,
 * roles, affiliation_id); mentions (document_id, entity_id, start, end, text); dates (document_id, start, end, text,
 * value, granularity, relative); quotes, in the order of QUOTE_COLUMNS (sql/rows.ts).
 */
export function writableDocument(d: StoredDocument): WritableDocument {
  const found = d.entities.map((e) => ({ e, id: entityId(e.key) }));
  const aliases = new Map<string, [string, string]>();
  for (const { e, id } of found)
    for (const alias of [e.name, ...e.aliases, ...(e.otherNames ?? [])])
      aliases.set(`${id}\u0000${alias}`, [id, alias]);
  return {
    id: d.id,
    source: d.source,
    text: d.text,
    title: d.title,
    language: d.language,
    published: d.published,
    declaredLanguage: d.declaredLanguage,
    url: d.url,
    messages: d.messages,
    fingerprint: d.fingerprint,
    parentBodies: d.parentBodies,
    parents: d.entities.filter((e) => e.parent).map((e) => [e.key, e.parent!]),
    rows: {
      layout: elements([
        [
          d.id,
          JSON.stringify(d.paragraphs.map((p) => [p.start, p.end, p.code, p.confidence])),
          JSON.stringify(d.sentences.map((x) => [x.start, x.end])),
        ],
      ]),
      entities: elements(found.map(({ e, id }) => [id, e.key, e.type, e.name, e.acronym, e.country, e.origin])),
      aliases: elements([...aliases.values()]),
      documentEntities: elements(
        found.map(({ e, id }) => [
          d.id,
          id,
          JSON.stringify([...new Set([e.name, ...e.aliases])]),
          JSON.stringify(e.roles),
          e.affiliation ? entityId(e.affiliation) : null,
        ]),
      ),
      mentions: elements(found.flatMap(({ e, id }) => e.mentions.map((m) => [d.id, id, m.start, m.end, m.text]))),
      dates: elements(d.dates.map((x) => [d.id, x.start, x.end, x.text, x.value, x.granularity, x.relative ? 1 : 0])),
      quotes: elements(
        d.quotes.map((q) => [
          quoteId(d.id, q.start, q.end),
          d.id,
          q.start,
          q.end,
          q.text,
          q.kind,
          q.speaker?.key ? entityId(q.speaker.key) : null,
          q.speaker?.name ?? null,
          q.speaker?.role ?? null,
          q.speaker?.affiliation ? entityId(q.speaker.affiliation) : null,
          q.cue?.start ?? null,
          q.cue?.end ?? null,
          q.cue?.text ?? null,
          q.speaker?.mention?.start ?? null,
          q.speaker?.mention?.end ?? null,
          q.speaker?.mention?.text ?? null,
        ]),
      ),
    },
  };
}

/** Each entity key of the documents with the parent body it names. */
export const parentKeys = (docs: readonly WritableDocument[]): Map<string, string> =>
  new Map(docs.flatMap((d) => d.parents));

/** The gazetteer's parent bodies the documents carry, by key. */
export const parentBodies = (docs: readonly WritableDocument[]): Map<string, ParentBody> =>
  new Map(docs.flatMap((d) => d.parentBodies.map((b) => [b.key, b])));
