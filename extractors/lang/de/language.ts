/** German vocabulary for extractors/language.ts. */
export const LANGUAGE_WORDS = {
  /**
   * Frequent function words that English does not use (so no "in", "an", "am", "so", "also", "war", "will", "was";
   * "die" stays, English rarely has the verb), and that English texts do not borrow as acronyms ("MIT", "AUS").
   */
  functionWords: [
    'der', 'die', 'das', 'und', 'ist', 'nicht', 'von', 'zu', 'den', 'des', 'dem', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen',
    'auf', 'für', 'sich', 'auch', 'als', 'bei', 'wird', 'werden', 'wurde', 'wurden', 'hat', 'haben', 'nach', 'oder', 'wie', 'sind',
    'sie', 'er', 'es', 'wir', 'ich', 'noch', 'nur', 'über', 'vor', 'durch', 'zum', 'zur', 'im', 'vom', 'beim', 'dass', 'kann', 'soll',
    'seit', 'gegen', 'sein', 'seine', 'ihre', 'ihr', 'diese', 'dieser', 'dieses', 'mehr', 'schon', 'sowie', 'jedoch', 'weil', 'wenn', 'aber',
    'bis', 'um', 'unter', 'zwischen', 'sei', 'seien', 'habe', 'müssen', 'können', 'worden', 'keine', 'kein', 'laut',
  ],
};
