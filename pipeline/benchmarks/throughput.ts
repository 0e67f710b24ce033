import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport } from '../runner.js';
import { passInChildProcess } from './analysis-pass.js';
import { type DistributedRun, runDistributed } from './distributed.js';
import { generateCorpus } from './synthetic.js';
import { textSourceFrom } from './texts.js';

/** What one throughput run measured. */
export interface ThroughputResult {
  docs: number;
  /** Where the texts came from: the templates, or the sentences and paragraphs of the real documents of a folder. */
  texts: { folder: string; documents: number } | 'templates';
  files: number;
  badFiles: number;
  workers: number;
  seconds: number;
  docsPerSecond: number;
  mbPerSecond: number;
  peakRssMb: number;
  /** Seconds per stage, summed over worker threads (read, ingest, each extractor, store, dedup). */
  stages: Record<string, number>;
  /** Pipeline documents/s divided by a bare compromise `nlp(text)` pass's documents/s over the same texts. */
  compromiseRatio: number;
  /** The reference: `passes` warm passes (before and after the import) over `sampleDocs` of the same texts. */
  compromise: { sampleDocs: number; passes: number; docsPerSecond: number; kbPerSecond: number };
  generationSeconds: number;
  machine: { cpus: number; model: string; node: string };
  /** The distributed import of the same archive, per number of worker processes, with its compromiseRatio. */
  distributed?: Array<DistributedRun & { compromiseRatio: number }>;
}

/** One warm compromise pass over the texts in `file`, in a child process. */
const compromiseReference = (file: string) =>
  passInChildProcess<{ seconds: number; bytes: number }>(new URL('./compromise-pass.js', import.meta.url), file);

/**
 * Generates a seeded synthetic archive, imports it with the real runner into a fresh knowledge base, and measures a
 * bare compromise pass over a sample of the same texts on one thread as the reference, in the same run: these
 * machines are shared and noisy, so only ratios within one run compare. The reference runs before and after the
 * import and counts both, so a change of load on the machine during the run weighs on both sides of the ratio.
 */
export async function runThroughputBenchmark(options: {
  docs: number;
  seed?: number;
  /** Build the documents from the sentences and paragraphs of the real documents in this folder. */
  texts?: string;
  workers?: number;
  sample?: number;
  keep?: boolean;
  /** Also import the archive through a queue, with each of these numbers of worker processes. */
  distributed?: { queue: string; db: string; workerProcesses: number[] };
}): Promise<ThroughputResult & { folder: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'advisory-kb-bench-'));
  const generationStarted = performance.now();
  const source = options.texts ? await textSourceFrom(options.texts) : undefined;
  const corpus = generateCorpus(
    join(folder, 'archive'),
    options.docs,
    options.seed ?? 42,
    options.sample ?? 200,
    source,
  );
  const generationSeconds = (performance.now() - generationStarted) / 1000;
  const workers = options.workers ?? availableParallelism();
  try {
    const sampleFile = join(folder, 'compromise-sample.json');
    writeFileSync(sampleFile, JSON.stringify(corpus.sample));
    const before = await compromiseReference(sampleFile);
    const summary = await runImport([corpus.folder], { db: join(folder, 'bench.sqlite'), workers });
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const distributed: DistributedRun[] = [];
    for (const processes of options.distributed?.workerProcesses ?? [])
      distributed.push(await runDistributed(corpus.folder, options.docs, processes, options.distributed!));
    const after = await compromiseReference(sampleFile);
    const compromiseSeconds = before.seconds + after.seconds;
    const sampleBytes = before.bytes + after.bytes;
    const compromiseDocsPerSecond = (2 * corpus.sample.length) / compromiseSeconds;

    const docsPerSecond = options.docs / summary.seconds;
    const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
    return {
      folder,
      docs: options.docs,
      texts: source ? { folder: options.texts!, documents: source.documents } : 'templates',
      files: corpus.files,
      badFiles: corpus.badFiles,
      workers,
      seconds: round(summary.seconds),
      docsPerSecond: round(docsPerSecond, 1),
      mbPerSecond: round(corpus.bytes / 1e6 / summary.seconds),
      peakRssMb: round(peakRssMb, 1),
      stages: Object.fromEntries(Object.entries(summary.timings).map(([k, v]) => [k, round(v)])),
      compromiseRatio: round(docsPerSecond / compromiseDocsPerSecond, 2),
      compromise: {
        sampleDocs: corpus.sample.length,
        passes: 2,
        docsPerSecond: round(compromiseDocsPerSecond, 1),
        kbPerSecond: round(sampleBytes / 1000 / compromiseSeconds, 1),
      },
      generationSeconds: round(generationSeconds),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      ...(options.distributed
        ? {
            distributed: distributed.map((run) => ({
              ...run,
              compromiseRatio: round(run.docsPerSecond / compromiseDocsPerSecond, 2),
            })),
          }
        : {}),
    };
  } finally {
    if (!options.keep) rmSync(folder, { recursive: true, force: true });
  }
}

/** The throughput figures as lines of text. */
export function formatThroughputResult(r: ThroughputResult): string {
  const stages = Object.entries(r.stages)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
  return [
    `advisory-kb bench: ${r.docs} documents in ${r.files} files (${r.badFiles} bad), ${r.workers} workers, on ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}`,
    `texts: ${r.texts === 'templates' ? 'sentence templates' : `sentences and paragraphs of the ${r.texts.documents} documents in ${r.texts.folder}`}`,
    `import: ${r.seconds.toFixed(1)} s, ${r.docsPerSecond} documents/s, ${r.mbPerSecond.toFixed(2)} MB/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    `stage seconds (summed over threads): ${stages}`,
    `bare compromise nlp(text), one thread, warm, ${r.compromise.sampleDocs} of the same texts before and after the import: ${r.compromise.docsPerSecond} documents/s (${r.compromise.kbPerSecond} KB/s)`,
    `compromiseRatio (pipeline documents/s ÷ compromise documents/s): ${r.compromiseRatio}`,
    ...(r.distributed ?? []).map(
      (d) =>
        `distributed, ${d.workerProcesses} worker process${d.workerProcesses === 1 ? '' : 'es'}: ${d.seconds.toFixed(1)} s, ${d.docsPerSecond} documents/s (${(d.docsPerSecond / r.docsPerSecond).toFixed(2)}× embedded), compromiseRatio ${d.compromiseRatio}; PostgreSQL ${d.database.commitsPerSecond} commits/s, ${d.database.rowsPerSecond} rows/s`,
    ),
    ...(r.distributed && r.distributed.length > 1
      ? [
          `scaling: ${r.distributed.at(-1)!.workerProcesses} processes ÷ ${r.distributed[0]!.workerProcesses}: ${(r.distributed.at(-1)!.docsPerSecond / r.distributed[0]!.docsPerSecond).toFixed(2)}×`,
        ]
      : []),
  ].join('\n');
}
