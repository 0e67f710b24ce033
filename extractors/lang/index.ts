import * as deAbbreviations from './de/abbreviations.js';
import * as deAgencies from './de/agencies.js';
import * as deCalendar from './de/calendar.js';
import * as deDates from './de/dates.js';
import * as enAbbreviations from './en/abbreviations.js';
import * as enAgencies from './en/agencies.js';
import * as enCalendar from './en/calendar.js';
import * as enDates from './en/dates.js';

/** The per-language data packs, keyed by ISO 639-1 code; both packs have the same shape. */
export const LANGUAGE_PACKS = {
  de: { abbreviations: deAbbreviations, agencies: deAgencies, calendar: deCalendar, dates: deDates },
  en: { abbreviations: enAbbreviations, agencies: enAgencies, calendar: enCalendar, dates: enDates },
} as const;

export type PackLanguage = keyof typeof LANGUAGE_PACKS;
export const PACK_LANGUAGES = Object.keys(LANGUAGE_PACKS) as PackLanguage[];
