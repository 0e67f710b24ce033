import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachLetterWord, PhraseMatcher, tokenize, tokenStart } from '../../extractors/phrases.js';

/** The fields of each token the stages compare by, for a compact expectation. */
const fields = (text: string) => tokenize(text).map((t) => [t.text, t.key, t.lower, t.capitalized] as const);

describe('tokenize', () => {
  it.each([
    {
      language: 'de',
      text: 'Das BSI warnte die Behörden.',
      expected: [
        ['Das', 'das', 'das', true],
        ['BSI', 'bsi', 'bsi', true],
        ['warnte', 'warnt', 'warnte', false],
        ['die', 'die', 'die', false],
        // Words of five letters or more lose one inflection ending: "Behörden" is compared as "behörd".
        ['Behörden', 'behörd', 'behörden', true],
        ['.', '.', '.', false],
      ],
    },
    {
      language: 'en',
      text: 'The People’s Republic, CISA said.',
      expected: [
        ['The', 'the', 'the', true],
        ['People', 'peopl', 'people', true],
        // A typographic apostrophe is keyed as the straight one.
        ['’', "'", '’', false],
        ['s', 's', 's', false],
        ['Republic', 'republic', 'republic', true],
        [',', ',', ',', false],
        ['CISA', 'cisa', 'cisa', true],
        ['said', 'said', 'said', false],
        ['.', '.', '.', false],
      ],
    },
  ])('keys, lowercase forms and capitals of a $language sentence', ({ text, expected }) => {
    expect(fields(text)).toEqual(expected);
  });

  it('marks the first token after a line break, so that phrases do not cross it', () => {
    const tokens = tokenize('Bundesamt für\nSicherheit');
    expect(tokens.map((t) => t.newlineBefore)).toEqual([false, false, true]);
    const matcher = new PhraseMatcher([{ phrase: 'für Sicherheit', payload: 1 }]);
    expect(matcher.findAll(tokens)).toEqual([]);
  });

  it('gives every token its slice of the text, its lowercase form, whether it starts with a capital and its record', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        for (const token of tokenize(text)) {
          expect(text.slice(token.start, token.end)).toBe(token.text);
          expect(token.lower).toBe(token.text.toLowerCase());
          expect(token.capitalized).toBe(/^\p{Lu}/u.test(token.text));
          // Its word record, on which the predicates keep their answers, is the record of this very text.
          const { text: formText, key, lower, capitalized } = token.form;
          expect([formText, key, lower, capitalized]).toEqual([token.text, token.key, token.lower, token.capitalized]);
        }
      }),
    );
  });
});

describe('tokenize as the token regex reads', () => {
  const TOKEN = /([\p{L}\p{N}]+)|[^\s\p{L}\p{N}]/gu;
  const reference = (text: string) =>
    [...text.matchAll(TOKEN)].map((m, i, all) => {
      const previousEnd = i === 0 ? 0 : all[i - 1]!.index + all[i - 1]![0].length;
      return [m[0], m.index, m[1] !== undefined, text.slice(previousEnd, m.index).includes('\n')];
    });
  const tricky = fc.constantFrom(
    'a',
    'Ä',
    '1',
    '٣',
    '-',
    ' ',
    '\n',
    '\r',
    '\u00a0',
    '\u2028',
    '😀',
    '𝐀',
    '\ud83d',
    '\ude00',
    'İ',
    '\u0301',
  );

  it('gives the same tokens, offsets, kinds and line breaks for any text, surrogates and Unicode spaces too', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: tricky, maxLength: 80 })),
        (text) => {
          const read = tokenize(text).map((t) => [t.text, t.start, t.word, t.newlineBefore]);
          expect(read).toEqual(reference(text));
          const n = read.length > 0 ? read.length - 1 : 0;
          expect(tokenStart(text, n)).toBe(read.length > 0 ? read[n]![1] : null);
        },
      ),
    );
  });
});

describe('forEachLetterWord', () => {
  it('reads the letter words of any span from the tokens as a letter-run regex reads the span', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.nat(), fc.nat(), (text, a, b) => {
        const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
        const read: [string, number, number][] = [];
        forEachLetterWord(text, tokenize(text), { start, end }, (w) => {
          expect(w.lower).toBe(w.text.toLowerCase());
          read.push([w.text, w.start, w.end]);
        });
        const runs = [...text.slice(start, end).matchAll(/\p{L}+/gu)].map(
          (m) => [m[0], start + m.index, start + m.index + m[0].length] as [string, number, number],
        );
        expect(read).toEqual(runs);
      }),
    );
  });

  it.each([
    ['de', 'Der 5G-Ausbau, sagte sie, „laufe“.', ['Der', 'G', 'Ausbau', ',', 'sagte', 'sie', ',', '„', 'laufe', '“']],
    ['en', 'The G7 said, "we agree".', ['The', 'G', 'said', ',', '"', 'we', 'agree', '"']],
  ])('reads letters of a word with digits, and the punctuation asked for (%s)', (_language, text, expected) => {
    const read: string[] = [];
    forEachLetterWord(
      text,
      tokenize(text),
      { start: 0, end: text.length },
      (w) => read.push(w.text),
      new Set([',', '„', '“', '"']),
    );
    expect(read).toEqual(expected);
  });
});

describe('PhraseMatcher', () => {
  const PHRASES = [
    { phrase: 'Bundesamt für Sicherheit', payload: 'de-long' },
    { phrase: 'Bundesamt', payload: 'de-short' },
    { phrase: 'BSI', payload: 'acronym', exact: true },
    { phrase: 'Wa', payload: 'short name', exact: true },
    { phrase: 'National Cyber Security Centre', payload: 'en-long' },
    { phrase: 'National Cyber', payload: 'en-short' },
    { phrase: 'Cyber', payload: 'cyber' },
  ];
  // A lexicon takes a predicate bit for the thread's life: one for the whole property.
  const lexicon = PhraseMatcher.lexicon(PHRASES);
  const WORDS = [
    'Bundesamt',
    'Bundesamts',
    'für',
    'Sicherheit',
    'BSI',
    'BSIs',
    'bsi',
    'National',
    'Cyber',
    'Security',
    'Wa',
    'Was',
  ];
  const PIECES = [...WORDS, 'Centre', 'Centres', 'des', 'the', ',', '\n'];

  it.each([
    ['de', 'Die Warnung des Bundesamts für Sicherheit und des BSI', ['de-long', 'acronym']],
    // A genitive s on an acronym ("des BSIs"), not on a short name, where it makes another word ("Was").
    ['de', 'Laut dem Bericht des BSIs: Was tun?', ['acronym']],
    ['en', 'Was the Wa office told?', ['short name']],
    ['en', 'The National Cyber Security Centre and Cyber teams', ['en-long', 'cyber']],
  ])('finds the longest phrases, inflected or exact, in %s', (_language, text, expected) => {
    expect(lexicon.findAll(tokenize(text)).map((m) => m.payloads.join('+'))).toEqual(expected);
  });

  it('finds as a matcher made per document does, for any text of its words', () => {
    const plain = new PhraseMatcher(PHRASES);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const tokens = tokenize(pieces.join(' '));
        expect(lexicon.findAll(tokens)).toEqual(plain.findAll(tokens));
      }),
    );
  });
});

describe('word records', () => {
  it('stay the records of their texts while more distinct words come than the table holds at once', () => {
    // Distinct words past the table's capacity empty it on the way: every record must still be its token's own.
    const words = Array.from({ length: 40_000 }, (_, i) => `Wort${i.toString(36)}`);
    const tokens = tokenize(words.join(' '));
    expect(tokens.map((t) => t.form.text)).toEqual(words);
    expect(tokens.every((t) => t.form.lower === t.text.toLowerCase() && t.form.capitalized)).toBe(true);
    expect(tokenize('Wort0 wort0').map((t) => t.form.lower)).toEqual(['wort0', 'wort0']);
  });
});
