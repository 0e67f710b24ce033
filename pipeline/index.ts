import { fileKind } from '../corpus/file-kinds.js';
import { sha256Hex } from '../corpus/ids.js';
import { ingestFile } from '../corpus/ingest.js';
import type { FileOutcome } from '../corpus/document.js';
import type { AnalyzedDocument } from '../extractors/analysis.js';
import type { KnowledgeBaseReader } from '../output/knowledge-base.js';
import { openKnowledgeBaseReader } from '../output/open.js';
import { type ImportOptions, type ImportSummary, runImport } from './runner.js';
import { DOCUMENT_SECONDS, Pipeline, type StageTimings } from './stages.js';

/**
 * advisory-kb as a library: the pipeline, the import and the knowledge base the CLI runs, for TypeScript programs.
 *
 *   import { createPipeline, importPaths, openKnowledgeBase } from 'advisory-kb';
 */

export type { AnalyzedDocument } from '../extractors/analysis.js';
export type { EntityFinding } from '../extractors/entities.js';
export type { FileOutcome, Message } from '../corpus/document.js';
export type { KnowledgeBaseCounts, KnowledgeBaseReader } from '../output/knowledge-base.js';
export type * from '../output/records.js';
export type { ImportOptions, ImportSummary } from './runner.js';
export { QueryError, SCHEMA_VERSION } from '../output/records.js';

/** What analysing one file's content gave: its documents (a JSON or JSONL file may hold several), or why none. */
export interface Analysis {
  documents: AnalyzedDocument[];
  /** Records that could not become documents, with their reasons (a file that cannot be decoded, a bad line). */
  outcomes: FileOutcome[];
}

/** The stages, checked once and run on as many texts as you like, in this thread; nothing is stored. */
export interface AdvisoryPipeline {
  /**
   * Analyses a file's content as the import would: its format follows the name's extension (.txt, .md, .html,
   * .json, .jsonl), its encoding is detected from the bytes. A string is taken as UTF-8.
   */
  analyze(content: string | Uint8Array, options?: { path?: string; timings?: StageTimings }): Analysis;
}

/** Builds the analysis pipeline once. @param options.documentSeconds the time budget per document */
export function createPipeline(options: { documentSeconds?: number } = {}): AdvisoryPipeline {
  const pipeline = new Pipeline(undefined, options.documentSeconds ?? DOCUMENT_SECONDS);
  return {
    analyze(content, { path = 'document.txt', timings } = {}) {
      const kind = fileKind(path);
      if (!kind) throw new TypeError(`${path}: not a file type advisory-kb reads (.txt .md .html .json .jsonl)`);
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      const { documents, outcomes } = ingestFile({ path, bytes, sha256: sha256Hex(bytes), kind });
      return { documents: documents.map((doc) => pipeline.analyze(doc, timings)), outcomes };
    },
  };
}

/**
 * Imports files and folders (recursively) into the knowledge base at `options.db`, created if missing: the CLI's
 * `import`, with worker threads, re-runs that add nothing twice, and every file's outcome in the summary.
 */
export function importPaths(paths: string[], options: ImportOptions): Promise<ImportSummary> {
  return runImport(paths, options);
}

/** Opens a knowledge base for queries (search, entities, quotes, exports); it is never written. Close it after. */
export function openKnowledgeBase(path: string): Promise<KnowledgeBaseReader> {
  return openKnowledgeBaseReader(path);
}
