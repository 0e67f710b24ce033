import type { Span } from '../corpus/document.js';
import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';

/**
 * Rule-based sentence segmentation (Punkt-style decisions at each candidate boundary, rules as data).
 * Intl.Segmenter and natural's SentenceTokenizer split "am 20. Juli", "Dr. Müller", "z. B." and "U.S. officials";
 * natural's is also quadratic in the text length. This one is linear and knows both languages' abbreviations.
 */

const lower = (words: readonly string[]) => new Set(words.map((w) => w.toLowerCase()));

/** Abbreviations of both languages: documents mix them, and no entry of one is a sentence-final word of the other. */
const ABBREVIATIONS = lower(PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].abbreviations.ABBREVIATIONS));
const ORDINAL_CONTEXT = lower(PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].abbreviations.ORDINAL_CONTEXT));
const MONTHS = new Set(PACK_LANGUAGES.flatMap((code) => Object.keys(LANGUAGE_PACKS[code].calendar.MONTHS)));

/** Sentence-final punctuation, with closing quotes and brackets that belong to the sentence before the break. */
const CANDIDATE = /[.!?…]+["'“”»«‘’)\]]*(?=\s)|\n/g;

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

function wordAfter(text: string, from: number): { word: string; index: number } {
  let i = from;
  while (i < text.length && /[\s"'“”„»«‘’‚(\[]/.test(text[i]!)) i++;
  let j = i;
  while (j < text.length && /[\p{L}\p{N}]/u.test(text[j]!)) j++;
  return { word: text.slice(i, j), index: i };
}

/** Does the period at `dot` end a sentence? */
function periodEndsSentence(text: string, dot: number, after: string): boolean {
  const before = wordBefore(text, dot);
  if (after === '') return true;
  const nextIsLower = /^\p{Ll}/u.test(after);
  if (nextIsLower) return false;
  if (before === '') return true;
  const beforeLower = before.toLowerCase();
  // Single letters: initials ("Alejandro N. Mayorkas") and parts of "z. B.", "U.S.".
  if (before.length === 1 && /\p{L}/u.test(before)) return false;
  if (ABBREVIATIONS.has(beforeLower)) return false;
  if (/^\d{1,2}$/.test(before)) {
    // "20. Juli", "am 3. Oktober": a day or ordinal, not the end of a sentence.
    if (MONTHS.has(after.toLowerCase())) return false;
    const previous = wordBefore(text, Math.max(0, dot - before.length - 1));
    if (ORDINAL_CONTEXT.has(previous.toLowerCase())) return false;
  }
  return true;
}

/** A line break ends a sentence unless the text is hard-wrapped mid-sentence. */
function newlineEndsSentence(text: string, at: number, after: string): boolean {
  if (text[at + 1] === '\n' || at === 0) return true;
  if (/^\p{Ll}/u.test(after)) return false;
  return !/[,;\-–(]$/.test(text.slice(0, at).trimEnd());
}

/** The text's sentences, as character spans in order. */
export function segmentSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
    start = end;
  };
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const end = m.index + m[0].length;
    const after = wordAfter(text, end).word;
    const token = m[0];
    const ends =
      token === '\n'
        ? newlineEndsSentence(text, m.index, after)
        : /^\.(?![.!?…])/.test(token)
          ? periodEndsSentence(text, m.index, after)
          : true;
    if (ends) push(end);
  }
  push(text.length);
  return spans;
}
