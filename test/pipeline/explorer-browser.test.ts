import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import type { ExportRecord } from '../../output/records.js';
import { type RunningExplorer, serveExplorer } from '../../pipeline/explorer/serve.js';
import { cli } from '../fixtures/cli.js';
import { hasProgram } from '../fixtures/shared.js';

/** Debian's chromium, driven by playwright-core (which downloads no browser of its own). */
const CHROMIUM = '/usr/bin/chromium';
const present = hasProgram('chromium', 'chromium');
/** Screenshots for a person to look at: CI keeps this folder as an artifact; nothing is committed. */
const SCREENSHOTS = join(tmpdir(), 'advisory-kb-screenshots');

const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-browser-'));
let explorer: RunningExplorer;
let browser: BrowserContext;

beforeAll(async () => {
  if (!present) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  const db = join(dir, 'kb.sqlite');
  await cli('import', join(PROJECT_ROOT, 'corpus', 'samples'), '--db', db, '--workers', '1', '--no-progress');
  explorer = await serveExplorer({ db, host: '127.0.0.1', port: 0 });
  // A fresh profile each run, so nothing a previous run left in one changes this one.
  browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await explorer?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(width: number): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  return { page, problems };
}

async function shot(page: Page, name: string, width: number) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  // Nothing wider than the window: no page scrolls sideways on a phone.
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

describe.skipIf(!present)('the explorer in Chromium', () => {
  it.each([1280, 390])(
    'searches, opens a document whose quote highlights cover exactly their offsets, follows a side link (%i px)',
    async (width) => {
      const { page, problems } = await open(width);
      await page.goto(explorer.url);
      await page.fill('input[name=q]', 'Kaspersky');
      await page.click('form.filters button');
      await page.waitForURL(/\?q=Kaspersky/);
      await shot(page, 'search', width);
      await page.click('ol.hits li:first-child h2 a');
      await page.waitForURL(/\/documents\/doc_/);
      const id = new URL(page.url()).pathname.split('/').pop()!;
      const { record } = (await (await fetch(`${explorer.url}api/documents/${id}`)).json()) as { record: ExportRecord };
      expect(record.quotes.length).toBeGreaterThan(0);
      for (const quote of record.quotes) {
        const pieces = await page.$$eval(`[data-quote~="${quote.id}"]`, (elements) =>
          elements.map((e) => ({
            text: e.textContent,
            start: e.getAttribute('data-start'),
            end: e.getAttribute('data-end'),
          })),
        );
        expect(pieces.map((p) => p.text).join('')).toBe(record.text!.slice(quote.start, quote.end));
        expect(Number(pieces[0]!.start)).toBe(quote.start);
        expect(Number(pieces.at(-1)!.end)).toBe(quote.end);
      }
      const last = record.quotes.at(-1)!;
      await page.click(`a[href="#q-${last.id}"]`);
      expect(new URL(page.url()).hash).toBe(`#q-${last.id}`);
      expect(await page.locator(`[data-quote~="${last.id}"]`).first().isVisible()).toBe(true);
      await shot(page, 'document', width);
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('opens an agency with its German and English names and draws its timeline', async () => {
    const { page, problems } = await open(1280);
    await page.goto(`${explorer.url}entities/BSI`);
    await expect(page.textContent('h1')).resolves.toContain('Bundesamt für Sicherheit in der Informationstechnik');
    expect(await page.textContent('ul.aliases')).toContain('Federal Office for Information Security');
    await page.waitForSelector('canvas#timeline[data-drawn="true"]');
    await shot(page, 'entity', 1280);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the quotes by agency', async () => {
    const { page, problems } = await open(390);
    await page.goto(`${explorer.url}quotes`);
    await page.fill('input[name=agency]', 'BSI');
    await page.click('form.filters button');
    await page.waitForURL(/agency=BSI/);
    const statements = await page.$$eval('ol.statements > li', (items) => items.length);
    expect(statements).toBeGreaterThan(0);
    await shot(page, 'quotes', 390);
    await page.goto(`${explorer.url}imports`);
    await page.click('table.runs a:has-text("imported")');
    await page.waitForURL(/status=imported/);
    await shot(page, 'imports', 390);
    expect(problems).toEqual([]);
    await page.close();
  });
});
