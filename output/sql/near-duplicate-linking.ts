import type { NearDuplicateRule } from '../knowledge-base.js';
import type { SqlConnection } from './connection.js';

/** Documents per LSH bucket; a fuller bucket is boilerplate shared by many stories. */
export const BUCKET_CAP = 32;
/** Candidates verified per new document, those sharing the most bands first. */
const MAX_CANDIDATES = 50;

/** A document's MinHash signature with what ranks it in its cluster; `seq` is how band rows name it. */
export interface Signed {
  id: string;
  seq: number;
  published: string | null;
  signature: number[];
}

/** A signature as a backend stores it, with its document's id, seq and date. */
export interface SignatureRow {
  id: string;
  seq: number;
  published: string | null;
  signature: Buffer;
}

export const toSigned = (row: SignatureRow): Signed => ({
  id: row.id,
  seq: row.seq,
  published: row.published,
  signature: decodeSignature(row.signature),
});

export function encodeSignature(signature: number[]): Buffer {
  return Buffer.from(Uint32Array.from(signature).buffer);
}

export function decodeSignature(blob: Buffer): number[] {
  return Array.from(new Uint32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength)));
}

/** The LSH band index as one batch sees it while linking its documents. */
export interface BandIndex {
  size(key: number): number;
  members(key: number): Iterable<string>;
  signed(id: string): Signed;
  add(id: string, keys: number[]): void;
  remove(doc: Signed): Promise<void>;
}

/** The stored clusters: who is a copy of whom. */
export interface Clusters {
  /** Marks `id` a copy of `of` (null: canonical). */
  setDuplicate(id: string, of: string | null, similarity: number | null): Promise<void>;
  /** The documents among `ids` and their copies, with signatures. */
  withCopies(ids: string[]): Promise<Signed[]>;
}

/**
 * Links one new document to the near duplicates already indexed. A cluster's canonical document is its earliest
 * published one (then the smallest id), recomputed when the cluster grows, so clusters and canonical documents do
 * not depend on the order of import. Only canonical documents are in the band index: a new copy is compared with
 * each story once, not with every copy of it, so a story carried by thousands of outlets costs no more.
 */
export async function linkDocument(
  rule: NearDuplicateRule,
  doc: Signed,
  keys: number[],
  bands: BandIndex,
  clusters: Clusters,
): Promise<void> {
  // A band shared by many stories is boilerplate ("About CISA: …"), not evidence: buckets are capped, full ones are
  // neither searched nor grown, and only the candidates sharing the most bands are verified. Cost per document
  // stays bounded however large the knowledge base grows.
  const openKeys = keys.filter((key) => bands.size(key) < BUCKET_CAP);
  const shared = new Map<string, number>();
  for (const key of openKeys)
    for (const id of bands.members(key)) if (id !== doc.id) shared.set(id, (shared.get(id) ?? 0) + 1);
  const candidates = [...shared]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => bands.signed(id));
  const similar = candidates.filter((c) => rule.similarity(doc.signature, c.signature) >= rule.threshold);
  const rank = (d: Signed) => `${d.published ?? '9999'}|${d.id}`;
  const similarity = (a: Signed, b: Signed) => Math.round(rule.similarity(a.signature, b.signature) * 1000) / 1000;

  if (similar.length === 1 && rank(similar[0]!) < rank(doc)) {
    // The common case, a new copy of a known story that is not its earliest version.
    await clusters.setDuplicate(doc.id, similar[0]!.id, similarity(doc, similar[0]!));
    return;
  }
  if (similar.length === 0) {
    bands.add(doc.id, openKeys);
    return;
  }
  // A new earliest version, or stories joined by this document: recompute the merged cluster.
  const members = await clusters.withCopies([doc.id, ...similar.map((c) => c.id)]);
  const canonical = members.reduce((best, m) => (rank(m) < rank(best) ? m : best));
  for (const m of members) {
    if (m.id === canonical.id) {
      await clusters.setDuplicate(m.id, null, null);
      continue;
    }
    await clusters.setDuplicate(m.id, canonical.id, similarity(m, canonical));
    if (m.id !== doc.id) await bands.remove(m);
  }
  if (canonical.id === doc.id) bands.add(doc.id, openKeys);
}

/** Signatures made again per query of texts. */
const RESIGN_ROWS = 500;
/** Band rows per INSERT when the index is rebuilt. */
const BAND_ROWS_PER_INSERT = 5000;

/**
 * Makes the stored signatures of an earlier scheme again from their documents' texts, and rebuilds the band index
 * from the canonical documents' new signatures, in the caller's transaction: signatures of two schemes do not
 * compare, so a base half re-signed would miss copies. Clusters (who is a copy of whom) stay as they were linked.
 * Buckets are filled in the order documents were stored and capped as linking caps them. Returns the number of
 * signatures made again; 0 when every one is of the rule's scheme, the usual case, at the cost of one look-up. A
 * writer runs it once, in its first batch that links documents, where it holds the index to itself.
 */
export async function resignStoredSignatures(db: SqlConnection, rule: NearDuplicateRule): Promise<number> {
  let resigned = 0;
  for (;;) {
    const rows = await db.all<{ seq: number; text: string }>(
      `SELECT m.seq, d.text FROM document_minhash m JOIN documents d ON d.id = m.document_id
       WHERE m.scheme < ?1 OR m.scheme > ?1 ORDER BY m.seq LIMIT ${RESIGN_ROWS}`,
      [rule.scheme],
    );
    if (rows.length === 0) break;
    for (const row of rows)
      await db.run('UPDATE document_minhash SET signature = ?, scheme = ? WHERE seq = ?', [
        encodeSignature(rule.sign(row.text)),
        rule.scheme,
        row.seq,
      ]);
    resigned += rows.length;
  }
  if (resigned === 0) return 0;
  await db.run('DELETE FROM minhash_bands');
  for (let after = -1; ;) {
    const rows = await db.all<{ seq: number; signature: Buffer }>(
      `SELECT m.seq, m.signature FROM document_minhash m JOIN documents d ON d.id = m.document_id
       WHERE d.duplicate_of IS NULL AND m.seq > ? ORDER BY m.seq LIMIT ${RESIGN_ROWS}`,
      [after],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.seq;
    const bandRows = rows
      .map((row) => ({ seq: row.seq, signature: decodeSignature(row.signature) }))
      .filter((row) => row.signature.length === rule.signatureLength)
      .flatMap((row) => rule.bandKeys(row.signature).map((key) => [key, row.seq]));
    // A few thousand rows a statement: SQLite binds at most 32,766 parameters.
    for (let i = 0; i < bandRows.length; i += BAND_ROWS_PER_INSERT) {
      const chunk = bandRows.slice(i, i + BAND_ROWS_PER_INSERT);
      await db.run(
        `INSERT INTO minhash_bands (band_key, document_seq) VALUES ${chunk.map(() => '(?, ?)').join(', ')}
         ON CONFLICT DO NOTHING`,
        chunk.flat(),
      );
    }
  }
  // Past the cap a bucket is boilerplate: its first members stay, so it stays full, and the rest go.
  await db.run(
    `DELETE FROM minhash_bands WHERE (band_key, document_seq) IN (
       SELECT band_key, document_seq FROM (
         SELECT band_key, document_seq, ROW_NUMBER() OVER (PARTITION BY band_key ORDER BY document_seq) AS n
         FROM minhash_bands) ranked
       WHERE n > ${BUCKET_CAP})`,
  );
  return resigned;
}
