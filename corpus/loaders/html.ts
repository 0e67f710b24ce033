import * as cheerio from 'cheerio';
import { decodeHTML } from 'entities';
import type { Message } from '../document.js';
import { normalizeMetadataDate } from '../normalize.js';
import { BLOCK, mainText, NON_TEXT, tidyBlockText } from './main-content.js';
import { type LoadResult, singleRecord } from './types.js';

/**
 * Deeper pages are read without their DOM. Real pages nest a few dozen levels; archives also hold generated or broken
 * pages nested tens of thousands deep, on which DOM building, selectors and text walks turn quadratic or recursive.
 */
export const MAX_HTML_NESTING = 400;

/**
 * Pages beyond either limit are read without their DOM as well. Scoring candidate blocks walks each element's ancestors
 * and subtree, a cost that grows with the sum of the elements' depths (about a second at the limit), and the DOM with
 * the scores takes 2–4 KB an element, within a worker's heap up to the element limit. Of 331 real pages measured, the
 * largest has 2,600 elements and a depth sum of 50,000; generated pages and whole-site dumps reach millions.
 */
export const MAX_HTML_ELEMENTS = 25_000;
export const MAX_HTML_DEPTH_SUM = 3_000_000;

/** Elements without content, and elements whose end tag HTML lets authors omit: neither deepens the nesting count. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const OPTIONAL_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'option',
  'optgroup',
  'colgroup',
  'caption',
  'rb',
  'rt',
  'rp',
  'html',
  'body',
]);

const PUBLISHED_SELECTORS: Array<[string, string]> = [
  ['meta[property="article:published_time"]', 'content'],
  ['meta[name="article:published_time"]', 'content'],
  ['meta[itemprop="datePublished"]', 'content'],
  ['meta[name="date"]', 'content'],
  ['meta[name="dc.date"]', 'content'],
  ['meta[name="DC.date.issued"]', 'content'],
  ['meta[name="pubdate"]', 'content'],
  ['meta[name="publish-date"]', 'content'],
  ['time[itemprop="datePublished"]', 'datetime'],
  ['article time[datetime]', 'datetime'],
  ['time[datetime]', 'datetime'],
];

function jsonLdPublished($: cheerio.CheerioAPI): string | null {
  for (const el of $('script[type="application/ld+json"]').toArray()) {
    try {
      const data: unknown = JSON.parse($(el).text());
      const items = Array.isArray(data) ? data : [data];
      for (const item of items) {
        if (item && typeof item === 'object' && 'datePublished' in item) {
          const value = normalizeMetadataDate((item as { datePublished: unknown }).datePublished);
          if (value) return value;
        }
      }
    } catch {
      // Broken JSON-LD is common and harmless: other metadata still applies.
    }
  }
  return null;
}

/** An HTML page's main text and metadata, and how the loader had to reduce it. */
export interface HtmlPage {
  body: string;
  title: string | null;
  published: string | null;
  language: string | null;
  url: string | null;
  /** How the page had to be read in a reduced way; empty for an ordinary page. */
  messages: Message[];
}

/** Title, main text, published date, language and canonical URL of an HTML page. */
export function extractHtml(html: string): HtmlPage {
  const scan = scanHtml(html);
  if (scan.depth > MAX_HTML_NESTING)
    return linearPage(
      scan.text,
      'html-too-deep',
      `elements nested ${scan.depth} levels deep (limit ${MAX_HTML_NESTING}): text read without page structure, so navigation and metadata are not told apart`,
    );
  const complexity =
    scan.elements > MAX_HTML_ELEMENTS
      ? `${scan.elements} elements (limit ${MAX_HTML_ELEMENTS})`
      : scan.depthSum > MAX_HTML_DEPTH_SUM
        ? `elements whose depths sum to ${scan.depthSum} (limit ${MAX_HTML_DEPTH_SUM})`
        : null;
  if (complexity)
    return linearPage(
      scan.text,
      'html-too-complex',
      `${complexity}: text read without page structure, so navigation and metadata are not told apart`,
    );
  try {
    return { ...pageMetadata(html), body: mainText(html), messages: [] };
  } catch (error) {
    // A page no DOM reader can take keeps its text: one page must not cost the file its document.
    const reason = error instanceof Error ? error.message : String(error);
    return linearPage(
      scan.text,
      'html-reader-failed',
      `the page's structure could not be read (${reason}): text read without it, so navigation and metadata are not told apart`,
    );
  }
}

/** A page read by the linear scanner only, with the warning that says why. */
function linearPage(text: string, ruleId: string, detail: string): HtmlPage {
  const degraded: Message = { stage: 'load', severity: 'warning', ruleId, detail };
  return { body: text, title: null, published: null, language: null, url: null, messages: [degraded] };
}

function pageMetadata(html: string): Pick<HtmlPage, 'title' | 'published' | 'language' | 'url'> {
  // htmlparser2 rather than parse5: five times faster, and metadata needs no HTML5 tree repair.
  const $ = cheerio.load(html, { xml: { xmlMode: false } });
  let published = jsonLdPublished($);
  for (const [selector, attr] of PUBLISHED_SELECTORS) {
    if (published) break;
    published = normalizeMetadataDate($(selector).first().attr(attr));
  }
  const title =
    $('meta[property="og:title"]').attr('content')?.trim() ||
    $('title').first().text().trim() ||
    $('h1').first().text().trim() ||
    null;
  const language =
    $('html').attr('lang')?.trim() || $('meta[http-equiv="content-language"]').attr('content')?.trim() || null;
  const url = $('link[rel="canonical"]').attr('href') || $('meta[property="og:url"]').attr('content') || null;
  return { title, published, language, url };
}

/** An opening or closing tag at the current position; attributes may not contain `<`, which keeps the scan linear. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*?(\/?)>/y;

/**
 * One linear pass over the markup without building a tree (HTML parsers keep their open-element stack in ways that
 * turn quadratic at great depth): the deepest nesting of elements that need an end tag, the sum of every element's
 * depth, and the page's text with block breaks and without scripts, styles or the head, for pages the DOM reader
 * cannot take.
 */
export function scanHtml(html: string): { depth: number; depthSum: number; elements: number; text: string } {
  const parts: string[] = [];
  let depth = 0;
  let maxDepth = 0;
  let depthSum = 0;
  let elements = 0;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      parts.push(decodeHTML(html.slice(i)));
      break;
    }
    parts.push(decodeHTML(html.slice(i, lt)));
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const close = html.startsWith('<!--', lt) ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 2);
      i = close < 0 ? html.length : close + (html.startsWith('<!--', lt) ? 3 : 1);
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(html);
    if (!tag) {
      parts.push('<');
      i = lt + 1;
      continue;
    }
    i = TAG.lastIndex;
    const [, closing, rawName, selfClosing] = tag;
    const name = rawName!.toLowerCase();
    if (!closing && NON_TEXT.has(name)) {
      // Skip to the matching end tag; an unclosed script hides the rest of the page, as in a browser.
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = i;
      i = end.exec(html) ? end.lastIndex : html.length;
      continue;
    }
    if (BLOCK.has(name)) parts.push('\n\n');
    else if (name === 'br') parts.push('\n');
    if (!closing) (elements++, (depthSum += depth + 1));
    if (selfClosing || VOID.has(name) || OPTIONAL_END.has(name)) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else maxDepth = Math.max(maxDepth, ++depth);
  }
  return { depth: maxDepth, depthSum, elements, text: tidyBlockText(parts.join('').replace(/[^\S\n]+/g, ' ')) };
}

/** An `.html` file as one record: its main text, title, date, language and canonical URL. */
export function loadHtml(text: string): LoadResult {
  const page = extractHtml(text);
  return {
    records: [
      singleRecord(page.body, {
        title: page.title,
        published: page.published,
        declaredLanguage: page.language,
        url: page.url,
        messages: page.messages,
      }),
    ],
    messages: [],
  };
}
