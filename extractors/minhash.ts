/**
 * MinHash signatures over word shingles, and LSH band keys to find near-duplicate documents in near-linear time
 * (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3). npm has no maintained
 * implementation (the `minhash` package is an unmaintained 0.0.x), so the ~40 lines are here.
 */

/** Words per shingle: long enough that two different stories on one topic share few, short enough to survive edits. */
export const SHINGLE_WORDS = 5;
/**
 * 64 bands of 3 rows: a pair with Jaccard 0.42 becomes a candidate with probability 0.99, one with 0.02 with 0.0005.
 */
export const BANDS = 64;
/** Rows (hash values) per band. */
export const ROWS = 3;
/** A signature's length: one value per band row. */
export const SIGNATURE_LENGTH = BANDS * ROWS;
/**
 * Estimated Jaccard similarity from which two documents are near duplicates (wire copies measure 0.4–0.7, unrelated
 * texts on one topic under 0.05).
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.3;

/** murmur3's 32-bit finalizer: a fast, well-mixed integer hash, as a signed 32-bit integer. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The same hash as an unsigned value. */
const mix = (h: number) => mix32(h) >>> 0;

/** FNV-1a's offset basis and prime. */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a continued over a string's UTF-16 units. */
function fnvUpdate(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Fixed seeds, one per hash function: signatures are comparable across machines and runs. */
const SEEDS = Int32Array.from(
  { length: SIGNATURE_LENGTH },
  (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2d)) | 0,
);
/** Flipping the sign bit orders signed 32-bit integers as their unsigned values. */
const SIGN = 0x80000000 | 0;

/**
 * Hashes of the document's word shingles (lowercased letters and digits; punctuation and layout do not count): FNV-1a
 * of the shingle's words joined by spaces, fed word by word rather than built as a string per shingle. The values
 * are those stored signatures were made of, so signatures stay comparable across versions.
 */
export function shingleHashes(text: string): Uint32Array {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const hashes = new Uint32Array(words.length === 0 ? 0 : Math.max(1, words.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < hashes.length; i++) {
    let h = fnvUpdate(FNV_BASIS, words[i]!);
    for (let j = i + 1; j < Math.min(i + SHINGLE_WORDS, words.length); j++)
      h = fnvUpdate(Math.imul(h ^ 0x20, FNV_PRIME), words[j]!);
    hashes[i] = h >>> 0;
  }
  return hashes;
}

/**
 * The MinHash signature: for each seeded hash function, the minimum over the shingles. The inner loop (192 hashes a
 * shingle, most of the stage's time) stays in signed 32-bit integers, compared with the sign bit flipped: as unsigned
 * values above 2^31 they were heap numbers, and the stage took twice as long for the same minima.
 */
export function minhashSignature(text: string): number[] {
  const shingles = shingleHashes(text);
  const flipped = new Int32Array(SIGNATURE_LENGTH).fill(0xffffffff ^ SIGN);
  for (let s = 0; s < shingles.length; s++) {
    const shingle = shingles[s]! | 0;
    for (let k = 0; k < SIGNATURE_LENGTH; k++) {
      const h = mix32(shingle ^ SEEDS[k]!) ^ SIGN;
      if (h < flipped[k]!) flipped[k] = h;
    }
  }
  return Array.from(flipped, (h) => (h ^ SIGN) >>> 0);
}

/** Estimated Jaccard similarity of the two documents' shingle sets. */
export function estimatedSimilarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_LENGTH; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_LENGTH;
}

/** One key per band (band number in the high bits): documents sharing any key are candidate near duplicates. */
export function bandKeys(signature: readonly number[]): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = band;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ signature[band * ROWS + r]!);
    keys.push(band * 2 ** 32 + h);
  }
  return keys;
}

/** How the knowledge base finds near duplicates by these signatures (its `NearDuplicateRule`). */
export const MINHASH_NEAR_DUPLICATES = {
  signatureLength: SIGNATURE_LENGTH,
  bandKeys,
  similarity: estimatedSimilarity,
  threshold: NEAR_DUPLICATE_THRESHOLD,
};
