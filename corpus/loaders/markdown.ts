import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, Root } from 'mdast';
import { normalizeMetadataDate } from '../normalize.js';
import type { Message } from '../document.js';
import { type LoadResult, singleRecord } from './types.js';

/** YAML front matter: only flat `key: value` lines matter here (title, date, lang). */
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

function parseFrontMatter(text: string): { fields: Record<string, string>; rest: string } {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { fields: {}, rest: text };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (kv) fields[kv[1]!.toLowerCase()] = kv[2]!.trim().replace(/^["']|["']$/g, '');
  }
  return { fields, rest: text.slice(m[0].length) };
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'listItem', 'code', 'tableRow', 'thematicBreak', 'html']);

/**
 * Plain text of the Markdown tree: inline markup dropped, every block its own paragraph, table cells tab-free. Walked
 * with a stack of its own, not by recursion: 8,000 nested `>` overflowed the call stack.
 */
function plainText(tree: Root): { text: string; firstHeading: string | null } {
  const parts: string[] = [];
  let firstHeading: string | null = null;
  // An entry opens a node, or (`exit`) closes one whose text began at `start`.
  const stack: Array<{ node: Nodes } | { exit: Nodes; start: number }> = [{ node: tree }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('exit' in item) {
      const node = item.exit;
      if (node.type === 'heading' && firstHeading === null)
        firstHeading = parts.slice(item.start).join('').trim() || null;
      if (BLOCKS.has(node.type)) parts.push('\n\n');
      continue;
    }
    const node = item.node;
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        parts.push(node.value);
        continue;
      case 'code':
        parts.push('\n\n', node.value, '\n\n');
        continue;
      case 'html':
        // Raw HTML inside Markdown: keep its text, not its tags.
        parts.push(node.value.replace(/<[^>]*>/g, ' '));
        continue;
      case 'break':
        parts.push('\n');
        continue;
      case 'image':
        continue;
      case 'tableCell':
        parts.push(' ');
        break;
      default:
        break;
    }
    if (BLOCKS.has(node.type)) parts.push('\n\n');
    stack.push({ exit: node, start: parts.length });
    if ('children' in node)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes });
  }
  return { text: parts.join(''), firstHeading };
}

/**
 * Block quotes and list items nested deeper than this on one line are no document's structure; micromark's time grows
 * with the square of the depth (20,000 nested `- ` took minutes), so such a file is read as plain text.
 */
const MAX_CONTAINER_DEPTH = 32;

/** A line's indentation and the container markers (`>`, `-`, `*`, `+`, `1.`) that open it. */
const CONTAINER_MARKERS = /^([ \t]*)((?:(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|(?=>)|$))*)/;

/**
 * How deep block quotes and list items nest, the deepest line and its 1-based number: the container markers (`>`,
 * `-`, `*`, `+`, `1.`) opening a line, plus the list items it is indented under (each deeper indentation of a list
 * item opens a list inside the one before).
 */
function deepestContainers(text: string): { depth: number; line: number } {
  const opening = CONTAINER_MARKERS;
  const indentsOfOpenItems: number[] = [];
  let deepest = { depth: 0, line: 0 };
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const [, indent, markers] = opening.exec(lines[n]!)!;
    const width = indent!.replace(/\t/g, '    ').length;
    const count = markers!.match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0;
    if (count === 0) {
      if (width === 0 && lines[n]!.trim() !== '') indentsOfOpenItems.length = 0;
      continue;
    }
    while (indentsOfOpenItems.length > 0 && indentsOfOpenItems[indentsOfOpenItems.length - 1]! >= width)
      indentsOfOpenItems.pop();
    indentsOfOpenItems.push(width);
    const depth = indentsOfOpenItems.length - 1 + count;
    if (depth > deepest.depth) deepest = { depth, line: n + 1 };
  }
  return deepest;
}

/**
 * Markdown is parsed in parts of about this many characters, cut where a top-level block begins: micromark's time
 * grows with the square of a list's size once its items nest (1 MB of nested items took 8 s, 4 MB over two minutes
 * and 2.5 GB). Text in plain-text form does not change where a document is cut.
 */
const MARKDOWN_PART_CHARS = 16 * 1024;
/** A part that cannot be cut this small (one block of this size) is read as plain text. */
const MAX_MARKDOWN_BLOCK_CHARS = 512 * 1024;

const FENCE = /^ {0,3}(?:```|~~~)/;
const TOP_LEVEL_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|^#{1,6}(?:[ \t]|$)/;

/**
 * The text cut into parts of about MARKDOWN_PART_CHARS, each starting with its own line, at a line that opens a
 * top-level block: unindented after a blank line, or a top-level list item or heading, never inside a code fence.
 * Each part starts at a 1-based `line`.
 */
function markdownParts(text: string): Array<{ text: string; line: number }> {
  if (text.length <= MARKDOWN_PART_CHARS) return [{ text, line: 1 }];
  const lines = text.split('\n');
  const parts: Array<{ text: string; line: number }> = [];
  let start = 0;
  let chars = 0;
  let fenced = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const opensBlock =
      !fenced && n > start && /^\S/.test(line) && (lines[n - 1]!.trim() === '' || TOP_LEVEL_ITEM.test(line));
    if (opensBlock && chars >= MARKDOWN_PART_CHARS) {
      parts.push({ text: lines.slice(start, n).join('\n'), line: start + 1 });
      start = n;
      chars = 0;
    }
    if (FENCE.test(line)) fenced = !fenced;
    chars += line.length + 1;
  }
  parts.push({ text: lines.slice(start).join('\n'), line: start + 1 });
  return parts;
}

/** A `.md` file as one record: plain text by paragraph, front matter as metadata. */
export function loadMarkdown(text: string): LoadResult {
  const { fields, rest } = parseFrontMatter(text);
  const texts: string[] = [];
  const messages: Message[] = [];
  let firstHeading: string | null = null;
  for (const part of markdownParts(rest)) {
    const deepest = deepestContainers(part.text);
    const reduced =
      deepest.depth > MAX_CONTAINER_DEPTH
        ? {
            ruleId: 'markdown-too-deep',
            detail: `quotes or lists nested ${deepest.depth} deep (limit ${MAX_CONTAINER_DEPTH})`,
            line: part.line + deepest.line - 1,
          }
        : part.text.length > MAX_MARKDOWN_BLOCK_CHARS
          ? {
              ruleId: 'markdown-block-too-large',
              detail: `one block of ${part.text.length} characters (limit ${MAX_MARKDOWN_BLOCK_CHARS})`,
              line: part.line,
            }
          : null;
    if (reduced) {
      const { ruleId, detail, line } = reduced;
      messages.push({
        stage: 'load',
        severity: 'warning',
        ruleId,
        detail: `${detail}: read as plain text`,
        place: { line },
      });
      // Too deep to parse: the lines' text without the markers that open them.
      texts.push(
        reduced.ruleId === 'markdown-too-deep'
          ? part.text
              .split('\n')
              .map((l) => l.replace(CONTAINER_MARKERS, ''))
              .join('\n')
          : part.text,
      );
      continue;
    }
    const read = plainText(fromMarkdown(part.text));
    texts.push(read.text);
    firstHeading ??= read.firstHeading;
  }
  const published = normalizeMetadataDate(fields['date'] ?? fields['published'] ?? fields['pubdate']);
  return {
    records: [
      singleRecord(texts.join('\n\n'), {
        title: fields['title'] ?? firstHeading,
        published,
        declaredLanguage: fields['lang'] ?? fields['language'] ?? null,
        url: fields['url'] ?? null,
        messages,
      }),
    ],
    messages: [],
  };
}
