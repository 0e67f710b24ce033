import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { CLI, cli } from '../fixtures/cli.js';
import { freshDatabase } from '../fixtures/postgres.js';
import { hasProgram, serverUrl } from '../fixtures/shared.js';

/**
 * The distributed import (import --queue, worker) against the embedded one, on real servers: PostgreSQL from
 * `.ci/services`, and a Redis of the test's own (persisted, so that it can be restarted mid-import). Whatever goes
 * wrong in the middle (a worker SIGKILLed, Redis restarted, PostgreSQL refusing connections for seconds), the
 * import completes with the export of an undisturbed embedded run.
 */

const postgresServer = serverUrl('ADVISORY_KB_TEST_POSTGRES', 'a PostgreSQL server');
const present = postgresServer !== null && hasProgram('redis-server', 'redis-server');
const SAMPLES = join(PROJECT_ROOT, 'corpus', 'samples');
const dir = mkdtempSync(join(tmpdir(), 'advisory-kb-distributed-'));
let reference = '';
let redis: ChildProcess | null = null;
let redisPort = 0;
let nextRedisDb = 0;
const children = new Set<ChildProcess>();
const databases: Array<() => Promise<void>> = [];

/** A free TCP port on loopback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts the test's Redis (append-only file in `dir`, so a restart keeps the queue) and waits until it answers. */
async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', ''],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection(redisPort, '127.0.0.1')
        .on('connect', () => (socket.end(), resolve(true)))
        .on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(): Promise<void> {
  const process = redis;
  redis = null;
  if (!process || process.exitCode !== null) return;
  await new Promise((resolve) => {
    process.once('exit', resolve);
    process.kill('SIGTERM');
  });
}

/** `advisory-kb worker` in a process of its own. */
function startWorker(queue: string, db: string, ...args: string[]): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', queue, '--db', db, '--workers', '0', ...args], {
    cwd: PROJECT_ROOT,
    stdio: 'ignore',
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A queue and a knowledge base of the test's own. */
async function fresh(): Promise<{ queue: string; db: string }> {
  const database = await freshDatabase(postgresServer!);
  databases.push(database.drop);
  return { queue: `redis://127.0.0.1:${redisPort}/${nextRedisDb++}`, db: database.url };
}

/** Resolves once the knowledge base holds an outcome: workers are in the middle of the import. */
async function firstOutcome(db: string): Promise<void> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    for (let i = 0; i < 600; i++) {
      const table = await client.query("SELECT to_regclass('file_outcomes') IS NOT NULL AS ready");
      if (table.rows[0].ready && (await client.query('SELECT 1 FROM file_outcomes LIMIT 1')).rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no outcome within 30 s');
  } finally {
    await client.end();
  }
}

const exported = async (db: string) => (await cli('export', '--format', 'jsonl', '--db', db)).stdout;
const enqueue = (queue: string, db: string) => cli('import', SAMPLES, '--queue', queue, '--db', db, '--no-progress');

beforeAll(async () => {
  if (!present) return;
  redisPort = await freePort();
  await startRedis();
  const embedded = join(dir, 'reference.sqlite');
  await cli('import', SAMPLES, '--db', embedded, '--workers', '1', '--no-progress');
  reference = await exported(embedded);
}, 120_000);

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await stopRedis();
  for (const drop of databases) await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!present)('the distributed import', () => {
  it('gives two workers’ PostgreSQL the embedded SQLite export, byte for byte, and a repeated enqueue adds nothing', async () => {
    const { queue, db } = await fresh();
    startWorker(queue, db);
    startWorker(queue, db);
    const summary = (await enqueue(queue, db)).stdout;
    expect(summary).toMatch(/imported 15 · duplicate 0 · unchanged 0/);
    expect(await exported(db)).toBe(reference);
    const again = (await enqueue(queue, db)).stdout;
    expect(again).toMatch(/imported 0 · duplicate 0 · unchanged 15/);
    expect(await exported(db)).toBe(reference);
  }, 120_000);

  it('loses and doubles nothing when a worker is SIGKILLed in the middle: another takes its job over', async () => {
    const { queue, db } = await fresh();
    const doomed = startWorker(queue, db, '--concurrency', '1', '--lock-seconds', '2');
    const importing = enqueue(queue, db);
    await firstOutcome(db);
    doomed.kill('SIGKILL');
    startWorker(queue, db, '--lock-seconds', '2');
    expect((await importing).stdout).toMatch(/failed 0/);
    expect(await exported(db)).toBe(reference);
  }, 120_000);

  it('completes with the same export when Redis is restarted during the import', async () => {
    const { queue, db } = await fresh();
    // A job whose lock lapsed while Redis was away is taken again after the lock's time.
    startWorker(queue, db, '--concurrency', '1', '--lock-seconds', '2');
    const importing = enqueue(queue, db);
    await firstOutcome(db);
    await stopRedis();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await startRedis();
    expect((await importing).stdout).toMatch(/failed 0/);
    expect(await exported(db)).toBe(reference);
  }, 120_000);

  it('completes with the same export when PostgreSQL refuses connections for a few seconds', async () => {
    const { queue, db } = await fresh();
    // The workers reach PostgreSQL through a proxy the test closes: connections in use are cut, new ones refused.
    const target = new URL(db);
    const port = await freePort();
    const sockets = new Set<Socket>();
    let proxy: Server;
    const listen = () =>
      new Promise<void>((resolve) => {
        proxy = createServer((client) => {
          const upstream = createConnection(Number(target.port), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => undefined).on('close', () => sockets.delete(s));
          }
          client.pipe(upstream).pipe(client);
        }).listen(port, '127.0.0.1', resolve);
      });
    await listen();
    const proxied = new URL(db);
    proxied.port = String(port);
    startWorker(queue, proxied.href, '--concurrency', '1');
    const importing = enqueue(queue, db);
    await firstOutcome(db);
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await listen();
    expect((await importing).stdout).toMatch(/failed 0/);
    expect(await exported(db)).toBe(reference);
    await new Promise((resolve) => proxy.close(resolve));
    for (const s of sockets) s.destroy();
  }, 180_000);
});
