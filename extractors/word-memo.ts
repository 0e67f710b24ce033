/**
 * Memoizes a pure function of one word, per thread. The word predicates of the extractors (given name? common noun?
 * name-shaped?) ran their look-ups, regexes and Unicode folding again on every token; a text's words follow Zipf's
 * law, so a few thousand cached words answer most calls. The cache is emptied when full, which bounds its memory on
 * any archive and changes no answer.
 */
export function memoizeWord<T>(fn: (word: string) => T, capacity = 50_000): (word: string) => T {
  const cache = new Map<string, T>();
  return (word) => {
    const known = cache.get(word);
    if (known !== undefined || cache.has(word)) return known as T;
    if (cache.size >= capacity) cache.clear();
    const value = fn(word);
    cache.set(word, value);
    return value;
  };
}

/** A distinct word of a thread, on which word predicates keep their answers: bit `i` for predicate `i`. */
export interface PredicateAnswers {
  readonly text: string;
  /** Which predicates have answered. */
  known: number;
  /** Which of them answered yes. */
  truth: number;
}

/** Bits of `PredicateAnswers` handed out so far: one per predicate, made at module load. */
let predicates = 0;

/**
 * A boolean word predicate whose answer is kept on the word's own record: the stages ask several predicates of every
 * token, and one look-up per token (the record, when it is tokenized) then answers them all with a bit test.
 */
export function wordPredicate<W extends PredicateAnswers>(test: (word: W) => boolean): (word: W) => boolean {
  if (predicates === 31) throw new Error('wordPredicate: 31 predicates at most fit the bits of a word record');
  const bit = 1 << predicates++;
  return (word) => {
    if (word.known & bit) return (word.truth & bit) !== 0;
    const answer = test(word);
    word.known |= bit;
    if (answer) word.truth |= bit;
    return answer;
  };
}
