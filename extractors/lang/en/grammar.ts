import type { GrammarWords } from '../pack.js';

/** English function words and inflection that several engines read. */
export const GRAMMAR_WORDS: GrammarWords['GRAMMAR_WORDS'] = {
  definiteArticles: ['the'],
  indefiniteArticles: ['a', 'an'],
  /** Small words allowed inside a multi-word name ("Office of Information and Communications Technology"). */
  nameConnectors: ['of', 'for', 'and', 'the', 'on'],
  /** English names are matched as written: no endings are removed. */
  inflectionEndings: [],
  // English reports by frame, not by mood: no Konjunktiv to tell hypothetical from reported.
  modalVerbs: [],
};
