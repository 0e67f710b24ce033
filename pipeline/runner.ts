import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import PQueue from 'p-queue';
import { Piscina } from 'piscina';
import type { FileOutcome } from '../corpus/document.js';
import { sha256Hex } from '../corpus/ids.js';
import { failedOutcome, readErrorOutcome, skippedOutcome, unchangedOutcome } from '../corpus/outcomes.js';
import { MINHASH_NEAR_DUPLICATES } from '../extractors/minhash.js';
import type { ImportLock, WriteItem } from '../output/knowledge-base.js';
import { openKnowledgeBase } from '../output/open.js';
import { CONSOLIDATION_RULES } from './consolidate.js';
import { writeIsolated } from './isolated-write.js';
import { DEFAULT_MAX_FILE_BYTES } from './limits.js';
import { type Job, JOB_SECONDS, type JobResult, resilient, type SlowestDocument, slower } from './jobs.js';
import type { StageTimings } from './stages.js';
import { type FoundFile, walkInputs } from './walk.js';

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

/** Bytes in a mebibyte: `--max-file-mb` counts in MiB, and so do its messages. */
const MIB = 1024 * 1024;

/** Documents per write transaction: large enough to amortize commits, small enough to lose little on a crash. */
const BATCH_DOCUMENTS = 200;
/** JSONL lines per job: a few hundred KB of work, so workers stay busy without holding much. */
const JSONL_LINES_PER_JOB = 64;

/** Either a piscina pool over compiled workers, or the same function in-process. */
function createExecutor(workers: number): { run: (job: Job) => Promise<JobResult>; close: () => Promise<void> } {
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
  const accept = (result: Pick<JobResult, 'documents' | 'outcomes'> & Partial<JobResult>) => {
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

  const importFile = async (file: FoundFile): Promise<void> => {
    if (file.kind === 'jsonl') return importJsonl(file);
    if (file.size > maxFileBytes) {
      accept({
        documents: [],
        outcomes: [
          skippedOutcome(
            file.path,
            null,
            'too-large',
            `${(file.size / MIB).toFixed(1)} MiB exceeds the ${(maxFileBytes / MIB).toFixed(0)} MiB limit for whole-file formats (--max-file-mb)`,
          ),
        ],
      });
      return;
    }
    let content: Buffer;
    const readStarted = performance.now();
    try {
      content = await readFile(file.absolute);
    } catch (error) {
      accept({ documents: [], outcomes: [readErrorOutcome(file.path, error)] });
      return;
    }
    bytes += content.length;
    const sha256 = sha256Hex(content);
    const stored = (await store.storedRecords(file.path, sha256)).size > 0;
    timings['read'] = (timings['read'] ?? 0) + (performance.now() - readStarted) / 1000;
    if (stored) {
      accept({ documents: [], outcomes: [unchangedOutcome(file.path, 'already imported')] });
      return;
    }
    try {
      const result = await runJob({
        kind: 'file',
        file: {
          path: file.path,
          bytes: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
          sha256,
          kind: file.kind,
        },
      });
      accept(result);
    } catch (error) {
      accept({ documents: [], outcomes: [failedOutcome(file.path, error)] });
    }
  };

  /** JSONL archives can be any size: hash and read them as streams, and send lines to workers in chunks. */
  const importJsonl = async (file: FoundFile): Promise<void> => {
    let sha256: string;
    try {
      sha256 = await new Promise<string>((resolve, reject) => {
        const hash = createHash('sha256');
        createReadStream(file.absolute)
          .on('data', (data) => hash.update(data))
          .on('error', reject)
          .on('end', () => resolve(hash.digest('hex')));
      });
    } catch (error) {
      accept({ documents: [], outcomes: [readErrorOutcome(file.path, error)] });
      return;
    }
    bytes += file.size;
    const stored = await store.storedRecords(file.path, sha256);
    const lines = createInterface({
      input: createReadStream(file.absolute, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    let chunk: Array<{ line: string; lineNumber: number }> = [];
    let lineNumber = 0;
    let sent = 0; // lines not stored before: new, changed, or broken and reported again
    const jobs: Promise<void>[] = [];
    const send = (batch: typeof chunk) => {
      const job = runJob({
        kind: 'jsonl-lines',
        file: { path: file.path, sha256, encoding: 'utf-8' },
        lines: batch,
      }).then(
        (result) => accept(result),
        (error) => accept({ documents: [], outcomes: [failedOutcome(file.path, error)] }),
      );
      jobs.push(job);
    };
    for await (const raw of lines) {
      if (interrupted()) break;
      lineNumber++;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (line.trim() === '' || stored.has(lineNumber)) continue;
      chunk.push({ line, lineNumber });
      sent++;
      if (chunk.length >= JSONL_LINES_PER_JOB) {
        send(chunk);
        chunk = [];
        // Back-pressure inside one big file: wait for workers before reading further.
        if (jobs.length >= inFlight) await Promise.all(jobs.splice(0));
      }
    }
    if (chunk.length > 0) send(chunk);
    await Promise.all(jobs);
    if (stored.size > 0) {
      const detail = `${stored.size} records already imported${sent > 0 ? `, ${sent} lines read again` : ''}`;
      accept({ documents: [], outcomes: [unchangedOutcome(file.path, detail)] });
    }
  };

  try {
    for (const file of walked.files) {
      await queue.onSizeLessThan(inFlight);
      // Back-pressure from the writer: reading never runs more than a couple of batches ahead of the database.
      if (batchesQueued > 2) await writing;
      if (writeError || interrupted()) break;
      void queue.add(async () => {
        try {
          await importFile(file);
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
    await store.close();
    await lock.release();
  }
  return summary(false);
}
