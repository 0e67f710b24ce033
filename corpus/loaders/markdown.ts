import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, Root } from 'mdast';
import { normalizeMetadataDate } from '../normalize.js';
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

/** Plain text of the Markdown tree: inline markup dropped, every block its own paragraph, table cells tab-free. */
function plainText(tree: Root): { text: string; firstHeading: string | null } {
  const parts: string[] = [];
  let firstHeading: string | null = null;
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        parts.push(node.value);
        return;
      case 'code':
        parts.push('\n\n', node.value, '\n\n');
        return;
      case 'html':
        // Raw HTML inside Markdown: keep its text, not its tags.
        parts.push(node.value.replace(/<[^>]*>/g, ' '));
        return;
      case 'break':
        parts.push('\n');
        return;
      case 'image':
        return;
      case 'tableCell':
        parts.push(' ');
        break;
      default:
        break;
    }
    const block = BLOCKS.has(node.type);
    if (block) parts.push('\n\n');
    const start = parts.length;
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
    if (node.type === 'heading' && firstHeading === null) firstHeading = parts.slice(start).join('').trim() || null;
    if (block) parts.push('\n\n');
  };
  walk(tree);
  return { text: parts.join(''), firstHeading };
}

/** A `.md` file as one record: plain text by paragraph, front matter as metadata. */
export function loadMarkdown(text: string): LoadResult {
  const { fields, rest } = parseFrontMatter(text);
  const { text: body, firstHeading } = plainText(fromMarkdown(rest));
  const published = normalizeMetadataDate(fields['date'] ?? fields['published'] ?? fields['pubdate']);
  return {
    records: [
      singleRecord(body, {
        title: fields['title'] ?? firstHeading,
        published,
        declaredLanguage: fields['lang'] ?? fields['language'] ?? null,
        url: fields['url'] ?? null,
      }),
    ],
    messages: [],
  };
}
