import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { formatHtmlBenchmark, runHtmlBenchmark } from '../../pipeline/benchmarks/html.js';

const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-bench-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORY_EN =
  'The agency warned on Monday that attackers exploit a flaw in mail servers. Administrators should install the update released by the vendor and review their logs for unknown accounts created since March.';
const STORY_DE =
  'Die Behörde warnte am Montag vor Angriffen auf Mailserver über eine bekannte Lücke. Administratoren sollen das Update des Herstellers einspielen und ihre Protokolle auf unbekannte Konten prüfen.';
const MENU = '<nav><a href="/">Home</a> <a href="/news">Newsroom</a> <a href="/contact">Contact us today</a></nav>';

function folder(name: string, files: Record<string, string | Buffer>): string {
  const root = join(dir, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
const gz = (html: string) => gzipSync(Buffer.from(html));

describe('bench-html', () => {
  it("scores scrapinghub's format by 4-token shingles per page, precision and recall averaged over pages", () => {
    const root = folder('articlebody', {
      'ground-truth.json': JSON.stringify({
        exact: { articleBody: STORY_EN },
        empty: { articleBody: STORY_EN },
      }),
      'html/exact.html.gz': gz(`<html><body>${MENU}<article><p>${STORY_EN}</p></article></body></html>`),
      'html/empty.html.gz': gz('<html><body></body></html>'),
    });
    const result = runHtmlBenchmark(root);
    // The exact page: precision 1, recall 1. The empty one costs recall only (no predicted shingle).
    expect(result).toMatchObject({
      benchmark: 'articleBody',
      pages: 2,
      precision: 1,
      recall: 0.5,
      emptyPages: ['empty'],
    });
    expect(result.f1).toBeCloseTo(2 / 3, 6);
    expect(result.worst.map((w) => w.page)).toEqual(['empty', 'exact']);
  });

  it("scores trafilatura's format by snippets summed over pages, and lists the worst pages", () => {
    const root = folder('snippets', {
      'evaldata.json': JSON.stringify({
        'https://example.org/a': {
          file: 'a.html',
          with: ['Die Behörde warnte am Montag', 'ihre Protokolle auf unbekannte Konten'],
          without: ['Contact us today'],
        },
        'https://example.org/b': { file: 'b.html', with: ['nicht auf der Seite'], without: [] },
      }),
      'pages/a.html.gz': gz(`<html><body>${MENU}<main><p>${STORY_DE}</p></main></body></html>`),
      'pages/b.html.gz': gz(`<html><body><p>${STORY_DE}</p></body></html>`),
    });
    const result = runHtmlBenchmark(root);
    // tp 2 (both snippets of a), fn 1 (b's), fp 0 (the menu is gone).
    expect(result).toMatchObject({ benchmark: 'snippets', pages: 2, precision: 1, emptyPages: [] });
    expect(result.recall).toBeCloseTo(2 / 3, 6);
    expect(formatHtmlBenchmark(result)).toMatch(/^2 pages .*precision 1\.000, recall 0\.667, F1 0\.800/);
    expect(result.worst[0]!.page).toBe('b.html');
  });

  it('says what a benchmark folder must hold', () => {
    const root = folder('neither', { 'README.md': '# not a benchmark' });
    expect(() => runHtmlBenchmark(root)).toThrow(/must contain ground-truth\.json .* or evaldata\.json/);
  });
});
