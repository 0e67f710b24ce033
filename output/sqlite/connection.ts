import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { KnowledgeBaseRefusedError } from '../knowledge-base.js';
import { Database } from './database.js';

/** The numbered SQL files that build the schema, applied in order. */
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'output', 'sqlite', 'migrations');

/** How long a connection waits for another's lock before it fails. */
const BUSY_TIMEOUT_MS = 30_000;

/** Bounds of the writer's SQLite page cache (KiB), see PageCache. */
const MIN_PAGE_CACHE_KIB = 64 * 1024;
const MAX_PAGE_CACHE_KIB = 256 * 1024;

/** The migrations this version knows, in order. */
function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort();
}

/**
 * Refuses, before anything is written, a file that holds tables but no knowledge base of ours (another program's
 * SQLite file), or one a newer version has migrated further than this one knows.
 */
async function assertOurs(db: Database, path: string): Promise<void> {
  const tables = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  if (tables.length === 0) return;
  if (!tables.some((t) => t.name === 'schema_migrations')) {
    const names = tables.slice(0, 5).map((t) => t.name);
    throw new KnowledgeBaseRefusedError(
      `${path} is not an advisory-kb knowledge base: it holds other tables (${names.join(', ')}${tables.length > 5 ? ', …' : ''}); nothing was changed`,
    );
  }
  const newest = Math.max(0, ...migrationFiles().map((f) => Number.parseInt(f, 10)));
  const version = await schemaVersion(db);
  if (version > newest)
    throw new KnowledgeBaseRefusedError(
      `${path} was written by a newer advisory-kb (schema version ${version}; this one knows up to ${newest}); nothing was changed`,
    );
}

/**
 * Opens a knowledge-base file; a writable one is checked to be ours first, then set up for a single batch writer.
 * @throws KnowledgeBaseRefusedError for a writable file of another schema or a newer version.
 */
export async function openConnection(path: string, readonly: boolean): Promise<Database> {
  const db = await Database.open(path, readonly);
  // Another import holding the write lock makes us wait, not fail, for this long.
  await db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON;`);
  if (!readonly) {
    try {
      await assertOurs(db, path);
    } catch (error) {
      await db.close();
      throw error;
    }
    await enableWal(db);
    // A batch writes about 4 MB of pages, so the default checkpoint every 1,000 pages (4 MB) made nearly every
    // commit a checkpoint with an fsync; one per 64 MB of WAL halves the time spent committing (measured: 4.7 →
    // 2.6 s over 3,000 documents). The page cache is sized by PageCache.
    await db.exec('PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 16384;');
  }
  return db;
}

/**
 * Switches a writable file to WAL. The switch needs the file to itself for a moment and does not wait on the busy
 * timeout: while a second import creates the same new file, SQLite answers SQLITE_BUSY at once (seen in 3 of 20
 * pairs of imports started together). So it is retried, backing off, for as long as the busy timeout.
 */
async function enableWal(db: Database): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let wait = 10; ; wait = Math.min(wait * 2, 500)) {
    try {
      await db.exec('PRAGMA journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'SQLITE_BUSY' || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * A 2 MB page cache (the default) makes every insert into a multi-gigabyte knowledge base read its B-tree pages
 * back from the OS: rows keyed by document ids (hashes) land on random pages. The cache grows with the base, an
 * eighth of its size between 64 and 256 MB: at 100,000 documents (4 GB) 256 MB instead of 64 cut near-duplicate
 * linking by a quarter, while at 10,000 (400 MB) the size made no difference and 256 MB would only add to peak RSS.
 */
export class PageCache {
  private kib = 0;

  constructor(private readonly db: Database) {}

  /** Sets the cache for the base's current size. */
  async resize(): Promise<void> {
    const size = await this.db.get<{ bytes: number }>(
      'SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()',
    );
    const kib = Math.min(MAX_PAGE_CACHE_KIB, Math.max(MIN_PAGE_CACHE_KIB, Math.round((size?.bytes ?? 0) / 8 / 1024)));
    if (kib === this.kib) return;
    this.kib = kib;
    await this.db.exec(`PRAGMA cache_size = -${kib}`);
  }
}

/** Applies the migrations this database has not seen, all in one transaction. */
export async function migrate(db: Database): Promise<void> {
  const appliedVersions = async () =>
    (await db.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"))
      ? new Set((await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version))
      : new Set<number>();
  const pendingFiles = async () => {
    const applied = await appliedVersions();
    return migrationFiles().filter((file) => !applied.has(Number.parseInt(file, 10)));
  };
  if ((await pendingFiles()).length === 0) return;
  // A migration may rebuild a table others refer to (SQLite changes constraints no other way): foreign keys are off
  // while they run, and every reference is checked before the transaction commits. The pragma is a no-op inside a
  // transaction, so it is set around it.
  await db.exec('PRAGMA foreign_keys = OFF');
  try {
    // One transaction: a base is at one version or the next, never half-way, and a failed migration leaves no trace.
    await db.transaction(async () => {
      await db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      // Read again inside the transaction: another import may have migrated while this one waited for the write lock.
      for (const file of await pendingFiles()) {
        await db.exec(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
        await db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          Number.parseInt(file, 10),
          file,
          new Date().toISOString(),
        ]);
      }
      const broken = await db.all<{ table: string }>('PRAGMA foreign_key_check');
      if (broken.length > 0)
        throw new Error(`a migration left ${broken.length} broken references (first in ${broken[0]!.table})`);
    });
  } finally {
    await db.exec('PRAGMA foreign_keys = ON');
  }
}

/** The newest migration applied, 0 for an empty file. */
export async function schemaVersion(db: Database): Promise<number> {
  return (await db.get<{ v: number }>('SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
}
