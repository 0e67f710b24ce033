/**
 * What a character is to the readers of words (the tokenizer, MinHash's word hashes): part of a word (a letter or
 * digit, as `[\p{L}\p{N}]` reads it with the u flag), white space (`\s`), or anything else. By code point: a surrogate
 * pair is one character, a lone surrogate one of its own.
 */
export const WORD_CHAR = 0;
export const SPACE_CHAR = 1;
export const OTHER_CHAR = 2;
/** Added to the class of a character written as a surrogate pair (two code units). */
export const PAIR = 4;
/** The class without `PAIR`. */
export const CLASS = 3;

const UNCLASSIFIED = 255;
const classify = (char: string) =>
  /^[\p{L}\p{N}]$/u.test(char) ? WORD_CHAR : /^\s$/u.test(char) ? SPACE_CHAR : OTHER_CHAR;
/** Classes of single code units, filled in as they are met: per character a table look-up instead of a regex. */
const UNIT_CLASSES = new Uint8Array(0x10000).fill(UNCLASSIFIED);

/** The class of the character at `i` (below `text.length`), plus `PAIR` for a surrogate pair. */
export function charClassAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if ((unit & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00)
    return classify(text.slice(i, i + 2)) | PAIR;
  let known = UNIT_CLASSES[unit]!;
  if (known === UNCLASSIFIED) UNIT_CLASSES[unit] = known = classify(String.fromCharCode(unit));
  return known;
}

/** FNV-1a (32 bits): its offset basis and prime, with which a hash folds in UTF-16 code units one by one. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
