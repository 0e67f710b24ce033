import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIsoPrefix } from '../../corpus/normalize.js';
import { extractDates, findOwnDates } from '../../extractors/dates.js';

const values = (text: string, language: 'de' | 'en', published: string | null = '2024-06-21') =>
  extractDates(text, language, { published }).map((d) => [d.text, d.value]);

describe('extractDates: formats', () => {
  it.each([
    ['de', 'Die Frist endete am 20.06.24.', [['20.06.24', '2024-06-20']]],
    ['de', 'Die Frist endete am 20.06.2024.', [['20.06.2024', '2024-06-20']]],
    ['de', 'Veröffentlicht am 2024-06-20 in Bonn.', [['2024-06-20', '2024-06-20']]],
    ['de', 'Am 20. Juni 2024 teilte das Ministerium mit.', [['20. Juni 2024', '2024-06-20']]],
    ['de', 'Der Verkauf ist ab dem 20. Juli verboten.', [['20. Juli', '2024-07-20']]],
    ['de', 'Updates gibt es bis zum 29. September 2024.', [['29. September 2024', '2024-09-29']]],
    ['de', 'Das BSI warnte im März 2022 vor der Software.', [['März 2022', '2022-03']]],
    ['de', 'Die Verfügung stammt vom Mai 2019.', [['Mai 2019', '2019-05']]],
    ['de', 'Das Amt wurde 2017 gegründet.', [['2017', '2017']]],
    ['de', 'Die Umstellung soll bis Ende 2023 abgeschlossen sein.', [['Ende 2023', '2023']]],
    // Numbers that are no years beside a paragraph that has one: each paragraph is scanned for what it holds.
    ['de', 'Version 3.2 behebt 14 Fehler.\nDie Version erschien Mitte 2022.', [['Mitte 2022', '2022']]],
    [
      'en',
      'Build 4711 fixes 12 bugs.\nIt shipped in 2021-03, and again in mid-2022.',
      [
        ['2021-03', '2021-03'],
        ['mid-2022', '2022'],
      ],
    ],
    ['de', 'Im März legte das Amt den Bericht vor.', [['März', '2024-03']]],
    ['de', 'Die NDAA für das Jahr 2018 enthält das Verbot.', [['Jahr 2018', '2018']]],
    [
      'de',
      'Die Befugnisse stammen aus 2019, die Verfügung aus dem Mai desselben Jahres.',
      [
        ['2019', '2019'],
        ['Mai desselben Jahres', '2019-05'],
      ],
    ],
    ['en', 'The ban takes effect June 20, 2024, the agency said.', [['June 20, 2024', '2024-06-20']]],
    ['en', 'Updates end Sept. 29, the department said.', [['Sept. 29', '2024-09-29']]],
    ['en', 'The directive was issued on 20 June 2024.', [['20 June 2024', '2024-06-20']]],
    ['en', 'The agency was founded in 2017.', [['2017', '2017']]],
    ['en', 'The rollout is expected by mid-2022.', [['mid-2022', '2022']]],
    ['en', 'Exploitation began in early December 2023.', [['early December 2023', '2023-12']]],
    ['en', 'Volexity reported the intrusions on Jan. 10.', [['Jan. 10', '2024-01-10']]],
    ['en', 'It is section 1634 of the Fiscal Year 2018 act.', [['Fiscal Year 2018', '2018']]],
    ['en', 'Executive Order 13873 of May 2019 applies.', [['May 2019', '2019-05']]],
  ] as const)('%s: %s', (language, text, expected) => {
    expect(values(text, language)).toEqual(expected);
  });

  it.each([
    [
      'de',
      'Die Messe findet vom 1. bis 3. März 2024 statt.',
      [
        ['1.', '2024-03-01'],
        ['3. März 2024', '2024-03-03'],
      ],
    ],
    [
      'de',
      'Der Westfeldzug im Mai/Juni 1940 dauerte sechs Wochen.',
      [
        ['Mai', '1940-05'],
        ['Juni 1940', '1940-06'],
      ],
    ],
    [
      'en',
      'Attacks rose between June and September 2023.',
      [
        ['June', '2023-06'],
        ['September 2023', '2023-09'],
      ],
    ],
    [
      'de',
      'Der Krieg 1939/1940 und die Balkankriege 1912/13.',
      [
        ['1939', '1939'],
        ['1940', '1940'],
        ['1912', '1912'],
        ['13', '1913'],
      ],
    ],
  ] as const)('ranges yield both ends (%s): %s', (language, text, expected) => {
    expect(values(text, language)).toEqual(expected);
  });
});

describe('extractDates: not dates', () => {
  it.each([
    ['de', 'Die Sperre gilt drei Monate lang, für 30 Tage oder 24 Stunden.'],
    ['en', 'The ban lasts six months and was announced at 3:58 PM.'],
    ['en', 'Under E.O. 13873 and 15 CFR 7.103 the department acted.'],
    ['de', 'Das IT-Sicherheitsgesetz 2.0 betrifft rund 1500 Unternehmen und 38.800 Personen.'],
    ['en', 'Call 202-282-8484; the fine is $2024 or £1,700 and 2024 percent is impossible.'],
    ['en', 'The flaws CVE-2023-46805 and CVE-2024-21887 affect more than 1,700 devices.'],
    ['de', 'Nach § 2017 BSIG und Nr. 2019 der Liste.'],
    ['de', 'Die Armee griff mit 1500 Panzern an, unter den 1198 Opfern waren Zivilisten.'],
    ['en', 'Officials may 20 times consider that.'],
  ] as const)('%s: %s', (language, text) => {
    expect(values(text, language)).toEqual([]);
  });
});

describe('extractDates: anchoring', () => {
  it.each([
    [
      'de',
      'Das Ministerium teilte am Donnerstag mit, es habe gestern entschieden.',
      '2024-06-21',
      [
        ['Donnerstag', '2024-06-20', true],
        ['gestern', '2024-06-20', true],
      ],
    ],
    [
      'en',
      'The department said on Tuesday that today is the deadline.',
      '2024-06-21',
      [
        ['Tuesday', '2024-06-18', true],
        ['today', '2024-06-21', true],
      ],
    ],
    ['en', 'The agency will brief Congress next Tuesday.', '2024-06-21', [['Tuesday', '2024-06-25', true]]],
    [
      'de',
      'Im Dezember 2024 hieß es, die Frist ende am 15. Januar.',
      '2024-12-20',
      [
        ['Dezember 2024', '2024-12', false],
        ['15. Januar', '2025-01-15', false],
      ],
    ],
    ['en', 'The company said last year that it would appeal.', '2024-06-21', [['last year', '2023', true]]],
  ] as const)('%s: %s (published %s)', (language, text, published, expected) => {
    expect(extractDates(text, language, { published }).map((d) => [d.text, d.value, d.relative])).toEqual(expected);
  });

  it('leaves year-less and weekday references out when the document has no date', () => {
    expect(
      values(
        'Kaspersky darf ab dem 20. Juli nicht mehr verkaufen, teilte das Ministerium am Donnerstag mit.',
        'de',
        null,
      ),
    ).toEqual([]);
  });

  it('leaves weekdays out when the document date is only a month', () => {
    expect(values('Die Behörde teilte am Donnerstag mit, ab dem 20. Juli gelte das Verbot.', 'de', '2024-06')).toEqual([
      ['20. Juli', '2024-07-20'],
    ]);
  });

  it('anchors a year-less date to an explicit date earlier in the same paragraph when the document has no date', () => {
    expect(
      values('Am 1. März 2022 warnte das BSI; am 15. März folgte die Klage.\nAm 20. Juli geschah mehr.', 'de', null),
    ).toEqual([
      ['1. März 2022', '2022-03-01'],
      ['15. März', '2022-03-15'],
    ]);
  });

  it('reads narratives with the year of the previous mention', () => {
    const found = extractDates('Am 1. September 1939 begann der Krieg. Am 17. September folgte der Einmarsch.', 'de', {
      published: '2011-02-16',
      mode: 'narrative',
    });
    expect(found.map((d) => d.value)).toEqual(['1939-09-01', '1939-09-17']);
  });
});

describe('extractDates: properties', () => {
  it('never throws; every span slices the text to its text; every value is a valid calendar date', () => {
    const pieces = fc.constantFrom(
      '20. Juli',
      'am Donnerstag',
      '2024',
      '20.06.24',
      'Sept. 29',
      ' ',
      '\n',
      'mid-',
      'bis',
      'March 31,',
      '31. Februar',
      '1939/40',
      'heute',
      '.',
      '0',
      '9',
      'Mai desselben Jahres',
      'CVE-',
      '§',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string()), { maxLength: 12 }),
        fc.constantFrom('de', 'en'),
        fc.option(fc.constantFrom('2024-06-21', '2024-06', '2024'), { nil: null }),
        (parts, language, published) => {
          const text = parts.join(' ');
          for (const d of extractDates(text, language as 'de' | 'en', { published })) {
            expect(text.slice(d.start, d.end)).toBe(d.text);
            expect(isValidIsoPrefix(d.value)).toBe(true);
            expect(d.granularity).toBe(d.value.length === 4 ? 'year' : d.value.length === 7 ? 'month' : 'day');
          }
        },
      ),
    );
  });

  it('rejects impossible calendar days', () => {
    expect(values('Am 31. Februar 2024 und am 30.02.2023.', 'de')).toEqual([]);
  });
});

describe('findOwnDates: the dateline', () => {
  it.each([
    ['en', 'Commerce bans software\n\nWASHINGTON, D.C., June 20, 2024 — The department announced a ban.', '2024-06-20'],
    ['de', 'BSI warnt\n\nBonn, 15.03.2022 – Das Bundesamt warnt vor Kaspersky.', '2022-03-15'],
    ['en', 'CANBERRA, 24 February 2025 – The government directed entities to remove the products.', '2025-02-24'],
    ['en', 'WASHINGTON – January 19, 2024 – The agency issued a directive.', '2024-01-19'],
    ['en', 'BERLIN (AP) — June 20, 2024 — Officials said.', '2024-06-20'],
    ['en', 'Update\nSeptember 13, 2017\nThe department issued a directive.', '2017-09-13'],
    ['de', 'Die Regierung will ab dem 1. Januar 2026 kritische Teile untersagen.', null],
    ['en', 'The ban, announced on June 20, 2024, takes effect in July.', null],
  ] as const)('%s: %j → %s', (language, text, expected) => {
    expect(findOwnDates(text, language).dateline).toBe(expected);
  });
});

describe('findOwnDates: the labelled date', () => {
  it.each([
    ['de', 'Gericht bestätigt Warnung Stand: 28.04.2022 19:01 Uhr\n\nDas Gericht hat entschieden.', '2022-04-28'],
    ['de', 'Neue Regeln für Behörden\nVeröffentlicht am 3. Mai 2024\nDas Ministerium teilte mit.', '2024-05-03'],
    ['en', 'Agency bans software\nLast updated: June 21, 2024 at 9:00 a.m.\nThe department said.', '2024-06-21'],
    ['en', 'Published 14 October 2025 | The agency warned of new attacks.', '2025-10-14'],
    ['de', 'Der Stand der Technik vom 3. Mai 2024 gilt weiter.', null],
    ['en', 'The rule was updated on June 21, 2024, after the hearing.', null],
  ] as const)('%s: %j → %s', (language, text, expected) => {
    expect(findOwnDates(text, language).labelled).toBe(expected);
  });
});
