/**
 * German date vocabulary for extractors/dates.ts. Words are written as texts capitalize them; the engine also
 * accepts a capitalized first letter for lowercase words at the start of a sentence.
 */
export const DATE_WORDS = {
  /** Words before a bare month name that make it a date ("im März", "Ende Juni"); bare "März" alone is not enough. */
  monthContext: ['im', 'seit', 'bis', 'ab', 'vom', 'zum', 'bis zum', 'Anfang', 'Ende', 'Mitte', 'Beginn', 'gegen Ende', 'Ende des', 'Anfang des', 'Mitte des', 'noch im', 'schon im', 'bereits im', 'und', 'oder', 'zwischen', 'diesen', 'letzten', 'vergangenen', 'kommenden', 'nächsten'],
  /** Modifiers kept in the span and meaning the same year or month ("Ende 2023" → 2023). */
  modifiers: ['Anfang', 'Ende', 'Mitte', 'Beginn', 'gegen Ende', 'Ende des Jahres', 'Anfang des Jahres', 'Mitte des Jahres', 'Frühjahr', 'Sommer', 'Herbst', 'Winter', 'Spätsommer', 'Frühsommer'],
  /** Words between a modifier or preposition and a year that belong to the expression ("im Jahr 2018"). */
  yearNouns: ['Jahr', 'Jahre', 'Jahres', 'Haushaltsjahr', 'Geschäftsjahr', 'Fiskaljahr'],
  /** After a bare month: the year it refers to, relative to the document's year ("Mai desselben Jahres"). */
  monthYearPhrases: {
    'dieses Jahres': 'current',
    'diesen Jahres': 'current',
    'des Jahres': 'previous-mention',
    'desselben Jahres': 'previous-mention',
    'des gleichen Jahres': 'previous-mention',
    'des selben Jahres': 'previous-mention',
    'letzten Jahres': 'last',
    'vergangenen Jahres': 'last',
    'des Vorjahres': 'last',
    'nächsten Jahres': 'next',
    'kommenden Jahres': 'next',
  } as Record<string, 'current' | 'previous-mention' | 'last' | 'next'>,
  /** Whole phrases for a year relative to the document's date. */
  relativeYears: {
    'dieses Jahr': 0,
    'diesem Jahr': 0,
    'laufenden Jahr': 0,
    'vergangenen Jahr': -1,
    'vergangenes Jahr': -1,
    'letzten Jahr': -1,
    'letztes Jahr': -1,
    'Vorjahr': -1,
    'nächsten Jahr': 1,
    'nächstes Jahr': 1,
    'kommenden Jahr': 1,
    'kommendes Jahr': 1,
  } as Record<string, number>,
  /** Days relative to the document's date, as written; capitalized "Morgen" is the noun (morning), not tomorrow. */
  relativeDays: { heute: 0, Heute: 0, gestern: -1, Gestern: -1, vorgestern: -2, Vorgestern: -2, morgen: 1, übermorgen: 2 } as Record<string, number>,
  /** Before a weekday: it lies after the document's date, not before. */
  futureWeekday: ['nächsten', 'kommenden', 'am kommenden', 'am nächsten'],
  /** Joins two dates into a range: the first takes the month and year it lacks from the second ("1. bis 3. März"). */
  rangeConnectors: ['bis', 'bis zum', 'bis zur', 'und', 'und dem', 'und den', 'oder', '-', '–', '/'],
  /** A year named by the surrounding text ("Ende des Jahres" → the year last mentioned, or the document's). */
  contextYears: { 'Ende des Jahres': 0, 'Anfang des Jahres': 0, 'Mitte des Jahres': 0, 'Beginn des Jahres': 0, 'im selben Jahr': 0, 'im gleichen Jahr': 0, 'des neuen Jahres': 1, 'im folgenden Jahr': 1, 'im Folgejahr': 1 } as Record<string, number>,
  /** Before a number followed by a noun: the number counts things ("mit 1500 Panzern", "den 1198 Opfern"). */
  countBefore: ['der', 'die', 'das', 'den', 'dem', 'des', 'mit', 'aus', 'und', 'je', 'pro', 'insgesamt', 'allein', 'weitere', 'weiteren'],
  /** Before a number: it is a count, a paragraph or an identifier, not a year. */
  notYearBefore: ['§', 'Nr.', 'Nummer', 'Art.', 'Artikel', 'Abs.', 'Absatz', 'Kapitel', 'Seite', 'S.', 'Ziffer', 'rund', 'etwa', 'über', 'mehr als', 'weniger als', 'knapp', 'fast', 'circa', 'ca.', 'insgesamt', 'bis zu', 'mindestens', 'Tel.', 'Telefon', 'Postfach', 'PLZ'],
  /** After a number: it is an amount, not a year. */
  notYearAfter: ['Prozent', '%', 'Euro', 'EUR', '€', 'Dollar', 'US-Dollar', 'Franken', 'Pfund', 'Menschen', 'Personen', 'Mitarbeiter', 'Mitarbeitende', 'Beschäftigte', 'Soldaten', 'Tote', 'Opfer', 'Kunden', 'Nutzer', 'Geräte', 'Systeme', 'Unternehmen', 'Fälle', 'Meldungen', 'Mal', 'Meter', 'Kilometer', 'km', 'Stück', 'Einwohner', 'Stunden', 'Minuten', 'Tage', 'Tagen', 'Jahre', 'Jahren'],
};

/** How German writes dates: "20. Juli", "20.06.2024" (day first), "den 20. Juli". Regex fragments, not words. */
export const DATE_SYNTAX = {
  ordinalSuffix: '\\.',
  dayArticle: 'den',
  dayMonthJoiner: '',
  monthBeforeDay: false,
  numericDayFirst: true,
  /** Prepositions after which "20.06." without a year is a date. */
  numericYearlessContext: ['am', 'vom', 'bis', 'bis zum', 'zum', 'ab', 'seit'],
};
