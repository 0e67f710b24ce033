import type { SourceFormat } from './document.js';

/**
 * What a file is by its extension. Kept apart from the loaders so the runner's main thread identifies files without
 * loading them.
 */

/** How a file is read: `jsonl` is streamed line by line by the runner, the rest are loaded whole. */
export type FileKind = SourceFormat | 'jsonl';

const KIND_BY_EXTENSION: Record<string, FileKind> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** The extensions an import reads, lowercased with their dot. */
export const SUPPORTED_EXTENSIONS = Object.keys(KIND_BY_EXTENSION);

/** How a file with this path is read, or null when its extension is not supported. */
export function fileKind(path: string): FileKind | null {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? null : (KIND_BY_EXTENSION[path.slice(dot).toLowerCase()] ?? null);
}
