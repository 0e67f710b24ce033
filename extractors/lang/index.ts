import * as deAbbreviations from './de/abbreviations.js';
import * as deAgencies from './de/agencies.js';
import * as deCalendar from './de/calendar.js';
import * as deDates from './de/dates.js';
import * as deGrammar from './de/grammar.js';
import * as deLanguage from './de/language.js';
import * as deLocations from './de/locations.js';
import * as deMerge from './de/merge.js';
import * as deOrganizations from './de/organizations.js';
import * as dePersons from './de/persons.js';
import * as deSpeech from './de/speech.js';
import * as enAbbreviations from './en/abbreviations.js';
import * as enAgencies from './en/agencies.js';
import * as enCalendar from './en/calendar.js';
import * as enDates from './en/dates.js';
import * as enGrammar from './en/grammar.js';
import * as enLanguage from './en/language.js';
import * as enLocations from './en/locations.js';
import * as enMerge from './en/merge.js';
import * as enOrganizations from './en/organizations.js';
import * as enPersons from './en/persons.js';
import * as enSpeech from './en/speech.js';

import type { LanguagePack } from './pack.js';

/** ISO 639-1 codes of the languages with a pack. */
export type PackLanguage = 'de' | 'en';

/** The per-language data packs, keyed by ISO 639-1 code; each is a LanguagePack. */
export const LANGUAGE_PACKS: Readonly<Record<PackLanguage, LanguagePack>> = {
  de: {
    grammar: deGrammar,
    abbreviations: deAbbreviations,
    agencies: deAgencies,
    calendar: deCalendar,
    dates: deDates,
    language: deLanguage,
    locations: deLocations,
    merge: deMerge,
    organizations: deOrganizations,
    persons: dePersons,
    speech: deSpeech,
  },
  en: {
    grammar: enGrammar,
    abbreviations: enAbbreviations,
    agencies: enAgencies,
    calendar: enCalendar,
    dates: enDates,
    language: enLanguage,
    locations: enLocations,
    merge: enMerge,
    organizations: enOrganizations,
    persons: enPersons,
    speech: enSpeech,
  },
};

/** The languages with a pack, in a fixed order (German first). */
export const PACK_LANGUAGES = Object.keys(LANGUAGE_PACKS) as PackLanguage[];

/** Every pack's articles, definite and indefinite, lowercased: words that open a phrase but never a name. */
export const ARTICLES: readonly string[] = PACK_LANGUAGES.flatMap((code) => {
  const grammar = LANGUAGE_PACKS[code].grammar.GRAMMAR_WORDS;
  return [...grammar.definiteArticles, ...grammar.indefiniteArticles];
});

/** The pack of a document's language; English where it is not known. */
export function languagePack(code: string): LanguagePack {
  return code === 'de' ? LANGUAGE_PACKS.de : LANGUAGE_PACKS.en;
}
