import { describe, expect, it } from 'vitest';
import { AGENCIES } from '../../extractors/lang/gazetteer/agencies.js';
import { extractAgencies } from '../../extractors/agencies.js';

type Row = [name: string, country: string | null, aliases: string[], origin?: string];
const agencies = (text: string, language: 'de' | 'en'): Row[] =>
  extractAgencies(text, language).map((e) => [e.name, e.country, e.aliases, e.origin]);
const names = (text: string, language: 'de' | 'en') => extractAgencies(text, language).map((e) => e.name);

describe('extractAgencies: the gazetteer in both languages', () => {
  it.each([
    [
      'de',
      'Die Warnung des Bundesamts für Sicherheit in der Informationstechnik erreichte auch das BSI-Lagezentrum.',
      'Bundesamt für Sicherheit in der Informationstechnik',
      ['Bundesamts für Sicherheit in der Informationstechnik', 'BSI'],
    ],
    [
      'de',
      'Ein Sprecher des Bundesamtes für Verfassungsschutz (BfV) bestätigte den Bericht.',
      'Bundesamt für Verfassungsschutz',
      ['Bundesamtes für Verfassungsschutz', 'BfV'],
    ],
    [
      'de',
      'Das US-Handelsministerium teilte mit, eine Unterbehörde des Handelsministeriums sei zuständig.',
      'Department of Commerce',
      ['US-Handelsministerium', 'Handelsministeriums'],
    ],
    [
      'de',
      'BSI-Präsident Arne Schönbohm warnte am Dienstag.',
      'Bundesamt für Sicherheit in der Informationstechnik',
      ['BSI'],
    ],
    [
      'en',
      'The Commerce Department said the U.S. Department of Commerce would act.',
      'Department of Commerce',
      ['Commerce Department', 'U.S. Department of Commerce'],
    ],
    [
      'en',
      'The Department of Homeland Security (DHS) ordered agencies to act; DHS said more would follow.',
      'Department of Homeland Security',
      ['Department of Homeland Security', 'DHS'],
    ],
    [
      'de',
      'Das Heimatschutzministerium hatte 2017 gewarnt.',
      'Department of Homeland Security',
      ['Heimatschutzministerium'],
    ],
    [
      'de',
      'Die Empfehlung des BSIs gilt weiter, erklärte das BSI am Montag.',
      'Bundesamt für Sicherheit in der Informationstechnik',
      ['BSIs', 'BSI'],
    ],
    [
      'en',
      "CISA's directive stands, CISA said on Monday.",
      'Cybersecurity and Infrastructure Security Agency',
      ['CISA'],
    ],
  ] as const)('%s: %s', (language, text, name, aliases) => {
    const found = extractAgencies(text, language);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: 'agency', name, aliases, origin: 'gazetteer' });
    for (const m of found[0]!.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('gives German and English names of one agency one entity with country, acronym and parent', () => {
    const [bsi] = extractAgencies(
      'Das Bundesamt für Sicherheit in der Informationstechnik, auf Englisch Federal Office for Information Security, warnt.',
      'de',
    );
    expect(bsi).toMatchObject({
      key: 'agency:de.bsi',
      country: 'DE',
      acronym: 'BSI',
      parent: 'agency:de.bmi',
      aliases: ['Bundesamt für Sicherheit in der Informationstechnik', 'Federal Office for Information Security'],
    });
  });

  it.each([
    [
      'en',
      "Germany's Federal Office for Information Security warned on Monday.",
      'Bundesamt für Sicherheit in der Informationstechnik',
      ['Federal Office for Information Security'],
    ],
    [
      'de',
      'Das österreichische Innenministerium ermittelt.',
      'Bundesministerium für Inneres',
      ['Federal Ministry of the Interior (Austria)'],
    ],
    ['de', 'Das US-Handelsministerium hat Kaspersky verboten.', 'Department of Commerce', ['US-Handelsministerium']],
    ['en', 'The European Commission proposed the rules.', 'European Commission', ['Europäische Kommission']],
  ] as const)(
    "%s: names a body in its own country's language whatever the text's, the other as an alias: %s",
    (language, text, name, otherNames) => {
      const [agency] = extractAgencies(text, language);
      expect(agency).toMatchObject({ name, otherNames });
    },
  );

  it('keeps a parent chain in the data: OICTS → BIS → Department of Commerce, NCSC → GCHQ', () => {
    const byId = new Map(AGENCIES.map((a) => [a.id, a]));
    expect([byId.get('us.oicts')!.parent, byId.get('us.bis')!.parent]).toEqual(['us.bis', 'us.doc']);
    expect(byId.get('gb.ncsc')!.parent).toBe('gb.gchq');
  });
});

describe('extractAgencies: ambiguity', () => {
  it.each([
    [
      'de',
      'Das Nationale Zentrum für Cybersicherheit (NCSC) in Bern meldete 49 000 Vorfälle. Das NCSC rät zur Vorsicht.',
      'Nationales Zentrum für Cybersicherheit',
      'CH',
    ],
    [
      'en',
      'Britain’s GCHQ runs the NCSC, which published guidance for the UK on Friday.',
      'National Cyber Security Centre',
      'GB',
    ],
    [
      'de',
      'Das Innenministerium in Wien und die österreichische Polizei ermitteln; Österreich reagiert.',
      'Bundesministerium für Inneres',
      'AT',
    ],
    [
      'de',
      'Das Innenministerium will Huawei aus dem 5G-Netz verbannen.',
      'Bundesministerium des Innern und für Heimat',
      'DE',
    ],
    ['de', 'Das chinesische Handelsministerium kündigte Gegenmaßnahmen an.', 'Ministry of Commerce of China', 'CN'],
    ['de', 'Das Handelsministerium der USA hat Kaspersky verboten.', 'Department of Commerce', 'US'],
  ] as const)('%s: %s', (language, text, name, country) => {
    const found = extractAgencies(text, language).filter((e) => e.name === name);
    expect(found).toHaveLength(1);
    expect(found[0]!.country).toBe(country);
  });

  it.each([
    [
      'de',
      'Die russische Regierung und die Regierung Russlands sind eins.',
      [['Government of Russia', 'RU', ['russische Regierung', 'Regierung Russlands'], 'gazetteer']],
    ],
    [
      'en',
      'The government said the Russian government had been warned.',
      [['Government of Russia', 'RU', ['Russian government'], 'gazetteer']],
    ],
  ] as const)('a government needs a country next to it (%s)', (language, text, expected) => {
    expect(agencies(text, language)).toEqual(expected);
  });

  it.each([
    ['en', 'AFP reported that the ministry had not answered.'],
    ['en', 'Officials in Richmond, VA, said the ICE storm closed roads.'],
    ['de', 'Der Sprecher nannte die Lage MAD und verwies auf die DOC-Datei.'],
    ['de', 'Das IT-Sicherheitsgesetz gilt für KRITIS-Betreiber und die GmbH.'],
  ] as const)('an acronym that is an ordinary word is not an agency (%s): %s', (language, text) => {
    expect(names(text, language)).toEqual([]);
  });

  it('counts such an acronym when the text names the body in full', () => {
    expect(agencies('The Australian Federal Police said on Monday that the AFP had made arrests.', 'en')).toEqual([
      ['Australian Federal Police', 'AU', ['Australian Federal Police', 'AFP'], 'gazetteer'],
    ]);
  });
});

describe('extractAgencies: learning what the gazetteer lacks', () => {
  it.each([
    [
      'de',
      'Das Landesamt für Cybersicherheit Niedersachsen (LfCN) warnt. Das LfCN empfiehlt Updates.',
      'Landesamt für Cybersicherheit Niedersachsen',
      ['Landesamt für Cybersicherheit Niedersachsen', 'LfCN'],
      'LfCN',
    ],
    [
      'en',
      'The Office of Cyber Resilience Coordination (OCRC) issued a notice; OCRC said more would follow.',
      'Office of Cyber Resilience Coordination',
      ['Office of Cyber Resilience Coordination', 'OCRC'],
      'OCRC',
    ],
  ] as const)('from an acronym definition (%s)', (language, text, name, aliases, acronym) => {
    expect(extractAgencies(text, language)).toEqual([
      expect.objectContaining({ name, aliases, acronym, origin: 'definition' }),
    ]);
  });

  it.each([
    ['de', 'Das Innovationsministerium legte am Mittwoch einen Entwurf vor.', 'Innovationsministerium'],
    ['en', 'The statement came from the Office of Public Affairs in Washington.', 'Office of Public Affairs'],
    ['en', 'Created by the Private Sector Office for partners.', 'Private Sector Office'],
    ['de', 'Die Biden-Harris-Administration hat das Verbot beschlossen.', 'Biden-Harris-Administration'],
    ['en', 'The Trump administration signed the order.', 'Trump administration'],
    ['en', 'The Parliamentary Service confirmed the attack.', 'Parliamentary Service'],
    ['en', 'The U.S. Air Force grounded the drones.', 'U.S. Air Force'],
    [
      'en',
      'She chairs the Senate Committee on Commerce, Science and Transportation, which met today.',
      'Senate Committee on Commerce, Science and Transportation',
    ],
    ['en', 'The Senate Foreign Relations Committee met on Tuesday.', 'Senate Foreign Relations Committee'],
    [
      'de',
      'Der Ausschuss für Wirtschaft, Energie und Klimaschutz tagte am Montag.',
      'Ausschuss für Wirtschaft, Energie und Klimaschutz',
    ],
    ['de', 'Die Behörde für Digitales, so Meier, prüfe den Fall.', 'Behörde für Digitales'],
  ] as const)('from a head noun (%s): %s', (language, text, name) => {
    expect(extractAgencies(text, language)).toEqual([expect.objectContaining({ name, origin: 'pattern' })]);
  });

  it.each([
    [
      'de',
      'Das Verwaltungsgericht Köln wies den Antrag ab. Das VG Köln und das Kölner Verwaltungsgericht sind eins; das Landgericht verwies auf Fristen.',
      [['Verwaltungsgericht Köln', ['Verwaltungsgericht Köln', 'VG Köln', 'Kölner Verwaltungsgericht']]],
    ],
    [
      'de',
      'Die russische Botschaft widersprach, die Botschaft Chinas schwieg, und die US-Botschaft lud ein.',
      [
        ['Embassy of Russia', ['russische Botschaft']],
        ['Embassy of China', ['Botschaft Chinas']],
        ['Embassy of the United States', ['US-Botschaft']],
      ],
    ],
    [
      'en',
      'The Chinese Embassy in the Netherlands denied it, the Embassy of Russia declined, and the U.S. Embassy agreed.',
      [
        ['Embassy of China', ['Chinese Embassy']],
        ['Embassy of Russia', ['Embassy of Russia']],
        ['Embassy of the United States', ['U.S. Embassy']],
      ],
    ],
  ] as const)(
    'names a body by its seat or by the state it represents, one name in both languages (%s)',
    (language, text, expected) => {
      expect(extractAgencies(text, language).map((e) => [e.name, e.mentions.map((m) => m.text)])).toEqual(expected);
    },
  );

  it.each([
    [
      'de',
      'Die Bundesregierung hat eine Behörde für Krisen beauftragt, und einem Ministerium fehlen Mittel.',
      ['Bundesregierung'],
    ],
    ['en', 'The National Defense Authorization Act (NDAA) bans the software.', []],
    ['de', 'Nach 24 Stunden Dienst bat der Pfleger Kollegen um Rat.', []],
    [
      'de',
      'Die deutsche Behörde für Cybersicherheit, das BSI, warnt.',
      ['Bundesamt für Sicherheit in der Informationstechnik'],
    ],
  ] as const)('learns no agency from a generic noun, a law or a description (%s): %s', (language, text, expected) => {
    expect(names(text, language)).toEqual(expected);
  });

  it('maps a misnamed agency to the gazetteer by its content words', () => {
    expect(agencies('Das Bundesamt für Sicherheit und Informationstechnik warnt vor Kaspersky.', 'de')).toEqual([
      [
        'Bundesamt für Sicherheit in der Informationstechnik',
        'DE',
        ['Bundesamt für Sicherheit und Informationstechnik'],
        'gazetteer',
      ],
    ]);
  });
});

describe('the agency gazetteer as data', () => {
  it('has at least 250 agencies with unique ids, known parents and valid countries', () => {
    expect(AGENCIES.length).toBeGreaterThanOrEqual(250);
    const ids = new Set(AGENCIES.map((a) => a.id));
    expect(ids.size).toBe(AGENCIES.length);
    for (const a of AGENCIES) {
      if (a.parent) expect(ids.has(a.parent), `${a.id} → ${a.parent}`).toBe(true);
      expect(a.country).toMatch(/^(?:[A-Z]{2})$/);
      expect(a.id.startsWith(`${a.country.toLowerCase()}.`)).toBe(true);
    }
  });

  it('covers DE, AT, CH, US, GB, EU, the Five Eyes, RU and CN', () => {
    const countries = new Set(AGENCIES.map((a) => a.country));
    for (const c of ['DE', 'AT', 'CH', 'US', 'GB', 'EU', 'CA', 'AU', 'NZ', 'RU', 'CN'])
      expect(countries.has(c), c).toBe(true);
  });
});
