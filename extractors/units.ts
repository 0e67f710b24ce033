import { wordForm, type Token, type WordForm } from './phrases.js';
import { wordPredicate } from './word-memo.js';

/**
 * Name units: the pieces names are made of, over tokens. A hyphenated compound written without spaces is one unit
 * ("Hans-Georg", "BSI-Präsident", "Hasso-Plattner-Institut"), an initial with its period is one unit ("N."), every
 * other token is a unit of its own.
 */
export interface Unit {
  /** Token indices, end exclusive. */
  from: number;
  to: number;
  text: string;
  /** The record of its text, for word predicates. */
  form: WordForm;
  start: number;
  end: number;
  word: boolean;
  initial: boolean;
  /** The unit starts a sentence or a line: capitalization there says nothing. */
  sentenceStart: boolean;
  /** The hyphen-separated parts of a compound unit ("BSI", "Präsident"); one part for a plain word. */
  parts: WordForm[];
}

const adjacent = (a: Token, b: Token) => a.end === b.start;
const SENTENCE_END = new Set(['.', '!', '?', ':', '„', '“', '"', '«', '»', '(', '•', '–', '—']);

/** Units of a token list, computed once per list (the extractors of one document share its tokens). */
const unitsOf = new WeakMap<readonly Token[], Unit[]>();

/** The text's name units: tokens joined across hyphens and apostrophes ("BSI-Präsident", "O'Brien"). */
export function toUnits(text: string, tokens: readonly Token[]): Unit[] {
  const known = unitsOf.get(tokens);
  if (known) return known;
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    // After an initial ("Merrick B. Garland") the period ends no sentence.
    const previous = units[units.length - 1];
    const sentenceStart =
      i === 0 ||
      token.newlineBefore ||
      (previous !== undefined && !previous.initial && SENTENCE_END.has(previous.text));
    let to = i + 1;
    let initial = false;
    if (token.word) {
      if (/^\p{Lu}$/u.test(token.text) && tokens[to]?.text === '.' && adjacent(token, tokens[to]!)) {
        to++;
        initial = true;
      } else {
        while (
          tokens[to]?.text === '-' &&
          tokens[to + 1]?.word &&
          adjacent(tokens[to - 1]!, tokens[to]!) &&
          adjacent(tokens[to]!, tokens[to + 1]!)
        )
          to += 2;
      }
    }
    const start = token.start;
    const end = tokens[to - 1]!.end;
    // Most units are one token: its text and record are the token's, and it has no hyphen to split at.
    const single = to === i + 1;
    const unitText = single ? token.text : text.slice(start, end);
    const form = single ? token.form : wordForm(unitText);
    units.push({
      from: i,
      to,
      text: unitText,
      form,
      start,
      end,
      word: token.word,
      initial,
      sentenceStart,
      parts: token.word && !initial && !single ? unitText.split('-').map(wordForm) : [form],
    });
    i = to;
  }
  unitsOf.set(tokens, units);
  return units;
}

/** Starts with a capital and goes on in lowercase letters: "Raimondo", "Schönbohm", "McCarthy", not "BSI". */
export const isNameWord = wordPredicate(
  ({ text }: WordForm) =>
    /^\p{Lu}[\p{L}’']*\p{Ll}[\p{L}’']*$/u.test(text) && !/^\p{Lu}{2,}/u.test(text.replace(/^Mc|^Mac/, 'Xx')),
);
