/** German speech verbs and frames, for quote attribution and for names they introduce ("sagte Dobrindt"). */
export const SPEECH_WORDS = {
  /** Finite forms that stand right before the speaker in inverted order ("…“, sagte Raimondo"; "so Hirsch"). */
  verbs: [
    'sagte', 'sagten', 'sagt', 'sagen', 'erklärte', 'erklärten', 'erklärt', 'betonte', 'betont', 'meinte', 'meint', 'ergänzte', 'ergänzt',
    'warnte', 'warnt', 'kritisierte', 'kritisiert', 'forderte', 'fordert', 'schrieb', 'schreibt', 'klagte', 'klagt', 'fügte', 'räumte',
    'teilte', 'bestätigte', 'bestätigt', 'sprach', 'spricht', 'unterstrich', 'unterstreicht', 'mahnte', 'mahnt', 'versicherte', 'versichert',
    'berichtete', 'berichtet', 'erläuterte', 'erläutert', 'antwortete', 'antwortet', 'kommentierte', 'kommentiert', 'so', 'laut', 'zufolge',
  ],
};
