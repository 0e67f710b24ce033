import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Job as QueueJob, Queue, Worker, type ConnectionOptions } from 'bullmq';
import PQueue from 'p-queue';
import type { FileOutcome } from '../corpus/document.js';
import { sha256Hex } from '../corpus/ids.js';
import { failedOutcome, unchangedOutcome } from '../corpus/outcomes.js';
import { MINHASH_NEAR_DUPLICATES } from '../extractors/minhash.js';
import type { KnowledgeBase, WriteItem } from '../output/knowledge-base.js';
import { openKnowledgeBase } from '../output/open.js';
import { CONSOLIDATION_RULES } from './consolidate.js';
import { type Accepted, ingestFile, type JsonlRange } from './ingest.js';
import { writeIsolated } from './isolated-write.js';
import { resilient, type SlowestDocument, slower } from './jobs.js';
import { DEFAULT_MAX_FILE_BYTES } from './limits.js';
import { createExecutor, type ImportSummary } from './runner.js';
import type { StageTimings } from './stages.js';
import { type FoundFile, walkInputs } from './walk.js';

/**
 * The distributed import: BullMQ jobs on Redis, one per file (or per range of lines of a JSONL file), done by
 * `advisory-kb worker` processes on any number of machines, all writing one PostgreSQL knowledge base. Workers run
 * the embedded import's ingestion and stages (ingest.ts, process.ts); delivery is at least once (a job whose worker
 * died is taken again once its lock expires), and content-derived ids with idempotent writes make a repeat
 * harmless, so the effect is exactly once.
 */

/** The queue's name in Redis unless another is given (one per knowledge base that shares a Redis). */
export const DEFAULT_QUEUE_NAME = 'advisory-kb';
/** JSONL lines per queue job: large enough to amortise a job, small enough to spread a big file over workers. */
const JSONL_LINES_PER_QUEUE_JOB = 1024;
/** Attempts per job before its file is reported failed; retries back off from a second. */
const JOB_ATTEMPTS = 5;
/** Jobs added to Redis per call. */
const ENQUEUE_CHUNK = 500;
/** Jobs whose state the importer asks for per poll, and how often. */
const POLL_WINDOW = 200;
const POLL_MS = 500;
/** Documents per write transaction of a worker, at most. */
const WORKER_BATCH_DOCUMENTS = 100;

/** What a file job carries: the file as the importer found it (the path must reach it on every worker host). */
interface FileJobData {
  kind: 'file';
  runId: number;
  file: FoundFile;
  range?: JsonlRange & { sha256: string };
}

/** Consolidation of the knowledge base, once a run's files are done. */
interface ConsolidateJobData {
  kind: 'consolidate';
  runId: number;
}

type JobData = FileJobData | ConsolidateJobData;

/** What a file job returns: its outcomes, and what the summary adds up. */
interface FileJobResult {
  outcomes: FileOutcome[];
  timings: StageTimings;
  slowest: SlowestDocument | null;
  bytes: number;
}

/** BullMQ's connection options for a redis:// URL. Workers block on Redis, so commands are never given up. */
function connection(url: string): ConnectionOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new Error(`--queue expects a redis:// URL, not ${JSON.stringify(url)}`);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db: Number(u.pathname.slice(1) || 0),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** A job id from what the job is: the same file version (or range of it) enqueued again is the same job. */
const jobId = (...parts: Array<string | number>) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** A JSONL file's SHA-256 and its line ranges of JSONL_LINES_PER_QUEUE_JOB lines, in one streamed pass. */
async function jsonlRanges(absolute: string): Promise<{ sha256: string; ranges: JsonlRange[] }> {
  const hash = createHash('sha256');
  const ranges: JsonlRange[] = [];
  let offset = 0;
  let line = 1;
  let range: JsonlRange = { start: 0, end: 0, firstLine: 1 };
  let linesInRange = 0;
  for await (const chunk of createReadStream(absolute) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      line++;
      if (++linesInRange === JSONL_LINES_PER_QUEUE_JOB) {
        range.end = offset + i + 1;
        ranges.push(range);
        range = { start: range.end, end: range.end, firstLine: line };
        linesInRange = 0;
      }
    }
    offset += chunk.length;
  }
  if (offset > range.start) ranges.push({ ...range, end: offset });
  return { sha256: hash.digest('hex'), ranges };
}

/** How a distributed import runs. */
export interface QueueImportOptions {
  /** Redis, as redis://host:port[/db]. */
  queue: string;
  /** The knowledge base the workers write (a postgres:// URL). */
  db: string;
  /** The queue's name in Redis. @default DEFAULT_QUEUE_NAME */
  queueName?: string;
  toolVersion?: string;
  onProgress?: (progress: { done: number; total: number; path: string }) => void;
  /** Stops waiting (Ctrl-C): jobs enqueued stay queued and are done by the workers; a re-run waits for them. */
  signal?: AbortSignal;
  /** Called once the jobs are enqueued if no worker is connected to the queue. */
  onNoWorkers?: () => void;
}

/**
 * Enqueues the files under the inputs, waits until the workers have done them, has the knowledge base consolidated,
 * and returns the same summary as the embedded import. Files are read here only to hash them (a file changed
 * since is a new job); the workers read them again by their absolute path.
 */
export async function enqueueImport(inputs: string[], options: QueueImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const store = await openKnowledgeBase(options.db, MINHASH_NEAR_DUPLICATES);
  const queue = new Queue<JobData>(options.queueName ?? DEFAULT_QUEUE_NAME, { connection: connection(options.queue) });
  try {
    const runId = await store.beginRun(inputs, options.toolVersion ?? 'dev');
    const walked = await walkInputs(inputs);
    const outcomes: FileOutcome[] = [];
    if (walked.skipped.length > 0)
      outcomes.push(...(await store.writeBatch(runId, [{ documents: [], outcomes: walked.skipped }])));
    const ids = new Map<string, FoundFile>();
    let batch: Array<{ name: string; data: JobData; opts: { jobId: string } }> = [];
    const add = async (force = false) => {
      if (batch.length === 0 || (!force && batch.length < ENQUEUE_CHUNK)) return;
      await queue.addBulk(
        batch.map((job) => ({
          ...job,
          opts: {
            ...job.opts,
            attempts: JOB_ATTEMPTS,
            backoff: { type: 'exponential', delay: 1000 },
            // Kept a week, so that an import enqueued again while they are kept adds nothing.
            removeOnComplete: { age: 7 * 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
      batch = [];
    };
    const failedToRead: FileOutcome[] = [];
    for (const file of walked.files) {
      try {
        if (file.kind === 'jsonl') {
          const { sha256, ranges } = await jsonlRanges(file.absolute);
          for (const range of ranges) {
            const id = jobId(file.path, sha256, range.firstLine);
            ids.set(id, file);
            batch.push({
              name: 'file',
              data: { kind: 'file', runId, file, range: { ...range, sha256 } },
              opts: { jobId: id },
            });
          }
        } else {
          const id = jobId(file.path, sha256Hex(await readFile(file.absolute)));
          ids.set(id, file);
          batch.push({ name: 'file', data: { kind: 'file', runId, file }, opts: { jobId: id } });
        }
      } catch (error) {
        failedToRead.push(failedOutcome(file.path, error));
      }
      await add();
    }
    await add(true);
    if (failedToRead.length > 0)
      outcomes.push(...(await store.writeBatch(runId, [{ documents: [], outcomes: failedToRead }])));

    if ((await queue.getWorkers()).length === 0) options.onNoWorkers?.();
    const summary = { timings: {} as StageTimings, slowest: null as SlowestDocument | null, bytes: 0 };
    const finished = await awaitJobs(queue, runId, ids, options, (result) => {
      for (const [stage, seconds] of Object.entries(result.timings))
        summary.timings[stage] = (summary.timings[stage] ?? 0) + seconds;
      summary.slowest = slower(summary.slowest, result.slowest);
      summary.bytes += result.bytes;
    });
    outcomes.push(...finished.outcomes);
    // Files whose every attempt failed are recorded by the importer, which is the one left to record them.
    if (finished.failed.length > 0)
      outcomes.push(...(await store.writeBatch(runId, [{ documents: [], outcomes: finished.failed }])));
    if (!finished.interrupted) {
      const consolidation = await queue.add(
        'consolidate',
        { kind: 'consolidate', runId },
        { jobId: `consolidate-${runId}`, attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 } },
      );
      const done = await awaitJobs(queue, runId, new Map([[consolidation.id!, null]]), options, () => undefined);
      if (done.failed.length > 0) throw new Error(`consolidation failed: ${done.failed[0]!.detail}`);
    } else {
      await store.finishRun(runId, 'interrupted');
    }
    return {
      runId,
      files: walked.files.length,
      outcomes,
      seconds: (performance.now() - started) / 1000,
      bytes: summary.bytes,
      timings: summary.timings,
      slowest: summary.slowest,
      warnings: [],
      interrupted: finished.interrupted,
    };
  } finally {
    await queue.close();
    await store.close();
  }
}

/**
 * Waits until every job of `ids` is done, asking Redis for their state (events could be missed while Redis
 * restarts; states cannot). A job that failed every attempt becomes a failed outcome with its last error.
 */
async function awaitJobs(
  queue: Queue<JobData>,
  runId: number,
  ids: Map<string, FoundFile | null>,
  options: QueueImportOptions,
  onResult: (result: FileJobResult) => void,
): Promise<{ outcomes: FileOutcome[]; failed: FileOutcome[]; interrupted: boolean }> {
  const pending = [...ids.keys()];
  const outcomes: FileOutcome[] = [];
  const failed: FileOutcome[] = [];
  let done = 0;
  while (pending.length > 0) {
    if (options.signal?.aborted) return { outcomes, failed, interrupted: true };
    const window = pending.slice(0, POLL_WINDOW);
    const jobs = await Promise.all(window.map((id) => QueueJob.fromId<JobData, FileJobResult | null>(queue, id)));
    const open = new Set<string>();
    for (const [i, job] of jobs.entries()) {
      const id = window[i]!;
      if (job && !job.finishedOn) {
        open.add(id);
        continue;
      }
      done++;
      const file = ids.get(id) ?? null;
      if (job && (await job.getState()) === 'completed') {
        if (job.returnvalue) {
          // A job an earlier import enqueued (the same file version, still kept in the queue) did this file then.
          const earlier = job.data.runId !== runId;
          outcomes.push(
            ...job.returnvalue.outcomes.map((o) =>
              earlier && !['skipped', 'failed'].includes(o.status)
                ? unchangedOutcome(o.path, `already imported (run ${job.data.runId})`)
                : o,
            ),
          );
          if (!earlier) onResult(job.returnvalue);
        }
      } else {
        failed.push(
          failedOutcome(file?.path ?? '', new Error(job?.failedReason ?? 'the job is no longer in the queue')),
        );
      }
      if (file) options.onProgress?.({ done, total: ids.size, path: file.path });
    }
    pending.splice(0, window.length, ...window.filter((id) => open.has(id)));
    if (open.size === window.length) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { outcomes, failed, interrupted: false };
}

/** How a worker runs. */
export interface WorkerOptions {
  queue: string;
  db: string;
  /** The queue's name in Redis. @default DEFAULT_QUEUE_NAME */
  queueName?: string;
  /** Extraction threads (0: in this thread). @default availableParallelism() */
  workers?: number;
  /** Jobs in progress at once: enough that reading, writing and analysis overlap. @default 32 per thread, at least 64 */
  concurrency?: number;
  /** How long a job stays claimed by a worker that stopped answering, before another takes it. @default 30 */
  lockSeconds?: number;
  maxFileBytes?: number;
  /** Stops taking jobs; the jobs in progress finish first. */
  signal?: AbortSignal;
}

/**
 * Collects the results of concurrent jobs into one write transaction per batch: each write's promise settles when
 * the batch holding its rows has committed, and a job is done (BullMQ acknowledges it) once all its writes are. A
 * job hands its rows in as analysis produces them (a JSONL range chunk by chunk), so a job holds one chunk, not its
 * whole range. Commits are grouped: rows are written at once when no batch is being written, and otherwise make
 * the next batch, written as soon as the one before has committed (or once it holds WORKER_BATCH_DOCUMENTS). So a
 * batch grows with the database's latency, and analysis never waits for a batch to fill or a timer to fire: with
 * fixed batches, a worker's jobs all sat waiting for one commit while its analysis stood idle (38 % of the time).
 */
class BatchWriter {
  private pending: Array<{
    runId: number;
    item: WriteItem;
    resolve: (o: FileOutcome[]) => void;
    reject: (e: unknown) => void;
  }> = [];
  private documents = 0;
  /** Batches being written or waiting to be. */
  private writes = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly store: KnowledgeBase) {}

  write(runId: number, item: WriteItem): Promise<FileOutcome[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ runId, item, resolve, reject });
      this.documents += item.documents.length;
      if (this.writes === 0 || this.documents >= WORKER_BATCH_DOCUMENTS) this.flush();
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.documents = 0;
    this.writes++;
    this.writing = this.writing.then(async () => {
      for (const runId of new Set(batch.map((b) => b.runId))) {
        const part = batch.filter((b) => b.runId === runId);
        try {
          const written = await writeIsolated(
            this.store,
            runId,
            part.map((b) => b.item),
          );
          // Each outcome goes back to the write it is of, by its file and record (in batch order, once each).
          const key = (o: { path: string; record?: number | null }) => `${o.path}\u0000${o.record ?? 0}`;
          const owners = new Map<string, number[]>();
          part.forEach((b, i) => {
            for (const o of [...b.item.documents.map((d) => d.source), ...b.item.outcomes])
              owners.set(key(o), [...(owners.get(key(o)) ?? []), i]);
          });
          const back = part.map((): FileOutcome[] => []);
          for (const o of written) {
            const owner = owners.get(key(o))?.shift();
            if (owner !== undefined) back[owner]!.push(o);
          }
          part.forEach((b, i) => b.resolve(back[i]!));
        } catch (error) {
          for (const b of part) b.reject(error);
        }
      }
      if (--this.writes === 0 && this.pending.length > 0) this.flush();
    });
  }
}

/**
 * Takes jobs from the queue until the signal: analyses files with the embedded import's stages and writes their
 * rows, a batch per transaction; runs consolidation jobs. A job that fails (the database unreachable beyond the
 * store's own wait) is retried by BullMQ, backing off.
 */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const threads = options.workers ?? availableParallelism();
  const store = await openKnowledgeBase(options.db, MINHASH_NEAR_DUPLICATES);
  const executor = createExecutor(threads);
  const runJob = resilient(executor.run);
  const writer = new BatchWriter(store);
  // Reading files is I/O; analysis is bounded by the executor: a queue keeps the jobs' analyses in line with it.
  const analysis = new PQueue({ concurrency: Math.max(1, threads) * 2 });
  const lockMs = (options.lockSeconds ?? 30) * 1000;
  const worker = new Worker<JobData, FileJobResult | null>(
    options.queueName ?? DEFAULT_QUEUE_NAME,
    async (job) => {
      const data = job.data;
      if (data.kind === 'consolidate') {
        await store.consolidate(CONSOLIDATION_RULES);
        await store.finishRun(data.runId, 'completed');
        return null;
      }
      const result: FileJobResult = { outcomes: [], timings: {}, slowest: null, bytes: 0 };
      const writes: Array<Promise<FileOutcome[]>> = [];
      const accept = (accepted: Accepted) => {
        for (const [stage, seconds] of Object.entries(accepted.timings ?? {}))
          result.timings[stage] = (result.timings[stage] ?? 0) + seconds;
        result.slowest = slower(result.slowest, accepted.slowest ?? null);
        writes.push(writer.write(data.runId, { documents: accepted.documents, outcomes: accepted.outcomes }));
      };
      const ingested = ingestFile(
        data.file,
        {
          storedRecords: (path, sha256) => store.storedRecords(path, sha256),
          hasSourcesAt: (path) => store.hasSourcesAt(path),
          runJob: (work) => analysis.add(() => runJob(work)),
          accept,
          maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
          inFlight: Math.max(2, threads) * 4,
          interrupted: () => false,
          onRead: (bytes) => (result.bytes += bytes),
        },
        data.range,
      );
      try {
        await ingested;
      } catch (error) {
        // What was handed in may still be written (harmlessly: the retry writes it again); the job fails.
        await Promise.allSettled(writes);
        throw error;
      }
      result.outcomes = (await Promise.all(writes)).flat();
      return result;
    },
    {
      connection: connection(options.queue),
      concurrency: options.concurrency ?? Math.max(64, threads * 32),
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, lockMs / 2),
      maxStalledCount: JOB_ATTEMPTS,
    },
  );
  // Errors of the connection (Redis restarting) are retried by BullMQ itself; they are not the worker's end.
  worker.on('error', () => undefined);
  try {
    await new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await worker.close();
    await executor.close();
    await store.close();
  }
}
