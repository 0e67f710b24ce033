import type { FileOutcome, IngestedDocument } from './document.js';

/** A file or record that was not imported, with its stable reason code and a human-readable detail. */
export function skippedOutcome(path: string, record: number | null, reason: string, detail: string): FileOutcome {
  return { path, record, status: 'skipped', reason, detail, documentId: null };
}

/** A file whose processing failed unexpectedly (a worker crash): the batch goes on without it. */
export function failedOutcome(path: string, error: unknown, record: number | null = null): FileOutcome {
  return {
    path,
    record,
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

/**
 * What storing a document means for its file: imported, an exact duplicate of a stored text (`isNew` false), or
 * degraded (a stage failed or was skipped, or the loader read the file in a reduced way).
 */
export function documentOutcome(
  doc: Pick<IngestedDocument, 'id' | 'source' | 'messages'>,
  isNew: boolean,
): FileOutcome {
  const s = doc.source;
  const outcome: FileOutcome = {
    path: s.path,
    record: s.record,
    status: 'imported',
    reason: null,
    detail: null,
    documentId: doc.id,
  };
  if (!isNew)
    return {
      ...outcome,
      status: 'duplicate',
      reason: 'exact-duplicate',
      detail: `same text as ${doc.id}, already stored`,
    };
  const problems = doc.messages.filter((m) => m.severity !== 'info');
  if (problems.length > 0)
    return {
      ...outcome,
      status: 'degraded',
      reason: problems[0]!.ruleId,
      detail: problems.map((p) => `${p.stage}: ${p.detail}`).join('; '),
    };
  return outcome;
}
