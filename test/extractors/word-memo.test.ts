import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoizeWord, wordPredicate, type PredicateAnswers } from '../../extractors/word-memo.js';

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

describe('wordPredicate', () => {
  // Predicates take bits of every word record for the life of the thread: a fixed few here, not one per run.
  const tests = [(w: string) => w.length % 2 === 0, (w: string) => /^\p{Lu}/u.test(w), (w: string) => w.includes('ß')];
  const predicates = tests.map((test) => wordPredicate(({ text }: PredicateAnswers) => test(text)));
  const record = (text: string): PredicateAnswers => ({ text, known: 0, truth: 0 });

  it('answers as its test does, asked in any order and again, each keeping to its own bit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.nat(tests.length - 1)), { maxLength: 100 }),
        (asks) => {
          const records = new Map<string, PredicateAnswers>();
          for (const [text, p] of [...asks, ...asks]) {
            if (!records.has(text)) records.set(text, record(text));
            expect(predicates[p]!(records.get(text)!)).toBe(tests[p]!(text));
          }
        },
      ),
    );
  });

  it('runs its test once per word record', () => {
    let calls = 0;
    const isNoun = wordPredicate(({ text }: PredicateAnswers) => {
      calls++;
      return /^\p{Lu}/u.test(text);
    });
    const behörde = record('Behörde');
    const agency = record('agency');
    for (const word of [behörde, agency, behörde, agency, behörde]) isNoun(word);
    expect([isNoun(behörde), isNoun(agency), calls]).toEqual([true, false, 2]);
  });
});
