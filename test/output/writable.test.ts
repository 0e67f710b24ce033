import { describe, expect, it } from 'vitest';
import { entityId, quoteId } from '../../corpus/ids.js';
import { joinedRows, parentKeys, writableDocument } from '../../output/writable.js';
import { entity, stored } from '../fixtures/stored-documents.js';

/** A worker writes a document's findings as JSON rows; the writer joins them per table without reading them. */

const DE = stored('doc_de', 'Das BSI warnt. Präsident Claudia Plattner sagte: „Wir handeln.“', {
  entities: [
    entity('agency:de:bsi', 'agency', 'BSI', 4, {
      aliases: ['Bundesamt'],
      otherNames: ['Federal Office for Information Security'],
      parent: 'agency:de:bmi',
    }),
    entity('person:claudia plattner', 'person', 'Claudia Plattner', 25, {
      roles: ['Präsident'],
      affiliation: 'agency:de:bsi',
    }),
  ],
  dates: [{ start: 0, end: 3, text: 'Das', value: '2024-05-02', granularity: 'day', relative: true }],
  quotes: [
    {
      start: 49,
      end: 61,
      text: 'Wir handeln.',
      kind: 'direct',
      speaker: {
        key: 'person:claudia plattner',
        name: 'Claudia Plattner',
        role: null,
        affiliation: null,
        mention: { start: 25, end: 41, text: 'Claudia Plattner' },
      },
      cue: { start: 42, end: 47, text: 'sagte' },
    },
  ],
});
const EN = stored('doc_en', 'Nothing named here.');

const parse = (elements: string) => JSON.parse(`[${elements}]`) as unknown[][];

describe('writableDocument', () => {
  it('writes each table’s rows in its column order, with the ids the knowledge base uses', () => {
    const { rows } = writableDocument(DE);
    const bsi = entityId('agency:de:bsi');
    const plattner = entityId('person:claudia plattner');
    expect(parse(rows.entities).map((r) => r.slice(0, 4))).toEqual([
      [bsi, 'agency:de:bsi', 'agency', 'BSI'],
      [plattner, 'person:claudia plattner', 'person', 'Claudia Plattner'],
    ]);
    expect(parse(rows.aliases)).toEqual([
      [bsi, 'BSI'],
      [bsi, 'Bundesamt'],
      [bsi, 'Federal Office for Information Security'],
      [plattner, 'Claudia Plattner'],
    ]);
    expect(parse(rows.documentEntities)).toEqual([
      ['doc_de', bsi, '["BSI","Bundesamt"]', '[]', null],
      ['doc_de', plattner, '["Claudia Plattner"]', '["Präsident"]', bsi],
    ]);
    expect(parse(rows.mentions)).toEqual([
      ['doc_de', bsi, 4, 7, 'BSI'],
      ['doc_de', plattner, 25, 41, 'Claudia Plattner'],
    ]);
    expect(parse(rows.dates)).toEqual([['doc_de', 0, 3, 'Das', '2024-05-02', 'day', 1]]);
    expect(parse(rows.quotes)).toEqual([
      [
        quoteId('doc_de', 49, 61),
        'doc_de',
        49,
        61,
        'Wir handeln.',
        'direct',
        plattner,
        'Claudia Plattner',
        null,
        null,
        42,
        47,
        'sagte',
        25,
        41,
        'Claudia Plattner',
      ],
    ]);
    const end = DE.text.length;
    expect(parse(rows.layout)).toEqual([['doc_de', `[[0,${end},"de",1]]`, `[[0,${end}]]`]]);
    expect(parentKeys([writableDocument(DE)])).toEqual(new Map([['agency:de:bsi', 'agency:de:bmi']]));
  });

  it('leaves a table without rows empty, and joins documents’ rows into one JSON array per table', () => {
    const de = writableDocument(DE);
    const en = writableDocument(EN);
    expect(en.rows.entities).toBe('');
    expect(joinedRows([en], 'mentions')).toBe('[]');
    expect(JSON.parse(joinedRows([en, de, en], 'mentions'))).toEqual(parse(de.rows.mentions));
    expect(JSON.parse(joinedRows([de, en], 'layout')).map((r: unknown[]) => r[0])).toEqual(['doc_de', 'doc_en']);
  });
});
