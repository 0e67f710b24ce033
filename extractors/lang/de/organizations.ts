/** German vocabulary for extractors/organizations.ts. */
export const ORGANIZATION_WORDS = {
  /** Legal forms after a company's name ("Deutsche Telekom AG", "Muster GmbH & Co. KG"). */
  legalSuffixes: ['GmbH', 'gGmbH', 'mbH', 'AG', 'SE', 'KG', 'KGaA', 'OHG', 'GbR', 'eG', 'e. V.', 'e.V.', 'GmbH & Co. KG', 'AG & Co. KG', 'UG'],
  /** Forms written before the name: sports clubs ("FC Bayern", "SC Freiburg", "VfB Stuttgart"). */
  legalPrefixes: ['FC', 'SC', 'SV', 'TSV', 'VfB', 'VfL', 'TSG', 'FSV', 'SpVgg', 'BSC', 'Dynamo', 'Eintracht', 'Borussia', 'Fortuna', 'Hertha'],
  /** Last words (or compound endings) that make a capitalized run an organization's name ("Leopold Stocker Verlag", "Lehmbruck-Museum"). */
  headNouns: ['Verlag', 'Verlages', 'Verlags', 'Museum', 'Theater', 'Bank', 'Werke', 'Gruppe', 'Holding', 'Stiftung', 'Institut', 'Universität', 'Hochschule', 'Akademie', 'Klinikum', 'Zeitung', 'Anzeiger', 'Rundschau', 'Kurier', 'Bundesliga', 'Liga', 'Orchester', 'Ensemble', 'Versicherung', 'Stadtwerke', 'Rundfunk'],
  /** Nouns that introduce an organization's name right after them ("der Hersteller Kaspersky"). */
  cueNouns: [
    'Unternehmen', 'Konzern', 'Hersteller', 'Firma', 'Anbieter', 'Softwarehersteller', 'Softwarefirma', 'Sicherheitsfirma',
    'Sicherheitsunternehmen', 'Antivirenhersteller', 'Virenschutzhersteller', 'IT-Sicherheitsunternehmen', 'Technologiekonzern',
    'Technologieunternehmen', 'Telekommunikationskonzern', 'Telekommunikationsunternehmen', 'Netzbetreiber', 'Mobilfunkbetreiber',
    'Netzausrüster', 'Chiphersteller', 'Nachrichtenagentur', 'Zeitung', 'Zeitschrift', 'Magazin', 'Sender', 'Partei', 'Verband',
    'Branchenverband', 'Verein', 'Stiftung', 'Institut', 'Tochterfirma', 'Tochtergesellschaft', 'Mutterkonzern', 'Dienstleister', 'Plattform',
    'Tageszeitung', 'Wochenzeitung', 'Boulevardzeitung', 'Nachrichtenmagazin', 'Fernsehsender', 'Radiosender', 'Verlag', 'Label', 'Plattenlabel',
    'Mannschaft', 'Band', 'Ensemble', 'Fluggesellschaft', 'Airline', 'Bank', 'Versicherer', 'Krankenkasse', 'Autobauer', 'Konzerns',
  ],
  /** Words that join two names after one cue noun ("die Netzbetreiber Telekom und Vodafone"). */
  /** The last word of a defined name that makes it a law or document, not an organization ("… Act (NDAA)"). */
  documentHeads: ['Gesetz', 'Verordnung', 'Richtlinie', 'Abkommen', 'Vertrag', 'Strategie', 'Programm', 'Bericht', 'Leitlinie', 'Standard', 'gesetz', 'verordnung', 'richtlinie', 'abkommen', 'vertrag', 'strategie', 'programm', 'bericht'],
  coordinators: ['und', 'sowie', 'oder'],
};
