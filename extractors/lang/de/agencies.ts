/** German vocabulary for extractors/agencies.ts. Adjectives are listed in their base form; the matcher inflects. */
export const AGENCY_WORDS = {
  /** Whose country an unqualified "Innenministerium" belongs to when nothing in the text says otherwise. */
  defaultCountry: 'DE',
  /** Skipped when looking for a country cue before a mention ("das chinesische Handelsministerium"). */
  articles: ['der', 'die', 'das', 'des', 'dem', 'den'],
  /** Before a head noun: a generic body, not a named one ("eine Behörde", "einem Ministerium"). */
  indefinites: ['ein', 'eine', 'einer', 'einem', 'einen', 'eines', 'kein', 'keine', 'jede', 'jedes', 'jeder', 'welche', 'welches', 'mehrere', 'alle', 'andere', 'zuständige', 'zuständigen'],
  /** Country adjectives and prefixes that tie a generic name to a country ("russische Regierung", "US-Regierung"). */
  countryAdjectives: {
    US: 'US', 'US-amerikanisch': 'US', amerikanisch: 'US', deutsch: 'DE', bundesdeutsch: 'DE', britisch: 'GB', englisch: 'GB',
    chinesisch: 'CN', russisch: 'RU', österreichisch: 'AT', schweizerisch: 'CH', Schweizer: 'CH', eidgenössisch: 'CH',
    französisch: 'FR', kanadisch: 'CA', australisch: 'AU', neuseeländisch: 'NZ', tschechisch: 'CZ', niederländisch: 'NL',
    italienisch: 'IT', ukrainisch: 'UA', polnisch: 'PL', japanisch: 'JP', indisch: 'IN', iranisch: 'IR', nordkoreanisch: 'KP',
    israelisch: 'IL', europäisch: 'EU', EU: 'EU',
  } as Record<string, string>,
  /** Before a country name after a mention: "Regierung der Vereinigten Staaten", "Regierung Russlands". */
  genitiveLinks: ['der', 'des', 'von', 'in'],
  /** Compound endings that make a capitalized word the name of a body ("Digitalministerium", "Verwaltungsgericht"). */
  headSuffixes: ['ministerium', 'bundesamt', 'landesamt', 'kriminalamt', 'verfassungsgericht', 'verwaltungsgericht', 'landgericht', 'amtsgericht', 'oberlandesgericht', 'gerichtshof', 'staatsanwaltschaft', 'bundesanwaltschaft', 'bundesanstalt', 'bundesagentur', 'bundespolizei', 'landespolizei', 'kantonspolizei'],
  /** Heads followed by "für …" that name a body ("Behörde für Cyber- und Informationssicherheit", "Amt für Informatik"). */
  headNouns: ['Behörde', 'Bundesamt', 'Landesamt', 'Amt', 'Agentur', 'Bundesagentur', 'Direktion', 'Kommission', 'Zentrum', 'Zentralstelle', 'Ministerium', 'Bundesministerium', 'Staatssekretariat', 'Departement'],
  headLinks: ['für', 'des', 'der'],
  /** "Biden-Administration", "Trump-Regierung": a head of government's name before these is a government. */
  administrationWords: ['Administration', 'Regierung'],
};
