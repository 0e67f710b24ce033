import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../pipeline/ingest.js';
import { gazetteerAgency } from '../extractors/agencies.js';
import { bandKeys, estimatedSimilarity, NEAR_DUPLICATE_THRESHOLD, SIGNATURE_LENGTH } from '../extractors/minhash.js';
import { PROJECT_ROOT } from '../pipeline/paths.js';
import type { AnalyzedDocument, FileOutcome } from '../pipeline/types.js';
import { Database } from './sqlite.js';

const MIGRATIONS_DIR = join(PROJECT_ROOT, 'output', 'migrations');

/** Knowledge-base-wide ids: derived from content or keys, so every machine and every run agrees. */
export const entityId = (key: string) => `ent_${sha256Hex(key).slice(0, 20)}`;
export const quoteId = (documentId: string, start: number, end: number) => `quo_${sha256Hex(`${documentId}:${start}:${end}`).slice(0, 20)}`;

function encodeSignature(signature: number[]): Buffer {
  return Buffer.from(Uint32Array.from(signature).buffer);
}

function decodeSignature(blob: Buffer): number[] {
  return Array.from(new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)));
}

/** What one job (a file, or a chunk of JSONL lines) produced, ready to be written. */
export interface WriteItem {
  documents: AnalyzedDocument[];
  outcomes: FileOutcome[];
}

export interface KnowledgeBaseCounts {
  documents: number;
  documentsByLanguage: Record<string, number>;
  entitiesByType: Record<string, number>;
  mentions: number;
  dates: number;
  quotes: number;
  exactDuplicateSources: number;
  nearDuplicates: number;
}

/** The SQLite knowledge base. One Store is the single writer of an import; readers may open their own. */
export class Store {
  private constructor(readonly db: Database) {}

  static async open(path: string, options: { readonly?: boolean } = {}): Promise<Store> {
    const db = await Database.open(path, options.readonly);
    // Another import holding the write lock makes us wait, not fail, for this long.
    await db.exec('PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;');
    const store = new Store(db);
    if (!options.readonly) {
      await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      await store.migrate();
    }
    return store;
  }

  /** Applies the numbered SQL files in output/migrations that this database has not seen, each in a transaction. */
  async migrate(): Promise<void> {
    await this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const applied = new Set((await this.db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
    for (const file of files) {
      const version = Number.parseInt(file, 10);
      if (applied.has(version)) continue;
      await this.db.exec('BEGIN IMMEDIATE');
      try {
        await this.db.exec(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
        await this.db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [version, file, new Date().toISOString()]);
        await this.db.exec('COMMIT');
      } catch (error) {
        await this.db.exec('ROLLBACK');
        throw error;
      }
    }
  }

  async schemaVersion(): Promise<number> {
    return (await this.db.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
  }

  async beginRun(args: string[], toolVersion: string): Promise<number> {
    const result = await this.db.run("INSERT INTO import_runs (started_at, status, arguments, tool_version) VALUES (?, 'running', ?, ?)", [
      new Date().toISOString(),
      JSON.stringify(args),
      toolVersion,
    ]);
    return result.lastID;
  }

  async finishRun(runId: number, status: 'completed' | 'failed'): Promise<void> {
    await this.db.run('UPDATE import_runs SET finished_at = ?, status = ? WHERE id = ?', [new Date().toISOString(), status, runId]);
  }

  /** Records of a file version already stored (0 for a single-document file): re-runs skip them. */
  async storedRecords(path: string, sha256: string): Promise<Set<number>> {
    const rows = await this.db.all<{ record: number }>('SELECT record FROM document_sources WHERE path = ? AND sha256 = ?', [path, sha256]);
    return new Set(rows.map((r) => r.record));
  }

  /**
   * Writes a batch in one transaction: a crash leaves either all of it or none. A document already stored
   * (same normalized text, so same id) gains only a source row; its findings are not written twice.
   */
  async writeBatch(runId: number, items: WriteItem[]): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = [];
    await this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const item of items) {
        for (const doc of item.documents) outcomes.push(await this.writeDocument(runId, doc));
        outcomes.push(...item.outcomes);
      }
      for (const o of outcomes) {
        await this.db.run('INSERT OR REPLACE INTO file_outcomes (run_id, path, record, status, reason, detail, document_id) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          runId, o.path, o.record ?? 0, o.status, o.reason, o.detail, o.documentId,
        ]);
      }
      await this.db.exec('COMMIT');
    } catch (error) {
      await this.db.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return outcomes;
  }

  /** Outcomes that did not reach a batch (the file failed before analysis); written on their own. */
  async writeOutcomes(runId: number, outcomes: FileOutcome[]): Promise<void> {
    if (outcomes.length > 0) await this.writeBatch(runId, [{ documents: [], outcomes }]);
  }

  private async writeDocument(runId: number, doc: AnalyzedDocument): Promise<FileOutcome> {
    const db = this.db;
    const inserted = await db.run(
      `INSERT OR IGNORE INTO documents (id, text, title, language, language_confidence, published, published_source, declared_language, url, first_run_id, messages)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [doc.id, doc.text, doc.title, doc.language.code, doc.language.confidence, doc.published?.value ?? null, doc.published?.source ?? null,
        doc.declaredLanguage, doc.url, runId, JSON.stringify(doc.messages)],
    );
    const s = doc.source;
    await db.run('INSERT OR IGNORE INTO document_sources (document_id, path, record, sha256, format, encoding, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      doc.id, s.path, s.record ?? 0, s.sha256, s.format, s.encoding, runId,
    ]);
    const problems = doc.messages.filter((m) => m.severity === 'error');
    const outcome: FileOutcome = { path: s.path, record: s.record, status: 'imported', reason: null, detail: null, documentId: doc.id };
    if (inserted.changes === 0) return { ...outcome, status: 'duplicate', reason: 'exact-duplicate', detail: `same text as ${doc.id}, already stored` };

    for (const p of doc.paragraphs) await db.run('INSERT INTO paragraphs (document_id, start, "end", language, confidence) VALUES (?, ?, ?, ?, ?)', [doc.id, p.start, p.end, p.code, p.confidence]);
    for (const sentence of doc.sentences) await db.run('INSERT INTO sentences (document_id, start, "end") VALUES (?, ?, ?)', [doc.id, sentence.start, sentence.end]);
    for (const e of doc.entities) {
      const id = entityId(e.key);
      await db.run('INSERT OR IGNORE INTO entities (id, key, type, name, acronym, country, parent_id, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        id, e.key, e.type, e.name, e.acronym, e.country, null, e.origin,
      ]);
      for (const alias of new Set([e.name, ...e.aliases])) await db.run('INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)', [id, alias]);
    }
    // Parents and affiliations may name entities later in the list: link them once all exist.
    for (const e of doc.entities) {
      if (e.parent) {
        await this.ensureGazetteerAgency(e.parent);
        await db.run('UPDATE entities SET parent_id = ? WHERE id = ? AND parent_id IS NULL', [entityId(e.parent), entityId(e.key)]);
      }
      await db.run('INSERT OR IGNORE INTO document_entities (document_id, entity_id, aliases, roles, affiliation_id) VALUES (?, ?, ?, ?, ?)', [
        doc.id, entityId(e.key), JSON.stringify(e.aliases), JSON.stringify(e.roles), e.affiliation ? entityId(e.affiliation) : null,
      ]);
      for (const m of e.mentions) await db.run('INSERT OR IGNORE INTO mentions (document_id, entity_id, start, "end", text) VALUES (?, ?, ?, ?, ?)', [doc.id, entityId(e.key), m.start, m.end, m.text]);
    }
    for (const d of doc.dates) {
      await db.run('INSERT OR IGNORE INTO dates (document_id, start, "end", text, value, granularity, relative) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        doc.id, d.start, d.end, d.text, d.value, d.granularity, d.relative ? 1 : 0,
      ]);
    }
    for (const q of doc.quotes) {
      await db.run('INSERT OR IGNORE INTO quotes (id, document_id, start, "end", text, kind, speaker_entity_id, speaker_name, speaker_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        quoteId(doc.id, q.start, q.end), doc.id, q.start, q.end, q.text, q.kind, q.speaker?.key ? entityId(q.speaker.key) : null, q.speaker?.name ?? null, q.speaker?.role ?? null,
      ]);
    }
    if (doc.fingerprint.length === SIGNATURE_LENGTH) await this.linkNearDuplicates(doc.id, doc.fingerprint);
    if (problems.length > 0) {
      return { ...outcome, status: 'degraded', reason: problems[0]!.reason, detail: problems.map((p) => `${p.stage}: ${p.detail}`).join('; ') };
    }
    return outcome;
  }

  /** A parent body from the gazetteer, and its parents, as entities: a parent need not be mentioned to be stored. */
  private async ensureGazetteerAgency(key: string): Promise<void> {
    const entry = gazetteerAgency(key);
    if (!entry) return;
    const inserted = await this.db.run('INSERT OR IGNORE INTO entities (id, key, type, name, acronym, country, parent_id, origin) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)', [
      entityId(key), key, 'agency', entry.name, entry.acronyms?.[0] ?? null, entry.country, 'gazetteer',
    ]);
    if (inserted.changes === 0 || !entry.parent) return;
    const parentKey = `agency:${entry.parent}`;
    await this.ensureGazetteerAgency(parentKey);
    await this.db.run('UPDATE entities SET parent_id = ? WHERE id = ?', [entityId(parentKey), entityId(key)]);
  }

  /**
   * Links the document to the near duplicates already stored. A cluster's canonical document is its earliest
   * published one (then the smallest id), recomputed when the cluster grows, so clusters and canonical documents
   * do not depend on the order of import. Only canonical documents are in the band index: a new copy is compared
   * with each story once, not with every copy of it, so a story carried by thousands of outlets costs no more.
   */
  private async linkNearDuplicates(documentId: string, signature: number[]): Promise<void> {
    const db = this.db;
    await db.run('INSERT OR REPLACE INTO document_minhash (document_id, signature) VALUES (?, ?)', [documentId, encodeSignature(signature)]);
    const keys = bandKeys(signature);
    const candidates = await db.all<{ document_id: string; published: string | null; signature: Buffer }>(
      `SELECT DISTINCT b.document_id, d.published, m.signature FROM minhash_bands b
       JOIN document_minhash m ON m.document_id = b.document_id JOIN documents d ON d.id = b.document_id
       WHERE b.band_key IN (${keys.map(() => '?').join(',')}) AND b.document_id != ?`,
      [...keys, documentId],
    );
    const similar = candidates.filter((c) => estimatedSimilarity(signature, decodeSignature(c.signature)) >= NEAR_DUPLICATE_THRESHOLD);
    const rank = (id: string, published: string | null) => `${published ?? '9999'}|${id}`;
    const ownPublished = (await db.get<{ published: string | null }>('SELECT published FROM documents WHERE id = ?', [documentId]))?.published ?? null;
    const similarity = (other: Buffer) => Math.round(estimatedSimilarity(signature, decodeSignature(other)) * 1000) / 1000;

    if (similar.length === 1 && rank(similar[0]!.document_id, similar[0]!.published) < rank(documentId, ownPublished)) {
      // The common case, a new copy of a known story that is not its earliest version.
      await db.run('UPDATE documents SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?', [similar[0]!.document_id, similarity(similar[0]!.signature), documentId]);
      return;
    }
    if (similar.length === 0) {
      await this.indexBands(documentId, keys);
      return;
    }
    // A new earliest version, or stories joined by this document: recompute the merged cluster.
    const ids = [documentId, ...similar.map((c) => c.document_id)];
    const marks = ids.map(() => '?').join(',');
    const members = await db.all<{ id: string; published: string | null; signature: Buffer }>(
      `SELECT d.id, d.published, m.signature FROM documents d JOIN document_minhash m ON m.document_id = d.id
       WHERE d.id IN (${marks}) OR d.duplicate_of IN (${marks})`,
      [...ids, ...ids],
    );
    const canonical = members.reduce((best, m) => (rank(m.id, m.published) < rank(best.id, best.published) ? m : best));
    const canonicalSignature = decodeSignature(canonical.signature);
    for (const m of members) {
      if (m.id === canonical.id) {
        await db.run('UPDATE documents SET duplicate_of = NULL, duplicate_similarity = NULL WHERE id = ?', [m.id]);
        continue;
      }
      const toCanonical = Math.round(estimatedSimilarity(decodeSignature(m.signature), canonicalSignature) * 1000) / 1000;
      await db.run('UPDATE documents SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?', [canonical.id, toCanonical, m.id]);
      await db.run('DELETE FROM minhash_bands WHERE document_id = ?', [m.id]);
    }
    if (canonical.id === documentId) await this.indexBands(documentId, keys);
  }

  private async indexBands(documentId: string, keys: number[]): Promise<void> {
    for (const key of keys) await this.db.run('INSERT OR IGNORE INTO minhash_bands (band_key, document_id) VALUES (?, ?)', [key, documentId]);
  }

  async counts(): Promise<KnowledgeBaseCounts> {
    const count = async (sql: string) => (await this.db.get<{ n: number }>(sql))?.n ?? 0;
    const grouped = async (sql: string) => Object.fromEntries((await this.db.all<{ k: string; n: number }>(sql)).map((r) => [r.k, r.n]));
    return {
      documents: await count('SELECT COUNT(*) AS n FROM documents'),
      documentsByLanguage: await grouped('SELECT language AS k, COUNT(*) AS n FROM documents GROUP BY language ORDER BY language'),
      entitiesByType: await grouped('SELECT type AS k, COUNT(*) AS n FROM entities GROUP BY type ORDER BY type'),
      mentions: await count('SELECT COUNT(*) AS n FROM mentions'),
      dates: await count('SELECT COUNT(*) AS n FROM dates'),
      quotes: await count('SELECT COUNT(*) AS n FROM quotes'),
      exactDuplicateSources: await count('SELECT COUNT(*) - COUNT(DISTINCT document_id) AS n FROM document_sources'),
      nearDuplicates: await count('SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NOT NULL'),
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
