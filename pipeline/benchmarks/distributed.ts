import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { enqueueImport } from '../queue.js';

/**
 * The distributed import measured on one archive: N worker processes (`advisory-kb worker`, extraction in each
 * process's main thread) on one Redis queue and one PostgreSQL database, created fresh for each run and dropped
 * after. Each run has a queue of its own, so no run finds another's jobs done.
 */

/** What one distributed run measured. */
export interface DistributedRun {
  workerProcesses: number;
  seconds: number;
  docsPerSecond: number;
  /** The database's own counts over the run: what it wrote, whoever wrote it. */
  database: { commitsPerSecond: number; rowsPerSecond: number };
}

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

/** Runs `work` on a database of its own on the server of `serverUrl`, dropped after. */
async function withDatabase<T>(serverUrl: string, name: string, work: (url: string) => Promise<T>): Promise<T> {
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.href);
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Commits and rows written so far in one database, from the server's statistics. */
async function writes(url: string): Promise<{ commits: number; rows: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = (
      await client.query<{ commits: string; rows: string }>(
        'SELECT xact_commit AS commits, tup_inserted + tup_updated + tup_deleted AS rows FROM pg_stat_database WHERE datname = current_database()',
      )
    ).rows[0]!;
    return { commits: Number(row.commits), rows: Number(row.rows) };
  } finally {
    await client.end();
  }
}

/** Imports `folder` through the queue with `processes` workers, from the first enqueue to the consolidated base. */
export async function runDistributed(
  folder: string,
  docs: number,
  processes: number,
  servers: { queue: string; db: string },
): Promise<DistributedRun> {
  const name = `advisory_kb_bench_${process.pid}_${processes}`;
  return withDatabase(servers.db, name, async (db) => {
    const workers: ChildProcess[] = Array.from({ length: processes }, () =>
      spawn(
        process.execPath,
        [CLI, 'worker', '--queue', servers.queue, '--queue-name', name, '--db', db, '--workers', '0'],
        { stdio: 'ignore' },
      ),
    );
    try {
      const before = await writes(db);
      const summary = await enqueueImport([folder], { queue: servers.queue, queueName: name, db });
      const after = await writes(db);
      const round = (x: number) => Math.round(x * 10) / 10;
      return {
        workerProcesses: processes,
        seconds: round(summary.seconds),
        docsPerSecond: round(docs / summary.seconds),
        database: {
          commitsPerSecond: round((after.commits - before.commits) / summary.seconds),
          rowsPerSecond: round((after.rows - before.rows) / summary.seconds),
        },
      };
    } finally {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise((resolve) => {
              if (worker.exitCode !== null) return resolve(null);
              worker.once('exit', resolve);
              worker.kill('SIGTERM');
            }),
        ),
      );
    }
  });
}
