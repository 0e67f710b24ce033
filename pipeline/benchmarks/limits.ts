import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestedDocument } from '../../corpus/document.js';
import { sha256Hex } from '../../corpus/ids.js';
import { ingestFile } from '../../corpus/ingest.js';
import { detectLanguage, paragraphSpans } from '../../extractors/language.js';
import { tokenize } from '../../extractors/phrases.js';
import { Pipeline, type StageTimings } from '../stages.js';
import { passInChildProcess } from './analysis-pass.js';
import { compromisePass } from './compromise-pass.js';
import { generateCorpus, type TextSource } from './synthetic.js';

/**
 * The speed limits of one thread on the benchmark's own texts, from a bare pass that does almost nothing to the full
 * analysis: how far each stage is from the cost of merely touching the text. Everything runs in this process, one
 * pass after a warm-up pass, so the figures of one run compare with each other (not with another run's).
 */

/** One measured pass: megabytes of text per second and documents per second. */
export interface LimitPass {
  name: string;
  mbPerSecond: number;
  docsPerSecond: number;
}

export interface LimitsResult {
  docs: number;
  megabytes: number;
  passes: LimitPass[];
  /** CPU milliseconds per document of each analysis stage, in the full analysis pass. */
  stageMsPerDoc: Record<string, number>;
  /**
   * The full analysis from a cold start in processes of their own, alone and as two at once over the same texts:
   * documents/s of all of them together, and two's over one's (what two worker processes can reach at most here).
   */
  processes: { one: number; two: number; scaling: number };
}

/** Runs `work` over every text twice (the first warms the JIT) and times the second run. */
function timed<T>(items: readonly T[], work: (item: T) => unknown): number {
  for (const item of items) work(item);
  const started = performance.now();
  for (const item of items) work(item);
  return (performance.now() - started) / 1000;
}

export async function runLimitsBenchmark(options: {
  docs: number;
  seed?: number;
  source?: TextSource;
}): Promise<LimitsResult> {
  const folder = mkdtempSync(join(tmpdir(), 'advisory-kb-limits-'));
  try {
    const { sample } = generateCorpus(
      join(folder, 'archive'),
      options.docs,
      options.seed ?? 42,
      options.docs,
      options.source,
    );
    const files = sample.map((text, i) => {
      const bytes = new TextEncoder().encode(text);
      return { path: `limits/${i}.txt`, bytes, sha256: sha256Hex(bytes), kind: 'text' as const };
    });
    const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
    const documents: IngestedDocument[] = files.flatMap((file) => ingestFile(file).documents);
    const pipeline = new Pipeline();
    const stageTimings: StageTimings = {};
    const capitalized = /\p{Lu}\p{Ll}+/gu;
    const passes: Array<[string, () => number]> = [
      ['capitalized-word regex', () => timed(sample, (text) => text.match(capitalized)?.length)],
      ['split(/\\s+/)', () => timed(sample, (text) => text.split(/\s+/).length)],
      ['decode and load (ingest)', () => timed(files, (file) => ingestFile(file))],
      ['tokenize()', () => timed(sample, (text) => tokenize(text))],
      [
        'language per paragraph (franc, de/en)',
        () => timed(sample, (text) => paragraphSpans(text).map((s) => detectLanguage(text.slice(s.start, s.end)))),
      ],
      [
        'full analysis (one thread, no store)',
        () => {
          documents.forEach((doc) => pipeline.analyze(doc));
          const started = performance.now();
          documents.forEach((doc) => pipeline.analyze(doc, stageTimings));
          return (performance.now() - started) / 1000;
        },
      ],
    ];
    const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
    const measured = passes.map(([name, run]) => {
      const seconds = run();
      return { name, mbPerSecond: round(bytes / 1e6 / seconds), docsPerSecond: round(sample.length / seconds, 1) };
    });
    // compromise runs its own warm-up (a tenth of the texts) and times one pass.
    const compromise = await compromisePass(sample);
    measured.push({
      name: 'bare compromise nlp(text)',
      mbPerSecond: round(compromise.bytes / 1e6 / compromise.seconds),
      docsPerSecond: round(sample.length / compromise.seconds, 1),
    });
    const textsFile = join(folder, 'texts.json');
    writeFileSync(textsFile, JSON.stringify(sample));
    const script = new URL('./analysis-pass.js', import.meta.url);
    const inProcesses = async (n: number) => {
      const started = performance.now();
      await Promise.all(Array.from({ length: n }, () => passInChildProcess(script, textsFile)));
      return (n * sample.length) / ((performance.now() - started) / 1000);
    };
    const one = await inProcesses(1);
    const two = await inProcesses(2);
    return {
      processes: { one: round(one, 1), two: round(two, 1), scaling: round(two / one) },
      docs: sample.length,
      megabytes: round(bytes / 1e6),
      passes: measured,
      stageMsPerDoc: Object.fromEntries(
        Object.entries(stageTimings).map(([stage, seconds]) => [stage, round((seconds * 1000) / documents.length)]),
      ),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function formatLimitsResult(r: LimitsResult): string {
  const width = Math.max(...r.passes.map((p) => p.name.length));
  return [
    `advisory-kb bench --limits: ${r.docs} documents, ${r.megabytes} MB, one thread, second of two passes`,
    ...r.passes.map(
      (p) => `  ${p.name.padEnd(width)}  ${String(p.mbPerSecond).padStart(8)} MB/s  ${p.docsPerSecond} docs/s`,
    ),
    `analysis CPU ms per document by stage: ${Object.entries(r.stageMsPerDoc)
      .map(([stage, ms]) => `${stage} ${ms}`)
      .join(', ')}`,
    `full analysis in processes of their own, cold: 1 process ${r.processes.one} docs/s, 2 at once ${r.processes.two} docs/s (${r.processes.scaling}×)`,
  ].join('\n');
}
