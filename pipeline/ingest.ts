import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { sha256Hex } from '../corpus/ids.js';
import { failedOutcome, readErrorOutcome, skippedOutcome, unchangedOutcome } from '../corpus/outcomes.js';
import type { Job, JobResult } from './jobs.js';
import type { FoundFile } from './walk.js';

/**
 * How one file becomes write items: read, hashed, skipped when stored already, sent to analysis (whole, or as chunks
 * of JSONL lines). The embedded import and the queue's workers both ingest through here, so the two modes cannot
 * drift apart; each decides where the results go and how many files run at once.
 */

/** Bytes in a mebibyte: `--max-file-mb` counts in MiB, and so do its messages. */
const MIB = 1024 * 1024;
/** JSONL lines per job: a few hundred KB of work, so workers stay busy without holding much. */
const JSONL_LINES_PER_JOB = 64;

/** A result as the runner takes it: what to write, and what to add to the summary's figures. */
export type Accepted = Pick<JobResult, 'documents' | 'outcomes'> & Partial<JobResult>;

/** What ingestion needs from the one who runs it. */
export interface IngestContext {
  /** Records of a file version already stored (0 for a single-document file). */
  storedRecords(path: string, sha256: string): Promise<Set<number>>;
  /** Whether any version of the file at `path` is stored. */
  hasSourcesAt(path: string): Promise<boolean>;
  runJob(job: Job): Promise<JobResult>;
  accept(result: Accepted): void;
  maxFileBytes: number;
  /** Jobs of one JSONL file in flight before reading waits for them. */
  inFlight: number;
  /** Stops reading a JSONL file (an interrupt). */
  interrupted(): boolean;
  /** Counts bytes read, and seconds spent reading and hashing, for the summary. */
  onRead(bytes: number, seconds: number): void;
}

/** Part of a JSONL file: lines [firstLine, …) from byte `start` up to byte `end` (exclusive). */
export interface JsonlRange {
  start: number;
  end: number;
  firstLine: number;
}

/** Ingests a file of any format; JSONL as a whole, or the range given. */
export function ingestFile(
  file: FoundFile,
  ctx: IngestContext,
  range?: JsonlRange & { sha256: string },
): Promise<void> {
  return file.kind === 'jsonl' ? ingestJsonl(file, ctx, range) : ingestWholeFile(file, ctx);
}

async function ingestWholeFile(file: FoundFile, ctx: IngestContext): Promise<void> {
  if (file.size > ctx.maxFileBytes) {
    ctx.accept({
      documents: [],
      outcomes: [
        skippedOutcome(
          file.path,
          null,
          'too-large',
          `${(file.size / MIB).toFixed(1)} MiB exceeds the ${(ctx.maxFileBytes / MIB).toFixed(0)} MiB limit for whole-file formats (--max-file-mb)`,
        ),
      ],
    });
    return;
  }
  if (!(await ctx.hasSourcesAt(file.path))) {
    ctx.onRead(file.size, 0);
    await runAndAccept(
      { kind: 'unread-file', file: { path: file.path, absolute: file.absolute, kind: file.kind } },
      ctx,
    );
    return;
  }
  let content: Buffer;
  const readStarted = performance.now();
  try {
    content = await readFile(file.absolute);
  } catch (error) {
    ctx.accept({ documents: [], outcomes: [readErrorOutcome(file.path, error)] });
    return;
  }
  const sha256 = sha256Hex(content);
  const stored = (await ctx.storedRecords(file.path, sha256)).size > 0;
  ctx.onRead(content.length, (performance.now() - readStarted) / 1000);
  if (stored) {
    ctx.accept({ documents: [], outcomes: [unchangedOutcome(file.path, 'already imported')] });
    return;
  }
  const bytes = new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  await runAndAccept({ kind: 'file', file: { path: file.path, bytes, sha256, kind: file.kind } }, ctx);
}

async function runAndAccept(job: Job & { kind: 'file' | 'unread-file' }, ctx: IngestContext): Promise<void> {
  try {
    ctx.accept(await ctx.runJob(job));
  } catch (error) {
    ctx.accept({ documents: [], outcomes: [failedOutcome(job.file.path, error)] });
  }
}

/** The SHA-256 of a file, streamed: JSONL archives can be any size. */
export function hashFile(absolute: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(absolute)
      .on('data', (data) => hash.update(data))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** JSONL archives can be any size: hash and read them as streams, and send lines to analysis in chunks. */
async function ingestJsonl(file: FoundFile, ctx: IngestContext, range?: JsonlRange & { sha256: string }) {
  let sha256: string;
  try {
    sha256 = range?.sha256 ?? (await hashFile(file.absolute));
  } catch (error) {
    ctx.accept({ documents: [], outcomes: [readErrorOutcome(file.path, error)] });
    return;
  }
  ctx.onRead(range ? range.end - range.start : file.size, 0);
  const stored = await ctx.storedRecords(file.path, sha256);
  const lines = createInterface({
    input: createReadStream(
      file.absolute,
      range ? { encoding: 'utf8', start: range.start, end: range.end - 1 } : { encoding: 'utf8' },
    ),
    crlfDelay: Infinity,
  });
  let chunk: Array<{ line: string; lineNumber: number }> = [];
  let lineNumber = (range?.firstLine ?? 1) - 1;
  let sent = 0; // lines not stored before: new, changed, or broken and reported again
  const jobs: Promise<void>[] = [];
  const send = (batch: typeof chunk) => {
    const job = ctx
      .runJob({ kind: 'jsonl-lines', file: { path: file.path, sha256, encoding: 'utf-8' }, lines: batch })
      .then(
        (result) => ctx.accept(result),
        (error) => ctx.accept({ documents: [], outcomes: [failedOutcome(file.path, error)] }),
      );
    jobs.push(job);
  };
  for await (const raw of lines) {
    if (ctx.interrupted()) break;
    lineNumber++;
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '' || stored.has(lineNumber)) continue;
    chunk.push({ line, lineNumber });
    sent++;
    if (chunk.length >= JSONL_LINES_PER_JOB) {
      send(chunk);
      chunk = [];
      // Back-pressure inside one big file: wait for analysis before reading further.
      if (jobs.length >= ctx.inFlight) await Promise.all(jobs.splice(0));
    }
  }
  if (chunk.length > 0) send(chunk);
  await Promise.all(jobs);
  const storedHere = range ? [...stored].filter((n) => n >= range.firstLine && n <= lineNumber).length : stored.size;
  if (storedHere > 0) {
    const detail = `${storedHere} records already imported${sent > 0 ? `, ${sent} lines read again` : ''}`;
    ctx.accept({ documents: [], outcomes: [unchangedOutcome(file.path, detail)] });
  }
}
