import { readFileSync } from 'node:fs';
import type { IngestedDocument } from '../corpus/document.js';
import { sha256Hex } from '../corpus/ids.js';
import { ingestFile, ingestJsonLine, type IngestResult } from '../corpus/ingest.js';
import { readErrorOutcome } from '../corpus/outcomes.js';
import { emptyAnalysis } from '../extractors/analysis.js';
import { writableDocument } from '../output/writable.js';
import { type Job, type JobResult, type SlowestDocument, slower, type UnreadFile } from './jobs.js';
import { Pipeline, type StageTimings } from './stages.js';

/** The full analysis, checked once per thread. */
const PIPELINE = new Pipeline();

/** Reads and ingests a file the worker was sent unread; a file that cannot be read is skipped with the reason. */
function readAndIngest(file: UnreadFile, timings: StageTimings): IngestResult {
  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch (error) {
    return { documents: [], outcomes: [readErrorOutcome(file.path, error)] };
  } finally {
    timings['read'] = (performance.now() - started) / 1000;
  }
  return ingestFile({ path: file.path, bytes, sha256: sha256Hex(bytes), kind: file.kind });
}

/** Ingests and analyzes one job: CPU work, and the read of a file sent unread. Runs the same in a worker or in-process. */
export function processJob(job: Job): JobResult {
  const timings: StageTimings = {};
  const started = performance.now();
  let ingested: IngestResult;
  if (job.kind === 'file') {
    ingested = ingestFile(job.file);
  } else if (job.kind === 'unread-file') {
    ingested = readAndIngest(job.file, timings);
  } else {
    ingested = { documents: [], outcomes: [] };
    for (const { line, lineNumber } of job.lines) {
      const one = ingestJsonLine(line, lineNumber, job.file);
      ingested.documents.push(...one.documents);
      ingested.outcomes.push(...one.outcomes);
    }
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  timings['ingest'] = ingestSeconds - (timings['read'] ?? 0);
  let slowest: SlowestDocument | null = null;
  // Only what the store writes goes back to the writer's thread: tokens and per-type lists would be cloned for nothing.
  const unanalyzed = job.unanalyzed;
  const analyze = (doc: IngestedDocument) =>
    unanalyzed
      ? {
          ...doc,
          ...emptyAnalysis(),
          published: doc.declaredPublished,
          messages: [...doc.messages, { stage: 'analyze', severity: 'error' as const, ...unanalyzed }],
        }
      : PIPELINE.analyze(doc, timings);
  const documents = ingested.documents.map((doc) => {
    const analysisStarted = performance.now();
    const stored = writableDocument(analyze(doc));
    const seconds = (performance.now() - analysisStarted) / 1000 + ingestSeconds / ingested.documents.length;
    const { path, record } = doc.source;
    slowest = slower(slowest, { path, record, chars: doc.text.length, seconds: Math.round(seconds * 100) / 100 });
    return stored;
  });
  return { documents, outcomes: ingested.outcomes, timings, slowest };
}
