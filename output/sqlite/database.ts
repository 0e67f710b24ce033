import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type sqlite3 from 'sqlite3';
import { KnowledgeBaseUnavailableError } from '../knowledge-base.js';
import type { SqlConnection, SqlDialect } from '../sql/connection.js';

/** SQLite's side of the SQL shared by the backends. */
const SQLITE_DIALECT: SqlDialect = {
  jsonValues: (json, alias) => `json_each(${json})${alias ? ` ${alias}` : ''}`,
  equalsIgnoringCase: (a, b) => `${a} = ${b} COLLATE NOCASE`,
  // SQLite's LIKE ignores the case of ASCII letters.
  like: 'LIKE',
  noLimit: -1,
  unindexed: (column) => `+${column}`,
};

let driver: typeof sqlite3 | null = null;

function loadDriver(): typeof sqlite3 {
  if (driver) return driver;
  try {
    driver = createRequire(import.meta.url)('sqlite3') as typeof sqlite3;
    return driver;
  } catch (error) {
    throw new KnowledgeBaseUnavailableError(
      'the sqlite3 native module is not usable (' +
        (error as Error).message.split('\n')[0] +
        ').\n' +
        'It compiles from source at install (about 2-3 minutes; needs python3, make and g++). ' +
        'Check that package.json approves it under "allowScripts", then run: npm rebuild sqlite3',
    );
  }
}

/** Whether this process may write the file and create files beside it (SQLite's journal and shared memory). */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The few promise-returning calls the knowledge base needs, over sqlite3's callback API. */
export class Database implements SqlConnection {
  readonly dialect = SQLITE_DIALECT;

  private constructor(private readonly db: sqlite3.Database) {}

  /**
   * Opens a file; read-only, a file its user cannot write (a shared base in a read-only folder) is opened immutable:
   * a reader of a WAL file needs to create its shared-memory file beside it, which such a folder forbids, and no
   * import can be writing there.
   */
  static open(path: string, readonly = false): Promise<Database> {
    const sqlite = loadDriver();
    // With a write-ahead log beside it, SQLite reads it through read-only shared memory; immutable would skip it.
    const immutable = readonly && !writable(path) && !existsSync(`${path}-wal`);
    const mode = readonly
      ? sqlite.OPEN_READONLY | (immutable ? sqlite.OPEN_URI : 0)
      : sqlite.OPEN_READWRITE | sqlite.OPEN_CREATE;
    const location = immutable ? `${pathToFileURL(path).href}?immutable=1` : path;
    return new Promise((resolve, reject) => {
      const db = new sqlite.Database(location, mode, (error) => (error ? reject(error) : resolve(new Database(db))));
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => this.db.exec(sql, (error) => (error ? reject(error) : resolve())));
  }

  run(sql: string, params: unknown[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve({ changes: this.changes, lastID: this.lastID });
      }),
    );
  }

  get<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.db.get(sql, params, (error, row) => (error ? reject(error) : resolve(row as T | undefined))),
    );
  }

  /**
   * Runs `work`, interrupting its queries after `timeoutMs` (SQLite's interrupt): they then reject with the code
   * `SQLITE_INTERRUPT`. For queries whose cost the user's input decides (a search of thousands of ORed words).
   */
  async within<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
    const timer = setTimeout(() => this.db.interrupt(), timeoutMs);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
    }
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
    );
  }

  /**
   * Runs `work` in one write transaction. A failure rolls it back, calls `onRollback` (so a caller forgets what it
   * remembered of the writes undone) and rethrows.
   */
  async transaction<T>(work: () => Promise<T>, onRollback?: () => void): Promise<T> {
    await this.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      await this.exec('COMMIT');
      return result;
    } catch (error) {
      // SQLite may have rolled back already (a full disk): the rollback's own error would hide the cause.
      await this.exec('ROLLBACK').catch(() => undefined);
      onRollback?.();
      throw error;
    }
  }

  /**
   * Many rows in one statement, passed as one JSON array that `sql` reads with `json_each(?)`: five times faster than
   * a statement per row (measured).
   */
  async insertRows(sql: string, rows: unknown[][]): Promise<void> {
    if (rows.length > 0) await this.insertJson(sql, JSON.stringify(rows));
  }

  /** insertRows with the rows written as a JSON array already (see joinedRows). */
  async insertJson(sql: string, rows: string): Promise<void> {
    if (rows !== '[]') await this.run(sql, [rows]);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error) => (error ? reject(error) : resolve())));
  }
}
