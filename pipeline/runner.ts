import { availableParallelism } from 'node:os';
import PQueue from 'p-queue';
import { Piscina } from 'piscina';
import type { FileOutcome } from '../corpus/document.js';
import { failedOutcome } from '../corpus/outcomes.js';
import { MINHASH_NEAR_DUPLICATES } from '../extractors/minhash.js';
import type { ImportLock, WriteItem } from '../output/knowledge-base.js';
import { openKnowledgeBase } from '../output/open.js';
import { CONSOLIDATION_RULES } from './consolidate.js';
import { writeIsolated } from './isolated-write.js';
import { DEFAULT_MAX_FILE_BYTES } from './limits.js';
import { type Accepted, type IngestContext, ingestFile } from './ingest.js';
import { type Job, JOB_SECONDS, type JobResult, resilient, type SlowestDocument, slower } from './jobs.js';
import type { StageTimings } from './stages.js';
import { walkInputs } from './walk.js';

/** How an import runs. */
export interface ImportOptions {
  /** Where the knowledge base is (an SQLite file). */
  db: string;
  /**
   * Worker threads for extraction; 0 runs extraction in this thread (tests, debugging). @default availableParallelism()
   */
  workers?: number;
  /** Whole-file formats above this size are skipped (JSONL is streamed and has no limit). @default 50 MiB */
  maxFileBytes?: number;
  /** Recorded with the run. @default 'dev' */
  toolVersion?: string;
  /** Called after each file. */
  onProgress?: (progress: { done: number; total: number; path: string }) => void;
  /** Called when another import into the same database is running and this one waits for it to finish. */
  onWait?: () => void;
  /**
   * Ends the import early (Ctrl-C): no new file is started, what finished before is committed, work in flight is
   * dropped (a re-run does it), and the run is marked interrupted.
   */
  signal?: AbortSignal;
}

/** What an import did. */
export interface ImportSummary {
  runId: number;
  files: number;
  outcomes: FileOutcome[];
  seconds: number;
  bytes: number;
  timings: StageTimings;
  /** The document that took longest to ingest and analyse, if any was analysed. */
  slowest: SlowestDocument | null;
  /** Problems that did not stop the import nor lose anything, in words. */
  warnings: string[];
  /** The signal ended it before every file was read; a re-run of the same command resumes. */
  interrupted: boolean;
}

/** Documents per write transaction: large enough to amortize commits, small enough to lose little on a crash. */
const BATCH_DOCUMENTS = 200;

/** Either a piscina pool over compiled workers, or the same function in-process. */
export function createExecutor(workers: number): { run: (job: Job) => Promise<JobResult>; close: () => Promise<void> } {
  // In-process, the extractors load on first use: with workers, this thread never loads them (two seconds of CPU
  // and about 150 MB of lexicons saved).
  if (workers <= 0)
    return { run: async (job) => (await import('./process.js')).processJob(job), close: async () => undefined };
  // Worker heaps are sized for throughput within the memory floor. A young generation of 16 MB lets a document's
  // tokens and spans die young instead of being promoted and marked: measured on 3,000 benchmark documents, 90
  // instead of 80 documents/s, with the garbage collector's share of worker time down from a fifth. The old
  // generation is capped at 256 MB (lexicons and gazetteers take about 100): analysis of one document is bounded
  // (MAX_ANALYZED_CHARS), and the cap keeps heaps from growing until late major collections, so peak RSS stays under
  // the 1 GB floor at 10,000 documents. A worker that still runs out has its job stored unanalysed (see resilient), not the import stopped.
  const pool = new Piscina({
    filename: new URL('./worker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 },
  });
  // A worker that dies outside a task (while loading its lexicons) would otherwise end the process: its tasks fail
  // instead, and their files are reported.
  pool.on('error', () => undefined);
  let closed: Promise<void> | null = null;
  return {
    run: (job) => pool.run(job, { signal: AbortSignal.timeout(JOB_SECONDS * 1000) }) as Promise<JobResult>,
    close: () => (closed ??= pool.destroy()),
  };
}

/**
 * Imports files and folders into the knowledge base. The runner owns I/O, concurrency and storage: it walks the
 * inputs, reads files through a bounded queue, sends CPU work to worker threads, and writes results in batched
 * transactions from this single thread. Reading waits while too much work is in flight (back-pressure), so
 * memory stays bounded whatever the corpus size. No bad file stops the batch.
 */
export async function runImport(inputs: string[], options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const workers = options.workers ?? availableParallelism();
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const store = await openKnowledgeBase(options.db, MINHASH_NEAR_DUPLICATES);
  let lock: ImportLock;
  try {
    lock = await store.lockForImport(options.onWait);
  } catch (error) {
    await store.close();
    throw error;
  }
  const runId = await store.beginRun(inputs, options.toolVersion ?? 'dev');
  const executor = createExecutor(workers);
  const runJob = resilient(executor.run);
  const outcomes: FileOutcome[] = [];
  const timings: StageTimings = {};
  let slowest: SlowestDocument | null = null;
  const warnings: string[] = [];
  let bytes = 0;

  // The single writer: results queue up here and are committed in batches, in arrival order.
  let pending: WriteItem[] = [];
  let pendingDocuments = 0;
  let writing: Promise<void> = Promise.resolve();
  // A failed write (disk full, read-only database) ends the import; remembered here so no rejection goes unhandled.
  let writeError: unknown = null;
  let batchesQueued = 0;
  const flush = () => {
    if (pending.length === 0 || writeError) return writing;
    const batch = pending;
    pending = [];
    pendingDocuments = 0;
    batchesQueued++;
    writing = writing
      .then(async () => {
        if (!writeError) outcomes.push(...(await writeIsolated(store, runId, batch)));
        batchesQueued--;
      })
      .catch((error: unknown) => {
        writeError ??= error;
      });
    return writing;
  };
  const interrupted = () => options.signal?.aborted ?? false;
  const accept = (result: Accepted) => {
    // Work that ends after an interrupt is dropped, not half-stored: the re-run does it.
    if (interrupted()) return;
    pending.push({ documents: result.documents, outcomes: result.outcomes });
    slowest = slower(slowest, result.slowest ?? null);
    pendingDocuments += result.documents.length;
    for (const [stage, seconds] of Object.entries(result.timings ?? {}))
      timings[stage] = (timings[stage] ?? 0) + seconds;
    if (pendingDocuments >= BATCH_DOCUMENTS) void flush();
  };

  const inFlight = Math.max(2, workers) * 4;
  const queue = new PQueue({ concurrency: inFlight });
  const walked = await walkInputs(inputs);
  const summary = (wasInterrupted: boolean): ImportSummary => ({
    runId,
    files: total,
    outcomes,
    seconds: (performance.now() - started) / 1000,
    bytes,
    timings,
    slowest,
    warnings,
    interrupted: wasInterrupted,
  });
  accept({ documents: [], outcomes: walked.skipped });
  let done = 0;
  const total = walked.files.length;

  const ingest: IngestContext = {
    storedRecords: (path, sha256) => store.storedRecords(path, sha256),
    hasSourcesAt: (path) => store.hasSourcesAt(path),
    runJob,
    accept,
    maxFileBytes,
    inFlight,
    interrupted,
    onRead: (read, seconds) => {
      bytes += read;
      timings['read'] = (timings['read'] ?? 0) + seconds;
    },
  };

  try {
    for (const file of walked.files) {
      await queue.onSizeLessThan(inFlight);
      // Back-pressure from the writer: reading never runs more than a couple of batches ahead of the database.
      if (batchesQueued > 2) await writing;
      if (writeError || interrupted()) break;
      void queue.add(async () => {
        try {
          await ingestFile(file, ingest);
        } catch (error) {
          accept({ documents: [], outcomes: [failedOutcome(file.path, error)] });
        }
        done++;
        options.onProgress?.({ done, total, path: file.path });
      });
    }
    if (interrupted()) {
      queue.clear();
      // Ends the jobs in flight at once; their results are dropped.
      await executor.close();
    }
    await queue.onIdle();
    await flush();
    if (writeError) throw writeError;
    await store.flushNearDuplicateIndex();
    if (interrupted()) {
      // Consolidation waits for the re-run; until then queries read each new quote as a statement of its own.
      await store.finishRun(runId, 'interrupted');
      Object.assign(timings, store.timings);
      return summary(true);
    }
    // The workers' heaps are released before the knowledge-base level is computed, so the two never add up.
    await executor.close();
    await store.consolidate(CONSOLIDATION_RULES);
    await store.finishRun(runId, 'completed');
    const notMoved = await store.checkpoint();
    if (notMoved) warnings.push(notMoved);
    Object.assign(timings, store.timings);
  } catch (error) {
    await writing.catch(() => undefined);
    await store.finishRun(runId, 'failed').catch(() => undefined);
    throw error;
  } finally {
    await executor.close();
    // The lock first: a server backend holds it on one of the store's connections.
    await lock.release();
    await store.close();
  }
  return summary(false);
}
