import { shingleHashes } from './minhash.js';

/**
 * The same statement carried by several documents: one quote reprinted by several outlets, with their punctuation,
 * a sentence cut off here, an ellipsis there. Quotes are grouped into statements by their words, near-linearly
 * (candidates share a five-word shingle; buckets of boilerplate are capped), and only when their speakers are the same.
 */

/** A stored quote as statement grouping sees it. */
export interface StatementCandidate {
  id: string;
  text: string;
  kind: 'direct' | 'indirect';
  /** The speaker's knowledge-base entity, if resolved: only quotes of one speaker (or of none) are one statement. */
  speakerId: string | null;
  /** The date of the document that carries the quote (YYYY, YYYY-MM or YYYY-MM-DD), if known. */
  published: string | null;
}

/** Quotes of one speaker that say the same thing, however many documents carry them. */
export interface Statement {
  /** The id of its earliest quote (then the smallest id): the same set of quotes gives the same statement id. */
  id: string;
  /** The longest, most complete wording. */
  text: string;
  kind: 'direct' | 'indirect';
  speakerId: string | null;
  /** The earliest date among its sources. */
  firstPublished: string | null;
  quoteIds: string[];
}

/** Shorter texts share this part of their words with a longer one they were cut from. */
const CONTAINED = 0.9;
/** Texts of similar length share this part of their words (Dice). */
const SIMILAR = 0.9;
/** Below this many words a quote is one statement with another only when nearly identical. */
const MIN_CONTAINED_WORDS = 6;
/** A shingle shared by more wordings than this is a formula ("we take this very seriously"), not evidence. */
const BUCKET_CAP = 32;

const wordsOf = (text: string) =>
  text
    .normalize('NFC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A wording's words as ids (numbered in `ids` as they are first met), sorted: two wordings' shared words are then
 * counted by one merge, where a count per comparison made a map of every word (the most compared speakers' quotes
 * are compared thousands of times each).
 */
function wordIds(words: readonly string[], ids: Map<string, number>): Int32Array {
  const out = new Int32Array(words.length);
  words.forEach((word, k) => {
    let id = ids.get(word);
    if (id === undefined) ids.set(word, (id = ids.size));
    out[k] = id;
  });
  return out.sort();
}

/** How many words two wordings share, as multisets: a word twice in both counts twice. */
function sharedWords(wa: Int32Array, wb: Int32Array): number {
  let shared = 0;
  for (let a = 0, b = 0; a < wa.length && b < wb.length;) {
    if (wa[a] === wb[b]) {
      shared++;
      a++;
      b++;
    } else if (wa[a]! < wb[b]!) a++;
    else b++;
  }
  return shared;
}

/** Both texts' words as ids of one numbering. */
function wordingsOf(a: string, b: string): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  return [wordIds(wordsOf(a), ids), wordIds(wordsOf(b), ids)];
}

/** How many words two texts share, and their lengths in words. */
export function wordOverlap(a: string, b: string): { shared: number; a: number; b: number } {
  const [wa, wb] = wordingsOf(a, b);
  return { shared: sharedWords(wa, wb), a: wa.length, b: wb.length };
}

/** Nearly the same words, or the shorter cut from the longer. */
function sameWording(wa: Int32Array, wb: Int32Array): boolean {
  if (wa.length === 0 || wb.length === 0) return false;
  const shorter = Math.min(wa.length, wb.length);
  // Neither test can pass when the lengths differ too much for the shared words to reach it.
  if ((2 * shorter) / (wa.length + wb.length) < SIMILAR && shorter < MIN_CONTAINED_WORDS) return false;
  const shared = sharedWords(wa, wb);
  return (
    (2 * shared) / (wa.length + wb.length) >= SIMILAR ||
    (shorter >= MIN_CONTAINED_WORDS && shared / shorter >= CONTAINED)
  );
}

/** Whether two quotes are one statement in different wordings: nearly the same words, or one cut from the other. */
export function sameStatement(a: string, b: string): boolean {
  return sameWording(...wordingsOf(a, b));
}

/**
 * Groups quotes into statements; every quote is in exactly one. Only quotes of one kind and one speaker (an entity,
 * or none) are one statement. The result depends only on the set of quotes, not on their order; callers may pass
 * one speaker's quotes at a time.
 */
export function groupStatements(quotes: readonly StatementCandidate[]): Statement[] {
  const partitions = new Map<string, StatementCandidate[]>();
  for (const q of quotes) {
    const key = `${q.kind}|${q.speakerId ?? ''}`;
    const partition = partitions.get(key);
    if (partition) partition.push(q);
    else partitions.set(key, [q]);
  }
  return [...partitions.values()].flatMap(groupOneSpeaker).sort((a, b) => (a.id < b.id ? -1 : 1));
}

function groupOneSpeaker(quotes: readonly StatementCandidate[]): Statement[] {
  const sorted = [...quotes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const join = (i: number, j: number) => {
    const ri = find(i);
    const rj = find(j);
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  };
  // Copies with the same words are one statement outright, however many outlets carry them; one of them stands for
  // all in the comparison of wordings, so a quote reprinted a thousand times is not taken for a formula.
  const representatives: number[] = [];
  const words = new Map<number, Int32Array>();
  const byWording = new Map<string, number>();
  const ids = new Map<string, number>();
  sorted.forEach((q, i) => {
    const wording = wordsOf(q.text);
    const key = wording.join(' ');
    const first = byWording.get(key);
    if (first !== undefined) return join(first, i);
    byWording.set(key, i);
    representatives.push(i);
    words.set(i, wordIds(wording, ids));
  });
  byWording.clear();
  // Each wording is compared once with every earlier one it shares a shingle with; a shingle of more wordings than
  // BUCKET_CAP is a formula and no evidence.
  const shingles = new Map(representatives.map((i) => [i, [...new Set(shingleHashes(sorted[i]!.text))]]));
  const buckets = new Map<number, number[]>();
  for (const i of representatives) {
    for (const hash of shingles.get(i)!) {
      const bucket = buckets.get(hash);
      if (bucket) bucket.push(i);
      else buckets.set(hash, [i]);
    }
  }
  for (const i of representatives) {
    const candidates = new Set<number>();
    for (const hash of shingles.get(i)!) {
      const bucket = buckets.get(hash)!;
      if (bucket.length <= BUCKET_CAP) for (const j of bucket) if (j < i) candidates.add(j);
    }
    for (const j of candidates) if (find(i) !== find(j) && sameWording(words.get(i)!, words.get(j)!)) join(i, j);
  }
  const groups = new Map<number, StatementCandidate[]>();
  sorted.forEach((q, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(q);
    else groups.set(root, [q]);
  });
  const date = (q: StatementCandidate) => q.published ?? '9999';
  return [...groups.values()].map((members) => {
    const earliest = members.reduce((best, q) => (date(q) < date(best) ? q : best));
    const fullest = members.reduce((best, q) => (q.text.length > best.text.length ? q : best));
    const dates = members
      .map((q) => q.published)
      .filter((d): d is string => d !== null)
      .sort();
    return {
      id: earliest.id,
      text: fullest.text,
      kind: earliest.kind,
      speakerId: earliest.speakerId,
      firstPublished: dates[0] ?? null,
      quoteIds: members.map((q) => q.id),
    };
  });
}
