import type { FileOutcome, Message } from '../corpus/document.js';
import type { RawFile } from '../corpus/ingest.js';
import { failedOutcome } from '../corpus/outcomes.js';
import type { WritableDocument } from '../output/writable.js';
import type { StageTimings } from './stages.js';

/**
 * The jobs the runner sends to workers and what comes back, and how a job whose worker gives up is run again. Light
 * on purpose: the runner's thread loads this, never the extractors.
 */

/**
 * A unit of CPU work sent to a worker: one whole file, read already or to be read there, or a chunk of lines of a
 * streamed JSONL file. A file at a path the knowledge base has never stored is read by the worker: it needs no hash
 * to be known new, and the writer's thread then neither reads it nor copies its bytes to the worker. A job whose
 * analysis failed (its worker ran out of memory or time) is sent again `unanalyzed`: ingested and stored with its
 * text only, and the message saying why.
 */
export type Job = (
  | { kind: 'file'; file: RawFile }
  | { kind: 'unread-file'; file: UnreadFile }
  | {
      kind: 'jsonl-lines';
      file: { path: string; sha256: string; encoding: string };
      lines: Array<{ line: string; lineNumber: number }>;
    }
) & { unanalyzed?: Omit<Message, 'stage' | 'severity'> };

/** A file the worker reads itself. */
export interface UnreadFile {
  path: string;
  absolute: string;
  kind: RawFile['kind'];
}

/** What a job produced, as it goes back to the writer's thread. */
export interface JobResult {
  documents: WritableDocument[];
  outcomes: FileOutcome[];
  /** Seconds per stage, `ingest` (decode, load, normalize) included. */
  timings: StageTimings;
  /** The document of the job that took longest, its share of ingestion included. */
  slowest: SlowestDocument | null;
}

/** The document that took longest to ingest and analyse: the import summary names it. */
export interface SlowestDocument {
  path: string;
  record: number | null;
  chars: number;
  seconds: number;
}

/** The slower of two documents, the first on a tie; null counts as none. */
export function slower(a: SlowestDocument | null, b: SlowestDocument | null): SlowestDocument | null {
  if (!a) return b;
  return b && b.seconds > a.seconds ? b : a;
}

/**
 * A job's wall-clock limit in a worker: a last resort behind each document's analysis budget (DOCUMENT_SECONDS), for
 * a stage that never ends. A job is at most one file or JSONL_LINES_PER_JOB lines.
 */
export const JOB_SECONDS = 600;

/** Why a worker gave up a job, as the reason its documents are stored with their text only. */
function abandonedAnalysis(error: unknown): NonNullable<Job['unanalyzed']> {
  const message = error instanceof Error ? error.message : String(error);
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
    return {
      ruleId: 'analysis-out-of-memory',
      detail: `analysis ran out of memory (${message}): text stored unanalysed`,
    };
  if ((error as Error).name === 'AbortError')
    return { ruleId: 'stage-timeout', detail: `analysis did not end within ${JOB_SECONDS} s: text stored unanalysed` };
  return { ruleId: 'analysis-failed', detail: `analysis failed (${message}): text stored unanalysed` };
}

/**
 * Wraps a job runner so that a job whose worker crashes, runs out of memory or time loses as little as it can: the
 * lines of a JSONL job are run again one by one (one line's document broke it, the others need not pay), and a single
 * file or line is ingested again and stored with its text only and the reason. Only a job that fails even so is
 * lost, with its reason.
 */
export function resilient(run: (job: Job) => Promise<JobResult>): (job: Job) => Promise<JobResult> {
  const runJob = async (job: Job): Promise<JobResult> => {
    try {
      return await run(job);
    } catch (error) {
      if (job.unanalyzed) throw error;
      if (job.kind === 'jsonl-lines' && job.lines.length > 1) {
        const results = await Promise.all(
          job.lines.map((line) =>
            runJob({ ...job, lines: [line] }).catch((lineError: unknown): JobResult => ({
              documents: [],
              outcomes: [failedOutcome(job.file.path, lineError, line.lineNumber)],
              timings: {},
              slowest: null,
            })),
          ),
        );
        return {
          documents: results.flatMap((r) => r.documents),
          outcomes: results.flatMap((r) => r.outcomes),
          timings: {},
          slowest: results.map((r) => r.slowest).reduce(slower, null),
        };
      }
      return run({ ...job, unanalyzed: abandonedAnalysis(error) });
    }
  };
  return runJob;
}
