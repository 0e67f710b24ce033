/** German vocabulary for extractors/persons.ts. */
export const PERSON_WORDS = {
  /** Words before a name that make it a person's name ("Frau Raimondo", "Dr. Selen"). */
  honorifics: ['Herr', 'Herrn', 'Frau', 'Dr', 'Prof', 'Professor', 'Professorin'],
  /** Roles and titles as whole words ("Präsident", "Sprecherin"); compounds are caught by `roleSuffixes`. */
  roles: [
    'Minister', 'Ministerin', 'Präsident', 'Präsidentin', 'Vizepräsident', 'Vizepräsidentin', 'Direktor', 'Direktorin', 'Leiter', 'Leiterin',
    'Chef', 'Chefin', 'Sprecher', 'Sprecherin', 'Vorsitzende', 'Vorsitzender', 'Staatssekretär', 'Staatssekretärin', 'Abgeordnete', 'Abgeordneter',
    'Senator', 'Senatorin', 'Kanzler', 'Kanzlerin', 'Botschafter', 'Botschafterin', 'Beauftragte', 'Beauftragter', 'Experte', 'Expertin',
    'Analyst', 'Analystin', 'Gründer', 'Gründerin', 'Geschäftsführer', 'Geschäftsführerin', 'Vorstand', 'Richter', 'Richterin',
    'Bürgermeister', 'Bürgermeisterin', 'Generalsekretär', 'Generalsekretärin', 'Kommissar', 'Kommissarin', 'Politiker', 'Politikerin',
    'Forscher', 'Forscherin', 'Anwalt', 'Anwältin', 'Staatsanwalt', 'Staatsanwältin', 'Gouverneur', 'Gouverneurin', 'Premierminister',
    'Premierministerin', 'Außenminister', 'Außenministerin', 'Innenminister', 'Innenministerin', 'Vize', 'Mitgründer', 'Vizechef', 'Vizechefin',
    // Titles of rank that stand before names in history and news.
    'König', 'Königin', 'Kaiser', 'Kaiserin', 'Herzog', 'Herzogin', 'Fürst', 'Fürstin', 'Prinz', 'Prinzessin', 'Papst', 'Bischof', 'Erzbischof',
    'Kardinal', 'Pfarrer', 'General', 'Oberst', 'Admiral', 'Trainer', 'Trainerin', 'Autor', 'Autorin', 'Sänger', 'Sängerin', 'Regisseur', 'Regisseurin',
  ],
  /** Endings that make a capitalized compound a role ("Handelsministerin", "BSI-Präsident", "Regierungssprecher"). */
  roleSuffixes: [
    'minister', 'ministerin', 'präsident', 'präsidentin', 'sprecher', 'sprecherin', 'chef', 'chefin', 'leiter', 'leiterin', 'direktor',
    'direktorin', 'vorsitzende', 'vorsitzender', 'sekretär', 'sekretärin', 'beauftragte', 'beauftragter', 'abgeordnete', 'abgeordneter',
    'politiker', 'politikerin', 'experte', 'expertin', 'kanzler', 'kanzlerin', 'botschafter', 'botschafterin', 'kommissar', 'kommissarin',
    'gründer', 'gründerin', 'geschäftsführer', 'geschäftsführerin', 'analyst', 'analystin', 'forscher', 'forscherin', 'vorstand',
  ],
  /** Words that link a role to the body it is held in ("Technical Director des NCSC", "Chef der Behörde"). */
  roleLinks: ['des', 'der', 'von', 'vom', 'im', 'beim', 'für'],
  /** Small words inside names ("Ursula von der Leyen"). */
  particles: ['von', 'van', 'der', 'den', 'de', 'zu', 'vom'],
  /** Capitalized words that never begin or end a name: articles, pronouns, conjunctions at sentence starts. */
  notNames: [
    'Der', 'Die', 'Das', 'Des', 'Dem', 'Den', 'Ein', 'Eine', 'Einer', 'Er', 'Sie', 'Es', 'Wir', 'Ihr', 'Man', 'Und', 'Oder', 'Aber', 'Auch',
    'Nach', 'Laut', 'Im', 'In', 'Am', 'Auf', 'Mit', 'Für', 'Bei', 'Seit', 'Wie', 'Wenn', 'Dass', 'Doch', 'Noch', 'So', 'Zudem', 'Dies', 'Diese',
    'Dieser', 'Dieses', 'Jetzt', 'Heute', 'Damit', 'Dabei', 'Daher', 'Deshalb', 'Vor', 'Über', 'Unter', 'Zum', 'Zur', 'Vom', 'Beim', 'Als',
  ],
};
