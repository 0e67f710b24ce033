import { francAll } from 'franc';
import type { LanguageCode, Span } from '../corpus/document.js';
import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';

/** A language verdict. */
export interface LanguageGuess {
  code: LanguageCode;
  /** 0..1; 0 for `und`. */
  confidence: number;
}

/** A paragraph's characters and its language. */
export interface ParagraphLanguage extends Span, LanguageGuess {}

/** franc's ISO 639-3 codes for the languages the knowledge base handles. */
const FRANC_CODES: Record<string, LanguageCode> = { deu: 'de', eng: 'en' };
const ONLY = Object.keys(FRANC_CODES);

/** Below this many letters a guess is noise ("Weitere Informationen" reads as English): answer `und`. */
export const MIN_LETTERS = 25;
/**
 * franc's margin (1 − runner-up score) at which a paragraph's verdict counts as certain. Measured on single
 * paragraphs of 50–500 characters: 0.12–0.5 for clean German or English, 0.04 for an ambiguous heading.
 */
const CERTAIN_MARGIN = 0.15;
/** Letters from which a paragraph's trigram profile is fully reliable. */
const CERTAIN_LETTERS = 150;
/**
 * franc reads every trigram, at ~1 MB/s: a large cost of an import. Telling German from English needs far less than
 * a long paragraph offers: 200 characters (30 words) give the same verdict as 400 on every paragraph of the gold
 * sample (128) and bound the cost per paragraph.
 */
const SAMPLE_CHARS = 200;

const UNDETERMINED: LanguageGuess = { code: 'und', confidence: 0 };

/** Each language's own function words ("der", "und", "dass"; "the", "and", "which"), to its code. */
const FUNCTION_WORDS = new Map(
  PACK_LANGUAGES.flatMap((code) =>
    LANGUAGE_PACKS[code].language.LANGUAGE_WORDS.functionWords.map((w) => [w, code] as const),
  ),
);
/** Function words of one language from which, with at most a fifth as many of the other, a sample needs no franc. */
const CLEAR_FUNCTION_WORDS = 4;

/**
 * The language a sample's function words leave no doubt about, or null. Most paragraphs of an advisory are plainly
 * German or English: counting words costs a tenth of franc's trigram profile (measured: ~0.01 ms against ~0.15 ms
 * per 200 characters), so franc judges only the rest (headings, names, mixed or odd text). On the gold sample's 128
 * paragraphs and the short-text benchmark's German and English tweets, every verdict given here is franc's too.
 */
function functionWordLanguage(sample: string): LanguageCode | null {
  const counts = new Map<LanguageCode, number>();
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const code = FUNCTION_WORDS.get(word);
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < CLEAR_FUNCTION_WORDS || (second && second[1] * 5 > best[1])) return null;
  return best[0];
}

/** Letters (code points) of a text: its length once all else is removed, a surrogate pair counted once. */
export function countLetters(text: string): number {
  const letters = text.replace(/\P{L}+/gu, '');
  let count = letters.length;
  for (let i = 0; i < letters.length; i++) if ((letters.charCodeAt(i) & 0xfc00) === 0xdc00) count--;
  return count;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** German or English for one stretch of text, with a confidence from franc's margin and the amount of text. */
export function detectLanguage(text: string): LanguageGuess {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const letters = countLetters(sample);
  if (letters < MIN_LETTERS) return UNDETERMINED;
  const lengthFactor = Math.sqrt(Math.min(1, letters / CERTAIN_LETTERS));
  const clear = functionWordLanguage(sample);
  if (clear) return { code: clear, confidence: round(lengthFactor) };
  const [best, second] = francAll(sample, { only: ONLY, minLength: MIN_LETTERS });
  const code = best ? FRANC_CODES[best[0]] : undefined;
  if (!best || !code) return UNDETERMINED;
  const margin = 1 - (second?.[1] ?? 0);
  const confidence = Math.min(1, margin / CERTAIN_MARGIN) * lengthFactor;
  return { code, confidence: round(confidence) };
}

/** Paragraph spans: runs of text between line breaks. */
export function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/** Each paragraph's own language; headings and bylines too short to judge are `und`. */
export function detectParagraphLanguages(text: string): ParagraphLanguage[] {
  return paragraphSpans(text).map((span) => ({ ...span, ...detectLanguage(text.slice(span.start, span.end)) }));
}

/**
 * The document's language from its paragraphs' verdicts, each weighted by its length and confidence: a German
 * advisory with one English quote is German, with a confidence lowered by the English share. A document with no
 * paragraph long enough to judge is judged as a whole, and is `und` if that is too short as well.
 */
export function documentLanguage(text: string, paragraphs: readonly ParagraphLanguage[]): LanguageGuess {
  const weight = new Map<LanguageCode, number>();
  let total = 0;
  let letters = 0;
  for (const p of paragraphs) {
    const n = p.end - p.start;
    letters += n;
    if (p.code === 'und') continue;
    weight.set(p.code, (weight.get(p.code) ?? 0) + n * p.confidence);
    total += n * p.confidence;
  }
  if (total === 0) return detectLanguage(text);
  const [code, best] = [...weight.entries()].sort((a, b) => b[1] - a[1])[0]!;
  // Share of the evidence that agrees, times how much of the text gave evidence at all.
  return { code, confidence: round((best / total) * Math.min(1, total / letters)) };
}

/** The language in force at an offset: its paragraph's own verdict, or the document's where that is `und`. */
export function languageAt(
  paragraphs: readonly ParagraphLanguage[],
  document: LanguageGuess,
  offset: number,
): LanguageCode {
  const p = paragraphs.find((span) => span.start <= offset && offset < span.end);
  return p && p.code !== 'und' ? p.code : document.code;
}
