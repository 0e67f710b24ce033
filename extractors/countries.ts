import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { LANGUAGE_PACKS, PACK_LANGUAGES } from './lang/index.js';
import { PhraseMatcher, type Token } from './phrases.js';

const require = createRequire(import.meta.url);
for (const code of PACK_LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${code}.json`) as countries.LocaleData);

export type CountryCueKind = 'name' | 'adjective';

/**
 * Country names in German and English (all of i18n-iso-countries' names and aliases: "Vereinigte Staaten", "USA",
 * "Russland", "United Kingdom") and the adjectives of the language packs ("russisch", "U.S."), compiled once.
 */
export const COUNTRY_CUES = new PhraseMatcher<{ country: string; kind: CountryCueKind }>(
  (function* () {
    for (const code of PACK_LANGUAGES) {
      for (const [alpha2, names] of Object.entries(countries.getNames(code, { select: 'all' }))) {
        for (const name of names) yield { phrase: name, payload: { country: alpha2, kind: 'name' as const }, exact: /^[A-Z.]+$/.test(name) };
      }
      for (const [adjective, country] of Object.entries(LANGUAGE_PACKS[code].agencies.AGENCY_WORDS.countryAdjectives)) {
        yield { phrase: adjective, payload: { country, kind: 'adjective' as const }, exact: /^[A-Z.]+$/.test(adjective) };
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
