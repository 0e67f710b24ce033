import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import type { Span } from '../corpus/document.js';
import { CLASS, charClassAt, FNV_OFFSET, FNV_PRIME, OTHER_CHAR, PAIR, SPACE_CHAR, WORD_CHAR } from './characters.js';
import { firstStartingAt } from './coverage.js';
import { wordPredicate, type PredicateAnswers } from './word-memo.js';

/**
 * Tokens with offsets and a phrase matcher over them: the shared machinery of the gazetteer-based extractors.
 * Matching is tolerant of German inflection ("des Bundesamts" finds "Bundesamt", "russischen" finds "russisch") and
 * case, except for phrases marked exact (acronyms: "BSI" must be written "BSI", or "BSIs").
 */

/** A word or a punctuation character of a text, with its offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** The record of its text: the forms below, and the answers of word predicates (`wordPredicate`). */
  form: WordForm;
  /** Lowercased, one inflection ending removed: what phrases are compared by. Punctuation keys are the character. */
  key: string;
  /** The text lowercased: what function words and cue lists are compared by. */
  lower: string;
  /** Begins with a capital letter. */
  capitalized: boolean;
  word: boolean;
  /** A line break stands between this token and the previous one: phrases do not cross it. */
  newlineBefore: boolean;
}

/** Endings removed from words of five letters or more, the packs' own, longest first (German case and number). */
const ENDINGS = [
  ...new Set(PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].grammar.GRAMMAR_WORDS.inflectionEndings)),
].sort((a, b) => b.length - a.length);

/** What a word is compared by: lowercased, one inflection ending removed from words of five letters or more. */
function keyOf(lower: string): string {
  if (lower.length < 5 || !/^\p{L}+$/u.test(lower)) return lower;
  for (const ending of ENDINGS)
    if (lower.endsWith(ending) && lower.length - ending.length >= 4) return lower.slice(0, -ending.length);
  return lower;
}

/** Typographic apostrophes compare equal to the straight one: "People’s Republic" is "People's Republic". */
const APOSTROPHES: Record<string, string> = { '’': "'", '‘': "'", ʼ: "'" };

/** What the stages compare a word or punctuation character by, and the predicates' answers about it. */
export interface WordForm extends PredicateAnswers {
  readonly key: string;
  readonly lower: string;
  readonly capitalized: boolean;
}

/** The record of a text, made once per distinct text and thread (see formAt). */
function newForm(text: string): WordForm {
  const lower = text.toLowerCase();
  return {
    text,
    key: APOSTROPHES[text] ?? keyOf(lower),
    lower,
    capitalized: /^\p{Lu}/u.test(text),
    known: 0,
    truth: 0,
  };
}

/** FNV-1a over the UTF-16 code units of text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash;
}

/**
 * The thread's word records, by their text's characters (open addressing on their hash): a token's record is found
 * from the text it stands in, with no string cut out of it for a look-up. The stages compare lowercase forms, test
 * capitals and ask word predicates of every token, and a fresh lowercase string per test was a fifth of their
 * allocations. Emptied when half full, which bounds its memory on any archive and changes no answer.
 */
const FORM_SLOTS = 1 << 16;
const formSlots: (WordForm | undefined)[] = new Array<WordForm | undefined>(FORM_SLOTS).fill(undefined);
const formHashes = new Int32Array(FORM_SLOTS);
let formCount = 0;

function formAt(text: string, start: number, end: number): WordForm {
  const hash = hashOf(text, start, end);
  const length = end - start;
  for (let slot = hash & (FORM_SLOTS - 1); ; slot = (slot + 1) & (FORM_SLOTS - 1)) {
    const form = formSlots[slot];
    if (form === undefined) {
      if (formCount >= FORM_SLOTS / 2) {
        formSlots.fill(undefined);
        formCount = 0;
        slot = hash & (FORM_SLOTS - 1);
      }
      const made = newForm(start === 0 && end === text.length ? text : text.slice(start, end));
      formSlots[slot] = made;
      formHashes[slot] = hash;
      formCount++;
      return made;
    }
    if (formHashes[slot] === hash && form.text.length === length && text.startsWith(form.text, start)) return form;
  }
}

/** The record of a text (see formAt). */
export const wordForm = (text: string): WordForm => formAt(text, 0, text.length);

/**
 * Reads a text's tokens one by one, as the regex `([\p{L}\p{N}]+)|[^\s\p{L}\p{N}]` does with the u flag: a run of
 * letters and digits, or one character of anything else but white space (see characters.ts), with no regex step or
 * match array per token.
 */
class TokenScanner {
  start = 0;
  end = 0;
  word = false;
  newlineBefore = false;
  private at = 0;

  constructor(private readonly text: string) {}

  /** Moves to the next token; false at the end of the text. */
  next(): boolean {
    const { text } = this;
    let i = this.at;
    let newline = false;
    let kind = OTHER_CHAR;
    for (; i < text.length; i++) {
      kind = charClassAt(text, i);
      if ((kind & CLASS) !== SPACE_CHAR) break;
      if (text.charCodeAt(i) === 10) newline = true;
    }
    if (i >= text.length) return false;
    this.start = i;
    this.newlineBefore = newline;
    this.word = (kind & CLASS) === WORD_CHAR;
    i += kind & PAIR ? 2 : 1;
    while (this.word && i < text.length) {
      const next = charClassAt(text, i);
      if ((next & CLASS) !== WORD_CHAR) break;
      i += next & PAIR ? 2 : 1;
    }
    this.end = this.at = i;
    return true;
  }
}

/** Where the `n`-th token (0-based) of the text starts, or null when it has fewer; builds no tokens. */
export function tokenStart(text: string, n: number): number | null {
  const scanner = new TokenScanner(text);
  for (let count = 0; scanner.next(); count++) if (count === n) return scanner.start;
  return null;
}

/** Words (letters and digits) and single punctuation characters; white space separates and is dropped. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const scanner = new TokenScanner(text);
  while (scanner.next()) {
    const { start, end } = scanner;
    const form = formAt(text, start, end);
    tokens.push({
      text: form.text,
      start,
      end,
      form,
      key: form.key,
      lower: form.lower,
      capitalized: form.capitalized,
      word: scanner.word,
      newlineBefore: scanner.newlineBefore,
    });
  }
  return tokens;
}

/** A word of letters only, with its offsets: what rules that read letters see of a token. */
export type LetterWord = Pick<Token, 'text' | 'lower' | 'start' | 'end'>;

const isLetters = wordPredicate(({ text }: WordForm) => /^\p{L}+$/u.test(text));
const NO_MARKS: ReadonlySet<string> = new Set();

/**
 * Visits the letter words of a span of the text, read from its tokens: a token of letters is one, and so is a
 * punctuation token listed in `marks`; a token that mixes in digits ("5G") gives its letter runs, as does one the span
 * cuts. The same words as a letter-run regex over the span, without a pass over its characters.
 */
export function forEachLetterWord(
  text: string,
  tokens: readonly Token[],
  span: Span,
  visit: (word: LetterWord) => void,
  marks = NO_MARKS,
): void {
  let t = firstStartingAt(tokens, span.start);
  if (t > 0 && tokens[t - 1]!.end > span.start) t--;
  for (; t < tokens.length && tokens[t]!.start < span.end; t++) {
    const token = tokens[t]!;
    const inside = token.start >= span.start && token.end <= span.end;
    if (inside && (marks.has(token.text) || isLetters(token.form))) visit(token);
    else if (token.word) {
      const start = Math.max(token.start, span.start);
      for (const m of text.slice(start, Math.min(token.end, span.end)).matchAll(/\p{L}+/gu))
        visit({ text: m[0], lower: m[0].toLowerCase(), start: start + m.index, end: start + m.index + m[0].length });
    }
  }
}

/** Whether a token begins with a capital letter. */
export const isCapitalized = (token: Token) => token.capitalized;

interface CompiledPhrase<P> {
  keys: string[];
  texts: string[];
  /** The texts with a plural or genitive s: an exact phrase matches "BSIs" too. */
  sTexts: string[];
  exact: boolean;
  payload: P;
}

/** A stretch of tokens (or of units built from them): `[from, to)` as indices, not characters (those are a Span). */
export interface TokenRange {
  from: number;
  to: number;
}

/** Where a phrase of the dictionary stands, with the payloads of every phrase of that length there. */
export interface PhraseMatch<P> extends TokenRange {
  payloads: P[];
}

/** A dictionary of phrases, compiled once, matched at token positions. */
export class PhraseMatcher<P> {
  private readonly byFirstKey = new Map<string, CompiledPhrase<P>[]>();
  /** Whether a word starts a phrase, kept on the word's record: set for lexicons (see `lexicon`). */
  private startsPhrase: ((form: WordForm) => boolean) | null = null;

  /**
   * A dictionary made once per thread, at module load: whether a word starts one of its phrases is kept on the word's
   * record, so the most words, which start none, cost a bit test instead of a look-up. (Each lexicon takes a
   * predicate's bit: a matcher made per document is made with `new`.)
   */
  static lexicon<P>(phrases: Iterable<{ phrase: string; payload: P; exact?: boolean }>): PhraseMatcher<P> {
    const matcher = new PhraseMatcher(phrases);
    matcher.startsPhrase = wordPredicate((form: WordForm) => matcher.byFirstKey.has(form.key));
    return matcher;
  }

  constructor(phrases: Iterable<{ phrase: string; payload: P; exact?: boolean }>) {
    for (const { phrase, payload, exact = false } of phrases) {
      const tokens = tokenize(phrase);
      if (tokens.length === 0) continue;
      const compiled = {
        keys: tokens.map((t) => t.key),
        texts: tokens.map((t) => t.text),
        sTexts: tokens.map((t) => `${t.text}s`),
        exact,
        payload,
      };
      // An exact acronym is found as written or with its s ("des BSIs"), whose key differs; not a short name with
      // an s, which is another word ("Wa", "Was").
      const acronym = exact && /^\p{Lu}{2,}$/u.test(compiled.texts[0]!);
      const firstKeys = acronym ? new Set([compiled.keys[0]!, wordForm(compiled.sTexts[0]!).key]) : [compiled.keys[0]!];
      for (const key of firstKeys) {
        const list = this.byFirstKey.get(key) ?? [];
        list.push(compiled);
        this.byFirstKey.set(key, list);
      }
    }
  }

  private matches(phrase: CompiledPhrase<P>, tokens: readonly Token[], at: number): boolean {
    if (at + phrase.keys.length > tokens.length) return false;
    for (let k = 0; k < phrase.keys.length; k++) {
      const token = tokens[at + k]!;
      if (k > 0 && token.newlineBefore) return false;
      if (
        phrase.exact ? token.text !== phrase.texts[k] && token.text !== phrase.sTexts[k] : token.key !== phrase.keys[k]
      )
        return false;
    }
    return true;
  }

  /** The longest phrase starting at token `at`, with the payloads of every phrase of that length there. */
  longestAt(tokens: readonly Token[], at: number): PhraseMatch<P> | null {
    const token = tokens[at]!;
    if (this.startsPhrase && !this.startsPhrase(token.form)) return null;
    const candidates = this.byFirstKey.get(token.key);
    if (!candidates) return null;
    let best: PhraseMatch<P> | null = null;
    for (const phrase of candidates) {
      if (!this.matches(phrase, tokens, at)) continue;
      const to = at + phrase.keys.length;
      if (!best || to > best.to) best = { from: at, to, payloads: [phrase.payload] };
      else if (to === best.to) best.payloads.push(phrase.payload);
    }
    return best;
  }

  /** Non-overlapping longest matches, left to right. */
  findAll(tokens: readonly Token[]): PhraseMatch<P>[] {
    const found: PhraseMatch<P>[] = [];
    for (let i = 0; i < tokens.length;) {
      const match = this.longestAt(tokens, i);
      if (match) {
        found.push(match);
        i = match.to;
      } else i++;
    }
    return found;
  }
}
