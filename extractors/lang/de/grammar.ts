import type { GrammarWords } from '../pack.js';

/** German function words and inflection that several engines read. */
export const GRAMMAR_WORDS: GrammarWords['GRAMMAR_WORDS'] = {
  definiteArticles: ['der', 'die', 'das', 'den', 'dem', 'des'],
  indefiniteArticles: ['ein', 'eine'],
  /** Small words allowed inside a multi-word name ("Bundesamt für Sicherheit in der Informationstechnik"). */
  nameConnectors: ['für', 'und', 'der', 'die', 'des'],
  /** Case and number endings removed from words of five letters or more before phrases are compared, longest first. */
  inflectionEndings: ['ns', 'es', 'en', 'er', 'em', 'e', 's', 'n'],
  modalVerbs: ['können', 'müssen', 'dürfen', 'mögen', 'sollen', 'wollen', 'werden'],
};
