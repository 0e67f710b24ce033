import { entityId } from '../../corpus/ids.js';
import type { ParentBody } from '../../extractors/agencies.js';
import { DOCUMENT_COLUMNS, documentRow, QUOTE_COLUMNS, sourceRows } from '../sql/rows.js';
import { joinedRows, parentBodies, parentKeys, type WritableDocument } from '../writable.js';
import type { Database } from './database.js';

/** Texts longer than this are written one by one, not in the batch's JSON. */
const LONG_TEXT_CHARS = 1_000_000;

/** Writes documents and everything found in them: one statement per table for a whole batch. */
export class DocumentWriter {
  /** Gazetteer parents this writer has made sure of; forgotten when a transaction rolls back. */
  private readonly storedParents = new Set<string>();

  constructor(private readonly db: Database) {}

  /** Forgets what the writer remembered of writes a rollback undid. */
  forget(): void {
    this.storedParents.clear();
  }

  /** Ids among `ids` that are stored already. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.db.all<{ id: string }>(
      'SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))',
      [JSON.stringify(ids)],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Where each document was found in this run; a source already recorded is kept. */
  async insertSources(runId: number, docs: readonly WritableDocument[]): Promise<void> {
    await this.db.insertRows(
      'INSERT OR IGNORE INTO document_sources (document_id, path, record, sha256, format, encoding, run_id) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)',
      sourceRows(runId, docs),
    );
  }

  /** New documents and everything found in them. */
  async insert(runId: number, docs: readonly WritableDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await this.db.insertRows(
      `INSERT INTO documents (${DOCUMENT_COLUMNS})
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9, value->>10 FROM json_each(?)`,
      docs.filter((d) => d.text.length <= LONG_TEXT_CHARS).map((d) => documentRow(runId, d)),
    );
    // A long text goes in as its own parameter: through JSON it was copied five times on the way (a 30 MB text took
    // 500 MB to write).
    for (const d of docs.filter((d) => d.text.length > LONG_TEXT_CHARS))
      await this.db.run(
        `INSERT INTO documents (${DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        documentRow(runId, d),
      );
    await this.db.insertJson(
      'INSERT INTO document_layout (document_id, paragraphs, sentences) SELECT value->>0, value->>1, value->>2 FROM json_each(?)',
      joinedRows(docs, 'layout'),
    );
    // Documents may name one entity differently ("GINA RAIMONDO" in a headline): the stored name, acronym, country
    // and origin are chosen by fixed preferences, not by which document came first, so import order changes nothing.
    // The batch's rows of one entity are folded first by the same preferences (a mixed-case name over an all-caps
    // one, then the smallest; NULL loses), so each entity is written once per batch, not once per document.
    await this.db.insertJson(
      `INSERT INTO entities (id, key, type, name, acronym, country, parent_id, origin)
       SELECT id, key, type, COALESCE(MIN(CASE WHEN name <> upper(name) THEN name END), MIN(name)), MIN(acronym), MIN(country), NULL,
              CASE WHEN MAX(origin = 'gazetteer') THEN 'gazetteer' ELSE MIN(origin) END
       FROM (SELECT value->>0 AS id, value->>1 AS key, value->>2 AS type, value->>3 AS name, value->>4 AS acronym, value->>5 AS country, value->>6 AS origin FROM json_each(?))
       GROUP BY id
       ON CONFLICT(id) DO UPDATE SET
         name = CASE WHEN (excluded.name <> upper(excluded.name)) > (name <> upper(name)) THEN excluded.name
                     WHEN (excluded.name <> upper(excluded.name)) < (name <> upper(name)) THEN name ELSE MIN(name, excluded.name) END,
         acronym = CASE WHEN acronym IS NULL THEN excluded.acronym WHEN excluded.acronym IS NULL THEN acronym ELSE MIN(acronym, excluded.acronym) END,
         country = CASE WHEN country IS NULL THEN excluded.country WHEN excluded.country IS NULL THEN country ELSE MIN(country, excluded.country) END,
         origin = CASE WHEN 'gazetteer' IN (origin, excluded.origin) THEN 'gazetteer' ELSE MIN(origin, excluded.origin) END`,
      joinedRows(docs, 'entities'),
    );
    await this.db.insertJson(
      'INSERT OR IGNORE INTO entity_aliases (entity_id, alias) SELECT value->>0, value->>1 FROM json_each(?)',
      joinedRows(docs, 'aliases'),
    );
    // Parents may be bodies no document mentions: their gazetteer chain is stored first.
    const parents = parentKeys(docs);
    const bodies = parentBodies(docs);
    for (const parent of new Set(parents.values())) await this.ensureParentBody(parent, bodies);
    await this.db.insertRows(
      'UPDATE entities SET parent_id = value->>1 FROM json_each(?) WHERE entities.id = value->>0 AND entities.parent_id IS NULL',
      [...parents].map(([child, parent]) => [entityId(child), entityId(parent)]),
    );
    await this.db.insertJson(
      'INSERT OR IGNORE INTO document_entities (document_id, entity_id, aliases, roles, affiliation_id) SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)',
      joinedRows(docs, 'documentEntities'),
    );
    await this.db.insertJson(
      'INSERT OR IGNORE INTO mentions (document_id, entity_id, start, "end", text) SELECT value->>0, value->>1, value->>2, value->>3, value->>4 FROM json_each(?)',
      joinedRows(docs, 'mentions'),
    );
    await this.db.insertJson(
      'INSERT OR IGNORE INTO dates (document_id, start, "end", text, value, granularity, relative) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)',
      joinedRows(docs, 'dates'),
    );
    await this.db.insertJson(
      `INSERT OR IGNORE INTO quotes (${QUOTE_COLUMNS})
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9,
              value->>10, value->>11, value->>12, value->>13, value->>14, value->>15 FROM json_each(?)`,
      joinedRows(docs, 'quotes'),
    );
  }

  /** A parent body and its parents, as entities: a parent need not be mentioned to be stored. */
  private async ensureParentBody(key: string, bodies: ReadonlyMap<string, ParentBody>): Promise<void> {
    const body = bodies.get(key);
    // Once stored, a parent stays: each is written once per import, not once per batch.
    if (!body || this.storedParents.has(key)) return;
    this.storedParents.add(key);
    const inserted = await this.db.run(
      'INSERT OR IGNORE INTO entities (id, key, type, name, acronym, country, parent_id, origin) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
      [entityId(key), key, 'agency', body.name, body.acronym, body.country, 'gazetteer'],
    );
    await this.db.insertRows(
      'INSERT OR IGNORE INTO entity_aliases (entity_id, alias) SELECT value->>0, value->>1 FROM json_each(?)',
      [body.name, ...(body.otherNames ?? [])].map((alias) => [entityId(key), alias]),
    );
    if (inserted.changes === 0 || !body.parent) return;
    await this.ensureParentBody(body.parent, bodies);
    await this.db.run('UPDATE entities SET parent_id = ? WHERE id = ?', [entityId(body.parent), entityId(key)]);
  }
}
