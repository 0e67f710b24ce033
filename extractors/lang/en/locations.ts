/** English vocabulary for extractors/locations.ts; country names themselves come from i18n-iso-countries. */
export const LOCATION_WORDS = {
  countryAliases: {
    America: 'US', Britain: 'GB', 'U.K.': 'GB', PRC: 'CN', 'South Korea': 'KR', 'North Korea': 'KP', 'Czech Republic': 'CZ',
    England: 'GB', Scotland: 'GB', Wales: 'GB', 'Northern Ireland': 'GB', Holland: 'NL', Burma: 'MM',
  } as Record<string, string>,
  /** English names of cities and regions that GeoNames or ISO 3166-2 give in another form. */
  exonyms: {
    Kiev: 'Kyiv', Cologne: 'Köln', Nuremberg: 'Nürnberg', 'Washington, DC': 'Washington, D.C.', 'St. Petersburg': 'Saint Petersburg',
    Donbass: 'Donbas', Peking: 'Beijing', Odessa: 'Odesa',
  } as Record<string, string>,
  areas: {
    Europe: 'europe', Asia: 'asia', Africa: 'africa', 'North America': 'north-america', 'South America': 'south-america', 'Latin America': 'latin-america',
    Antarctica: 'antarctica', Arctic: 'arctic', 'Middle East': 'middle-east', 'Far East': 'far-east', Balkans: 'balkans', 'Western Balkans': 'western-balkans',
    Baltics: 'baltics', Scandinavia: 'scandinavia', Caucasus: 'caucasus', 'Central Asia': 'central-asia', 'Eastern Europe': 'eastern-europe',
    'Western Europe': 'western-europe', 'Central Europe': 'central-europe', 'Southeast Asia': 'southeast-asia', 'North Sea': 'north-sea',
    'Baltic Sea': 'baltic-sea', Mediterranean: 'mediterranean', 'Black Sea': 'black-sea', Atlantic: 'atlantic', Pacific: 'pacific', Alps: 'alps',
    'Indo-Pacific': 'indo-pacific', Siberia: 'siberia', Vatican: 'vatican',
  } as Record<string, string>,
  placeSuffixes: ['ville', 'ton', 'burg', 'borough', 'field', 'ford', 'wood', 'port', 'chester', 'shire'],
  streetSuffixes: [],
  locativePrepositions: ['in', 'from', 'at', 'near', 'to', 'outside', 'across', 'throughout'],
  /** Words after an abbreviation that show it names the place ("the US from …", "die USA haben"). */
  placeFollowers: ['from', 'to', 'in', 'and', 'or', 'has', 'have', 'had', 'is', 'was', 'are', 'were', 'will', 'would', 'could', 'should', 'said', 'says', 'on', 'for', 'at', 'with', 'by', 'over', 'against', 'since', 'after', 'before', 'but', 'as', 'if', 'that', 'which', 'who', 'also', 'must', 'may', 'can', 'did', 'does', 'do', 'remains', 'continues', 'itself', 'and'],
  /** Words that join two places after one preposition ("in Düsseldorf und Bad Homburg"). */
  coordinators: ['and', 'or', ','],
  /** "U.S. officials", "UK authorities": the abbreviation before a word describes, it does not name a place. */
  adjectivalAcronyms: ['US', 'U.S.', 'UK', 'U.K.'],
};
