/** German vocabulary for extractors/locations.ts; country names themselves come from i18n-iso-countries. */
export const LOCATION_WORDS = {
  /** Names of countries that the ISO lists lack, with their ISO 3166-1 code. */
  countryAliases: {
    Amerika: 'US', Bundesrepublik: 'DE', 'Volksrepublik China': 'CN', Südkorea: 'KR', Weißrussland: 'BY', Moldawien: 'MD',
    Tschechien: 'CZ', England: 'GB', Schottland: 'GB', Wales: 'GB', Nordirland: 'GB', Holland: 'NL', Persien: 'IR',
  } as Record<string, string>,
  /** German names of cities and regions, with the name GeoNames or ISO 3166-2 gives them. */
  exonyms: {
    Moskau: 'Moscow', 'Sankt Petersburg': 'Saint Petersburg', 'St. Petersburg': 'Saint Petersburg', Peking: 'Beijing', Brüssel: 'Brussels',
    Genf: 'Geneva', Wien: 'Vienna', Kiew: 'Kyiv', Warschau: 'Warsaw', Prag: 'Prague', Rom: 'Rome', Mailand: 'Milan', Lissabon: 'Lisbon',
    Athen: 'Athens', Kopenhagen: 'Copenhagen', 'Den Haag': 'The Hague', 'Neu-Delhi': 'New Delhi', München: 'Munich', Venedig: 'Venice',
    Neapel: 'Naples', Florenz: 'Florence', Belgrad: 'Belgrade', Bukarest: 'Bucharest', Jerusalem: 'Jerusalem', Teheran: 'Tehran',
    Pjöngjang: 'Pyongyang', Minsk: 'Minsk', Charkiw: 'Kharkiv', Odessa: 'Odesa', Lemberg: 'Lviv', Krakau: 'Kraków', Breslau: 'Wrocław',
    Danzig: 'Gdańsk', Kalifornien: 'California', Krim: 'Crimea', Sibirien: 'Siberia', Tschetschenien: 'Chechnya', Donbass: 'Donbas',
  } as Record<string, string>,
  /** Continents, seas, mountains and larger regions, with a language-neutral id shared with the English pack. */
  areas: {
    Europa: 'europe', Asien: 'asia', Afrika: 'africa', Nordamerika: 'north-america', Südamerika: 'south-america', Lateinamerika: 'latin-america',
    Antarktis: 'antarctica', Arktis: 'arctic', Nahost: 'middle-east', 'Naher Osten': 'middle-east', 'Nahen Osten': 'middle-east', 'Mittlerer Osten': 'middle-east',
    'Ferner Osten': 'far-east', Balkan: 'balkans', Westbalkan: 'western-balkans', Baltikum: 'baltics', Skandinavien: 'scandinavia', Kaukasus: 'caucasus',
    Zentralasien: 'central-asia', Osteuropa: 'eastern-europe', Westeuropa: 'western-europe', Mitteleuropa: 'central-europe', Südostasien: 'southeast-asia',
    Nordsee: 'north-sea', Ostsee: 'baltic-sea', Mittelmeer: 'mediterranean', 'Schwarze Meer': 'black-sea', 'Schwarzes Meer': 'black-sea', Atlantik: 'atlantic',
    Pazifik: 'pacific', Alpen: 'alps', Indopazifik: 'indo-pacific', 'Indo-Pazifik': 'indo-pacific', Sibirien: 'siberia', Vatikan: 'vatican',
  } as Record<string, string>,
  /** Endings of place names, for a capitalized word after a locative preposition that no list knows ("in Hüttingen"). */
  placeSuffixes: ['ingen', 'heim', 'hausen', 'dorf', 'burg', 'berg', 'stadt', 'feld', 'bach', 'tal', 'hofen', 'rode', 'stedt', 'leben', 'furt', 'brück', 'brücken', 'hagen', 'kirchen', 'born', 'brunn', 'zell', 'ow', 'itz', 'ach', 'weiler', 'münster', 'beuren'],
  /** Endings of street and square names, places wherever they stand ("Friedrich-Ebert-Straße", "Mariannenplatz"). */
  streetSuffixes: ['straße', 'strasse', 'platz', 'allee', 'gasse', 'damm', 'ufer', 'chaussee', 'promenade'],
  /** Prepositions that make an ambiguous capitalized word a place ("in Essen", "aus Halle"). */
  locativePrepositions: ['in', 'im', 'aus', 'nach', 'bei', 'nahe', 'von', 'vom'],
  /** Words after an abbreviation that show it names the place ("the US from …", "die USA haben"). */
  placeFollowers: ['und', 'sowie', 'oder', 'ist', 'sind', 'hat', 'haben', 'hatte', 'hatten', 'wird', 'werden', 'will', 'wollen', 'soll', 'sollen', 'kann', 'können', 'muss', 'müssen', 'habe', 'sei', 'seien', 'gegen', 'mit', 'in', 'im', 'auf', 'für', 'bei', 'seit', 'vor', 'nach', 'zu', 'über'],
  /** Words that join two places after one preposition ("in Düsseldorf und Bad Homburg"). */
  coordinators: ['und', 'sowie', 'oder', ','],
  /** Country abbreviations that, before a word, are adjectives ("US-Regierung" is caught as a compound anyway). */
  adjectivalAcronyms: ['US', 'UK'],
};
