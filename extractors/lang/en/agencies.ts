/** English vocabulary for extractors/agencies.ts; the same shape as the German pack. */
export const AGENCY_WORDS = {
  defaultCountry: 'US',
  articles: ['the'],
  indefinites: ['a', 'an', 'any', 'every', 'each', 'another', 'other', 'several', 'some', 'no'],
  countryAdjectives: {
    US: 'US', 'U.S.': 'US', American: 'US', German: 'DE', British: 'GB', UK: 'GB', 'U.K.': 'GB', English: 'GB', Chinese: 'CN',
    Russian: 'RU', Austrian: 'AT', Swiss: 'CH', French: 'FR', Canadian: 'CA', Australian: 'AU', 'New Zealand': 'NZ', Czech: 'CZ',
    Dutch: 'NL', Italian: 'IT', Ukrainian: 'UA', Polish: 'PL', Japanese: 'JP', Indian: 'IN', Iranian: 'IR', 'North Korean': 'KP',
    Israeli: 'IL', European: 'EU', EU: 'EU', Kremlin: 'RU', Beijing: 'CN', Moscow: 'RU', Washington: 'US',
  } as Record<string, string>,
  genitiveLinks: ['of', 'of the', 'in'],
  headSuffixes: [] as string[],
  /** A run of capitalized words ending in one of these names a body ("Private Sector Office"); "Office of …" too. */
  headNouns: ['Agency', 'Office', 'Bureau', 'Department', 'Commission', 'Committee', 'Administration', 'Authority', 'Directorate', 'Ministry'],
  headLinks: ['of', 'for', 'on'],
  administrationWords: ['administration', 'Administration'],
};
