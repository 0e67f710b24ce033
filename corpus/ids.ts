import { createHash } from 'node:crypto';

/** Knowledge-base-wide ids: derived from content or keys, so every machine and every run agrees. */

/** sha256 of bytes or of a string's UTF-8, as lowercase hex. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The document id: content-derived, so the same text has the same id on every machine and in every run. */
export function documentId(text: string): string {
  return `doc_${sha256Hex(text).slice(0, 24)}`;
}

/** Entity ids already computed: a batch names each entity in many rows (about 150 hashes per document). */
const entityIds = new Map<string, string>();
const ENTITY_ID_CACHE = 100_000;

/** The id of the entity an extractor's `key` names. */
export function entityId(key: string): string {
  let id = entityIds.get(key);
  if (id === undefined) {
    if (entityIds.size >= ENTITY_ID_CACHE) entityIds.clear();
    id = `ent_${sha256Hex(key).slice(0, 20)}`;
    entityIds.set(key, id);
  }
  return id;
}

/** The id of a quote: its document and its characters. */
export const quoteId = (documentId: string, start: number, end: number) =>
  `quo_${sha256Hex(`${documentId}:${start}:${end}`).slice(0, 20)}`;
