import type { NearDuplicateRule } from '../knowledge-base.js';

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
