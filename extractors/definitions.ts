import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import type { Token, TokenRange } from './phrases.js';

/**
 * Small words allowed inside a multi-word name ("Office of Information and Communications Technology"), and & and -.
 */
export const NAME_CONNECTORS = new Set([
  ...PACK_LANGUAGES.flatMap((code) => LANGUAGE_PACKS[code].grammar.GRAMMAR_WORDS.nameConnectors),
  '&',
  '-',
]);

/**
 * Schwartz & Hearst's long-form search: walking backwards from the short form's last character, each character
 * must be found in order in the words before the parenthesis, the first one at the start of a word.
 */
function longFormStart(words: readonly Token[], shortForm: string): number | null {
  const letters = shortForm.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  const text = words.map((w) => w.text).join(' ');
  let s = letters.length - 1;
  let l = text.length - 1;
  while (s >= 0) {
    const c = letters[s]!;
    while (l >= 0 && (text[l]!.toLowerCase() !== c || (s === 0 && l > 0 && /[\p{L}\p{N}]/u.test(text[l - 1]!)))) l--;
    if (l < 0) return null;
    s--;
    l--;
  }
  // The long form starts at the word containing position l + 1.
  let offset = 0;
  for (let w = 0; w < words.length; w++) {
    if (l + 1 < offset + words[w]!.text.length) return w;
    offset += words[w]!.text.length + 1;
  }
  return null;
}

/** "Long Form (LF)" pairs: the short form and the token span of its long form. */
export function findDefinitions(
  tokens: readonly Token[],
): Array<{ shortForm: string; longForm: TokenRange; shortAt: number }> {
  const found: Array<{ shortForm: string; longForm: TokenRange; shortAt: number }> = [];
  for (let i = 1; i + 2 < tokens.length; i++) {
    if (tokens[i]!.text !== '(' || tokens[i + 2]!.text !== ')') continue;
    const short = tokens[i + 1]!;
    if (!/^\p{Lu}[\p{L}\p{N}]{1,9}$/u.test(short.text) || (short.text.match(/\p{Lu}/gu) ?? []).length < 2) continue;
    // Candidate words: back to the sentence start, at most min(|SF| + 5, 2|SF|) words.
    const maxWords = Math.min(short.text.length + 5, short.text.length * 2);
    const words: Token[] = [];
    for (let k = i - 1; k >= 0 && words.length < maxWords; k--) {
      const t = tokens[k]!;
      if (!t.word && t.text !== '-' && t.text !== '&') break;
      if (t.word) words.unshift(t);
      if (t.newlineBefore) break;
    }
    let start = longFormStart(words, short.text);
    if (start === null) continue;
    // "Office of Cyber Resilience (OCR)": the search stops at "of"; the name begins at the word before it.
    if (
      start > 0 &&
      NAME_CONNECTORS.has(words[start]!.text) &&
      words[start - 1]!.text[0]!.toLowerCase() === words[start]!.text[0]
    )
      start--;
    const fromToken = tokens.indexOf(words[start]!);
    found.push({ shortForm: short.text, longForm: { from: fromToken, to: i }, shortAt: i + 1 });
  }
  return found;
}
