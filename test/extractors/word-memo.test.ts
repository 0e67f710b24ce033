import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoizeWord } from '../../extractors/word-memo.js';

describe('memoizeWord', () => {
  it('answers as the function does, for any words, across evictions and for falsy answers', () => {
    const answer = (word: string) => (word.length % 3 === 0 ? undefined : word.length % 3 === 1 ? false : word.length);
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 8 }),
        (words, capacity) => {
          const memoized = memoizeWord(answer, capacity);
          for (const word of [...words, ...words]) expect(memoized(word)).toBe(answer(word));
        },
      ),
    );
  });

  it('runs the function once per word while the word stays cached', () => {
    let calls = 0;
    const memoized = memoizeWord((word) => {
      calls++;
      return word.toUpperCase();
    });
    for (const word of ['Bundesamt', 'agency', 'Bundesamt', 'agency', 'Bundesamt']) memoized(word);
    expect(calls).toBe(2);
  });
});
