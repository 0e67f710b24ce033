import type { NearDuplicateRule } from '../knowledge-base.js';
import {
  type BandIndex,
  BUCKET_CAP,
  type Clusters,
  encodeSignature,
  linkDocument,
  resignStoredSignatures,
  type Signed,
  type SignatureRow,
  toSigned,
} from '../sql/near-duplicate-linking.js';
import type { WritableDocument } from '../writable.js';
import type { Database } from './database.js';

/**
 * Canonical documents whose band rows are held in memory before they are written in key order (their signatures and
 * 320,000 bucket entries).
 */
const BAND_FLUSH_DOCUMENTS = 5000;
/** Band rows per INSERT when they are written: a few MB of JSON. */
const BAND_ROWS_PER_INSERT = 50_000;

const NO_MEMBERS: readonly string[] = [];

/**
 * Band rows held in memory until they are written in key order: the documents with their keys, and the buckets.
 * Nearly every bucket has one member, held as the bare id rather than in a Set of its own.
 */
class UnwrittenBands {
  readonly signed = new Map<string, Signed & { keys: number[] }>();
  private readonly buckets = new Map<number, string | string[]>();

  add(doc: Signed, keys: number[]): void {
    this.signed.set(doc.id, { ...doc, keys });
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket === undefined) this.buckets.set(key, doc.id);
      else if (typeof bucket === 'string') this.buckets.set(key, [bucket, doc.id]);
      else bucket.push(doc.id);
    }
  }

  members(key: number): readonly string[] {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? NO_MEMBERS : typeof bucket === 'string' ? [bucket] : bucket;
  }

  count(key: number): number {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? 0 : typeof bucket === 'string' ? 1 : bucket.length;
  }

  /** Takes a document out (it became a copy of another); false if it is not held here. */
  remove(id: string): boolean {
    const doc = this.signed.get(id);
    if (!doc) return false;
    this.signed.delete(id);
    for (const key of doc.keys) {
      const rest = this.members(key).filter((member) => member !== id);
      if (rest.length === 0) this.buckets.delete(key);
      else this.buckets.set(key, rest.length === 1 ? rest[0]! : rest);
    }
    return true;
  }

  /** All rows, in key order, as [band_key, document_seq]. */
  rows(): Array<[number, number]> {
    return [...this.buckets.keys()]
      .sort((a, b) => a - b)
      .flatMap((key) =>
        this.members(key)
          .map((id) => this.signed.get(id)!.seq)
          .sort((a, b) => a - b)
          .map((seq): [number, number] => [key, seq]),
      );
  }

  clear(): void {
    this.signed.clear();
    this.buckets.clear();
  }
}

/** Stored band buckets: the members (document seqs) of open ones, and the keys of full ones. */
interface StoredBuckets {
  buckets: Map<number, Set<number>>;
  fullKeys: Set<number>;
}

/** A bucket's size, stored rows and rows held back together; a full stored bucket counts as full. */
function bucketSize(stored: StoredBuckets, unwritten: UnwrittenBands, key: number): number {
  return stored.fullKeys.has(key) ? BUCKET_CAP : (stored.buckets.get(key)?.size ?? 0) + unwritten.count(key);
}

/**
 * The near-duplicate index: MinHash signatures, LSH band rows, and the links from copies to their cluster's
 * canonical document. Band rows of new canonical documents are held in memory and written in key order every few
 * thousand documents; a document is listed in `minhash_unindexed` until its rows are written, so a killed import's
 * documents are indexed by the next one.
 */
export class NearDuplicateIndex {
  /** Band rows not yet written (see writeBands); reloaded from minhash_unindexed after a failed transaction. */
  private unwritten: Promise<UnwrittenBands> | null = null;

  constructor(
    private readonly db: Database,
    private readonly rule: NearDuplicateRule,
  ) {}

  /**
   * Cluster changes of the batch being linked, written together (see writeClusterChanges): who became a copy of whom,
   * and the stored band rows of documents that stopped being canonical. One statement each per batch instead of one
   * per document: the updates rewrote each document's row with its text, and their round trips were a third of the
   * writer's time.
   */
  private readonly duplicateChanges = new Map<string, [string | null, number | null]>();
  private readonly removedBandRows: Array<[number, number]> = [];

  /** Stored signatures of other schemes made again, once per writer (see resignStoredSignatures). */
  private resigned: Promise<void> | null = null;

  /** Forgets the band rows held back: a rollback undid their listing, and they are read again from the database. */
  forget(): void {
    this.unwritten = null;
    this.resigned = null;
    this.duplicateChanges.clear();
    this.removedBandRows.length = 0;
  }

  private async writeClusterChanges(): Promise<void> {
    await this.db.insertRows(
      'UPDATE documents SET duplicate_of = value->>1, duplicate_similarity = value->>2 FROM json_each(?) WHERE documents.id = value->>0',
      [...this.duplicateChanges].map(([id, [of, similarity]]) => [id, of, similarity]),
    );
    this.duplicateChanges.clear();
    // By the band index's key: a scan by document would read every band of the base.
    await this.db.insertRows(
      'DELETE FROM minhash_bands WHERE (band_key, document_seq) IN (SELECT value->>0, value->>1 FROM json_each(?))',
      this.removedBandRows.splice(0),
    );
  }

  /** The stored clusters, in the documents' duplicate_of column, with the batch's changes not yet written. */
  private readonly clusters: Clusters = {
    setDuplicate: async (id, of, similarity) => {
      this.duplicateChanges.set(id, [of, similarity]);
    },
    withCopies: async (ids) => {
      // Read from the table, so the batch's changes go in first (a merge of clusters, rare next to copies).
      await this.writeClusterChanges();
      const list = JSON.stringify(ids);
      return (
        await this.db.all<SignatureRow>(
          `SELECT d.id, m.seq, m.published, m.signature FROM documents d JOIN document_minhash m ON m.document_id = d.id
           WHERE d.id IN (SELECT value FROM json_each(?1)) OR d.duplicate_of IN (SELECT value FROM json_each(?1))`,
          [list],
        )
      ).map(toSigned);
    },
  };

  /**
   * Links each new document to the near duplicates already stored (see linkDocument). The batch's band buckets and candidate signatures are read in two queries, merged with the band rows not yet
   * written (see flush), and kept up to date here while its documents are linked one by one. Documents without a
   * full signature (no words) are not indexed.
   */
  async link(batch: readonly WritableDocument[]): Promise<void> {
    const docs = batch.filter((doc) => doc.fingerprint.length === this.rule.signatureLength);
    if (docs.length === 0) return;
    const db = this.db;
    // Before the held-back rows are read: the rebuilt index holds the documents they were held back for.
    await (this.resigned ??= resignStoredSignatures(db, this.rule).then(async (resigned) => {
      if (resigned > 0) await db.exec('DELETE FROM minhash_unindexed');
    }));
    const unwritten = await this.unwrittenBands();
    const seqs = new Map(
      (
        await db.all<{ seq: number; document_id: string }>(
          `INSERT INTO document_minhash (document_id, published, signature, scheme) SELECT value->>0, value->>1, unhex(value->>2), ?2 FROM json_each(?1) WHERE true
         ON CONFLICT(document_id) DO UPDATE SET published = excluded.published, signature = excluded.signature, scheme = excluded.scheme
         RETURNING seq, document_id`,
          [
            JSON.stringify(
              docs.map((d) => [d.id, d.published?.value ?? null, encodeSignature(d.fingerprint).toString('hex')]),
            ),
            this.rule.scheme,
          ],
        )
      ).map((r) => [r.document_id, r.seq]),
    );
    const keysOf = new Map(docs.map((d) => [d.id, this.rule.bandKeys(d.fingerprint)]));
    const stored = await this.readBuckets([...new Set([...keysOf.values()].flat())]);
    const known = new Map<string, Signed>();
    const idOf = new Map<number, string>();
    for (const row of await db.all<SignatureRow>(
      'SELECT document_id AS id, seq, published, signature FROM document_minhash WHERE seq IN (SELECT value FROM json_each(?))',
      [JSON.stringify([...new Set([...stored.buckets.values()].flatMap((members) => [...members]))])],
    )) {
      known.set(row.id, toSigned(row));
      idOf.set(row.seq, row.id);
    }

    const added: string[] = [];
    const bands: BandIndex = {
      size: (key) => bucketSize(stored, unwritten, key),
      members: (key) => {
        const storedSeqs = stored.buckets.get(key);
        return storedSeqs
          ? [...[...storedSeqs].map((seq) => idOf.get(seq)!), ...unwritten.members(key)]
          : unwritten.members(key);
      },
      signed: (id) => known.get(id) ?? unwritten.signed.get(id)!,
      add: (id, keys) => {
        unwritten.add(known.get(id)!, keys);
        added.push(id);
      },
      remove: async (doc) => {
        if (unwritten.remove(doc.id)) return;
        for (const key of this.rule.bandKeys(doc.signature)) {
          stored.buckets.get(key)?.delete(doc.seq);
          this.removedBandRows.push([key, doc.seq]);
        }
      },
    };
    for (const doc of docs) {
      known.set(doc.id, {
        id: doc.id,
        seq: seqs.get(doc.id)!,
        published: doc.published?.value ?? null,
        signature: doc.fingerprint,
      });
      await linkDocument(this.rule, known.get(doc.id)!, keysOf.get(doc.id)!, bands, this.clusters);
    }
    await this.writeClusterChanges();
    await this.db.insertRows(
      'INSERT INTO minhash_unindexed (document_id) SELECT value->>0 FROM json_each(?)',
      added.filter((id) => unwritten.signed.has(id)).map((id) => [id]),
    );
    if (unwritten.signed.size >= BAND_FLUSH_DOCUMENTS) await this.writeBands(unwritten);
  }

  /**
   * Stored band buckets of the given keys: the members of open ones, and which are full. A full bucket is
   * boilerplate, neither searched nor grown, and at 100,000 documents reading its members for every batch cost more
   * than all the rest of the linking.
   */
  private async readBuckets(keys: number[]): Promise<StoredBuckets> {
    const rows = await this.db.all<{ band_key: number; document_seq: number }>(
      `SELECT b.band_key, b.document_seq FROM minhash_bands b
       JOIN (SELECT value AS k FROM json_each(?) WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM minhash_bands WHERE band_key = value LIMIT ${BUCKET_CAP})) < ${BUCKET_CAP}) open
       ON b.band_key = open.k`,
      [JSON.stringify(keys)],
    );
    const buckets = new Map<number, Set<number>>();
    for (const row of rows) {
      const bucket = buckets.get(row.band_key);
      if (bucket) bucket.add(row.document_seq);
      else buckets.set(row.band_key, new Set([row.document_seq]));
    }
    const fullKeys = new Set(
      (
        await this.db.all<{ k: number }>(
          `SELECT value AS k FROM json_each(?) WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM minhash_bands WHERE band_key = value LIMIT ${BUCKET_CAP})) >= ${BUCKET_CAP}`,
          [JSON.stringify(keys.filter((k) => !buckets.has(k)))],
        )
      ).map((r) => r.k),
    );
    return { buckets, fullKeys };
  }

  /**
   * The band rows this writer holds back, loaded on first use from the documents an earlier import listed in
   * minhash_unindexed and could not index (it was killed): they are indexed now, in the order they were stored.
   */
  private unwrittenBands(): Promise<UnwrittenBands> {
    this.unwritten ??= (async () => {
      const bands = new UnwrittenBands();
      const rows = await this.db.all<SignatureRow>(
        `SELECT d.id, m.seq, m.published, m.signature FROM minhash_unindexed u JOIN documents d ON d.id = u.document_id
         JOIN document_minhash m ON m.document_id = u.document_id WHERE d.duplicate_of IS NULL GROUP BY d.id ORDER BY MIN(u.rowid)`,
      );
      const signed = rows.map(toSigned);
      const stored = await this.readBuckets([...new Set(signed.flatMap((d) => this.rule.bandKeys(d.signature)))]);
      for (const doc of signed)
        bands.add(
          doc,
          this.rule.bandKeys(doc.signature).filter((key) => bucketSize(stored, bands, key) < BUCKET_CAP),
        );
      return bands;
    })();
    return this.unwritten;
  }

  /**
   * Writes the band rows held back, in key order, and empties the list of unindexed documents, in the caller's
   * transaction. Written per batch, a document's 64 rows landed on 64 random pages of the index, and every commit
   * rewrote most of the index (a fifth of the import's time at 10,000 documents, growing with the base); in key order
   * every few thousand documents, each page is written once per pass.
   */
  private async writeBands(unwritten: UnwrittenBands): Promise<void> {
    const rows = unwritten.rows();
    for (let i = 0; i < rows.length; i += BAND_ROWS_PER_INSERT) {
      await this.db.insertRows(
        'INSERT OR IGNORE INTO minhash_bands (band_key, document_seq) SELECT value->>0, value->>1 FROM json_each(?)',
        rows.slice(i, i + BAND_ROWS_PER_INSERT),
      );
    }
    await this.db.exec('DELETE FROM minhash_unindexed');
    unwritten.clear();
  }

  /** Band rows held back (see writeBands); the end of an import writes them. */
  async heldBack(): Promise<boolean> {
    return this.unwritten !== null && (await this.unwritten).signed.size > 0;
  }

  /** Writes the band rows held back, in the caller's transaction. */
  async flush(): Promise<void> {
    if (this.unwritten) await this.writeBands(await this.unwritten);
  }
}
