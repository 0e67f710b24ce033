import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MergeCandidate, mergeEntities } from '../../extractors/merge.js';

const entity = (
  id: string,
  type: MergeCandidate['type'],
  name: string,
  extra: Partial<MergeCandidate> = {},
): MergeCandidate => ({
  id,
  type,
  name,
  acronym: null,
  country: null,
  listed: false,
  documents: 1,
  ...extra,
});

/** Which names ended up together: each merged name with its cluster's canonical name and the rule that linked it. */
function merged(candidates: MergeCandidate[]): Array<[string, string, string]> {
  const name = (id: string) => candidates.find((c) => c.id === id)!.name;
  return mergeEntities(candidates).map((l) => [name(l.entityId), name(l.canonicalId), l.rule]);
}

describe('mergeEntities: one real-world entity under several keys', () => {
  it.each([
    [
      'a brand and its descriptor form (en)',
      [
        entity('a', 'organization', 'Kaspersky', { listed: true, documents: 4 }),
        entity('b', 'organization', 'Kaspersky Lab'),
      ],
      [['Kaspersky Lab', 'Kaspersky', 'company-name']],
    ],
    [
      'a brand and its descriptor form (de)',
      [entity('a', 'organization', 'Schwarz Gruppe'), entity('b', 'organization', 'Schwarz', { documents: 2 })],
      [['Schwarz Gruppe', 'Schwarz', 'company-name']],
    ],
    [
      'one legal entity punctuated two ways',
      [entity('a', 'organization', 'Kaspersky Lab, Inc.'), entity('b', 'organization', 'Kaspersky Lab Inc')],
      [['Kaspersky Lab, Inc.', 'Kaspersky Lab Inc', 'spelling']],
    ],
    [
      'one legal entity with and without its descriptor',
      [entity('a', 'organization', 'Kaspersky Lab, Inc.'), entity('b', 'organization', 'Kaspersky Inc.')],
      [['Kaspersky Lab, Inc.', 'Kaspersky Inc.', 'company-name']],
    ],
    [
      'accents dropped by an English outlet',
      [entity('a', 'person', 'Dušan Navrátil', { documents: 2 }), entity('b', 'person', 'Dusan Navratil')],
      [['Dusan Navratil', 'Dušan Navrátil', 'spelling']],
    ],
    [
      'umlauts written out',
      [entity('a', 'person', 'Arne Schönbohm', { documents: 3 }), entity('b', 'person', 'Arne Schoenbohm')],
      [['Arne Schoenbohm', 'Arne Schönbohm', 'spelling']],
    ],
    [
      'a middle initial',
      [entity('a', 'person', 'Brian E. Nelson'), entity('b', 'person', 'Brian Nelson')],
      [['Brian E. Nelson', 'Brian Nelson', 'middle-name']],
    ],
    [
      'a learned agency and the listed one with its acronym',
      [
        entity('a', 'agency', 'Cyber Security Agency of Singapore', { acronym: 'CSA', country: 'SG', listed: true }),
        entity('b', 'agency', 'Cyber Security Agency', { acronym: 'CSA', country: 'SG' }),
      ],
      [['Cyber Security Agency', 'Cyber Security Agency of Singapore', 'acronym']],
    ],
  ])('merges %s', (_, candidates, expected) => {
    expect(merged(candidates)).toEqual(expected);
  });

  it.each([
    ['two people who share a surname', [entity('a', 'person', 'Jake Sullivan'), entity('b', 'person', 'Dan Sullivan')]],
    [
      'a company and its founder',
      [entity('a', 'organization', 'Kaspersky'), entity('b', 'person', 'Eugene Kaspersky')],
    ],
    [
      'two registered companies of one group (legal forms differ)',
      [
        entity('a', 'organization', 'AO Kaspersky Lab'),
        entity('b', 'organization', 'Kaspersky Labs Limited'),
        entity('c', 'organization', 'Kaspersky Lab, Inc.'),
      ],
    ],
    [
      'a registered company and the bare brand',
      [entity('a', 'organization', 'Kaspersky'), entity('b', 'organization', 'OOO Kaspersky Group')],
    ],
    [
      'two listed agencies with one name',
      [
        entity('a', 'agency', 'Federal Office', { listed: true }),
        entity('b', 'agency', 'Federal Office', { listed: true }),
      ],
    ],
    [
      'an agency acronym in two countries',
      [
        entity('a', 'agency', 'Cyber Security Agency', { acronym: 'CSA', country: 'SG' }),
        entity('b', 'agency', 'Canadian Standards Agency', { acronym: 'CSA', country: 'CA' }),
      ],
    ],
    [
      'a bare name when two middle initials compete',
      [
        entity('a', 'person', 'Brian E. Nelson'),
        entity('b', 'person', 'Brian K. Nelson'),
        entity('c', 'person', 'Brian Nelson'),
      ],
    ],
    [
      'the same name of two types',
      [entity('a', 'location', 'Georgia', { listed: true }), entity('b', 'organization', 'Georgia')],
    ],
  ])('keeps apart %s', (_, candidates) => {
    expect(merged(candidates)).toEqual([]);
  });

  it('explains every link and names the cluster by the listed, best-attested member', () => {
    const links = mergeEntities([
      entity('x1', 'organization', 'Kaspersky Labs'),
      entity('x2', 'organization', 'Kaspersky', { listed: true }),
      entity('x3', 'organization', 'KASPERSKY LAB', { documents: 9 }),
    ]);
    expect(links.map((l) => [l.entityId, l.canonicalId, l.viaId])).toEqual([
      ['x1', 'x2', 'x2'],
      ['x3', 'x2', 'x1'],
    ]);
    expect(links[1]!.evidence).toBe(
      '"Kaspersky Labs" and "KASPERSKY LAB" are the company "kaspersky", no legal form, with descriptors such as "Lab" or "Group" left out',
    );
  });

  it('gives the same links for any order of the candidates', () => {
    const names = [
      'Kaspersky',
      'Kaspersky Lab',
      'Kaspersky Labs',
      'Gina Raimondo',
      'Gina M. Raimondo',
      'Dusan Navratil',
      'Dušan Navrátil',
      'Jake Sullivan',
      'Dan Sullivan',
    ];
    const candidates = names.map((name, i) =>
      entity(`e${i}`, /Kaspersky/.test(name) ? 'organization' : 'person', name, { documents: (i % 3) + 1 }),
    );
    const expected = mergeEntities(candidates);
    expect(expected).toHaveLength(4);
    fc.assert(
      fc.property(fc.shuffledSubarray(candidates, { minLength: candidates.length }), (shuffled) => {
        expect(mergeEntities(shuffled)).toEqual(expected);
      }),
    );
  });

  it('never links entities of different types, whatever their names', () => {
    const types = ['person', 'organization', 'agency', 'location'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.constantFrom('Kaspersky', 'Kaspersky Lab', 'Georgia', 'Gina Raimondo', 'Raimondo'),
            type: fc.constantFrom(...types),
          }),
          { maxLength: 12 },
        ),
        (list) => {
          const candidates = list.map((c, i) => entity(`e${i}`, c.type, c.name));
          const typeOf = (id: string) => candidates.find((c) => c.id === id)!.type;
          for (const link of mergeEntities(candidates)) expect(typeOf(link.entityId)).toBe(typeOf(link.canonicalId));
        },
      ),
    );
  });
});
