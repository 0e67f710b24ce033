/** German speech verbs and frames, for quote attribution and for names they introduce ("sagte Dobrindt"). */
export const SPEECH_WORDS = {
  /** Finite forms that stand right before or after the speaker ("…“, sagte Raimondo"; "Raimondo sagte: „…“"; "so Hirsch"). */
  verbs: [
    'sagte', 'sagten', 'sagt', 'sagen', 'erklärte', 'erklärten', 'erklärt', 'betonte', 'betont', 'meinte', 'meint', 'ergänzte', 'ergänzt',
    'warnte', 'warnt', 'kritisierte', 'kritisiert', 'forderte', 'fordert', 'schrieb', 'schreibt', 'klagte', 'klagt', 'fügte', 'räumte',
    'teilte', 'bestätigte', 'bestätigt', 'sprach', 'spricht', 'unterstrich', 'unterstreicht', 'mahnte', 'mahnt', 'versicherte', 'versichert',
    'berichtete', 'berichtet', 'erläuterte', 'erläutert', 'antwortete', 'antwortet', 'kommentierte', 'kommentiert', 'so', 'laut', 'zufolge',
    'heißt', 'hieß', 'betonten', 'warnten', 'erklärten', 'weist', 'wies', 'stellte', 'verwies', 'verweist',
    // Participles of the perfect tenses ("…“, hatte Raimondo gesagt"; "…“, hat das BSI mitgeteilt").
    'gesagt', 'gewarnt', 'geschrieben', 'mitgeteilt', 'gefordert', 'gemeint', 'bekräftigt',
  ],
  /** Pronouns that refer a quote to the person last named ("sagte er"). */
  pronouns: ['er', 'sie'],
  /** Unnamed speakers, kept with their description ("ein Sprecher des Ministeriums"). */
  unnamedSpeakers: ['der Sprecher', 'die Sprecherin', 'ein Sprecher', 'eine Sprecherin', 'ein Beamter', 'eine Beamtin', 'ein Mitarbeiter', 'eine Mitarbeiterin', 'ein Vertreter', 'eine Vertreterin', 'ein Regierungssprecher', 'ein Ministeriumssprecher', 'ein Behördensprecher'],
  /**
   * Nouns that, after a definite article, refer back to the body last named ("teilte das Ministerium mit", "Das
   * Unternehmen wies die Vorwürfe zurück", "ein Sprecher des FDP-geführten Ministeriums"), with its type.
   */
  anaphors: {
    Unternehmen: 'organization', Unternehmens: 'organization', Konzern: 'organization', Konzerns: 'organization', Firma: 'organization',
    Hersteller: 'organization', Herstellers: 'organization', Stiftung: 'organization', Verband: 'organization', Verbands: 'organization',
    Verein: 'organization', Vereins: 'organization', Softwarehaus: 'organization', Softwarehauses: 'organization',
    Ministerium: 'agency', Ministeriums: 'agency', Behörde: 'agency', Amt: 'agency', Amts: 'agency', Amtes: 'agency', Bundesamt: 'agency',
    Bundesamts: 'agency', Bundesamtes: 'agency', Regierung: 'agency', Agentur: 'agency',
  } as Record<string, 'organization' | 'agency'>,
  /** Articles before such a noun. */
  definiteArticles: ['der', 'die', 'das', 'des', 'dem', 'den'],
  /** First-person words: quoted words with them are someone's speech, not a title or a scare quote. */
  firstPerson: ['ich', 'mich', 'mir', 'mein', 'meine', 'meinen', 'meiner', 'wir', 'uns', 'unser', 'unsere', 'unseren', 'unserer', 'unseres'],
  /** Words that open reported speech after a speech verb ("sagte, dass …"). */
  complementizers: ['dass'],
  /** Konjunktiv I forms that mark reported speech ("…, Russland sei ein fähiger Akteur"). */
  subjunctives: ['sei', 'seien', 'habe', 'werde', 'werden', 'könne', 'müsse', 'solle', 'wolle', 'dürfe', 'gebe', 'liege', 'stehe', 'gehe', 'komme', 'bestehe', 'handle', 'halte', 'wisse', 'sehe'],
};
