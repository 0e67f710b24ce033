import type { FileOutcome } from './types.js';

/** A file or record that was not imported, with its stable reason code and a human-readable detail. */
export function skippedOutcome(path: string, record: number | null, reason: string, detail: string): FileOutcome {
  return { path, record, status: 'skipped', reason, detail, documentId: null };
}

/** A file whose processing failed unexpectedly (a worker crash): the batch goes on without it. */
export function failedOutcome(path: string, error: unknown): FileOutcome {
  return {
    path,
    record: null,
    status: 'failed',
    reason: 'extraction-failed',
    detail: error instanceof Error ? error.message : String(error),
    documentId: null,
  };
}

/** A file already in the knowledge base in this version (same path and bytes). */
export function unchangedOutcome(path: string, detail: string): FileOutcome {
  return { path, record: null, status: 'unchanged', reason: null, detail, documentId: null };
}

/** A file system error while reading, as a skipped outcome with a specific reason. */
export function readErrorOutcome(path: string, error: unknown): FileOutcome {
  const e = error as NodeJS.ErrnoException;
  const detail = e.code === 'EACCES' || e.code === 'EPERM' ? `permission denied (${e.code})` : e.message;
  return skippedOutcome(path, null, 'unreadable', detail);
}
