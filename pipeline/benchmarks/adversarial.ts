import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { FileOutcome } from '../../corpus/document.js';
import { openKnowledgeBaseReader } from '../../output/open.js';
import type { SlowestDocument } from '../jobs.js';
import { runImport } from '../runner.js';
import { generateCorpus, seededRandom } from './synthetic.js';

/**
 * An adversarial archive: the kinds of input that once stopped, slowed down or blew up an import (texts of nothing
 * but quotation marks, random Unicode, one body quoted a million times, a wall of capitalised words, deep Markdown
 * and HTML nesting, lone surrogates, a 10 MB JSONL line, a 30 MB one-line file), mixed with ordinary generated
 * advisories. Written from a seed, so every run reads the same bytes.
 */

/** Folder of the ordinary documents inside the archive; every one of them must be stored. */
const ORDINARY = 'ordinary';
/** Folder of the odd files; each must be stored or given a reason, and none may stop the import. */
const ODD = 'odd';

const QUOTE_MARKS = ['„', '“', '”', '"', '«', '»', '‹', '›', '‚', '‘', '’', "'", '「', '」'];
const WORDS = ['sagte', 'said', 'warnte', 'warned', 'das', 'the', 'BSI', 'CISA', 'Bundesamt', 'Agency', 'am', 'on'];

/** Code points from the planes real text uses, surrogates excluded: Latin, combining marks, RTL, CJK, emoji. */
const UNICODE_RANGES: ReadonlyArray<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x300, 0x36f],
  [0x590, 0x6ff],
  [0x2000, 0x206f],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fff],
  [0x1f300, 0x1faff],
];

/** Writes the archive and returns its folder. `scale` shrinks every odd file (1 is the full size), for tests. */
export function generateAdversarialCorpus(folder: string, seed = 7, scale = 1): string {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const size = (chars: number) => Math.max(1, Math.round(chars * scale));
  const repeat = (length: number, piece: () => string) => {
    const parts: string[] = [];
    for (let n = 0; n < length;) {
      const part = piece();
      parts.push(part);
      n += part.length;
    }
    return parts.join('');
  };
  const write = (relative: string, content: string | Uint8Array) => {
    const path = join(folder, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  };
  const randomUnicode = () => {
    const [low, high] = pick(UNICODE_RANGES);
    return String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
  };

  generateCorpus(join(folder, ORDINARY), 150, seed);
  write(
    `${ORDINARY}/party-chair.txt`,
    'Berlin, 4. März 2024. Anna Meier, Chefin der Partei Hongkongs, sprach am Montag vor Journalisten. ' +
      'Sie sagte, die Lage sei ernst.\n',
  );
  write(
    `${ODD}/quotation-marks.txt`,
    repeat(size(600_000), () => pick(QUOTE_MARKS) + (random() < 0.3 ? ' ' : '')),
  );
  for (const chars of [650_000, 800_000, 990_000])
    write(`${ODD}/random-unicode-${chars}.txt`, repeat(size(chars), randomUnicode));
  write(
    `${ODD}/mixed-quotation-marks.txt`,
    repeat(size(900_000), () => (random() < 0.4 ? pick(QUOTE_MARKS) : ` ${pick(WORDS)}`)),
  );
  write(
    `${ODD}/one-body-quoted.txt`,
    repeat(size(1_000_000), () =>
      pick([
        'Das BSI teilte mit: „Wir warnen vor der Lücke.“ ',
        'Das Amt sagte, es prüfe die Meldungen. ',
        '„Die Lage ist ernst“, sagte ein Sprecher des BSI. ',
      ]),
    ),
  );
  write(
    `${ODD}/capitalised-words.txt`,
    repeat(
      size(1_000_000),
      () => ` ${pick(['Nord', 'Süd', 'Daten', 'Netz', 'Bund', 'Werk', 'Haus'])}${pick(['', 'er', 'en'])}`,
    ),
  );
  write(`${ODD}/nested-list-line.md`, '- '.repeat(size(20_000)) + 'Das BSI warnt vor einer Lücke in der Software.\n');
  write(
    `${ODD}/nested-lists.md`,
    repeat(size(4_000_000), () =>
      Array.from({ length: 100 }, (_, depth) => `${'  '.repeat(depth)}- Punkt ${pick(WORDS)}\n`).join(''),
    ),
  );
  write(`${ODD}/nested-quotes.md`, '>'.repeat(size(8_000)) + ' „Bitte patchen“, sagte ein Sprecher der CISA.\n');
  write(
    `${ODD}/nested-divs.html`,
    `<html><body>${'<div>'.repeat(size(50_000))}<p>The agency warned of a flaw in the software.</p>${'</div>'.repeat(size(50_000))}</body></html>`,
  );
  write(
    `${ODD}/nested-blocks.html`,
    `<html><body>${repeat(size(2_000_000), () => `${'<div>'.repeat(350)}<p>Das Amt warnte vor ${pick(WORDS)}.</p>${'</div>'.repeat(350)}`)}</body></html>`,
  );
  write(
    `${ODD}/many-paragraphs.html`,
    `<html><body><article>${repeat(size(5_000_000), () => `<p>Das Amt warnte vor <a href="/">${pick(WORDS)}</a>.</p>`)}</article></body></html>`,
  );
  write(
    `${ODD}/lone-surrogates.json`,
    '{"title": "Warnung \\ud800", "text": "Das BSI warnt \\udc00 vor \\ud83d einer Lücke. „Bitte patchen“, sagte ein Sprecher."}',
  );
  write(
    `${ODD}/long-line.jsonl`,
    [
      JSON.stringify({ title: 'Kurz', text: 'Die CISA warnte am Montag vor einer Lücke.' }),
      JSON.stringify({ title: 'Lang', text: repeat(size(10_000_000), () => ` ${pick(WORDS)}`) }),
      JSON.stringify({ title: 'Kurz 2', text: 'Das BSI warnte am Dienstag vor einer Lücke.' }),
    ].join('\n') + '\n',
  );
  write(
    `${ODD}/one-line.txt`,
    repeat(size(30_000_000), () => ` ${pick(WORDS)}`),
  );
  write(`${ODD}/nul-bytes.txt`, new Uint8Array([0x42, 0x53, 0x49, 0, 0, 0, 0x21, 0, 0x0a]));
  write(`${ODD}/windows-1252.txt`, Buffer.from('Das Bundesamt warnt vor L\xfccken in Ger\xe4ten.\n', 'latin1'));
  return folder;
}

/** One import of the adversarial archive. */
export interface AdversarialRun {
  seconds: number;
  /** sha256 of the export with texts: the same on every run when outcomes depend on the bytes alone. */
  exportSha256: string;
  outcomes: Record<string, number>;
  slowest: SlowestDocument | null;
  /** Peak resident memory of the process that ran the import. */
  peakRssMb: number;
}

/** What the adversarial benchmark found over several imports of the same archive. */
export interface AdversarialResult {
  runs: AdversarialRun[];
  workers: number;
  /** Ordinary files stored (imported, degraded or duplicate) out of those given. */
  ordinary: { files: number; stored: number };
  /** The outcome of every odd file, as `status/reason`, from the first run. */
  odd: Record<string, string[]>;
  identicalExports: boolean;
  /** The highest peak RSS of a run. */
  peakRssMb: number;
}

/** The outcomes of a run as counts per `status/reason`. */
function outcomeCounts(outcomes: readonly FileOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.reason ? `${o.status}/${o.reason}` : o.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

async function exportSha256(db: string): Promise<string> {
  const reader = await openKnowledgeBaseReader(db);
  const hash = createHash('sha256');
  try {
    for await (const record of reader.exportRecords({ withText: true })) hash.update(JSON.stringify(record) + '\n');
  } finally {
    await reader.close();
  }
  return hash.digest('hex');
}

/** One import as the benchmark measures it: what it did and the peak RSS of the process that ran it. */
interface MeasuredImport {
  seconds: number;
  outcomes: FileOutcome[];
  slowest: SlowestDocument | null;
  peakRssMb: number;
}

async function measuredImport(archive: string, db: string, workers: number): Promise<MeasuredImport> {
  const summary = await runImport([archive], { db, workers });
  const { seconds, outcomes, slowest } = summary;
  return { seconds, outcomes, slowest, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

/** The import in a process of its own, so each run's peak RSS is its own. */
async function importInChild(archive: string, db: string, workers: number): Promise<MeasuredImport> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [script, archive, db, String(workers)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as MeasuredImport;
}

/**
 * Imports the adversarial archive `runs` times into fresh knowledge bases and compares what they hold. Each import
 * runs in a process of its own, unless `inProcess` (tests, which run the sources uncompiled).
 */
export async function runAdversarialBenchmark(options: {
  runs: number;
  seed?: number;
  workers?: number;
  scale?: number;
  inProcess?: boolean;
}): Promise<AdversarialResult> {
  const folder = mkdtempSync(join(tmpdir(), 'advisory-kb-adversarial-'));
  const workers = options.workers ?? availableParallelism();
  try {
    const archive = generateAdversarialCorpus(join(folder, 'archive'), options.seed, options.scale);
    const runs: AdversarialRun[] = [];
    let first: FileOutcome[] = [];
    for (let n = 0; n < options.runs; n++) {
      const db = join(folder, `run-${n}.sqlite`);
      const measured = await (options.inProcess ? measuredImport : importInChild)(archive, db, workers);
      if (n === 0) first = measured.outcomes;
      runs.push({
        seconds: Math.round(measured.seconds * 10) / 10,
        exportSha256: await exportSha256(db),
        outcomes: outcomeCounts(measured.outcomes),
        slowest: measured.slowest,
        peakRssMb: measured.peakRssMb,
      });
      rmSync(db, { force: true });
    }
    // The synthetic archive's own bad files (binary, empty, broken) are odd ones.
    const isOrdinary = (path: string) => path.includes(`/${ORDINARY}/`) && !path.includes(`/${ORDINARY}/bad/`);
    const ordinary = first.filter((o) => isOrdinary(o.path));
    const odd: Record<string, string[]> = {};
    for (const o of first.filter((o) => !isOrdinary(o.path)).sort((a, b) => a.path.localeCompare(b.path))) {
      const name = o.path.slice(o.path.indexOf('/archive/') + '/archive/'.length);
      (odd[name] ??= []).push(o.reason ? `${o.status}/${o.reason}` : o.status);
    }
    return {
      runs,
      workers,
      ordinary: {
        files: ordinary.length,
        stored: ordinary.filter((o) => ['imported', 'degraded', 'duplicate'].includes(o.status)).length,
      },
      odd,
      identicalExports: runs.every((r) => r.exportSha256 === runs[0]?.exportSha256),
      peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The adversarial figures as lines of text. */
export function formatAdversarialResult(r: AdversarialResult): string {
  const lines = [
    `advisory-kb bench-adversarial: ${r.runs.length} imports of the same archive, ${r.workers} workers`,
    `ordinary files stored: ${r.ordinary.stored} of ${r.ordinary.files}`,
    `identical exports: ${r.identicalExports ? 'yes' : 'NO'}; peak RSS ${r.peakRssMb} MB`,
    ...r.runs.map(
      (run, n) =>
        `run ${n + 1}: ${run.seconds} s, peak RSS ${run.peakRssMb} MB, export ${run.exportSha256.slice(0, 12)}, slowest document ` +
        (run.slowest
          ? `${run.slowest.path}${run.slowest.record ? ` #${run.slowest.record}` : ''} ` +
            `(${run.slowest.chars} characters, ${run.slowest.seconds} s)`
          : 'none'),
    ),
    'odd files:',
    ...Object.entries(r.odd).map(([name, outcomes]) => `  ${name}: ${outcomes.join(', ')}`),
  ];
  return lines.join('\n');
}

// Run as a script: `node adversarial.js <archive> <db> <workers>` imports once and prints the measured import as JSON.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [archive, db, workers] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await measuredImport(archive!, db!, Number(workers))) + '\n');
}
