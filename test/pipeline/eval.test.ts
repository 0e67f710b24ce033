import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../output/records.js';
import { quoteTextsMatch, runEvaluation, scoreDocument } from '../../pipeline/eval.js';
import { DE_ADVISORY, EN_ADVISORY } from '../fixtures/documents.js';

const entity = (type: ExportRecord['entities'][number]['type'], name: string, aliases: string[] = []) => ({
  id: `ent_${name.length}${aliases.length}${type.length}`,
  type,
  name,
  aliases,
  mentions: [],
  roles: [],
  affiliation: null,
  acronym: null,
  country: null,
  parent: null,
});

const record = (overrides: Partial<ExportRecord>): ExportRecord => ({
  schemaVersion: '1',
  id: 'doc_1',
  source: { path: 'x.txt', sha256: '0'.repeat(64), format: 'text', record: null, encoding: 'utf-8' },
  sources: [],
  title: null,
  language: { code: 'de', confidence: 1 },
  paragraphs: [],
  published: null,
  duplicateOf: null,
  duplicateSimilarity: null,
  entities: [],
  dates: [],
  quotes: [],
  ...overrides,
});

describe('scoreDocument', () => {
  const gold = {
    id: 'g',
    language: 'de' as const,
    published: '2024-06-21',
    persons: [{ name: 'Gina Raimondo', aliases: ['Raimondo'] }],
    agencies: [{ name: 'Handelsministerium', aliases: ['US-Handelsministerium'] }],
    dates: [
      { text: '20. Juli', value: '2024-07-20' },
      { text: '29. September', value: '2024-09-29', unresolvable: true },
    ],
    quotes: [
      {
        speaker: 'Gina Raimondo',
        kind: 'direct' as const,
        text: 'Russland hat immer wieder gezeigt, dass es die Fähigkeit hat.',
      },
      { speaker: 'Gina Raimondo', kind: 'direct' as const, text: 'jede Option', fragment: true },
    ],
  };

  it('matches entities by any form, one to one: a split entity costs precision', () => {
    const counts = scoreDocument(
      record({
        entities: [
          entity('person', 'Gina Raimondo'),
          entity('person', 'Raimondo'),
          entity('agency', 'US-Handelsministerium'),
        ],
      }),
      gold,
    );
    expect(counts['persons']).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(counts['agencies']).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('scores dates by value and neither requires nor penalizes unresolvable ones', () => {
    const counts = scoreDocument(
      record({
        dates: [
          { text: '29. September', start: 0, end: 13, value: '2024-09-29', granularity: 'day', relative: false },
          { text: '2019', start: 0, end: 4, value: '2019', granularity: 'year', relative: false },
        ],
      }),
      gold,
    );
    expect(counts['dates']).toEqual({ tp: 0, fp: 1, fn: 1 });
  });

  it('matches quotes by words and checks the speaker through the entity', () => {
    const raimondo = entity('person', 'Gina Raimondo', ['Raimondo']);
    const counts = scoreDocument(
      record({
        entities: [raimondo],
        quotes: [
          {
            id: 'quo_1',
            kind: 'direct',
            statementId: null,
            start: 0,
            end: 1,
            text: 'Russland hat immer wieder gezeigt, dass es die Fähigkeit hat',
            speaker: { entityId: raimondo.id, name: 'Raimondo', role: null, affiliation: null, mention: null },
            cue: null,
          },
          {
            id: 'quo_2',
            kind: 'direct',
            statementId: null,
            start: 0,
            end: 1,
            text: 'jede Option',
            speaker: null,
            cue: null,
          },
          {
            id: 'quo_3',
            kind: 'direct',
            statementId: null,
            start: 0,
            end: 1,
            text: 'inakzeptables Risiko',
            speaker: null,
            cue: null,
          },
        ],
      }),
      gold,
    );
    expect(counts['quotes.direct']).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(counts['quotes.speaker']).toEqual({ tp: 1, fp: 1, fn: 0 });
  });

  it('scores language and published date as right or wrong', () => {
    const counts = scoreDocument(
      record({ language: { code: 'en', confidence: 0.9 }, published: { value: '2024-06-21', source: 'header' } }),
      gold,
    );
    expect(counts['language']).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(counts['published']).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
});

describe('quoteTextsMatch', () => {
  it.each([
    ['Wir handeln entschlossen, aber mit Augenmaß.', 'Wir handeln entschlossen aber mit Augenmaß', true],
    [
      'We will continue to use every tool at our disposal to protect the American people.',
      'We will continue to use every tool at our disposal.',
      true,
    ],
    ['This has not been an easy decision.', 'It is the right one for our national security.', false],
  ])('%j ~ %j: %s', (a, b, expected) => {
    expect(quoteTextsMatch(a, b)).toBe(expected);
  });
});

describe('runEvaluation', () => {
  it('imports a gold folder and scores language, published date and duplicate pairs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-gold-'));
    try {
      const write = (id: string, text: string, gold: object) => {
        writeFileSync(join(dir, `${id}.txt`), text);
        writeFileSync(join(dir, `${id}.json`), JSON.stringify({ id, ...gold }));
      };
      write('de-bsi', DE_ADVISORY, { language: 'de', published: '2022-03-15', near_duplicate_of: ['de-bsi-copy'] });
      write('de-bsi-copy', DE_ADVISORY, { language: 'de', published: '2022-03-15', near_duplicate_of: ['de-bsi'] });
      write('en-cisa', EN_ADVISORY, { language: 'en', published: '2024-01-19' });
      const result = await runEvaluation(dir, { workers: 0 });
      expect(result.documents).toBe(3);
      expect(result.missing).toEqual([]);
      expect(result.byLanguage['all']!['language']).toMatchObject({ tp: 3, fn: 0 });
      expect(result.byLanguage['de']!['published']).toMatchObject({ tp: 2, fn: 0 });
      expect(result.nearDuplicatePairs).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
