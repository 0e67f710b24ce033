import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractAgencies } from '../../extractors/agencies.js';
import { type EntityFinding, resolveEntities } from '../../extractors/entities.js';
import { entity } from '../fixtures/stored-documents.js';
import { extractLocations } from '../../extractors/locations.js';
import { extractOrganizations } from '../../extractors/organizations.js';
import { extractPersons } from '../../extractors/persons.js';
import { tokenize } from '../../extractors/phrases.js';
import type { LanguageCode } from '../../corpus/document.js';

/** The entity stages as the pipeline chains them, on one text. */
function entities(text: string, language: LanguageCode): EntityFinding[] {
  const tokens = tokenize(text);
  const agencies = extractAgencies(text, language, tokens);
  const organizations = extractOrganizations(text, tokens, language, agencies);
  const persons = extractPersons(text, tokens, [...agencies, ...organizations]);
  return resolveEntities([agencies, organizations, persons, extractLocations(text, tokens)]);
}
const ofType = (text: string, language: LanguageCode, type: EntityFinding['type']) =>
  entities(text, language).filter((e) => e.type === type);
const names = (text: string, language: LanguageCode, type: EntityFinding['type']) =>
  ofType(text, language, type).map((e) => e.name);

describe('persons', () => {
  it.each([
    [
      'de',
      'after a role',
      'US-Handelsministerin Gina Raimondo kündigte das Verbot an.',
      'Gina Raimondo',
      'US-Handelsministerin',
    ],
    [
      'en',
      'after a role',
      'Commerce Secretary Gina Raimondo announced the ban on Thursday.',
      'Gina Raimondo',
      'Commerce Secretary',
    ],
    [
      'de',
      'after a compound role',
      'BSI-Präsident Arne Schönbohm warnte vor dem Einsatz.',
      'Arne Schönbohm',
      'BSI-Präsident',
    ],
    [
      'en',
      'after a lowercase role',
      'The foreign ministry spokeswoman Hua Lanying rejected the claims.',
      'Hua Lanying',
      'spokeswoman',
    ],
    [
      'de',
      'before an apposition',
      'Das sagte Ian Levy, Technical Director des NCSC, am Montag.',
      'Ian Levy',
      'Technical Director des NCSC',
    ],
    [
      'en',
      'with a middle initial',
      'Secretary Alejandro N. Mayorkas signed the directive.',
      'Alejandro N. Mayorkas',
      'Secretary',
    ],
    [
      'de',
      'after the role and a comma',
      'Das erklärte der Vizepräsident des Bundesamtes für Verfassungsschutz, Sinan Selen, in Berlin.',
      'Sinan Selen',
      'Vizepräsident des Bundesamtes für Verfassungsschutz',
    ],
  ])('%s: finds a name %s and keeps the role', (language, _case, text, name, role) => {
    const person = ofType(text, language as LanguageCode, 'person').find((p) => p.name === name);
    expect(person?.roles).toContain(role);
  });

  it.each([
    [
      'de',
      'Gina Raimondo sprach in Washington. Frau Raimondo betonte später, Raimondos Sprecher habe recht.',
      ['Gina Raimondo', 'Raimondo', 'Raimondos'],
    ],
    [
      'en',
      'Gina Raimondo spoke in Washington. Later, Raimondo said the rule was final, and Ms. Raimondo left.',
      ['Gina Raimondo', 'Raimondo', 'Raimondo'],
    ],
  ])('%s: resolves later short mentions to the full name', (language, text, mentions) => {
    const persons = ofType(text, language as LanguageCode, 'person');
    expect(persons.map((p) => p.name)).toEqual(['Gina Raimondo']);
    expect(persons[0]!.mentions.map((m) => m.text)).toEqual(mentions);
  });

  it('states the agency a role names as the affiliation', () => {
    const text = 'Ciaran Martin, Chief Executive des britischen NCSC, sagte am Freitag, die Behörde prüfe den Fall.';
    const [person] = ofType(text, 'de', 'person');
    expect(person).toMatchObject({
      name: 'Ciaran Martin',
      roles: ['Chief Executive des britischen NCSC'],
      affiliation: 'agency:gb.ncsc',
    });
  });

  it.each([
    [
      'de',
      'Die Handelsministerin und die Sicherheitswarnung des Amtes betreffen Millionen Nutzer. Ein Beamter des Ministeriums sagte, er sei besorgt.',
    ],
    [
      'en',
      'The Commerce Secretary said she was concerned. An official of the department told reporters it was final. Will Russia respond?',
    ],
    ['de', 'Nach Angaben der Behörde Cyber- und Informationssicherheit ist die Lage ernst.'],
    ['en', 'Treasury Sanctions Kaspersky Lab Leadership'],
    ['en', 'The briefing was given by the Executive Assistant Director for Cybersecurity at CISA.'],
  ])('%s: finds no person in compounds, roles alone, pronouns and unnamed officials', (language, text) => {
    expect(names(text, language as LanguageCode, 'person')).toEqual([]);
  });

  it('keeps two people of one surname apart, each short mention with the nearest full name before it', () => {
    const text =
      'Anna Weber leitet das Referat. Später kam Thomas Weber hinzu. Weber sagte, das Referat sei überlastet.';
    const persons = ofType(text, 'de', 'person');
    expect(persons.map((p) => p.name)).toEqual(['Anna Weber', 'Thomas Weber']);
    expect(persons[1]!.mentions.map((m) => m.text)).toEqual(['Thomas Weber', 'Weber']);
  });
});

describe('persons cued by kinship', () => {
  it.each([
    ['de', 'Die Firma gehört heute Brians Sohn Murchad und seiner Tante Cilli.'],
    ['en', 'The firm now belongs to his son Murchad and to his aunt Cilli.'],
  ])('%s: a kinship noun before a name makes it a person, with no role', (language, text) => {
    expect(ofType(text, language as LanguageCode, 'person').map((p) => [p.name, p.roles])).toEqual([
      ['Murchad', []],
      ['Cilli', []],
    ]);
  });
});

describe('organizations', () => {
  it.each([
    ['de', 'Die Muster Datensysteme GmbH aus Bonn hat die Lücke gemeldet.', 'Muster Datensysteme GmbH'],
    ['en', 'The notice names Kaspersky Labs Limited, a UK holding company.', 'Kaspersky Labs Limited'],
    ['en', 'It also covers AO Kaspersky Lab in Moscow.', 'AO Kaspersky Lab'],
    ['en', 'The rule reaches Kaspersky Lab, Inc. and its affiliates.', 'Kaspersky Lab, Inc.'],
    ['en', 'The order names firms in Russia and Kaspersky Labs Limited in the UK.', 'Kaspersky Labs Limited'],
  ])('%s: a legal form makes a company: %s', (language, text, name) => {
    expect(names(text, language as LanguageCode, 'organization')).toContain(name);
  });

  it.each([
    ['de', 'BASF und Toyota meldeten Gewinne; Cloudflares Netz blieb stabil.', ['BASF', 'Cloudflare']],
    ['en', 'Cloudflare and the Associated Press reported the outage.', ['Cloudflare', 'Associated Press']],
    ['de', 'Das Amt warnt; die Uhr besteht aus zwei Spiegeln, und Astro kam mit.', []],
    ['en', 'Ups and downs followed, and Astro left.', []],
  ])('%s: knows the organizations compromise knows, as names are written: %s', (language, text, expected) => {
    expect(names(text, language as LanguageCode, 'organization')).toEqual(expected);
  });

  it.each([
    ['de', 'Die Abgeordneten der UMP stimmten zu, der DRB widersprach, und die UMP blieb dabei.', ['UMP', 'DRB']],
    ['de', 'Die IT der Behörde, die USA und die UMP-Politiker in Bonn; der KV Botnet-Fall ruht.', []],
    ['en', 'The NDAA and the BOD bar the software; the UMP did not comment.', []],
  ])(
    '%s: an acronym after an article names a body where the language writes them so: %s',
    (language, text, expected) => {
      expect(names(text, language as LanguageCode, 'organization')).toEqual(expected);
    },
  );

  it.each([
    [
      'en',
      'The list adds China Telecom (Americas) Corp [0728.HK], Norda Networks (NRDA.O) and Volt Hosting Co for now.',
      ['China Telecom (Americas) Corp', 'Norda Networks', 'Volt Hosting Co'],
    ],
    [
      'de',
      'Betroffen sind Helvetia Datensysteme [HDSG.S] und die Muster Cloud (Europa) GmbH; der Code 000063.SZ nennt keine Zeitung.',
      ['Helvetia Datensysteme', 'Muster Cloud (Europa) GmbH'],
    ],
  ])(
    '%s: reads a company from its stock ticker and its legal name with a bracketed part',
    (language, text, expected) => {
      expect(names(text, language as LanguageCode, 'organization')).toEqual(expected);
    },
  );

  it.each([
    [
      'de',
      'Das Amt warnt vor der Lücke.\nFoto: Anna Beispiel/EPA-EFE\nQuelle: Keystone-SDA\nBild: Wie die Angreifer vorgingen',
      ['EPA-EFE', 'Keystone-SDA'],
    ],
    [
      'en',
      'The agency warned of the flaw.\nPhoto: Getty Images\nSource: the agency itself\nPhoto: John Example',
      ['Getty Images'],
    ],
  ])('%s: reads the agencies of a credit line, not its photographer or a caption', (language, text, expected) => {
    expect(
      entities(text, language as LanguageCode)
        .filter((e) => e.type !== 'person')
        .map((e) => e.name),
    ).toEqual(expected);
  });

  it.each([
    [
      'de',
      'Die Verbraucherzentrale Nordrhein-Westfalen und die Medizinische Hochschule Hannover warnen; Cooper Berlin nicht.',
      ['Verbraucherzentrale Nordrhein-Westfalen', 'Medizinische Hochschule Hannover'],
    ],
    [
      'en',
      'Researchers at Trinity College Dublin and the Mercy Hospital Cork agreed; Cooper London did not.',
      ['Trinity College Dublin', 'Mercy Hospital Cork'],
    ],
  ])('%s: reads a body named by its seat, over the place', (language, text, expected) => {
    expect(names(text, language as LanguageCode, 'organization')).toEqual(expected);
  });

  it('gives a bare name to the company named with its legal form, one entity', () => {
    const text =
      'Kaspersky Lab, Inc. ist betroffen. Kaspersky Lab bestreitet die Vorwürfe, und Kaspersky kündigte Widerspruch an.';
    const orgs = ofType(text, 'de', 'organization');
    expect(orgs.map((o) => o.name)).toEqual(['Kaspersky Lab, Inc.']);
    expect(orgs[0]!.mentions.map((m) => m.text)).toEqual(['Kaspersky Lab, Inc.', 'Kaspersky Lab', 'Kaspersky']);
  });

  it.each([
    [
      'de',
      'Der Softwarehersteller Norda Secure und der Netzbetreiber Telekom reagierten.',
      ['Norda Secure', 'Deutsche Telekom'],
    ],
    [
      'en',
      'The hacking group Volt Typhoon used routers, according to the cybersecurity firm Mandiant.',
      ['Volt Typhoon', 'Mandiant'],
    ],
    [
      'de',
      'Die Allianz für Sicherheit in der Wirtschaft (ASW) lud ein; die ASW vertritt Unternehmen.',
      ['Allianz für Sicherheit in der Wirtschaft'],
    ],
    ['en', 'The National Defense Authorization Act (NDAA) bans the software.', []],
  ])(
    '%s: learns organizations from cue nouns, threat-actor names and definitions, not laws',
    (language, text, expected) => {
      expect(names(text, language as LanguageCode, 'organization')).toEqual(expected);
    },
  );
});

describe('locations', () => {
  it('maps a country named in German and in English to one entity', () => {
    const de = ofType('Die Lage in Russland ist angespannt; die Wirtschaft Russlands schrumpft.', 'de', 'location');
    const en = ofType('Russia responded, and the embassy of Russia stayed silent.', 'en', 'location');
    expect(de.map((l) => l.key)).toEqual(['location:country:RU']);
    expect(en.map((l) => l.key)).toEqual(['location:country:RU']);
    expect(de[0]!.name).toBe('Russia');
    expect(de[0]!.aliases).toEqual(['Russland', 'Russlands']);
  });

  it.each([
    ['de', 'Die russische Software und das russische Unternehmen stehen in der Kritik; die US-Regierung handelt.'],
    ['en', 'Russian software and U.S. officials are in the news; a British company and UK authorities agreed.'],
  ])('%s: finds no location in adjectives and compounds', (language, text) => {
    expect(names(text, language as LanguageCode, 'location')).toEqual([]);
  });

  it.each([
    [
      'de',
      'Die Festnahmen erfolgten in Düsseldorf und Bad Homburg, nicht in Moskau.',
      ['Düsseldorf', 'Bad Homburg vor der Höhe', 'Moscow'],
    ],
    [
      'en',
      'WASHINGTON, D.C. The agency said the servers were in the U.S. and in Kyiv.',
      ['Washington, D.C.', 'United States', 'Kyiv'],
    ],
    ['de', 'Der Laden liegt in Eichstätt an der Pestalozzistraße; Essen ist teuer.', ['Eichstätt', 'Pestalozzistraße']],
  ])('%s: finds cities, exonyms, datelines and smaller places after prepositions', (language, text, expected) => {
    expect(names(text, language as LanguageCode, 'location')).toEqual(expected);
  });

  it.each([
    ['de', 'London wirft Peking Spionage vor; Peking weist das zurück.', ['London', 'Beijing']],
    ['en', 'Moscow denied it, and Washington announced new sanctions.', ['Moscow', 'Washington, D.C.']],
  ])(
    '%s: finds a capital that stands for its government, with no preposition before it',
    (language, text, expected) => {
      expect(names(text, language as LanguageCode, 'location')).toEqual(expected);
    },
  );
});

describe('resolveEntities', () => {
  it('gives contested characters to the longer span, then to the listed name', () => {
    const text =
      'Das Hasso-Plattner-Institut und die Verbraucherzentrale Nordrhein-Westfalen warnen; die reichste Frau Frankreichs schweigt.';
    const found = entities(text, 'de');
    expect(found.map((e) => `${e.type}:${e.name}`)).toEqual([
      'organization:Hasso-Plattner-Institut',
      'organization:Verbraucherzentrale Nordrhein-Westfalen',
      'location:France',
    ]);
  });

  it.each([
    ['de', 'Anna Meier, Chefin der Partei Hongkongs, sprach.', 'Partei Hongkongs', 'Hongkongs'],
    ['en', 'Anna Meier, head of the Hong Kong party, spoke.', 'Hong Kong party', 'Hong Kong'],
  ])('drops the affiliation to a body whose every mention another reading won (%s)', (_l, text, body, place) => {
    const at = (phrase: string) => ({
      start: text.indexOf(phrase),
      end: text.indexOf(phrase) + phrase.length,
      text: phrase,
    });
    const person = entity('person:anna meier', 'person', 'Anna Meier', 0, { affiliation: 'organization:x' });
    // The organization was read from the place's words alone; the place is listed, so it wins them.
    const organization = entity('organization:x', 'organization', body, 0, {
      mentions: [at(place)],
      origin: 'pattern',
    });
    const location = entity('location:hk', 'location', 'Hong Kong', 0, { mentions: [at(place)] });
    const resolved = resolveEntities([[organization], [person], [location]]);
    expect(resolved.map((e) => e.key)).toEqual(['person:anna meier', 'location:hk']);
    expect(resolved[0]!.affiliation).toBeNull();
  });

  it('returns mentions that slice the text, sorted and non-overlapping, for any text', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'Gina',
            'Raimondo',
            'BSI',
            'Kaspersky',
            'GmbH',
            'in',
            'Berlin',
            'Russland',
            ',',
            '.',
            'sagte',
            'Frau',
            'the',
            'Inc.',
            '„',
            '“',
            '-',
            '\n',
          ),
        ),
        (words) => {
          const text = words.join(' ');
          const all = entities(text, 'de').flatMap((e) => e.mentions);
          for (const m of all) expect(text.slice(m.start, m.end)).toBe(m.text);
          const sorted = [...all].sort((a, b) => a.start - b.start);
          for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
        },
      ),
      { numRuns: 200 },
    );
  });
});
