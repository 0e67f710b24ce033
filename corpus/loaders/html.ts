import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { normalizeMetadataDate } from '../normalize.js';
import { type LoadResult, singleRecord } from './types.js';

/** Elements that are page furniture, not the article. */
const BOILERPLATE = 'script, style, noscript, template, iframe, svg, canvas, nav, header, footer, aside, form, button, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], .cookie, .cookies, .breadcrumb, .breadcrumbs, .share, .social';

/** Elements that end a paragraph: their text is separated from the next by a blank line. */
const BLOCK = new Set([
  'address', 'article', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
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

/** Block-aware text of a subtree: inline text runs together, block elements and `<br>` break lines. */
function blockText($: cheerio.CheerioAPI, root: AnyNode): string {
  const parts: string[] = [];
  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      parts.push(node.data.replace(/\s+/g, ' '));
      return;
    }
    if (node.type !== 'tag') return;
    const name = node.name.toLowerCase();
    if (name === 'br') {
      parts.push('\n');
      return;
    }
    const block = BLOCK.has(name);
    if (block) parts.push('\n\n');
    for (const child of node.children) walk(child);
    if (block) parts.push('\n\n');
  };
  walk(root);
  return parts.join('').replace(/[ \t]*\n[ \t]*/g, '\n').replace(/\n{3,}/g, '\n\n');
}

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

/** Title, main text, published date, language and canonical URL of an HTML page. */
export function extractHtml(html: string): { body: string; title: string | null; published: string | null; language: string | null; url: string | null } {
  const $ = cheerio.load(html);
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
  const language = $('html').attr('lang')?.trim() || $('meta[http-equiv="content-language"]').attr('content')?.trim() || null;
  const url = $('link[rel="canonical"]').attr('href') || $('meta[property="og:url"]').attr('content') || null;

  $(BOILERPLATE).remove();
  const main = $('article').first().get(0) ?? $('main').first().get(0) ?? $('[role=main]').first().get(0) ?? $('body').get(0) ?? $.root().get(0)!;
  return { body: blockText($, main), title, published, language, url };
}

export function loadHtml(text: string): LoadResult {
  const page = extractHtml(text);
  return {
    records: [singleRecord(page.body, { title: page.title, published: page.published, declaredLanguage: page.language, url: page.url })],
    messages: [],
  };
}
