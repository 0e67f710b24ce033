import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** The parts of the DOM (linkedom's, the browser's) that the main-text reader uses. */
interface DomNode {
  nodeType: number;
  // Siblings, not childNodes: linkedom builds childNodes afresh on each access, a cost linear in the children.
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  textContent: string | null;
}
interface DomElement extends DomNode {
  localName: string;
  isConnected: boolean;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  contains(other: DomElement): boolean;
  remove(): void;
  replaceWith(...nodes: string[]): void;
}
interface DomText extends DomNode {
  data: string;
}
interface DomDocument extends DomNode {
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;

/** Elements whose content is never article text. */
export const NON_TEXT = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'canvas',
  'head',
  'title',
]);

/** Elements that end a paragraph: their text is separated from the next by a blank line. */
export const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);

/**
 * Class and id words of page furniture that sits inside or beside the article in common CMS templates, matched as
 * whole words of a class or id ("post-comments", "related_posts", "author-bio", "newsletter-box", "cookie-modal").
 * Share bars, tags and sidebars are not here: sites use those words for wrappers of the article itself.
 */
const FURNITURE_HINT =
  /(?:^|[-_\s])(?:comments?|related|recommend(?:ed|ations)?|author-?(?:bio|box|info)|newsletter|subscribe|modal|popup|flyout|dialog)(?:$|[-_\s])/i;
/** Photo credits and captions outside `<figure>`. */
const CREDIT_HINT = /caption|credit|copyright/i;
/** A credit block is a line, not a paragraph of the story. */
const MAX_CREDIT_CHARS = 300;
/** An element holding this share of the page's text is the article's wrapper, whatever its class says. */
const WRAPPER_SHARE = 0.4;
/**
 * Readability keeps one block and its related siblings; where the page marks its article (`<article>`, `<main>`,
 * schema.org's articleBody) and that block is far smaller than the marked one, it picked a teaser, box or notice.
 */
const MIN_SHARE_OF_MARKED_ARTICLE = 0.25;
/** A marked article smaller than this (characters without links) is a teaser, not the story. */
const MIN_MARKED_ARTICLE_CHARS = 200;
/** Elements that mark the article, most specific first. */
const ARTICLE_MARKERS = ['[itemprop="articleBody"]', 'article', 'main', '[role="main"]'];

function children(node: DomNode): DomNode[] {
  const list: DomNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
}

const squashed = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

function linkChars(el: DomElement): number {
  let chars = 0;
  for (const a of el.querySelectorAll('a')) chars += squashed(a.textContent).length;
  return chars;
}

/**
 * Block-aware text of a subtree: inline text runs together, block elements and `<br>` break lines. Walked with an
 * explicit stack, which stays flat however deep the page nests.
 */
export function blockText(root: DomNode): string {
  const parts: string[] = [];
  const stack: Array<DomNode | '\n\n'> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === '\n\n') {
      parts.push(node);
      continue;
    }
    if (node.nodeType === TEXT) {
      parts.push((node as DomText).data.replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType === ELEMENT) {
      const name = (node as DomElement).localName;
      if (NON_TEXT.has(name)) continue;
      if (name === 'br') {
        parts.push('\n');
        continue;
      }
      if (BLOCK.has(name)) {
        parts.push('\n\n');
        stack.push('\n\n');
      }
    }
    const inner = children(node);
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]!);
  }
  return tidyBlockText(parts.join(''));
}

export function tidyBlockText(text: string): string {
  return text
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function hint(el: DomElement): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

/** Figures, captions, credits, comment threads, related links, author boxes and pop-ups, but never the article's wrapper. */
function removeFurniture(doc: DomDocument): void {
  const body = doc.body;
  if (!body) return;
  const pageChars = squashed(body.textContent).length || 1;
  const headline = doc.querySelector('h1');
  const wraps = (el: DomElement) =>
    squashed(el.textContent).length > WRAPPER_SHARE * pageChars || (headline !== null && el.contains(headline));
  for (const el of [...body.querySelectorAll('figure, picture')]) if (el.isConnected && !wraps(el)) el.replaceWith(' ');
  for (const el of [...body.querySelectorAll('[class], [id]')]) {
    if (!el.isConnected) continue;
    const words = hint(el);
    const credit = CREDIT_HINT.test(words) && squashed(el.textContent).length < MAX_CREDIT_CHARS;
    // A space, so that the words around an inline element removed from a paragraph stay apart.
    if ((credit || FURNITURE_HINT.test(words)) && !wraps(el)) el.replaceWith(' ');
  }
}

/** The largest element the page marks as its article, by text outside links, if it is more than a teaser. */
function markedArticle(doc: DomDocument): DomElement | null {
  for (const selector of ARTICLE_MARKERS) {
    let best: DomElement | null = null;
    let bestChars = MIN_MARKED_ARTICLE_CHARS;
    for (const el of doc.querySelectorAll(selector)) {
      const chars = squashed(el.textContent).length - linkChars(el);
      if (chars > bestChars) ((best = el), (bestChars = chars));
    }
    if (best) return best;
  }
  return null;
}

function leafBlocks(root: DomElement): DomElement[] {
  const leaves: DomElement[] = [];
  const visit = (el: DomElement): boolean => {
    let hasBlock = false;
    for (const child of children(el)) {
      if (child.nodeType !== ELEMENT) continue;
      const isBlock = BLOCK.has((child as DomElement).localName);
      const inner = visit(child as DomElement);
      if (isBlock && !inner) leaves.push(child as DomElement);
      hasBlock ||= isBlock || inner;
    }
    return hasBlock;
  };
  visit(root);
  return leaves;
}

function trimTail(content: DomElement): void {
  const leaves = leafBlocks(content);
  for (let i = leaves.length - 1; i >= 0; i--) {
    const el = leaves[i]!;
    const text = squashed(el.textContent);
    if (text === '') continue;
    if (/^h[1-6]$/.test(el.localName) || linkChars(el) / text.length >= 0.5) {
      el.remove();
      continue;
    }
    break;
  }
}

/**
 * The page with an explicit `<body>`: linkedom builds the tree as written, without HTML5's implied elements, so a
 * fragment or a page that leaves out `<body>` would leave Readability an empty body.
 */
function withBody(html: string): string {
  if (/<body[\s>]/i.test(html)) return html;
  const page = /<html[\s>]/i.test(html) ? html : html.replace(/^(\s*<!doctype[^>]*>)?/i, '$&<html>') + '</html>';
  const opening = /<\/head\s*>/i.exec(page) ?? /<html[^>]*>/i.exec(page)!;
  const start = opening.index + opening[0].length;
  const closing = page.toLowerCase().lastIndexOf('</html');
  const end = closing >= start ? closing : page.length;
  return `${page.slice(0, start)}<body>${page.slice(start, end)}</body>${page.slice(end)}`;
}

/**
 * The article text of a page: furniture removed by class hints, Mozilla Readability's scoring of candidate blocks
 * (text and link density, paragraphs, class and id hints), and the page's own marked article where Readability's
 * pick is a fragment of it. Pages without a recognisable article give their body's text.
 */
export function mainText(html: string): string {
  const doc = documentWithoutFurniture(html);
  const marked = markedArticle(doc);
  // Read before Readability, which rewrites the document it scores.
  const markedText = marked ? blockText(marked) : '';
  const article = new Readability<DomElement>(doc as never, { serializer: (node) => node as never }).parse();
  if (article?.content) trimTail(article.content);
  const text = article?.content ? blockText(article.content) : '';
  if (text === '' || text.length < MIN_SHARE_OF_MARKED_ARTICLE * markedText.length)
    // The body's text only where neither reading gave one: parsed again then, since Readability rewrote this one.
    return markedText || bodyText(documentWithoutFurniture(html));
  return text;
}

/** The page's DOM without its furniture. */
function documentWithoutFurniture(html: string): DomDocument {
  const doc = parseHTML(withBody(html)).document as unknown as DomDocument;
  removeFurniture(doc);
  return doc;
}

const bodyText = (doc: DomDocument) => (doc.body ? blockText(doc.body) : '');
