import { describe, expect, it } from 'vitest';
import { withValidFindings } from '../../extractors/analysis.js';
import { entity, stored } from '../fixtures/stored-documents.js';

const DE = 'Anna Meier, Chefin der Partei Hongkongs, sprach in Berlin.';
const EN = 'Jen Easterly, director of CISA, spoke in Washington.';

describe('withValidFindings', () => {
  it.each([
    [
      'an affiliation to an entity the document lost (de)',
      stored('doc_de', DE, {
        entities: [entity('person:anna meier', 'person', 'Anna Meier', 0, { affiliation: 'organization:partei' })],
      }),
      (doc: ReturnType<typeof stored>) => expect(doc.entities[0]!.affiliation).toBeNull(),
      'an affiliation or parent that names no entity of the document',
    ],
    [
      'a mention that is not the slice of its offsets (en)',
      stored('doc_en', EN, {
        entities: [
          { ...entity('agency:us.cisa', 'agency', 'CISA', 26), mentions: [{ start: 25, end: 29, text: 'CISA' }] },
        ],
      }),
      (doc: ReturnType<typeof stored>) => expect(doc.entities).toEqual([]),
      'a mention outside the text or not its slice',
    ],
    [
      'a date past the end of the text (de)',
      stored('doc_de', DE, {
        dates: [{ start: 50, end: 70, text: 'x', value: '2024', granularity: 'year', relative: false }],
      }),
      (doc: ReturnType<typeof stored>) => expect(doc.dates).toEqual([]),
      'a date outside the text or not its slice',
    ],
    [
      'a quote whose speaker is no entity of the document (en)',
      stored('doc_en', EN, {
        quotes: [
          {
            start: 0,
            end: 12,
            text: 'Jen Easterly',
            kind: 'direct',
            speaker: { key: 'person:someone else', name: 'Someone', role: null, affiliation: null, mention: null },
            cue: null,
          },
        ],
      }),
      (doc: ReturnType<typeof stored>) => expect(doc.quotes[0]!.speaker).toMatchObject({ key: null, name: 'Someone' }),
      'a speaker that names no entity of the document',
    ],
  ])('leaves out %s and says so', (_case, doc, check, why) => {
    const result = withValidFindings(doc);
    check(result.doc);
    expect(result.violations.map((v) => v.why)).toEqual([why]);
  });

  it('keeps a document whose findings hold, and a parent that is a gazetteer body above it', () => {
    const doc = stored('doc_en', EN, {
      entities: [
        entity('person:jen easterly', 'person', 'Jen Easterly', 0, { affiliation: 'agency:us.cisa' }),
        entity('agency:us.cisa', 'agency', 'CISA', 26, { parent: 'agency:us.dhs' }),
      ],
      parentBodies: [
        { key: 'agency:us.dhs', name: 'Department of Homeland Security', acronym: 'DHS', country: 'US', parent: null },
      ],
    });
    const result = withValidFindings(doc);
    expect(result.violations).toEqual([]);
    expect(result.doc).toBe(doc);
  });
});
