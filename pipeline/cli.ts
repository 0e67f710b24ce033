#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { PROJECT_ROOT } from '../corpus/paths.js';
import { ENTITY_TYPES, type EntityType } from '../extractors/entities.js';
import {
  KnowledgeBaseMissingError,
  type KnowledgeBaseReader,
  KnowledgeBaseRefusedError,
  KnowledgeBaseUnavailableError,
} from '../output/knowledge-base.js';
import { displayLocation, isPostgresUrl, openKnowledgeBaseReader } from '../output/open.js';
import { calendarDateProblem } from './date-argument.js';
import { QueryError, type QuoteFilters } from '../output/records.js';
import {
  formatDocument,
  formatEntities,
  formatEntity,
  formatQuotes,
  formatSearch,
  formatTimeline,
} from './query-report.js';
import { CommandError } from './command-error.js';
import { EXPORT_FORMATS, type ExportFormat, runExport, write } from './export.js';
import { countByStatus, formatCounts, formatImportSummary } from './report.js';
import { DEFAULT_MAX_FILE_BYTES } from './limits.js';

// Commands that extract load the extractors (about two seconds of lexicons) when they run, so queries start at once.
const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** A PostgreSQL URL in DATABASE_URL (the variable's usual name) is the default knowledge base; else an SQLite file. */
const DEFAULT_DB = process.env['DATABASE_URL'] || 'advisory-kb.sqlite';
const DB_HELP =
  'knowledge base: an SQLite file, or a postgres:// URL (default: $DATABASE_URL, else advisory-kb.sqlite)';
/** Outcomes of input that could be read: an import with none of them read nothing. */
const READ_STATUSES = new Set<string>(['imported', 'duplicate', 'unchanged', 'degraded']);

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function exportFormat(value: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${EXPORT_FORMATS.join(', ')}`);
  return value as ExportFormat;
}

const program = new Command()
  .name('advisory-kb')
  .description(
    'Turns German and English advisories into a structured, deduplicated knowledge base (SQLite + JSON export).',
  )
  .version(VERSION);

program
  .command('import')
  .description('import files and folders (recursively) into the knowledge base')
  .argument('<paths...>', 'files or folders: .txt .md .html .json .jsonl')
  .option('--db <file|url>', DB_HELP, DEFAULT_DB)
  .option('--workers <n>', 'extraction worker threads (0: in the main thread)', positiveInteger)
  .option(
    '--max-file-mb <n>',
    'skip whole-file formats larger than this many MiB',
    positiveInteger,
    DEFAULT_MAX_FILE_BYTES / 1024 / 1024,
  )
  .option('--json', 'print the summary as JSON')
  .option('--no-progress', 'no progress bar')
  .option(
    '--queue <url>',
    'enqueue the files on this Redis (redis://host:port) for `advisory-kb worker` processes, wait for them, and summarize; --db must be a postgres:// URL',
  )
  .option('--queue-name <name>', 'the queue in that Redis (one per knowledge base)', 'advisory-kb')
  .action(
    async (
      paths: string[],
      options: {
        db: string;
        workers?: number;
        maxFileMb: number;
        json?: boolean;
        progress: boolean;
        queue?: string;
        queueName: string;
      },
    ) => {
      if (options.queue && !isPostgresUrl(options.db))
        throw new CommandError(
          `--queue needs a knowledge base every worker can write: give --db postgres://… (or set DATABASE_URL), not ${options.db}`,
        );
      const bar =
        options.progress && !options.json && process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: 'importing [{bar}] {percentage}% | {value}/{total} files | {eta_formatted} left | {file}',
                stream: process.stderr,
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      let started = false;
      // The extractors take seconds to load, and the bar shows nothing until the first file is done: say so at once.
      bar?.start(1, 0, { file: 'loading the extractors…' });
      // Ctrl-C (or a termination signal) stops the import cleanly: what finished is committed, the run is marked
      // interrupted; a second one stops at once (every commit is a transaction, so nothing is half-written).
      const interrupt = new AbortController();
      let signalled: NodeJS.Signals | null = null;
      const onSignal = (signal: NodeJS.Signals) => {
        if (signalled) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
        signalled = signal;
        bar?.stop();
        process.stderr.write(`advisory-kb: ${signal}: committing what is finished (again to stop at once)…\n`);
        interrupt.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const onProgress = ({ done, total, path }: { done: number; total: number; path: string }) => {
        if (!bar || signalled) return;
        if (!started) bar.setTotal(total);
        started = true;
        bar.update(done, { file: path.length > 40 ? '…' + path.slice(-39) : path });
      };
      const summary = options.queue
        ? await (
            await import('./queue.js')
          ).enqueueImport(paths, {
            queue: options.queue,
            queueName: options.queueName,
            db: options.db,
            toolVersion: VERSION,
            signal: interrupt.signal,
            onProgress,
            onNoWorkers: () =>
              process.stderr.write(
                `advisory-kb: no worker is taking jobs from ${options.queue} yet; the import goes on when one starts: advisory-kb worker --queue ${options.queue} --db …\n`,
              ),
          })
        : await (
            await import('./runner.js')
          ).runImport(paths, {
            db: options.db,
            workers: options.workers,
            maxFileBytes: options.maxFileMb * 1024 * 1024,
            toolVersion: VERSION,
            signal: interrupt.signal,
            onWait: () =>
              process.stderr.write(
                `advisory-kb: another import into ${options.db} is running; waiting for it to finish\n`,
              ),
            onProgress,
          });
      bar?.stop();
      const store = await openKnowledgeBaseReader(options.db);
      const counts = await store.counts();
      await store.close();
      if (options.json) {
        process.stdout.write(
          JSON.stringify(
            {
              runId: summary.runId,
              files: summary.files,
              seconds: summary.seconds,
              bytes: summary.bytes,
              outcomes: countByStatus(summary.outcomes),
              stageSeconds: summary.timings,
              problems: summary.outcomes.filter((o) => !['imported', 'duplicate', 'unchanged'].includes(o.status)),
              knowledgeBase: counts,
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        process.stdout.write(formatImportSummary(summary, counts, displayLocation(options.db)) + '\n');
      }
      if (summary.interrupted) {
        process.stderr.write(
          `advisory-kb: interrupted (run ${summary.runId}); run the same command again to resume: the files already imported are skipped\n`,
        );
        process.exitCode = 128 + (signalled === 'SIGTERM' ? 15 : 2);
      } else if (!summary.outcomes.some((o) => READ_STATUSES.has(o.status))) {
        process.stderr.write(
          `advisory-kb: nothing was imported: no readable ${summary.files === 0 ? 'file (.txt .md .html .json .jsonl) was found' : 'document was found'} in ${paths.join(', ')}\n`,
        );
        process.exitCode = 1;
      }
    },
  );

program
  .command('worker')
  .description(
    'take import jobs from a Redis queue (see import --queue) and write them into a PostgreSQL knowledge base, until Ctrl-C',
  )
  .requiredOption('--queue <url>', 'the Redis the import enqueued on (redis://host:port)')
  .option('--queue-name <name>', 'the queue in that Redis (one per knowledge base)', 'advisory-kb')
  .option('--db <url>', 'the PostgreSQL knowledge base (default: $DATABASE_URL)', process.env['DATABASE_URL'])
  .option('--workers <n>', 'extraction threads (0: in the main thread; default: one per core)', positiveInteger)
  .option('--concurrency <n>', 'jobs in progress at once (default: 32 per thread, at least 64)', positiveInteger)
  .option(
    '--lock-seconds <n>',
    'how long a job stays claimed by a worker that stopped answering before another takes it',
    positiveInteger,
    30,
  )
  .action(
    async (options: {
      queue: string;
      queueName: string;
      db?: string;
      workers?: number;
      concurrency?: number;
      lockSeconds: number;
    }) => {
      if (!options.db || !isPostgresUrl(options.db))
        throw new CommandError(
          'worker needs --db postgres://… (or DATABASE_URL): the knowledge base every worker writes',
        );
      const stop = new AbortController();
      const onSignal = () => {
        process.stderr.write('advisory-kb worker: finishing the jobs in progress…\n');
        stop.abort();
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const { runWorker } = await import('./queue.js');
      process.stderr.write(`advisory-kb worker: taking jobs from ${options.queue}\n`);
      await runWorker({
        queue: options.queue,
        queueName: options.queueName,
        db: options.db,
        workers: options.workers,
        concurrency: options.concurrency || undefined,
        lockSeconds: options.lockSeconds || 30,
        signal: stop.signal,
      });
    },
  );

program
  .command('export')
  .description('write the knowledge base: JSON records per document (contract: export-v1), a STIX 2.1 bundle, or CSV')
  .option('--db <file|url>', DB_HELP, DEFAULT_DB)
  .option(
    '--format <format>',
    'jsonl (one record per line), json (an array), stix (a STIX 2.1 bundle) or csv (one file per table, into --out DIR)',
    exportFormat,
    'jsonl',
  )
  .option('--out <path>', 'write to this file (csv: this folder) instead of standard output')
  .option('--with-text', 'add each document\'s plain text ("text" in JSON, a last column of documents.csv)')
  .action(async (options: { db: string; format: ExportFormat; out?: string; withText?: boolean }) => {
    const store = await openKnowledgeBaseReader(options.db);
    try {
      await runExport(store, options);
    } finally {
      await store.close();
    }
  });

program
  .command('stats')
  .description(
    'counts of the knowledge base: documents by language, entities by type, quotes, duplicates, skipped files',
  )
  .option('--db <file|url>', DB_HELP, DEFAULT_DB)
  .option('--json', 'print as JSON')
  .action(async (options: { db: string; json?: boolean }) => {
    const store = await openKnowledgeBaseReader(options.db);
    const counts = await store.counts();
    await store.close();
    process.stdout.write((options.json ? JSON.stringify(counts, null, 2) : formatCounts(counts)) + '\n');
  });

/** Opens the knowledge base read-only (queries never block an import), answers, and prints JSON or a table. */
async function query<T>(
  db: string,
  json: boolean | undefined,
  answer: (store: KnowledgeBaseReader) => Promise<T>,
  format: (result: T) => string,
): Promise<void> {
  const store = await openKnowledgeBaseReader(db);
  try {
    await store.assertQueryable();
    const result = await answer(store);
    await write(process.stdout, (json ? JSON.stringify(result, null, 2) : format(result)) + '\n');
  } finally {
    await store.close();
  }
}

/** A read-only query command: every one takes the knowledge base and prints a table, or JSON with `--json`. */
function queryCommand(name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .option('--db <file|url>', DB_HELP, DEFAULT_DB)
    .option('--json', 'print as JSON');
}

function entityType(value: string): EntityType {
  if (!(ENTITY_TYPES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${ENTITY_TYPES.join(', ')}`);
  return value as EntityType;
}
function quoteKind(value: string): 'direct' | 'indirect' {
  if (value !== 'direct' && value !== 'indirect') throw new InvalidArgumentError('expected direct or indirect');
  return value;
}
function isoDate(value: string): string {
  const problem = calendarDateProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

queryCommand(
  'search',
  'full-text search (FTS5 syntax: words, "exact phrase", AND, OR, NOT, prefix*): documents ranked, with snippets',
)
  .argument('<query>', 'FTS5 query')
  .option('--limit <n>', 'at most this many documents', positiveInteger, 20)
  .action(async (text: string, options: { db: string; limit: number; json?: boolean }) => {
    const mark: [string, string] =
      !options.json && process.stdout.isTTY && !process.env['NO_COLOR'] ? ['\u001b[1m', '\u001b[22m'] : ['[', ']'];
    await query(
      options.db,
      options.json,
      (store) => store.search(text, { limit: options.limit, mark }),
      (hits) => formatSearch(text, hits),
    );
  });

queryCommand('entities', 'knowledge-base entities with mention and document counts, most documents first')
  .option('--type <type>', 'agency, person, organization or location', entityType)
  .option('--name <text>', 'part of any name or alias')
  .option('--limit <n>', 'at most this many entities', positiveInteger, 50)
  .action(async (options: { db: string; type?: EntityType; name?: string; limit: number; json?: boolean }) => {
    await query(options.db, options.json, (store) => store.entities(options), formatEntities);
  });

queryCommand('entity', 'one entity: aliases, merged variants and why, roles, affiliations, documents, quotes, dates')
  .argument('<name-or-id>', 'an entity id (ent_…) or any name or alias')
  .action(async (nameOrId: string, options: { db: string; json?: boolean }) => {
    await query(options.db, options.json, (store) => store.entity(nameOrId), formatEntity);
  });

queryCommand(
  'quotes',
  'statements (one per quote, however many documents carry it) with speaker, role, earliest date and sources',
)
  .option('--speaker <name>', "name or alias of the speaker, or part of an unnamed speaker's description")
  .option('--agency <name>', 'the agency or organization that speaks or that the speaker speaks for')
  .option('--contains <text>', 'words in the quote')
  .option('--from <date>', 'earliest date, YYYY[-MM[-DD]]', isoDate)
  .option('--to <date>', 'latest date, inclusive, YYYY[-MM[-DD]]', isoDate)
  .option('--kind <kind>', 'direct or indirect', quoteKind)
  .option('--limit <n>', 'at most this many statements', positiveInteger, 50)
  .action(async (options: QuoteFilters & { db: string; json?: boolean }) => {
    await query(options.db, options.json, (store) => store.quotes(options), formatQuotes);
  });

queryCommand(
  'timeline',
  'dated events about an entity in order: documents mentioning it, its quotes, sentences naming it with a date',
)
  .argument('<entity>', 'an entity id (ent_…) or any name or alias')
  .action(async (name: string, options: { db: string; json?: boolean }) => {
    await query(
      options.db,
      options.json,
      (store) => store.timeline(name),
      (result) => formatTimeline(result.entity, result.events),
    );
  });

queryCommand('show', 'one document with its extracted facts and their offsets')
  .argument('<doc-id-or-path>', 'a document id (doc_…), a source path, or the end of one')
  .option('--text', 'print the document text too')
  .action(async (idOrPath: string, options: { db: string; text?: boolean; json?: boolean }) => {
    await query(
      options.db,
      options.json,
      (store) => store.document(idOrPath),
      (record) => formatDocument(record, options.text ?? false),
    );
  });

program
  .command('serve')
  .description('the explorer: search, documents, entities, quotes and imports in a browser, read-only')
  .option('--db <file|url>', DB_HELP, DEFAULT_DB)
  .option('--host <address>', 'address to listen on (loopback unless you say otherwise)', '127.0.0.1')
  .option('--port <n>', 'port to listen on (0: any free one)', positiveInteger, 8080)
  .action(async (options: { db: string; host: string; port: number }) => {
    const { serveExplorer } = await import('./explorer/serve.js');
    const explorer = await serveExplorer(options);
    process.stderr.write(`advisory-kb explorer on ${explorer.url} (read-only; Ctrl-C stops it)\n`);
    const stop = () => void explorer.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('eval')
  .description('measure the extractors against a gold folder (<id>.txt + <id>.json, see README)')
  .argument('<gold-dir>', 'folder with gold annotations')
  .option('--db <file>', 'scratch database (default: a temporary file)')
  .option('--workers <n>', 'extraction worker threads', positiveInteger)
  .option('--json', 'print the figures as JSON')
  .action(async (goldDir: string, options: { db?: string; workers?: number; json?: boolean }) => {
    const { formatEvaluation, runEvaluation } = await import('./eval.js');
    const result = await runEvaluation(goldDir, { db: options.db, workers: options.workers });
    process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatEvaluation(result)) + '\n');
  });

program
  .command('bench-dates')
  .description(
    'score the date extractor on a TIMEX benchmark folder (gold/docs.jsonl), e.g. ../shared/bench/wikiwarsde-timex2-de',
  )
  .argument('<folder>', 'benchmark folder')
  .option('--json', 'print the figures as JSON')
  .action(async (folder: string, options: { json?: boolean }) => {
    const { formatTimexResult, runTimexBenchmark } = await import('./benchmarks/timex.js');
    const result = runTimexBenchmark(folder);
    process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatTimexResult(result)) + '\n');
  });

program
  .command('bench-ner <folder>')
  .description('persons, organizations and locations on a GermEval-style folder (gold/sentences.jsonl)')
  .option('--json', 'print one JSON object')
  .action(async (folder: string, options: { json?: boolean }) => {
    const { formatNerResult, runNerBenchmark } = await import('./benchmarks/ner.js');
    const result = runNerBenchmark(folder);
    process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatNerResult(result)) + '\n');
  });

program
  .command('bench-quotes <folder>')
  .description(
    'direct and indirect quotes and their speakers on a GermEval 2023 speaker-attribution folder (gold/*.jsonl)',
  )
  .option('--split <name>', 'which gold/<split>.jsonl to score', 'train')
  .option('--json', 'print one JSON object')
  .action(async (folder: string, options: { split: string; json?: boolean }) => {
    const { formatQuoteBenchmark, runQuoteBenchmark } = await import('./benchmarks/quotes.js');
    const result = runQuoteBenchmark(folder, options.split);
    process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatQuoteBenchmark(result)) + '\n');
  });

program
  .command('bench-html <folder>')
  .description(
    "main-text extraction of web pages on scrapinghub's (ground-truth.json) or trafilatura's (evaldata.json) benchmark",
  )
  .option('--json', 'print one JSON object')
  .action(async (folder: string, options: { json?: boolean }) => {
    const { formatHtmlBenchmark, runHtmlBenchmark } = await import('./benchmarks/html.js');
    const result = runHtmlBenchmark(folder);
    process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatHtmlBenchmark(result)) + '\n');
  });

program
  .command('bench-serve')
  .description("the explorer's page times on a knowledge base (its own heaviest entity, agency, document and words)")
  .option('--db <file|url>', DB_HELP, DEFAULT_DB)
  .option('--runs <n>', 'requests per page (the median is reported)', positiveInteger, 3)
  .option('--json', 'print one JSON object')
  .action(async (options: { db: string; runs: number; json?: boolean }) => {
    const { formatExplorerBenchmark, runExplorerBenchmark } = await import('./benchmarks/explorer.js');
    const result = await runExplorerBenchmark(options.db, options.runs || 1);
    process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatExplorerBenchmark(result)) + '\n');
  });

program
  .command('bench')
  .description('throughput: generate a seeded synthetic archive, import it, and compare with a bare compromise pass')
  .option('--docs <n>', 'documents to generate', positiveInteger, 1000)
  .option('--seed <n>', 'seed of the synthetic archive', positiveInteger, 42)
  .option(
    '--texts <folder>',
    'build the documents from the sentences and paragraphs of the real documents in this folder, not from templates',
  )
  .option('--workers <n>', 'extraction worker threads', positiveInteger)
  .option('--sample <n>', 'documents in the compromise reference pass', positiveInteger, 200)
  .option(
    '--limits',
    'instead of importing, time bare passes (a regex, split, tokenize, franc, decode) beside the full analysis and compromise, on one thread, over --docs texts',
  )
  .option('--keep', 'keep the generated archive and knowledge base (the path is printed)')
  .option(
    '--worker-processes <list>',
    'also import the archive through --queue with this many worker processes, e.g. 1,2 (each on a fresh database of the --db server)',
  )
  .option('--queue <url>', 'Redis for --worker-processes (redis://host:port)')
  .option('--db <url>', 'PostgreSQL server for --worker-processes (postgres://…; a database is created per run)')
  .option('--json', 'print one JSON object')
  .action(
    async (options: {
      docs: number;
      seed: number;
      texts?: string;
      workers?: number;
      sample: number;
      limits?: boolean;
      keep?: boolean;
      json?: boolean;
      workerProcesses?: string;
      queue?: string;
      db?: string;
    }) => {
      if (options.limits) {
        const { formatLimitsResult, runLimitsBenchmark } = await import('./benchmarks/limits.js');
        const { textSourceFrom } = await import('./benchmarks/texts.js');
        const source = options.texts ? await textSourceFrom(options.texts) : undefined;
        const result = await runLimitsBenchmark({
          docs: options.docs,
          seed: options.seed,
          ...(source ? { source } : {}),
        });
        process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatLimitsResult(result)) + '\n');
        return;
      }
      const processes = options.workerProcesses?.split(',').map(Number);
      if (
        processes &&
        (!options.queue || !options.db || !isPostgresUrl(options.db) || processes.some((n) => !(n >= 1)))
      )
        throw new CommandError(
          '--worker-processes needs a list of numbers ≥ 1, --queue redis://… and --db postgres://…',
        );
      const { formatThroughputResult, runThroughputBenchmark } = await import('./benchmarks/throughput.js');
      const { folder, ...result } = await runThroughputBenchmark({
        ...options,
        ...(processes ? { distributed: { queue: options.queue!, db: options.db!, workerProcesses: processes } } : {}),
      });
      process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatThroughputResult(result)) + '\n');
      if (options.keep) process.stderr.write(`kept: ${folder}\n`);
    },
  );

program
  .command('bench-adversarial')
  .description(
    'robustness: import a generated archive of hostile inputs mixed with ordinary advisories several times and compare',
  )
  .option('--runs <n>', 'imports of the same archive', positiveInteger, 5)
  .option('--seed <n>', 'seed of the archive', positiveInteger, 7)
  .option('--workers <n>', 'extraction worker threads', positiveInteger)
  .option('--json', 'print one JSON object')
  .action(async (options: { runs: number; seed: number; workers?: number; json?: boolean }) => {
    const { formatAdversarialResult, runAdversarialBenchmark } = await import('./benchmarks/adversarial.js');
    const result = await runAdversarialBenchmark(options);
    process.stdout.write((options.json ? JSON.stringify(result, null, 2) : formatAdversarialResult(result)) + '\n');
  });

// A reader that stops reading (`advisory-kb export | head`) ends the output, as for any Unix tool: quietly, with 0.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

program.parseAsync().catch((error: unknown) => {
  if (error instanceof QueryError || error instanceof CommandError || error instanceof KnowledgeBaseMissingError) {
    process.stderr.write(`advisory-kb: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof KnowledgeBaseRefusedError) {
    process.stderr.write(`advisory-kb: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof KnowledgeBaseUnavailableError) {
    process.stderr.write(`advisory-kb: cannot open the knowledge base: ${error.message}\n`);
    process.exit(2);
  }
  const e = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    SQLITE_READONLY: 'the database is read-only (check the file and folder permissions)',
    SQLITE_FULL: 'the disk is full',
    // A write that fails for another reason than ENOSPC (a quota, a file size limit, a failing disk) is SQLite's IOERR.
    SQLITE_IOERR:
      'the database file could not be written (disk full, quota or file size limit reached, or a failing disk)',
    SQLITE_CANTOPEN: 'cannot open the database file (does the folder exist and is it writable?)',
    SQLITE_BUSY: 'the database is locked by another import; try again when it has finished',
    SQLITE_CORRUPT: 'the database file is corrupt',
    SQLITE_NOTADB: 'the file is not an SQLite database',
    ENOSPC: 'the disk is full',
  };
  const reason = (e.code && known[e.code]) ?? e.message ?? String(error);
  process.stderr.write(`advisory-kb: ${reason}${e.code && known[e.code] ? ` (${e.code})` : ''}\n`);
  if (process.env['ADVISORY_KB_DEBUG']) process.stderr.write(`${e.stack ?? ''}\n`);
  process.exit(1);
});
