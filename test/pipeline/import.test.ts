import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRecord } from '../../output/records.js';
import { SqliteKnowledgeBase } from '../../output/sqlite/store.js';
import { validateExportRecord } from '../../output/validate.js';
import { runImport } from '../../pipeline/runner.js';
import type { FileOutcome } from '../../corpus/document.js';
import {
  DE_ADVISORY,
  EN_ADVISORY,
  EN_HTML,
  JSONL_FEED,
  NEAR_DUPLICATE_BASE,
  NEAR_DUPLICATE_TRANSLATION,
} from '../fixtures/documents.js';

let dir: string;
let archive: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-test-'));
  archive = join(dir, 'archive');
  mkdirSync(join(archive, 'de'), { recursive: true });
  mkdirSync(join(archive, 'en'), { recursive: true });
  writeFileSync(join(archive, 'de', 'bsi-warnung.txt'), DE_ADVISORY);
  writeFileSync(join(archive, 'de', 'bsi-warnung-kopie.txt'), DE_ADVISORY.replace(/\n/g, '\r\n'));
  writeFileSync(join(archive, 'en', 'cisa.txt'), EN_ADVISORY);
  writeFileSync(join(archive, 'en', 'fcc.html'), EN_HTML);
  writeFileSync(join(archive, 'feed.jsonl'), JSONL_FEED);
  writeFileSync(join(archive, 'empty.txt'), '');
  writeFileSync(join(archive, 'tiny.txt'), 'Hallo');
  writeFileSync(join(archive, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x21, 0x00]));
  writeFileSync(join(archive, 'corrupt.json'), '{"text": "Die Behörde warnt", ');
  writeFileSync(join(archive, 'scan.pdf'), '%PDF-1.7');
  writeFileSync(join(archive, '.DS_Store'), 'hidden');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const db = () => join(dir, 'kb.sqlite');

async function exportAll(path: string, withText = true): Promise<ExportRecord[]> {
  const store = await SqliteKnowledgeBase.open(path, { readonly: true });
  const records: ExportRecord[] = [];
  for await (const record of store.exportRecords({ withText })) records.push(record);
  await store.close();
  return records;
}

const byPath = (outcomes: FileOutcome[]) =>
  Object.fromEntries(
    outcomes.map((o) => [
      o.record === null ? o.path : `${o.path}:${o.record}`,
      `${o.status}${o.reason ? ` ${o.reason}` : ''}`,
    ]),
  );

describe('runImport', () => {
  it('imports the good files and reports every bad one with a specific reason', async () => {
    const summary = await runImport([archive], { db: db(), workers: 0 });
    expect(byPath(summary.outcomes)).toEqual({
      'archive/binary.txt': 'skipped binary',
      'archive/corrupt.json': 'skipped json-invalid',
      'archive/de/bsi-warnung-kopie.txt': expect.stringMatching(/^(imported|duplicate exact-duplicate)$/),
      'archive/de/bsi-warnung.txt': expect.stringMatching(/^(imported|duplicate exact-duplicate)$/),
      'archive/empty.txt': 'skipped empty',
      'archive/en/cisa.txt': 'imported',
      'archive/en/fcc.html': 'imported',
      'archive/feed.jsonl:1': 'imported',
      'archive/feed.jsonl:2': 'skipped jsonl-line-invalid',
      'archive/feed.jsonl:3': 'imported',
      'archive/feed.jsonl:4': 'skipped jsonl-line-invalid',
      'archive/scan.pdf': 'skipped unsupported-format',
      'archive/tiny.txt': 'skipped empty',
    });
    expect(summary.outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(1);
    const broken = summary.outcomes.find((o) => o.path === 'archive/feed.jsonl' && o.record === 2)!;
    expect(broken.detail).toMatch(/^line 2: not valid JSON/);
  });

  it('stores the outcomes of the run in the database', async () => {
    const { runId } = await runImport([archive], { db: db(), workers: 0 });
    const store = await SqliteKnowledgeBase.open(db(), { readonly: true });
    const rows = await store.db.all<{ path: string; status: string; reason: string }>(
      "SELECT path, status, reason FROM file_outcomes WHERE run_id = ? AND status = 'skipped' ORDER BY path, record",
      [runId],
    );
    const run = await store.db.get<{ status: string }>('SELECT status FROM import_runs WHERE id = ?', [runId]);
    await store.close();
    expect(rows.map((r) => `${r.path} ${r.reason}`)).toContain('archive/binary.txt binary');
    expect(rows).toHaveLength(7);
    expect(run?.status).toBe('completed');
  });

  it('adds nothing when run again, and says the files are unchanged', async () => {
    await runImport([archive], { db: db(), workers: 0 });
    const before = await exportAll(db());
    const again = await runImport([archive], { db: db(), workers: 0 });
    expect(await exportAll(db())).toEqual(before);
    const statuses = byPath(again.outcomes);
    expect(statuses['archive/en/cisa.txt']).toBe('unchanged');
    expect(statuses['archive/feed.jsonl']).toBe('unchanged');
  });

  it('answers SQL on sentences and paragraphs as rows of their documents', async () => {
    await runImport([archive], { db: db(), workers: 0 });
    const store = await SqliteKnowledgeBase.open(db(), { readonly: true });
    const sentences = await store.db.all<{ text: string; start: number; end: number; sentence: string }>(
      `SELECT d.text, s.start, s."end", substr(d.text, s.start + 1, s."end" - s.start) AS sentence
       FROM sentences s JOIN documents d ON d.id = s.document_id WHERE d.language = 'de'`,
    );
    const paragraphs = await store.db.all<{ language: string; confidence: number }>(
      'SELECT language, confidence FROM paragraphs',
    );
    await store.close();
    expect(sentences.length).toBeGreaterThan(2);
    for (const s of sentences) {
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.sentence).toBe(s.text.slice(s.start, s.end));
      expect(s.sentence).toMatch(/^\S[\s\S]*\S$|^\S$/);
    }
    expect(sentences.map((s) => s.sentence)).toContain(
      'Bonn, 15.03.2022 – Das Bundesamt für Sicherheit in der Informationstechnik (BSI) warnt vor dem Einsatz von Virenschutzsoftware des russischen Herstellers Kaspersky.',
    );
    expect(new Set(paragraphs.map((p) => p.language))).toEqual(new Set(['de', 'en']));
    expect(paragraphs.every((p) => p.confidence > 0 && p.confidence <= 1)).toBe(true);
  });

  it('stores an exact duplicate once, with both source paths', async () => {
    await runImport([archive], { db: db(), workers: 0 });
    const records = await exportAll(db());
    const bsi = records.filter((r) => r.sources.some((s) => s.path.includes('bsi-warnung')));
    expect(bsi).toHaveLength(1);
    expect(bsi[0]!.sources.map((s) => s.path)).toEqual([
      'archive/de/bsi-warnung-kopie.txt',
      'archive/de/bsi-warnung.txt',
    ]);
    expect(bsi[0]!.source.path).toBe('archive/de/bsi-warnung-kopie.txt');
  });

  it('exports records that validate against the schema, with offsets that slice the stored text', async () => {
    await runImport([archive], { db: db(), workers: 0 });
    const records = await exportAll(db());
    expect(records).toHaveLength(5);
    for (const record of records) {
      const result = validateExportRecord(record);
      expect(result.valid ? [] : result.errors).toEqual([]);
      const text = record.text!;
      for (const p of record.paragraphs) expect(text.slice(p.start, p.end)).not.toContain('\n');
      for (const e of record.entities) for (const m of e.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
      for (const d of record.dates) expect(text.slice(d.start, d.end)).toBe(d.text);
    }
  });

  it('reads metadata, headers, languages and encodings into the record', async () => {
    await runImport([archive], { db: db(), workers: 0 });
    const records = await exportAll(db());
    const find = (part: string) => records.find((r) => r.sources.some((s) => s.path.includes(part)))!;
    expect(find('bsi-warnung').published).toEqual({ value: '2022-03-15', source: 'header' });
    expect(find('bsi-warnung').text!.startsWith('BSI warnt')).toBe(true);
    expect(find('bsi-warnung').language.code).toBe('de');
    expect(find('fcc.html')).toMatchObject({
      title: 'FCC adds Kaspersky',
      published: { value: '2022-03-25', source: 'metadata' },
      language: { code: 'en' },
    });
    expect(find('fcc.html').text).not.toContain('Home | News');
    expect(find('cisa.txt').published).toEqual({ value: '2024-01-19', source: 'text' });
    expect(find('cisa.txt').dates.map((d) => [d.text, d.value])).toEqual([
      ['January 19, 2024', '2024-01-19'],
      ['today', '2024-01-19'],
      ['January 22', '2024-01-22'],
    ]);
    expect(find('bsi-warnung').dates.map((d) => [d.text, d.value, d.relative])).toEqual([
      ['15.03.2022', '2022-03-15', false],
      ['Dienstag', '2022-03-15', true],
    ]);
    const feed = records.filter((r) => r.source.path === 'archive/feed.jsonl');
    expect(feed.map((r) => [r.source.format, r.source.record, r.language.code]).sort()).toEqual([
      ['json', 1, 'de'],
      ['json', 3, 'en'],
    ]);
  });

  it('stores agencies with their parent chain, mentioned or not', async () => {
    await runImport([join(archive, 'de')], { db: db(), workers: 0 });
    const store = await SqliteKnowledgeBase.open(db(), { readonly: true });
    const chain = await store.db.all<{ name: string; parent: string | null }>(
      `WITH RECURSIVE chain(id) AS (SELECT id FROM entities WHERE key = 'agency:de.bsi' UNION ALL SELECT e.parent_id FROM entities e JOIN chain c ON e.id = c.id WHERE e.parent_id IS NOT NULL)
       SELECT e.name, p.name AS parent FROM chain JOIN entities e ON e.id = chain.id LEFT JOIN entities p ON p.id = e.parent_id`,
    );
    await store.close();
    expect(chain).toEqual([
      {
        name: 'Bundesamt für Sicherheit in der Informationstechnik',
        parent: 'Bundesministerium des Innern und für Heimat',
      },
      { name: 'Bundesministerium des Innern und für Heimat', parent: 'Bundesregierung' },
      { name: 'Bundesregierung', parent: null },
    ]);
  });

  it('gives the same export whatever the import order', async () => {
    const files = ['de/bsi-warnung.txt', 'en/cisa.txt', 'en/fcc.html', 'feed.jsonl', 'de/bsi-warnung-kopie.txt'].map(
      (f) => join(archive, f),
    );
    await runImport(files, { db: db(), workers: 0 });
    const reversed = join(dir, 'reversed.sqlite');
    await runImport([...files].reverse(), { db: reversed, workers: 0 });
    expect(await exportAll(reversed)).toEqual(await exportAll(db()));
  });

  it('links a near duplicate to the earliest published copy whatever the import order, and leaves translations apart', async () => {
    const original = ` date 2024-07-11\n${NEAR_DUPLICATE_BASE}`;
    const rewrite = ` date 2024-07-12\nNach monatelangem Streit ist die Entscheidung gefallen. ${NEAR_DUPLICATE_BASE.replace('Die Prüfung', 'Die Telekom')}`;
    writeFileSync(join(dir, 'original.txt'), original);
    writeFileSync(join(dir, 'rewrite.txt'), rewrite);
    writeFileSync(join(dir, 'translation.txt'), NEAR_DUPLICATE_TRANSLATION);
    const files = ['original.txt', 'rewrite.txt', 'translation.txt'].map((f) => join(dir, f));
    const clusters = async (order: string[], path: string) => {
      await runImport(order, { db: path, workers: 0 });
      const records = await exportAll(path);
      const pathOf = (id: string | null) => (id === null ? null : records.find((c) => c.id === id)!.source.path);
      return Object.fromEntries(records.map((r) => [r.source.path, pathOf(r.duplicateOf)]));
    };
    const forward = await clusters(files, db());
    expect(forward).toEqual({ 'original.txt': null, 'rewrite.txt': 'original.txt', 'translation.txt': null });
    expect(await clusters([...files].reverse(), join(dir, 'reversed.sqlite'))).toEqual(forward);
  });

  it('re-points a cluster when its earliest copy arrives last, and indexes only canonical documents', async () => {
    const copies = ['2024-07-14', '2024-07-13', '2024-07-12', '2024-07-11'].map((day, i) => {
      const file = join(dir, `copy-${i}.txt`);
      writeFileSync(file, ` date ${day}\nAusgabe ${i}. ${NEAR_DUPLICATE_BASE}`);
      return file;
    });
    await runImport(copies, { db: db(), workers: 0 });
    const records = await exportAll(db());
    const earliest = records.find((r) => r.published?.value === '2024-07-11')!;
    expect(records.filter((r) => r.id !== earliest.id).map((r) => r.duplicateOf)).toEqual([
      earliest.id,
      earliest.id,
      earliest.id,
    ]);
    expect(earliest.duplicateOf).toBeNull();
    const store = await SqliteKnowledgeBase.open(db(), { readonly: true });
    const indexed = await store.db.all<{ document_id: string }>(
      'SELECT DISTINCT m.document_id FROM minhash_bands b JOIN document_minhash m ON m.seq = b.document_seq',
    );
    await store.close();
    expect(indexed.map((r) => r.document_id)).toEqual([earliest.id]);
  });

  it('reports a symbolic link loop instead of walking it forever', async () => {
    symlinkSync(join(archive, 'de'), join(archive, 'de', 'loop'));
    const summary = await runImport([archive], { db: db(), workers: 0 });
    expect(byPath(summary.outcomes)['archive/de/loop']).toBe('skipped symlink-loop');
  });

  it('reports a missing argument and imports the rest', async () => {
    const summary = await runImport([join(dir, 'nowhere'), join(archive, 'en')], { db: db(), workers: 0 });
    expect(byPath(summary.outcomes)['nowhere']).toBe('skipped not-found');
    expect(summary.outcomes.filter((o) => o.status === 'imported')).toHaveLength(2);
  });

  it('skips whole files above the size limit', async () => {
    const summary = await runImport([join(archive, 'en')], { db: db(), workers: 0, maxFileBytes: 100 });
    expect(byPath(summary.outcomes)['en/cisa.txt']).toBe('skipped too-large');
  });
});
