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
