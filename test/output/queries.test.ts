import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryError } from '../../output/records.js';
import { SqliteKnowledgeBase } from '../../output/sqlite/store.js';
import {
  formatDocument,
  formatEntities,
  formatEntity,
  formatQuotes,
  formatSearch,
  formatTimeline,
} from '../../pipeline/query-report.js';
import { MINHASH_NEAR_DUPLICATES } from '../../extractors/minhash.js';
import { processJob } from '../../pipeline/process.js';
import { runImport } from '../../pipeline/runner.js';
import { KNOWLEDGE_BASE_FILES } from '../fixtures/knowledge-base.js';

let dir: string;
let store: SqliteKnowledgeBase;
const files: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-queries-'));
  for (const [path, text] of Object.entries(KNOWLEDGE_BASE_FILES)) {
    const file = join(dir, 'kb', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    files.push(file);
  }
  await runImport([join(dir, 'kb')], { db: join(dir, 'kb.sqlite'), workers: 0 });
  store = await SqliteKnowledgeBase.open(join(dir, 'kb.sqlite'), { readonly: true });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything the knowledge-base level decides, by id: merges, statements, duplicate links. */
async function knowledgeBase(path: string) {
  const s = await SqliteKnowledgeBase.open(path, { readonly: true });
  const result = {
    entities: await s.db.all(
      'SELECT id, key, type, name, acronym, country, parent_id, origin FROM entities ORDER BY id',
    ),
    merges: await s.db.all('SELECT * FROM entity_merges ORDER BY entity_id'),
    statements: await s.db.all('SELECT * FROM statements ORDER BY id'),
    statementQuotes: await s.db.all('SELECT * FROM statement_quotes ORDER BY quote_id'),
    duplicates: await s.db.all('SELECT id, duplicate_of FROM documents ORDER BY id'),
  };
  await s.close();
  return result;
}

describe('the knowledge base level', () => {
  it('is the same whatever the import order, and unchanged by importing again', async () => {
    const reversed = join(dir, 'reversed.sqlite');
    for (const file of [...files].reverse()) await runImport([file], { db: reversed, workers: 0 });
    const expected = await knowledgeBase(join(dir, 'kb.sqlite'));
    expect(expected.merges).toHaveLength(1);
    expect(await knowledgeBase(reversed)).toEqual(expected);
    await runImport([join(dir, 'kb')], { db: reversed, workers: 0 });
    expect(await knowledgeBase(reversed)).toEqual(expected);
  });

  it('merges a spelling without accents into the person, and keeps two Sullivans apart', async () => {
    const people = await store.entities({ type: 'person' });
    expect(people.map((p) => [p.name, p.documents])).toEqual([
      ['Gina Raimondo', 3],
      ['Dušan Navrátil', 2],
      ['Claudia Plattner', 1],
      ['Dan Sullivan', 1],
      ['Jake Sullivan', 1],
    ]);
    const navratil = await store.entity('Dusan Navratil');
    expect(navratil.entity.name).toBe('Dušan Navrátil');
    expect(navratil.merged).toEqual([
      expect.objectContaining({ name: 'Dusan Navratil', rule: 'spelling', via: 'Dušan Navrátil' }),
    ]);
    expect(navratil.documents.map((d) => d.language).sort()).toEqual(['de', 'en']);
  });

  it('makes one statement of a quote two outlets carry, with both sources and the earliest date', async () => {
    const [german] = await store.quotes({ speaker: 'Raimondo', contains: 'Russland hat' });
    expect(german).toMatchObject({
      text: 'Russland hat immer wieder gezeigt, dass es die Fähigkeit und die Absicht hat, russische Unternehmen auszunutzen',
      speaker: { name: 'Gina Raimondo', role: 'Handelsministerin' },
      firstPublished: '2024-06-21',
    });
    expect(german!.sources.map((s) => s.path)).toEqual([
      'kb/de/usa-verbieten-kaspersky.txt',
      'kb/de/kaspersky-verbot-nutzer.txt',
    ]);
    // The English original is a translation: its own statement.
    expect((await store.quotes({ speaker: 'Gina Raimondo' })).map((q) => q.firstPublished)).toEqual([
      '2024-06-20',
      '2024-06-21',
    ]);
  });
});

describe('query functions', () => {
  it('search ranks documents by FTS5 and marks the matched words', async () => {
    const hits = await store.search('Virenschutzprogramm*', { mark: ['<b>', '</b>'] });
    expect(hits.map((h) => h.path).sort()).toEqual([
      'kb/de/kaspersky-verbot-nutzer.txt',
      'kb/de/usa-verbieten-kaspersky.txt',
    ]);
    expect(hits[0]!.snippet).toContain('<b>Virenschutzprogramme');
    expect(await store.search('behorde OR "Bundesamt für Sicherheit"')).toHaveLength(1);
    await expect(store.search('Kaspersky AND')).rejects.toThrow(QueryError);
    expect(formatSearch('Virenschutzprogramm*', hits)).toMatch(/2 documents for "Virenschutzprogramm\*"/);
  });

  it('makes a place named in German and in English documents one entity, found by either name', async () => {
    const places = await store.entities({ type: 'location' });
    const russia = places.find((p) => p.name === 'Russia')!;
    const washington = places.find((p) => p.name.startsWith('Washington'))!;
    expect([russia.documents, washington.documents]).toEqual([3, 2]);
    expect((await store.entities({ type: 'location', name: 'Russland' })).map((p) => p.id)).toEqual([russia.id]);
    const details = await store.entity(washington.id);
    expect(details.documents.map((d) => d.language).sort()).toEqual(['de', 'en']);
  });

  it('entities filters by type and by any alias, in either language', async () => {
    const [commerce] = await store.entities({ name: 'Handelsministerium' });
    expect(commerce).toMatchObject({ type: 'agency', name: 'Department of Commerce', country: 'US', documents: 2 });
    expect(formatEntities([commerce!])).toMatch(/│ agency\s+│ Department of Commerce\s+│ DOC\s+│ US\s+│ 2\s+│/);
  });

  it('entity gives aliases, roles, affiliation, documents, quotes and dates', async () => {
    const plattner = await store.entity('Plattner');
    expect(plattner.roles).toEqual([{ role: 'BSI-Präsidentin', documents: 1 }]);
    expect(plattner.affiliations).toEqual([
      expect.objectContaining({ name: 'Bundesamt für Sicherheit in der Informationstechnik' }),
    ]);
    const raimondo = await store.entity('Raimondo');
    expect(raimondo.roles.map((r) => r.role).sort()).toEqual([
      'Commerce Secretary',
      'Handelsministerin',
      'US-Handelsministerin',
    ]);
    expect(raimondo.documents.map((d) => d.published)).toEqual(['2024-06-20', '2024-06-21', '2024-06-22']);
    expect(raimondo.quotes).toHaveLength(2);
    expect(raimondo.dates).toEqual([{ value: '2024-06-20', sentences: 1 }]);
    const commerce = await store.entity('US-Handelsministerium');
    expect(commerce.aliases).toEqual(expect.arrayContaining(['Department of Commerce', 'US-Handelsministerium']));
    expect(formatEntity(raimondo)).toMatch(/^Gina Raimondo \(person\) ent_[0-9a-f]+\n3 documents/);
    await expect(store.entity('Nobody Known')).rejects.toThrow(/no entity is named "Nobody Known"/);
  });

  it('quotes filter by agency, text and date range', async () => {
    // The BSI itself ("rät dazu, die Software zu ersetzen"), its president, and an unnamed spokesperson who speaks
    // for it.
    expect((await store.quotes({ agency: 'BSI' })).map((q) => q.speaker.name).sort()).toEqual([
      'Bundesamt für Sicherheit in der Informationstechnik',
      'Claudia Plattner',
      'ein Sprecher des BSI',
    ]);
    expect((await store.quotes({ from: '2024-06-21', to: '2024-06' })).map((q) => q.firstPublished)).toEqual([
      '2024-06-21',
      '2024-06-22',
      '2024-06-22',
      '2024-06-22',
    ]);
    expect(await store.quotes({ to: '2024-06-19' })).toEqual([]);
    expect(await store.quotes({ kind: 'indirect' })).toEqual([
      expect.objectContaining({
        text: 'the ban was overdue',
        speaker: expect.objectContaining({ name: 'Dan Sullivan' }),
      }),
      expect.objectContaining({
        text: 'die Software zu ersetzen',
        speaker: expect.objectContaining({ name: 'Bundesamt für Sicherheit in der Informationstechnik' }),
      }),
    ]);
    expect(formatQuotes(await store.quotes({ agency: 'BSI', speaker: 'Plattner' }))).toMatch(
      /Claudia Plattner[\s│]+Ein übereilter Wechsel/,
    );
  });

  it('timeline lists documents, dated sentences and quotes in date order', async () => {
    const { entity, events } = await store.timeline('Gina Raimondo');
    expect(events.map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2024-06-20 document',
      '2024-06-20 sentence',
      '2024-06-20 quote',
      '2024-06-21 document',
      '2024-06-21 quote',
      '2024-06-22 document',
    ]);
    expect(events[1]!.text).toMatch(/sagte Handelsministerin Gina Raimondo am Donnerstag\.$/);
    expect(formatTimeline(entity, events)).toMatch(/2024-06-20 │ sentence/);
  });

  it('show gives a document by the end of its path, with offsets that slice its text', async () => {
    const record = await store.document('usa-verbieten-kaspersky.txt');
    expect(await store.document(record.id)).toEqual(record);
    for (const e of record.entities)
      for (const m of e.mentions) expect(record.text!.slice(m.start, m.end)).toBe(m.text);
    expect(formatDocument(record, false)).toMatch(/Gina Raimondo \[\d+–\d+\]/);
    await expect(store.document('kaspersky')).rejects.toThrow(QueryError);
  });

  it.each([
    ['de', 'usa-verbieten-kaspersky.txt', 'sagte'],
    ['en', 'commerce-kaspersky.txt', 'said'],
  ])(
    'show and export give why a quote has its speaker: the cue and the mention, as offsets (%s)',
    async (_l, path, cue) => {
      const record = await store.document(path);
      const quote = record.quotes.find((q) => q.speaker?.name === 'Gina Raimondo')!;
      expect(quote.cue).toMatchObject({ text: cue });
      expect(quote.speaker!.mention!.text).toMatch(/Raimondo$/);
      for (const evidence of [quote.cue!, quote.speaker!.mention!])
        expect(record.text!.slice(evidence.start, evidence.end)).toBe(evidence.text);
    },
  );
});

describe('queries with odd input', () => {
  it.each(['%', '_', '\\'])('take %s as the character it is, not a wildcard', async (part) => {
    expect(await store.quotes({ speaker: part })).toEqual([]);
    expect(await store.quotes({ contains: part })).toEqual([]);
    expect(await store.entities({ name: part })).toEqual([]);
    expect(await store.findEntities(part)).toEqual([]);
  });

  it('still find a name by a part of it', async () => {
    expect((await store.entities({ name: 'Raimo' })).map((e) => e.name)).toEqual(['Gina Raimondo']);
  });

  it.each([
    ['an entity', () => store.entity('')],
    ['a timeline', () => store.timeline(' ')],
    ['a document', () => store.document('')],
    ['quotes by speaker', () => store.quotes({ speaker: '' })],
    ['quotes by agency', () => store.quotes({ agency: ' ' })],
  ])('refuse an empty name for %s', async (_case, ask) => {
    await expect(ask()).rejects.toThrow(QueryError);
  });
});

describe('quotes of an import that has not completed', () => {
  it.each([
    [
      'de',
      'late.txt',
      'Berlin, 24. Juni 2024. „Wir prüfen die Lage täglich neu“, sagte Claudia Plattner am Montag.',
      'Wir prüfen',
    ],
    [
      'en',
      'late-en.txt',
      'Washington, June 24, 2024. "We review the situation daily," said Gina Raimondo on Monday.',
      'We review',
    ],
  ])(
    'are found while it runs or after it was killed, each as a statement of its own (%s)',
    async (_l, name, text, words) => {
      const path = join(dir, `unfinished-${name}.sqlite`);
      await runImport([join(dir, 'kb')], { db: path, workers: 0 });
      const writer = await SqliteKnowledgeBase.open(path, { nearDuplicates: MINHASH_NEAR_DUPLICATES });
      const runId = await writer.beginRun([name], 'test');
      const bytes = new TextEncoder().encode(text);
      const { documents, outcomes } = processJob({
        kind: 'file',
        file: { path: name, bytes, sha256: name, kind: 'text' },
      });
      await writer.writeBatch(runId, [{ documents, outcomes }]);
      await writer.close(); // killed: the run never finishes, statements are never grouped
      const reader = await SqliteKnowledgeBase.open(path, { readonly: true });
      const [late] = await reader.quotes({ contains: words });
      expect(late).toMatchObject({ kind: 'direct', sources: [{ path: name }] });
      expect(late!.text.startsWith(words)).toBe(true);
      // The statements grouped before are still there, each with its sources.
      expect((await reader.quotes({ speaker: 'Raimondo', contains: 'Russland hat' }))[0]!.sources).toHaveLength(2);
      await reader.close();
    },
  );
});
