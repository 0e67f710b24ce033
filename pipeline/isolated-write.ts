import type { FileOutcome } from '../corpus/document.js';
import { type KnowledgeBase, KnowledgeBaseUnavailableError, type WriteItem } from '../output/knowledge-base.js';

/**
 * Errors that are the knowledge base's, not a document's: the disk, the file, the lock, the server. They end the
 * import; any other failure of a batch (a constraint one document's rows break) is narrowed down to the documents
 * that cause it. PostgreSQL's are its SQLSTATE classes 08 (connection), 53 (disk, memory, connections), 57
 * (shutdown) and a read-only or forbidden database; the store has waited out a short outage before it fails.
 */
const BASE_ERRORS = new Set([
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CANTOPEN',
  'SQLITE_PERM',
  'ENOSPC',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '25006',
  '42501',
]);

const isBaseError = (error: unknown) => {
  if (error instanceof KnowledgeBaseUnavailableError) return true;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return BASE_ERRORS.has(code) || /^(08|53|57)[0-9A-Z]{3}$/.test(code);
};

/** What becomes of the documents of a job whose rows could not be written: failed, with the store's reason. */
function storeFailed(item: WriteItem, error: unknown): WriteItem {
  const detail = `its findings could not be stored: ${error instanceof Error ? error.message : String(error)}`;
  const failed = item.documents.map((doc): FileOutcome => ({
    path: doc.source.path,
    record: doc.source.record,
    status: 'failed',
    reason: 'store-failed',
    detail,
    documentId: null,
  }));
  return { documents: [], outcomes: [...item.outcomes, ...failed] };
}

/**
 * Writes a batch in one transaction; should one job's rows fail it, the jobs are written one by one so that only
 * the job that fails is lost, recorded as failed with its reason, and the rest of the batch is stored. Failures of
 * the knowledge base itself still end the import.
 */
export async function writeIsolated(kb: KnowledgeBase, runId: number, batch: WriteItem[]): Promise<FileOutcome[]> {
  try {
    return await kb.writeBatch(runId, batch);
  } catch (error) {
    if (isBaseError(error) || batch.length === 0) throw error;
    const outcomes: FileOutcome[] = [];
    for (const item of batch) {
      try {
        outcomes.push(...(await kb.writeBatch(runId, [item])));
      } catch (itemError) {
        if (isBaseError(itemError)) throw itemError;
        outcomes.push(...(await kb.writeBatch(runId, [storeFailed(item, itemError)])));
      }
    }
    return outcomes;
  }
}
