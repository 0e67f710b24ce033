import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import type { KnowledgeBaseReader } from '../../output/knowledge-base.js';
import { openKnowledgeBaseReader } from '../../output/open.js';
import type { DocumentPage, ExportRecord, StatementRow } from '../../output/records.js';
import { createExplorer } from '../../pipeline/explorer/app.js';
import { textBlocks, type Highlight } from '../../pipeline/explorer/highlight.js';
import { serveExplorer } from '../../pipeline/explorer/serve.js';
import { cli } from '../fixtures/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-explorer-'));
const db = join(dir, 'kb.sqlite');
/** Documents whose text and title try to break out of the page. */
const HOSTILE = join(dir, 'hostile');
const SCRIPT = '<script>alert("xss")</script>';
const ATTRIBUTE = '"><img src=x onerror=alert(1)>';

let reader: KnowledgeBaseReader;
let app: Hono;

beforeAll(async () => {
  mkdirSync(HOSTILE);
  writeFileSync(
    join(HOSTILE, 'hostile.json'),
    JSON.stringify({
      title: `Warnung ${ATTRIBUTE}`,
      date: '2024-05-02',
      text: `Das BSI warnte am Donnerstag vor einer Lücke. ${SCRIPT} „Bitte sofort patchen“, sagte BSI-Präsidentin Claudia Plattner. Angreifer nutzten ${ATTRIBUTE} aus.`,
    }),
  );
  await cli('import', join(PROJECT_ROOT, 'corpus', 'samples'), HOSTILE, '--db', db, '--workers', '1', '--no-progress');
  reader = await openKnowledgeBaseReader(db);
  app = createExplorer(reader);
}, 120_000);
afterAll(async () => {
  await reader.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string) => app.request(path);
const json = async <T>(path: string): Promise<T> => (await (await get(path)).json()) as T;

describe('the explorer', () => {
  it.each([
    ['/', 'Search the documents'],
    ['/?q=Kaspersky', 'match'],
    ['/quotes', 'Who said what'],
    ['/imports', 'Imports'],
  ])('serves %s as a page with a Content-Security-Policy that allows only its own scripts', async (path, heading) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain(heading);
  });

  it('searches hyphenated German compounds unquoted, folds copies, and pages through the hits', async () => {
    const all = await json<DocumentPage>('/api/search?q=Kaspersky');
    expect(all.total).toBeGreaterThan(2);
    expect(all.hits.every((h) => h.duplicateOf === null)).toBe(true);
    const second = await json<DocumentPage>('/api/search?q=Kaspersky&limit=1&offset=1');
    expect(second.hits.map((h) => h.id)).toEqual([all.hits[1]!.id]);
    const page = await (await get('/?q=Kaspersky&limit=1')).text();
    expect(page).toContain('rel="next" href="/?q=Kaspersky&amp;offset=1"');
    expect((await json<DocumentPage>('/api/search?q=US-Regierung')).total).toBeGreaterThan(0);
  });

  it('filters by language, date range, entity and agency', async () => {
    const german = await json<DocumentPage>('/api/search?lang=de&limit=100');
    expect(german.hits.length).toBeGreaterThan(0);
    expect(german.hits.every((h) => h.language === 'de')).toBe(true);
    const june = await json<DocumentPage>('/api/search?from=2024-06&to=2024-06&limit=100');
    expect(june.hits.every((h) => h.published?.startsWith('2024-06'))).toBe(true);
    const raimondo = await json<DocumentPage>('/api/search?entity=Gina%20Raimondo&limit=100');
    const bsi = await json<DocumentPage>('/api/search?agency=BSI&limit=100');
    expect(raimondo.total).toBeGreaterThan(0);
    expect(bsi.total).toBeGreaterThan(0);
    for (const hit of raimondo.hits) {
      const record = await json<{ record: ExportRecord }>(`/api/documents/${hit.id}`);
      expect(record.record.entities.some((e) => e.name === 'Gina Raimondo')).toBe(true);
    }
  });

  it.each([
    ['/?q=%22unterminated', '/api/search?q=%22unterminated', 400, 'cannot search for'],
    ['/?from=2024-13-45', '/api/search?from=2024-13-45', 400, 'is not a date of the calendar'],
    ['/?offset=abc', '/api/search?offset=abc', 400, 'offset must be a whole number'],
    ['/quotes?kind=loud', '/api/quotes?kind=loud', 400, 'kind must be one of direct, indirect'],
    ['/documents/doc_0000', '/api/documents/doc_0000', 404, 'no document has the id'],
    ['/entities/Nobody%20Atall', '/api/entities/Nobody%20Atall', 404, 'no entity is named'],
    ['/imports/999', '/api/imports/999', 404, 'no import has the number 999'],
    ['/no/such/page', '/api/no/such/page', 404, 'nothing is at'],
  ])('answers %s (and %s) with %i and says why, never a 500', async (path, api, status, message) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(message);
    const answer = await get(api);
    expect(answer.status).toBe(status);
    expect(await answer.text()).toContain(message);
  });

  it('shows document texts, titles and quotes as text: markup in them never becomes markup', async () => {
    const [hit] = (await json<DocumentPage>('/api/search?q=patchen')).hits;
    const page = await (await get(`/documents/${hit!.id}`)).text();
    expect(page).not.toContain(SCRIPT);
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    const search = await (await get('/?q=patchen')).text();
    expect(search).not.toContain('<img src=x');
    expect(search).toContain('Warnung &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it("highlights every quote exactly over its offsets, and lists the document's context", async () => {
    const [hit] = (await json<DocumentPage>('/api/search?q=Raimondo&lang=de')).hits;
    const { record, context } = await json<{ record: ExportRecord; context: { outcomes: unknown[] } }>(
      `/api/documents/${hit!.id}`,
    );
    expect(record.quotes.length).toBeGreaterThan(0);
    expect(context.outcomes.length).toBeGreaterThan(0);
    const page = await (await get(`/documents/${hit!.id}`)).text();
    for (const quote of record.quotes) {
      // Pieces carry every quote that covers them (a direct quote nested in reported speech carries both).
      const pieces = [
        ...page.matchAll(
          new RegExp(`data-start="(\\d+)" data-end="(\\d+)"[^>]*data-quote="(?:[^"]* )?${quote.id}(?: [^"]*)?"`, 'g'),
        ),
      ].map((m) => [Number(m[1]), Number(m[2])] as const);
      expect(pieces.length).toBeGreaterThan(0);
      expect(pieces[0]![0]).toBe(quote.start);
      expect(pieces.at(-1)![1]).toBe(quote.end);
      // One run of pieces, end to start: no piece of the quote left out.
      for (let i = 1; i < pieces.length; i++) expect(pieces[i]![0]).toBe(pieces[i - 1]![1]);
      expect(page).toContain(`id="q-${quote.id}"`);
      expect(page).toContain(`href="#q-${quote.id}"`);
    }
  });

  it('shows an entity with its German and English names, merged variants, timeline data and neighbours', async () => {
    const { details, timeline, together } = await json<{
      details: { entity: { id: string; name: string }; aliases: string[] };
      timeline: { months: string[]; series: Record<string, number[]> };
      together: Array<{ shared: number }>;
    }>('/api/entities/BSI');
    expect(details.entity.name).toBe('Bundesamt für Sicherheit in der Informationstechnik');
    expect(details.aliases).toContain('Federal Office for Information Security');
    expect(timeline.months.length).toBeGreaterThan(0);
    expect(timeline.series['document']!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(together.length).toBeGreaterThan(0);
    const page = await (await get(`/entities/${details.entity.id}`)).text();
    expect(page).toContain('id="timeline-data"');
    expect(page).toContain('Federal Office for Information Security');
  });

  it.each(['BSI', 'Gina Raimondo', 'Kaspersky'])(
    "counts %s's timeline per month as the timeline command lists its events",
    async (name) => {
      const { entity, events } = await reader.timeline(name);
      const counts = await reader.timelineCounts(entity.id);
      const expected: Record<string, Record<string, number>> = {};
      for (const e of events) {
        const month = e.date.slice(0, 7);
        expected[month] ??= { document: 0, sentence: 0, quote: 0 };
        expected[month]![e.kind]!++;
      }
      expect(counts.months).toEqual(Object.keys(expected).sort());
      for (const kind of ['document', 'sentence', 'quote'] as const)
        expect(counts.series[kind]).toEqual(counts.months.map((m) => expected[m]![kind]));
    },
  );

  it('lists quotes by agency, newest or oldest first, a page at a time', async () => {
    const { statements } = await json<{ statements: StatementRow[] }>('/api/quotes?agency=BSI&limit=100');
    expect(statements.length).toBeGreaterThan(0);
    const newest = await json<{ statements: StatementRow[]; hasMore: boolean }>('/api/quotes?sort=-date&limit=1');
    const oldest = await json<{ statements: StatementRow[]; hasMore: boolean }>('/api/quotes?sort=date&limit=1');
    expect(newest.hasMore).toBe(true);
    expect(newest.statements[0]!.firstPublished! >= oldest.statements[0]!.firstPublished!).toBe(true);
  });

  it('lists the imports with their outcomes by status', async () => {
    const runs = await json<Array<{ run: { id: number }; counts: Record<string, number> }>>('/api/imports');
    expect(runs[0]!.counts['imported']).toBeGreaterThan(0);
    const page = await json<{ total: number; outcomes: Array<{ status: string }> }>(
      `/api/imports/${runs[0]!.run.id}?status=imported&limit=2`,
    );
    expect(page.total).toBe(runs[0]!.counts['imported']);
    expect(page.outcomes).toHaveLength(2);
    expect(page.outcomes.every((o) => o.status === 'imported')).toBe(true);
  });

  it('serves its own assets and nothing from elsewhere', async () => {
    for (const asset of ['explorer.css', 'explorer.js', 'chart.umd.min.js'])
      expect((await get(`/assets/${asset}`)).status).toBe(200);
    expect((await get('/assets/..%2Fpackage.json')).status).toBe(404);
    const page = await (await get('/entities/BSI')).text();
    expect(page).not.toMatch(/(src|href)="https?:/);
  });

  it('listens where it is told, reads without writing, and stops cleanly', async () => {
    const before = readFileSync(db);
    const explorer = await serveExplorer({ db, host: '127.0.0.1', port: 0 });
    expect(explorer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(`${explorer.url}?q=Kaspersky`)).status).toBe(200);
    await explorer.close();
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('says which port is taken instead of failing with a stack trace', async () => {
    const first = await serveExplorer({ db, host: '127.0.0.1', port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(serveExplorer({ db, host: '127.0.0.1', port })).rejects.toThrow(
      `port ${port} on 127.0.0.1 is in use: choose another with --port`,
    );
    await first.close();
  });
});

describe('textBlocks', () => {
  const highlight = (start: number, end: number, kind: string): Highlight => ({
    start,
    end,
    kind,
    anchor: `${kind}-${start}`,
    data: { [kind]: String(start) },
    label: kind,
  });

  it.each([
    ['de', '„Die Lage ist ernst“, sagte Nancy Faeser.\n\nSie warnte.', [0, 20, 'quote'], [27, 39, 'person']],
    ['en', '"The risk is real," said Gina Raimondo.\n\nShe added more.', [0, 19, 'quote'], [25, 38, 'person']],
  ] as const)('cuts %s text where highlights and paragraphs begin and end', (_lang, text, quote, person) => {
    const paragraphs = [
      { start: 0, end: text.indexOf('\n'), language: 'de' },
      { start: text.lastIndexOf('\n') + 1, end: text.length, language: 'de' },
    ];
    const blocks = textBlocks(text, paragraphs, [
      highlight(quote[0], quote[1], quote[2]),
      highlight(person[0], person[1], person[2]),
    ]);
    expect(blocks.map((b) => b.language)).toEqual(['de', null, 'de']);
    const pieces = blocks.flatMap((b) => b.pieces);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.highlights.some((h) => h.kind === 'person')).map((p) => p.text)).toEqual([
      text.slice(person[0], person[1]),
    ]);
  });

  it('keeps the text whole and each highlight exactly its slice, however highlights and paragraphs overlap', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 4 }),
        (text, spans, paras) => {
          const clamp = ([a, b]: [number, number]) => [
            Math.min(a, b, text.length),
            Math.min(Math.max(a, b), text.length),
          ];
          const highlights = spans.map(clamp).map(([s, e], i) => ({ ...highlight(s!, e!, 'quote'), anchor: `a${i}` }));
          const paragraphs = paras
            .map(clamp)
            .sort((a, b) => a[0]! - b[0]!)
            .filter((p, i, all) => i === 0 || p[0]! >= all[i - 1]![1]!)
            .map(([start, end]) => ({ start: start!, end: end!, language: 'en' }));
          const pieces = textBlocks(text, paragraphs, highlights).flatMap((b) => b.pieces);
          expect(pieces.map((p) => p.text).join('')).toBe(text);
          for (const h of highlights.filter((x) => x.end > x.start)) {
            const covered = pieces.filter((p) => p.highlights.includes(h));
            expect(covered.map((p) => p.text).join('')).toBe(text.slice(h.start, h.end));
            expect(covered.filter((p) => p.anchors.includes(h.anchor))).toHaveLength(1);
          }
        },
      ),
    );
  });
});
