import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GERMAN_NOUN_FORMS,
  isCommonWord,
  isFirstName,
  isLikelyName,
  PLACE_NAMES,
  WordList,
} from '../../extractors/lexicons.js';
import { wordForm } from '../../extractors/phrases.js';

describe('WordList', () => {
  it('answers exactly as a Set of the same words would, for any words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 60 }),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 8 }), { maxLength: 20 }),
        (words, probes) => {
          const list = new WordList(WordList.sortedUnique(words));
          const set = new Set(words);
          expect(list.size).toBe(set.size);
          for (const word of [...words, ...probes]) expect(list.has(word)).toBe(set.has(word));
        },
      ),
    );
  });
});

describe('lexicons', () => {
  it.each([
    ['Gina', true],
    ['Arne', true],
    ['Wolfgang', true],
    ['Amélie', true],
    ['Kaspersky', false],
    ['Handelsministerin', false],
  ])('knows %s as a given name: %s', (word, expected) => {
    expect(isFirstName(wordForm(word))).toBe(expected);
  });

  it.each([
    ['Haus', true],
    ['Hauses', true],
    ['Behörden', true],
    ['Vogel', true],
    ['will', true],
    ['Raimondo', false],
    ['Schönbohm', false],
  ])('knows %s as an ordinary German or English word: %s', (word, expected) => {
    expect(isCommonWord(wordForm(word))).toBe(expected);
  });

  it('takes a census name for a likely name only when it is no ordinary word', () => {
    expect(isLikelyName(wordForm('Volker'))).toBe(true);
    expect(isLikelyName(wordForm('Haus'))).toBe(false);
    expect(GERMAN_NOUN_FORMS.has('behörden')).toBe(true);
    expect(PLACE_NAMES.has('Eichstätt')).toBe(true);
  });
});
