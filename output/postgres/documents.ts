import { documentOutcome } from '../../corpus/outcomes.js';
import type { FileOutcome } from '../../corpus/document.js';
import { entityId } from '../../corpus/ids.js';
import type { ParentBody } from '../../extractors/agencies.js';
import { DOCUMENT_COLUMNS, documentRow, QUOTE_COLUMNS, sourceRows } from '../sql/rows.js';
import { joinedRows, parentBodies, parentKeys, type WritableDocument } from '../writable.js';
import type { PgClient } from './connection.js';

/** `n` columns of a JSON row `v` as text, the first `n` of `casts` applied where given. */
const columns = (casts: Array<string | null>) =>
  casts.map((cast, i) => (cast ? `(v->>${i})::${cast}` : `v->>${i}`)).join(', ');
const FROM_ROWS = 'FROM jsonb_array_elements($1::jsonb) v';

/**
 * Writes documents and everything found in them, in the caller's transaction: one statement per table for a whole
 * batch. Concurrent workers may store the same document or entity at once: documents are claimed by their primary
 * key (the one whose insert wins writes the findings), entities are folded by the same fixed preferences as in
 * SQLite, and rows go in key order so that two writers lock shared rows in one order.
 */
export async function writeDocuments(tx: PgClient, runId: number, docs: readonly WritableDocument[]) {
  const claimed = new Set<string>();
  const unique = [...new Map(docs.map((d) => [d.id, d])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const row of await tx.all<{ id: string }>(
    `INSERT INTO documents (${DOCUMENT_COLUMNS})
     SELECT ${columns([null, null, null, null, 'float8', null, null, null, null, 'bigint', null])} ${FROM_ROWS}
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [JSON.stringify(unique.map((d) => documentRow(runId, d)))],
  ))
    claimed.add(row.id);
  const outcomes: FileOutcome[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    outcomes.push(documentOutcome(doc, claimed.has(doc.id) && !seen.has(doc.id)));
    seen.add(doc.id);
  }
  const fresh = unique.filter((d) => claimed.has(d.id));
  await tx.insertRows(
    `INSERT INTO document_sources (document_id, path, record, sha256, format, encoding, run_id)
     SELECT ${columns([null, null, 'int', null, null, null, 'bigint'])} ${FROM_ROWS} ORDER BY 2, 4, 3
     ON CONFLICT DO NOTHING`,
    sourceRows(runId, docs),
  );
  if (fresh.length > 0) await writeFindings(tx, fresh);
  return { fresh, outcomes };
}

/** A mixed-case name over an all-caps one, then the smallest; NULL loses: the same preferences as SQLite's writer. */
const mixed = (name: string) => `(${name} <> ascii_upper(${name}))`;
const smallest = (a: string, b: string) =>
  `CASE WHEN ${a} IS NULL THEN ${b} WHEN ${b} IS NULL THEN ${a} ELSE LEAST(${a}, ${b}) END`;

/** How a stored entity's column takes in the batch's value; each is a choice by a fixed order, so order-free. */
const ENTITY_FOLDS: ReadonlyArray<readonly [string, (stored: string, incoming: string) => string]> = [
  [
    'name',
    (a, b) =>
      `CASE WHEN ${mixed(b)} AND NOT ${mixed(a)} THEN ${b} WHEN ${mixed(a)} AND NOT ${mixed(b)} THEN ${a} ELSE LEAST(${a}, ${b}) END`,
  ],
  ['acronym', smallest],
  ['country', smallest],
  ['origin', (a, b) => `CASE WHEN 'gazetteer' IN (${a}, ${b}) THEN 'gazetteer' ELSE LEAST(${a}, ${b}) END`],
];

/** The batch's entity rows, one per id, folded by the same preferences. */
const BATCH_ENTITIES = `SELECT id, MIN(key) AS key, MIN(type) AS type,
    COALESCE(MIN(CASE WHEN ${mixed('name')} THEN name END), MIN(name)) AS name, MIN(acronym) AS acronym,
    MIN(country) AS country, CASE WHEN bool_or(origin = 'gazetteer') THEN 'gazetteer' ELSE MIN(origin) END AS origin
  FROM (SELECT (v->>0) COLLATE "C" AS id, (v->>1) COLLATE "C" AS key, (v->>2) COLLATE "C" AS type,
               (v->>3) COLLATE "C" AS name, (v->>4) COLLATE "C" AS acronym, (v->>5) COLLATE "C" AS country,
               (v->>6) COLLATE "C" AS origin ${FROM_ROWS}) v
  GROUP BY id`;

async function writeFindings(tx: PgClient, docs: readonly WritableDocument[]): Promise<void> {
  await tx.insertJson(
    `INSERT INTO document_layout (document_id, paragraphs, sentences) SELECT ${columns([null, null, null])} ${FROM_ROWS}`,
    joinedRows(docs, 'layout'),
  );
  const rows = joinedRows(docs, 'entities');
  // New entities go in as they are; a stored one is updated only where the batch changes it. An upsert would lock
  // every stored entity the batch names (the agency of every advisory) until commit, and so serialize the workers.
  // Two statements: the update must see the rows another writer committed while this insert waited for them.
  await tx.insertJson(
    `INSERT INTO entities (id, key, type, name, acronym, country, parent_id, origin)
     SELECT id, key, type, name, acronym, country, NULL, origin FROM (${BATCH_ENTITIES}) r ORDER BY id
     ON CONFLICT (id) DO NOTHING`,
    rows,
  );
  const folded = ENTITY_FOLDS.map(([column, fold]) => [column, fold(`entities.${column}`, `r.${column}`)] as const);
  const changes = `(${folded.map(([, value]) => value).join(', ')}) IS DISTINCT FROM (${folded.map(([c]) => `entities.${c}`).join(', ')})`;
  // Rows to change are locked in key order first (so that two writers lock shared rows in one order), and only they.
  await tx.insertJson(
    `WITH r AS (${BATCH_ENTITIES}),
     locked AS (SELECT entities.id FROM entities JOIN r ON entities.id = r.id WHERE ${changes}
                ORDER BY entities.id FOR UPDATE OF entities)
     UPDATE entities SET ${folded.map(([column, value]) => `${column} = ${value}`).join(', ')}
     FROM r WHERE entities.id = r.id AND entities.id IN (SELECT id FROM locked)`,
    rows,
  );
  await insertAliases(tx, joinedRows(docs, 'aliases'));
  // Parents may be bodies no document mentions: their gazetteer chain is stored first.
  const parents = parentKeys(docs);
  const bodies = parentBodies(docs);
  for (const parent of [...new Set(parents.values())].sort()) await ensureParentBody(tx, parent, bodies);
  await tx.insertRows(
    `UPDATE entities SET parent_id = v->>1 ${FROM_ROWS} WHERE entities.id = v->>0 AND entities.parent_id IS NULL`,
    [...parents].sort().map(([child, parent]) => [entityId(child), entityId(parent)]),
  );
  await tx.insertJson(
    `INSERT INTO document_entities (document_id, entity_id, aliases, roles, affiliation_id)
     SELECT ${columns([null, null, null, null, null])} ${FROM_ROWS} ON CONFLICT DO NOTHING`,
    joinedRows(docs, 'documentEntities'),
  );
  await tx.insertJson(
    `INSERT INTO mentions (document_id, entity_id, start, "end", text)
     SELECT ${columns([null, null, 'int', 'int', null])} ${FROM_ROWS} ON CONFLICT DO NOTHING`,
    joinedRows(docs, 'mentions'),
  );
  await tx.insertJson(
    `INSERT INTO dates (document_id, start, "end", text, value, granularity, relative)
     SELECT ${columns([null, 'int', 'int', null, null, null, 'int'])} ${FROM_ROWS} ON CONFLICT DO NOTHING`,
    joinedRows(docs, 'dates'),
  );
  await tx.insertJson(
    `INSERT INTO quotes (${QUOTE_COLUMNS})
     SELECT ${columns([null, null, 'int', 'int', null, null, null, null, null, null, 'int', 'int', null, 'int', 'int', null])}
     ${FROM_ROWS} ON CONFLICT DO NOTHING`,
    joinedRows(docs, 'quotes'),
  );
}

function insertAliases(tx: PgClient, rows: string): Promise<void> {
  return tx.insertJson(
    `INSERT INTO entity_aliases (entity_id, alias) SELECT v->>0, v->>1 ${FROM_ROWS} ORDER BY 1, 2 ON CONFLICT DO NOTHING`,
    rows,
  );
}

/** A parent body and its parents, as entities: a parent need not be mentioned to be stored. */
async function ensureParentBody(tx: PgClient, key: string, bodies: ReadonlyMap<string, ParentBody>): Promise<void> {
  const body = bodies.get(key);
  if (!body) return;
  const inserted = await tx.run(
    `INSERT INTO entities (id, key, type, name, acronym, country, parent_id, origin)
     VALUES (?, ?, 'agency', ?, ?, ?, NULL, 'gazetteer') ON CONFLICT DO NOTHING`,
    [entityId(key), key, body.name, body.acronym, body.country],
  );
  await insertAliases(
    tx,
    JSON.stringify([body.name, ...(body.otherNames ?? [])].map((alias) => [entityId(key), alias])),
  );
  if (inserted.changes === 0 || !body.parent) return;
  await ensureParentBody(tx, body.parent, bodies);
  await tx.run('UPDATE entities SET parent_id = ? WHERE id = ?', [entityId(body.parent), entityId(key)]);
}
