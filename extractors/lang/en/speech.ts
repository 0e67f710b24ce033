/** English speech verbs and frames, for quote attribution and for names they introduce ("said Smith"). */
export const SPEECH_WORDS = {
  verbs: [
    'said', 'says', 'told', 'tells', 'stated', 'states', 'added', 'adds', 'wrote', 'writes', 'warned', 'warns', 'explained', 'explains',
    'noted', 'notes', 'argued', 'argues', 'stressed', 'stresses', 'emphasized', 'emphasised', 'claimed', 'claims', 'insisted', 'insists',
    'according', 'announced', 'continued', 'concluded', 'asked', 'replied', 'testified',
  ],
  pronouns: ['he', 'she'],
  unnamedSpeakers: ['a spokesperson', 'a spokesman', 'a spokeswoman', 'the spokesperson', 'the spokesman', 'the spokeswoman', 'an official', 'a senior official', 'a representative', 'a source'],
  complementizers: ['that'],
  subjunctives: [],
};
