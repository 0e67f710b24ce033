import type { WritableDocument } from '../writable.js';
import type { NearDuplicateRule } from '../knowledge-base.js';
import {
  type BandIndex,
  type Clusters,
  encodeSignature,
  linkDocument,
  resignStoredSignatures,
  type Signed,
  type SignatureRow,
  toSigned,
} from '../sql/near-duplicate-linking.js';
import type { PgClient } from './connection.js';

/**
 * Links a batch's new documents to the near duplicates stored, in the caller's transaction. Workers take turns here
 * (a transaction-level advisory lock, held until the batch commits), so each batch links against everything
 * committed before it, exactly as the embedded import's single writer does, and the outcome does not depend on
 * which worker stores a copy first. The lock is taken last in a batch's transaction, after its other rows are in,
 * so workers overlap in everything else.
 */
export async function linkNearDuplicates(
  tx: PgClient,
  rule: NearDuplicateRule,
  batch: readonly WritableDocument[],
  /** Make stored signatures of other schemes again first (a writer's first batch, see resignStoredSignatures). */
  resign: boolean,
): Promise<void> {
  const docs = batch.filter((doc) => doc.fingerprint.length === rule.signatureLength);
  if (docs.length === 0) return;
  await tx.run("SELECT pg_advisory_xact_lock(hashtext('advisory-kb near duplicates'))");
  if (resign) await resignStoredSignatures(tx, rule);
  const seqs = new Map(
    (
      await tx.all<{ seq: number; document_id: string }>(
        `INSERT INTO document_minhash (document_id, published, signature, scheme)
         SELECT v->>0, v->>1, decode(v->>2, 'hex'), $2::integer FROM jsonb_array_elements($1::jsonb) v
         ON CONFLICT (document_id) DO UPDATE SET published = excluded.published, signature = excluded.signature,
           scheme = excluded.scheme
         RETURNING seq, document_id`,
        [
          JSON.stringify(
            docs.map((d) => [d.id, d.published?.value ?? null, encodeSignature(d.fingerprint).toString('hex')]),
          ),
          rule.scheme,
        ],
      )
    ).map((r) => [r.document_id, r.seq]),
  );
  const keysOf = new Map(docs.map((d) => [d.id, rule.bandKeys(d.fingerprint)]));
  // Buckets hold at most 32 members (full ones are not grown), so reading them whole stays bounded.
  const buckets = new Map<number, Set<string>>();
  const known = new Map<string, Signed>();
  const rows = await tx.all<SignatureRow & { band_key: number }>(
    `SELECT b.band_key, m.document_id AS id, m.seq, m.published, m.signature
     FROM minhash_bands b JOIN document_minhash m ON m.seq = b.document_seq WHERE b.band_key = ANY(?::bigint[])`,
    [[...new Set([...keysOf.values()].flat())]],
  );
  for (const row of rows) {
    known.set(row.id, toSigned(row));
    const bucket = buckets.get(row.band_key) ?? new Set<string>();
    bucket.add(row.id);
    buckets.set(row.band_key, bucket);
  }
  const added = new Map<string, number[]>();
  const bands: BandIndex = {
    size: (key) => buckets.get(key)?.size ?? 0,
    members: (key) => buckets.get(key) ?? [],
    signed: (id) => known.get(id)!,
    add: (id, keys) => {
      for (const key of keys) buckets.set(key, (buckets.get(key) ?? new Set<string>()).add(id));
      added.set(id, keys);
    },
    remove: async (doc) => {
      const keys = rule.bandKeys(doc.signature);
      for (const key of keys) buckets.get(key)?.delete(doc.id);
      if (added.delete(doc.id)) return;
      await tx.run('DELETE FROM minhash_bands WHERE band_key = ANY(?::bigint[]) AND document_seq = ?', [keys, doc.seq]);
    },
  };
  const clusters: Clusters = {
    setDuplicate: async (id, of, similarity) => {
      await tx.run('UPDATE documents SET duplicate_of = ?, duplicate_similarity = ? WHERE id = ?', [
        of,
        similarity,
        id,
      ]);
    },
    withCopies: async (ids) =>
      (
        await tx.all<SignatureRow>(
          `SELECT d.id, m.seq, m.published, m.signature FROM documents d JOIN document_minhash m ON m.document_id = d.id
           WHERE d.id = ANY(?::text[]) OR d.duplicate_of = ANY(?1::text[])`,
          [ids],
        )
      ).map(toSigned),
  };
  for (const doc of docs) {
    const signed = {
      id: doc.id,
      seq: seqs.get(doc.id)!,
      published: doc.published?.value ?? null,
      signature: doc.fingerprint,
    };
    known.set(doc.id, signed);
    await linkDocument(rule, signed, keysOf.get(doc.id)!, bands, clusters);
  }
  await tx.insertRows(
    `INSERT INTO minhash_bands (band_key, document_seq) SELECT (v->>0)::bigint, (v->>1)::bigint
     FROM jsonb_array_elements($1::jsonb) v ORDER BY 1, 2 ON CONFLICT DO NOTHING`,
    [...added].flatMap(([id, keys]) => keys.map((key) => [key, known.get(id)!.seq])),
  );
}
