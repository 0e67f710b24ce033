import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../../corpus/decode.js';
import { extractHtml } from '../../corpus/loaders/html.js';
import { CommandError } from '../command-error.js';

/** How one page scored, for the worst-pages list. */
export interface HtmlPageScore {
  page: string;
  precision: number;
  recall: number;
  f1: number;
  /** Characters of main text the loader kept. */
  chars: number;
}

/** Main-text extraction figures on one benchmark folder. */
export interface HtmlBenchmarkResult {
  benchmark: 'articleBody' | 'snippets';
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  /** Pages whose extracted text is empty although the ground truth has text. */
  emptyPages: string[];
  worst: HtmlPageScore[];
  /** Mean extraction time per page, in milliseconds (decoding excluded). */
  msPerPage: number;
}

/** A page as the loader reads it: decoded from its gzip bytes as an import decodes an `.html` file. */
function readPage(path: string): string {
  const decoded = decodeBytes(gunzipSync(readFileSync(path)), { html: true });
  return decoded.ok ? decoded.text : '';
}

function harmonic(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Word tokens with case kept, as Python's Unicode `\w+` finds them. */
function wordTokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
}

/** Multiset of 4-token shingles; a text shorter than four tokens is one shingle of what it has. */
function shingles(text: string): Map<string, number> {
  const tokens = wordTokens(text);
  const counts = new Map<string, number>();
  const n = 4;
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  if (tokens.length > 0 && tokens.length < n) add(tokens.join(' '));
  for (let i = 0; i + n <= tokens.length; i++) add(tokens.slice(i, i + n).join(' '));
  return counts;
}

/** Per-page shingle overlap of the article-extraction benchmark: tp, fp and fn normalised to sum to one. */
function shingleMatch(gold: string, predicted: string): { tp: number; fp: number; fn: number } {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...g.keys(), ...p.keys()])) {
    const gc = g.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(gc, pc);
    fp += Math.max(0, pc - gc);
    fn += Math.max(0, gc - pc);
  }
  const sum = tp + fp + fn;
  return sum === 0 ? { tp, fp, fn } : { tp: tp / sum, fp: fp / sum, fn: fn / sum };
}

function timed<T>(clock: { ms: number }, run: () => T): T {
  const start = performance.now();
  const result = run();
  clock.ms += performance.now() - start;
  return result;
}

/**
 * scrapinghub's article-extraction benchmark: ground-truth.json holds each page's `articleBody`; precision is averaged
 * over pages with any predicted shingle, recall over pages with any gold shingle.
 */
function runArticleBodyBenchmark(folder: string): HtmlBenchmarkResult {
  const truth = JSON.parse(readFileSync(join(folder, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody?: string }
  >;
  const clock = { ms: 0 };
  const scores: HtmlPageScore[] = [];
  const emptyPages: string[] = [];
  let precisionSum = 0;
  let precisionPages = 0;
  let recallSum = 0;
  let recallPages = 0;
  const ids = Object.keys(truth).sort();
  for (const id of ids) {
    const html = readPage(join(folder, 'html', `${id}.html.gz`));
    const body = timed(clock, () => extractHtml(html).body);
    const gold = truth[id]!.articleBody ?? '';
    const { tp, fp, fn } = shingleMatch(gold, body);
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    if (tp + fp > 0) ((precisionSum += precision), precisionPages++);
    if (tp + fn > 0) ((recallSum += recall), recallPages++);
    if (body.trim() === '' && gold.trim() !== '') emptyPages.push(id);
    scores.push({ page: id, precision, recall, f1: harmonic(precision, recall), chars: body.length });
  }
  const precision = precisionPages ? precisionSum / precisionPages : 0;
  const recall = recallPages ? recallSum / recallPages : 0;
  return result('articleBody', ids.length, precision, recall, emptyPages, scores, clock);
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * trafilatura's evaluation: each `with` snippet found in the extracted text is a true positive, each one missing a
 * false negative, each `without` snippet found a false positive; counts summed over all pages.
 */
function runSnippetBenchmark(folder: string): HtmlBenchmarkResult {
  const data = JSON.parse(readFileSync(join(folder, 'evaldata.json'), 'utf8')) as Record<
    string,
    { file: string; with?: string[]; without?: string[] }
  >;
  const clock = { ms: 0 };
  const scores: HtmlPageScore[] = [];
  const emptyPages: string[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const urls = Object.keys(data).sort();
  for (const url of urls) {
    const entry = data[url]!;
    const html = readPage(join(folder, 'pages', `${entry.file}.gz`));
    const body = timed(clock, () => extractHtml(html).body);
    const text = collapse(body);
    const found = (entry.with ?? []).filter((s) => text.includes(collapse(s))).length;
    const missing = (entry.with ?? []).length - found;
    const furniture = (entry.without ?? []).filter((s) => text.includes(collapse(s))).length;
    tp += found;
    fn += missing;
    fp += furniture;
    const precision = found + furniture > 0 ? found / (found + furniture) : 0;
    const recall = found + missing > 0 ? found / (found + missing) : 0;
    if (text === '' && (entry.with ?? []).length > 0) emptyPages.push(entry.file);
    scores.push({ page: entry.file, precision, recall, f1: harmonic(precision, recall), chars: body.length });
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return result('snippets', urls.length, precision, recall, emptyPages, scores, clock);
}

function result(
  benchmark: HtmlBenchmarkResult['benchmark'],
  pages: number,
  precision: number,
  recall: number,
  emptyPages: string[],
  scores: HtmlPageScore[],
  clock: { ms: number },
): HtmlBenchmarkResult {
  const worst = [...scores].sort((a, b) => a.f1 - b.f1 || a.page.localeCompare(b.page)).slice(0, 10);
  return {
    benchmark,
    pages,
    precision,
    recall,
    f1: harmonic(precision, recall),
    emptyPages,
    worst,
    msPerPage: pages ? clock.ms / pages : 0,
  };
}

/**
 * Scores the HTML loader's main-text extraction on a benchmark folder: scrapinghub's format (ground-truth.json and
 * html/<id>.html.gz) or trafilatura's (evaldata.json and pages/<file>.gz).
 */
export function runHtmlBenchmark(folder: string): HtmlBenchmarkResult {
  if (existsSync(join(folder, 'ground-truth.json'))) return runArticleBodyBenchmark(folder);
  if (existsSync(join(folder, 'evaldata.json'))) return runSnippetBenchmark(folder);
  throw new CommandError(
    `${folder} is not an HTML extraction benchmark folder: it must contain ground-truth.json with html/<id>.html.gz, or evaldata.json with pages/<file>.gz${existsSync(folder) ? '' : ` (and ${folder} does not exist)`}`,
  );
}

const figure = (x: number) => x.toFixed(3);

/** The figures as the CLI prints them. */
export function formatHtmlBenchmark(r: HtmlBenchmarkResult): string {
  const metric = r.benchmark === 'articleBody' ? '4-token shingles, averaged per page' : '"with"/"without" snippets';
  return [
    `${r.pages} pages (${metric}): precision ${figure(r.precision)}, recall ${figure(r.recall)}, F1 ${figure(r.f1)}`,
    `empty where the ground truth has text: ${r.emptyPages.length}${r.emptyPages.length ? ` (${r.emptyPages.join(', ')})` : ''}`,
    `extraction: ${r.msPerPage.toFixed(1)} ms per page`,
    'worst pages (F1, precision, recall, characters kept):',
    ...r.worst.map((w) => `  ${figure(w.f1)}  ${figure(w.precision)}  ${figure(w.recall)}  ${w.chars}  ${w.page}`),
  ].join('\n');
}
