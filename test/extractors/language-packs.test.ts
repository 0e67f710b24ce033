import { describe, expect, it } from 'vitest';
import { LANGUAGE_PACKS, languagePack, PACK_LANGUAGES } from '../../extractors/lang/index.js';

/** Section, export and field names of a pack; the words themselves (and records such as month names) differ. */
function shape(pack: object): string[] {
  const names: string[] = [];
  for (const [section, exports] of Object.entries(pack)) {
    for (const [name, value] of Object.entries(exports as object)) {
      names.push(`${section}.${name}`);
      // Word groups (*_WORDS, *_SYNTAX) have fixed fields; MONTHS, WEEKDAYS and lists are the language's own.
      if (/_(WORDS|SYNTAX)$/.test(name))
        for (const field of Object.keys(value as object)) names.push(`${section}.${name}.${field}`);
    }
  }
  return names.sort();
}

describe('language packs', () => {
  it('have the same sections, exports and fields in German and English', () => {
    expect(PACK_LANGUAGES).toEqual(['de', 'en']);
    expect(shape(LANGUAGE_PACKS.en)).toEqual(shape(LANGUAGE_PACKS.de));
    expect(shape(LANGUAGE_PACKS.de)).toContain('speech.SPEECH_WORDS.speechLemmas');
  });

  it('give every field the same kind of value in both languages', () => {
    const kinds = (pack: object) =>
      Object.fromEntries(
        Object.entries(pack).flatMap(([section, exports]) =>
          Object.entries(exports as object).flatMap(([name, value]) =>
            /_(WORDS|SYNTAX)$/.test(name)
              ? Object.entries(value as object).map(([field, v]) => [
                  `${section}.${name}.${field}`,
                  Array.isArray(v) ? 'list' : typeof v,
                ])
              : [[`${section}.${name}`, Array.isArray(value) ? 'list' : typeof value]],
          ),
        ),
      );
    expect(kinds(LANGUAGE_PACKS.en)).toEqual(kinds(LANGUAGE_PACKS.de));
  });

  it.each([
    ['de', 'sagte'],
    ['en', 'said'],
  ] as const)('gives a %s document its own pack (%s is a speech verb there)', (code, verb) => {
    expect(languagePack(code).speech.SPEECH_WORDS.verbs).toContain(verb);
    expect(languagePack(code === 'de' ? 'en' : 'de').speech.SPEECH_WORDS.verbs).not.toContain(verb);
  });

  it('falls back to English for a document of unknown language', () => {
    expect(languagePack('und')).toBe(LANGUAGE_PACKS.en);
  });
});
