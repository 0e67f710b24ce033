/** English speech verbs and frames, for quote attribution and for names they introduce ("said Smith"). */
export const SPEECH_WORDS = {
  verbs: [
    'said', 'says', 'told', 'tells', 'stated', 'states', 'added', 'adds', 'wrote', 'writes', 'warned', 'warns', 'explained', 'explains',
    'noted', 'notes', 'argued', 'argues', 'stressed', 'stresses', 'emphasized', 'emphasised', 'claimed', 'claims', 'insisted', 'insists',
    'according', 'announced', 'continued', 'concluded', 'asked', 'replied', 'testified',
  ],
  pronouns: ['he', 'she'],
  unnamedSpeakers: ['a spokesperson', 'a spokesman', 'a spokeswoman', 'the spokesperson', 'the spokesman', 'the spokeswoman', 'an official', 'a senior official', 'a representative', 'a source'],
  /** Nouns that, after "the", refer back to the body last named ("the company denied", "the department said"). */
  anaphors: {
    company: 'organization', firm: 'organization', vendor: 'organization', manufacturer: 'organization', foundation: 'organization',
    association: 'organization', department: 'agency', ministry: 'agency', agency: 'agency', bureau: 'agency', office: 'agency',
    government: 'agency', regulator: 'agency', commission: 'agency',
  } as Record<string, 'organization' | 'agency'>,
  definiteArticles: ['the'],
  /** First-person words: quoted words with them are someone's speech, not a title or a scare quote. */
  firstPerson: ['i', 'me', 'my', 'we', 'us', 'our', 'ours'],
  complementizers: ['that'],
  subjunctives: [],
};
