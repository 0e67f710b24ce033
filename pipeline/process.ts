import type { FileOutcome } from '../corpus/document.js';
import { ingestFile, ingestJsonLine, type IngestResult, type RawFile } from '../corpus/ingest.js';
import { type StoredDocument, storedDocument } from '../extractors/analysis.js';
import { Pipeline, type StageTimings } from './stages.js';

/** A unit of CPU work sent to a worker: one whole file, or a chunk of lines of a streamed JSONL file. */
export type Job =
  | { kind: 'file'; file: RawFile }
  | {
      kind: 'jsonl-lines';
      file: { path: string; sha256: string; encoding: string };
      lines: Array<{ line: string; lineNumber: number }>;
    };

/** What a job produced, as it goes back to the writer's thread. */
export interface JobResult {
  documents: StoredDocument[];
  outcomes: FileOutcome[];
  /** Seconds per stage, `ingest` (decode, load, normalize) included. */
  timings: StageTimings;
}

/** The full analysis, checked once per thread. */
const PIPELINE = new Pipeline();

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
  // Only what the store writes goes back to the writer's thread: tokens and per-type lists would be cloned for nothing.
  const documents = ingested.documents.map((doc) => storedDocument(PIPELINE.analyze(doc, timings)));
  return { documents, outcomes: ingested.outcomes, timings };
}
