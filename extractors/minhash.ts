import { CLASS, charClassAt, FNV_OFFSET, FNV_PRIME, PAIR, WORD_CHAR } from './characters.js';

/**
 * MinHash signatures over word shingles, and LSH band keys to find near-duplicate documents in near-linear time
 * (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3). npm has no maintained
 * implementation (the `minhash` package is an unmaintained 0.0.x), so the ~80 lines are here.
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

/**
 * The FNV-1a hash of each word of a lowercased text (its runs of letters and digits, by code point), read in one pass
 * with no word strings made: this stage sees every character of every document.
 */
function wordHashes(lower: string): Int32Array {
  const hashes: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const kind = charClassAt(lower, i);
    if ((kind & CLASS) === WORD_CHAR) {
      h = Math.imul(h ^ lower.charCodeAt(i), FNV_PRIME);
      if (kind & PAIR) h = Math.imul(h ^ lower.charCodeAt(++i), FNV_PRIME);
      inWord = true;
    } else {
      if (inWord) hashes.push(h);
      h = FNV_OFFSET;
      inWord = false;
      if (kind & PAIR) i++;
    }
  }
  if (inWord) hashes.push(h);
  return Int32Array.from(hashes);
}

/**
 * Hashes of the document's word shingles (lowercased letters and digits; punctuation and layout do not count). Each
 * word is hashed once and a shingle's hash mixes its words' hashes in order, so a word's characters are read once,
 * not once for each of the five shingles it is part of.
 */
export function shingleHashes(text: string): Uint32Array {
  const words = wordHashes(text.toLowerCase());
  const hashes = new Uint32Array(words.length === 0 ? 0 : Math.max(1, words.length - SHINGLE_WORDS + 1));
  for (let i = 0; i < hashes.length; i++) {
    let h = words[i]!;
    for (let j = i + 1; j < Math.min(i + SHINGLE_WORDS, words.length); j++)
      h = mix32(Math.imul(h, 0x9e3779b1) ^ words[j]!);
    hashes[i] = h >>> 0;
  }
  return hashes;
}

/**
 * How signatures are made, stored with each: a knowledge base signed by an earlier scheme has its stored signatures
 * made again from their texts when it is opened for writing (they are only comparable within one scheme). 1: 192
 * seeded hashes of each shingle. 2: one-permutation hashing, below.
 */
export const SIGNATURE_SCHEME = 2;

/** Seeds of the three hashes one-permutation hashing takes of a shingle or bin: fixed, so signatures compare. */
const BIN_SEED = 0x3c6ef372 | 0;
const VALUE_SEED = 0x1b873593 | 0;
const PROBE_SEED = 0x68e31da4 | 0;
/** Flipping the sign bit orders signed 32-bit integers as their unsigned values. */
const SIGN = 0x80000000 | 0;

/** The bin a 32-bit hash falls into, of SIGNATURE_LENGTH equal ranges. */
const binOf = (h: number) => Math.floor(((h >>> 0) * SIGNATURE_LENGTH) / 2 ** 32);

/**
 * The MinHash signature by one-permutation hashing with optimal densification (Li, Owen & Zhang 2012; Shrivastava
 * 2017): each shingle is hashed once into one of 192 bins, each bin keeps its smallest value, and an empty bin takes
 * the value of the first non-empty bin its own probe sequence reaches. As with 192 separate hash functions, two
 * signatures agree in a bin with probability equal to the texts' Jaccard similarity, at a 192th of the hashing (the
 * stage took 0.22 ms a document, now 0.08, on the gold documents' texts). A text without words has every bin at the
 * maximum. Values stay in signed 32-bit integers, compared with the sign bit flipped: as unsigned values above 2^31
 * they would be heap numbers.
 */
export function minhashSignature(text: string): number[] {
  const shingles = shingleHashes(text);
  const flipped = new Int32Array(SIGNATURE_LENGTH).fill(0xffffffff ^ SIGN);
  const filled = new Uint8Array(SIGNATURE_LENGTH);
  for (let s = 0; s < shingles.length; s++) {
    const shingle = shingles[s]! | 0;
    const bin = binOf(mix32(shingle ^ BIN_SEED));
    const value = mix32(shingle ^ VALUE_SEED) ^ SIGN;
    if (value < flipped[bin]!) flipped[bin] = value;
    filled[bin] = 1;
  }
  if (shingles.length > 0)
    for (let bin = 0; bin < SIGNATURE_LENGTH; bin++) {
      if (filled[bin]) continue;
      for (let attempt = 1; ; attempt++) {
        const from = binOf(mix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77) ^ PROBE_SEED));
        if (filled[from]) {
          flipped[bin] = flipped[from]!;
          break;
        }
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
  scheme: SIGNATURE_SCHEME,
  sign: minhashSignature,
  signatureLength: SIGNATURE_LENGTH,
  bandKeys,
  similarity: estimatedSimilarity,
  threshold: NEAR_DUPLICATE_THRESHOLD,
};
