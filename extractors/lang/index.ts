import * as deAbbreviations from './de/abbreviations.js';
import * as deAgencies from './de/agencies.js';
import * as deCalendar from './de/calendar.js';
import * as deDates from './de/dates.js';
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
import * as enLanguage from './en/language.js';
import * as enLocations from './en/locations.js';
import * as enMerge from './en/merge.js';
import * as enOrganizations from './en/organizations.js';
import * as enPersons from './en/persons.js';
import * as enSpeech from './en/speech.js';

/** The per-language data packs, keyed by ISO 639-1 code; both packs have the same shape. */
export const LANGUAGE_PACKS = {
  de: {
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
} as const;

export type PackLanguage = keyof typeof LANGUAGE_PACKS;
export const PACK_LANGUAGES = Object.keys(LANGUAGE_PACKS) as PackLanguage[];
