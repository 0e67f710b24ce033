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
