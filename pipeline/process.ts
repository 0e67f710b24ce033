import { ingestFile, ingestJsonLine, type IngestResult, type RawFile } from './ingest.js';
import { analyzeDocument, type StageTimings } from './stages.js';
import type { AnalyzedDocument, FileOutcome } from './types.js';

/** A unit of CPU work sent to a worker: one whole file, or a chunk of lines of a streamed JSONL file. */
export type Job =
  | { kind: 'file'; file: RawFile }
  | { kind: 'jsonl-lines'; file: { path: string; sha256: string; encoding: string }; lines: Array<{ line: string; lineNumber: number }> };

export interface JobResult {
  documents: AnalyzedDocument[];
  outcomes: FileOutcome[];
  /** Seconds per stage, `ingest` (decode, load, normalize) included. */
  timings: StageTimings;
}

/** Ingests and analyzes one job. Pure CPU, no I/O: runs the same in a worker thread or in-process. */
export function processJob(job: Job): JobResult {
  const timings: StageTimings = {};
  const started = performance.now();
  let ingested: IngestResult;
  if (job.kind === 'file') {
    ingested = ingestFile(job.file);
  } else {
    ingested = { documents: [], outcomes: [] };
    for (const { line, lineNumber } of job.lines) {
      const one = ingestJsonLine(line, lineNumber, job.file);
      ingested.documents.push(...one.documents);
      ingested.outcomes.push(...one.outcomes);
    }
  }
  timings['ingest'] = (performance.now() - started) / 1000;
  const documents = ingested.documents.map((doc) => analyzeDocument(doc, undefined, timings));
  return { documents, outcomes: ingested.outcomes, timings };
}
