import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import { PhraseMatcher, type Token } from './phrases.js';

const require = createRequire(import.meta.url);
for (const code of PACK_LANGUAGES)
  countries.registerLocale(require(`i18n-iso-countries/langs/${code}.json`) as countries.LocaleData);

/** Every German and English name and abbreviation of every country, with its ISO 3166-1 alpha-2 code. */
export function* countryNames(): Generator<{ name: string; country: string }> {
  for (const code of PACK_LANGUAGES) {
    for (const [alpha2, names] of Object.entries(countries.getNames(code, { select: 'all' })))
      for (const name of names) yield { name, country: alpha2 };
  }
}

/**
 * "Russia", "United States", "United Kingdom", "South Korea": the short English name, the official one where that is an
 * abbreviation or inverted.
 */
export function englishCountryName(code: string): string {
  const short = countries.getName(code, 'en', { select: 'alias' });
  return short && short.length > 3 && !short.includes(',') ? short : (countries.getName(code, 'en') ?? code);
}

/** How a country cue names its country: by name ("Russland") or by adjective ("russische"). */
export type CountryCueKind = 'name' | 'adjective';

/**
 * Country names in German and English (all of i18n-iso-countries' names and aliases: "Vereinigte Staaten", "USA",
 * "Russland", "United Kingdom") and the adjectives of the language packs ("russisch", "U.S."), compiled once.
 */
export const COUNTRY_CUES = PhraseMatcher.lexicon<{ country: string; kind: CountryCueKind }>(
  (function* () {
    for (const { name, country } of countryNames())
      yield { phrase: name, payload: { country, kind: 'name' as const }, exact: /^[A-Z.]+$/.test(name) };
    for (const code of PACK_LANGUAGES) {
      for (const [adjective, country] of Object.entries(LANGUAGE_PACKS[code].agencies.AGENCY_WORDS.countryAdjectives)) {
        yield {
          phrase: adjective,
          payload: { country, kind: 'adjective' as const },
          exact: /^[A-Z.]+$/.test(adjective),
        };
      }
    }
  })(),
);

/** How often each country is named in the text: the document's country profile, most named first. */
export function countryProfile(tokens: readonly Token[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of COUNTRY_CUES.findAll(tokens)) {
    const country = match.payloads[0]!.country;
    counts.set(country, (counts.get(country) ?? 0) + 1);
  }
  return counts;
}
