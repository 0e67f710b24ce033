import { createHash } from 'node:crypto';
import type { SourceFormat } from './types.js';

/**
 * What a file is and what identifies content: the format by extension, sha256, document ids. Kept apart from the
 * loaders so the runner's main thread and the store identify files without loading them.
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

export const SUPPORTED_EXTENSIONS = Object.keys(KIND_BY_EXTENSION);

export function fileKind(path: string): FileKind | null {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? null : (KIND_BY_EXTENSION[path.slice(dot).toLowerCase()] ?? null);
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The document id: content-derived, so the same text has the same id on every machine and in every run. */
export function documentId(text: string): string {
  return `doc_${sha256Hex(text).slice(0, 24)}`;
}
