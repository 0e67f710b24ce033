import AGENCY_GAZETTEER from './agencies.json' with { type: 'json' };

/**
 * An entry of the bilingual agency gazetteer (`agencies.json`): government bodies of DE, AT, CH, US, GB, the EU, the
 * other Five Eyes (CA, AU, NZ), RU, CN and a few more, as data. Each entry has the canonical English name, the German
 * name where one is used, acronyms, country (ISO 3166-1 alpha-2, EU for EU bodies), parent body, and the forms texts
 * really use in either language. German inflection ("des Bundesamts", "Handelsministeriums") is handled by the
 * matcher (extractors/agencies.ts), not listed here.
 *
 * - `forms`: other names that identify this body on their own.
 * - `genericForms`: names that fit the same kind of body in several countries ("Innenministerium", "Treasury");
 *   they name this entry only when a country cue or the document's country points to it.
 * - `cueForms`: names too vague even for that ("Regierung", "government"); they need a country cue right next to
 *   them ("russische Regierung", "Regierung Russlands", "US government").
 * - `contextAcronyms`: acronyms that are also ordinary words or common abbreviations ("MAD", "AFP", "VA"): they
 *   count only when the document also names the body in full or defines the acronym.
 */
export interface AgencyEntry {
  id: string;
  /** In English (GAZETTEER_LANGUAGE). */
  name: string;
  /** In German, where the body has a German name. */
  de?: string;
  acronyms?: string[];
  contextAcronyms?: string[];
  country: string;
  parent?: string;
  forms?: string[];
  genericForms?: string[];
  cueForms?: string[];
}

/** The language of every entry's `name`; its names in other languages are under their language code. */
export const GAZETTEER_LANGUAGE = 'en';

/** The gazetteer's bodies. */
export const AGENCIES: readonly AgencyEntry[] = AGENCY_GAZETTEER;
