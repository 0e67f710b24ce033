import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type pg from 'pg';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { KnowledgeBaseRefusedError, KnowledgeBaseUnavailableError } from '../knowledge-base.js';
import type { SqlConnection, SqlDialect } from '../sql/connection.js';

/** The numbered SQL files that build the PostgreSQL schema, applied in order. */
const MIGRATIONS_DIR = join(PROJECT_ROOT, 'output', 'postgres', 'migrations');

/** Errors after which a transaction is tried again: it lost a deadlock or a serialization race to another worker. */
const RETRIED_CODES = new Set(['40P01', '40001']);
const TRANSACTION_ATTEMPTS = 5;

/** Connection errors of a server that is restarting or refusing for a moment: waited out, not reported. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '08006',
  '08001',
]);
/** How long a transaction waits for a server that refuses connections before it fails. */
const OUTAGE_SECONDS = 60;

let driver: typeof pg | null = null;

function loadDriver(): typeof pg {
  if (driver) return driver;
  try {
    driver = createRequire(import.meta.url)('pg') as typeof pg;
  } catch (error) {
    throw new KnowledgeBaseUnavailableError(
      `the pg driver is not installed (${(error as Error).message.split('\n')[0]}): run npm install`,
    );
  }
  // COUNT(*) and band keys are bigint, which the driver returns as strings; every value stored fits a double.
  driver.types.setTypeParser(driver.types.builtins.INT8, (value) => Number(value));
  return driver;
}

/**
 * SQLite-style placeholders (`?`, `?1`) as PostgreSQL's (`$1`), outside string literals and quoted names: the SQL
 * shared by both backends is written once. A bare `?` takes the number after the largest used so far, as in SQLite.
 */
export function numberedPlaceholders(sql: string): string {
  let highest = 0;
  return sql.replace(/'(?:[^']|'')*'|"[^"]*"|\?(\d*)/g, (match, digits: string | undefined) => {
    if (match[0] !== '?') return match;
    const n = digits ? Number(digits) : highest + 1;
    highest = Math.max(highest, n);
    return `$${n}`;
  });
}

/** The driver's words for a connection lost or not made, which come without a code. */
const CONNECTION_MESSAGES = /Connection terminated|connection error|timeout exceeded when trying to connect/i;

/** Whether an error is the server being unreachable for a moment (restarting, refusing connections). */
function isConnectionError(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException | undefined;
  return (e?.code !== undefined && CONNECTION_CODES.has(e.code)) || CONNECTION_MESSAGES.test(e?.message ?? '');
}

/** A server that stayed unreachable past the outage wait: the knowledge base's failure, not a document's. */
const unreachable = (location: string, error: unknown) =>
  new KnowledgeBaseUnavailableError(
    `the PostgreSQL server of ${location} could not be reached for ${OUTAGE_SECONDS} s: ${(error as Error).message}`,
  );

/** PostgreSQL's side of the SQL shared by the backends. */
const POSTGRES_DIALECT: SqlDialect = {
  jsonValues: (json, alias = 'j') => `json_array_elements_text(${json}::json) AS ${alias}(value)`,
  // By lower(): entity_aliases has an index on lower(alias).
  equalsIgnoringCase: (a, b) => `lower(${a}) = lower(${b})`,
  like: 'ILIKE',
  noLimit: null,
  unindexed: (column) => column,
};

const ignore = () => undefined;

/** The wait before trying an unreachable server again: growing, at most two seconds. */
const outageBackoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * attempt)));

/** A database URL as it may be shown: its password replaced by `***`. */
export const withoutPassword = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/** The pool, or one of its clients checked out for a transaction. */
export class PgClient implements SqlConnection {
  readonly dialect = POSTGRES_DIALECT;

  constructor(private readonly client: pg.PoolClient | pg.Pool) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(numberedPlaceholders(sql), params)).rows as T[];
  }

  async get<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async run(sql: string, params: unknown[] = []): Promise<{ changes: number }> {
    return { changes: (await this.client.query(numberedPlaceholders(sql), params)).rowCount ?? 0 };
  }

  /** Statements as written (a migration): no placeholders, several statements at once. */
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  /** Many rows in one statement, passed as one JSON array that `sql` reads with `jsonb_array_elements($1::jsonb) v`. */
  async insertRows(sql: string, rows: unknown[][]): Promise<void> {
    if (rows.length > 0) await this.insertJson(sql, JSON.stringify(rows));
  }

  /** insertRows with the rows written as a JSON array already (see joinedRows). */
  async insertJson(sql: string, rows: string): Promise<void> {
    if (rows !== '[]') await this.client.query(sql, [rows]);
  }
}

/** A pool of connections to one PostgreSQL database; queries run on any, a transaction on one. */
export class PgDatabase extends PgClient {
  private constructor(
    private readonly pool: pg.Pool,
    /** The URL without its password, for messages. */
    readonly location: string,
  ) {
    super(pool);
  }

  /** A pool of up to four connections; a reader's statements stop after `statementTimeoutMs`. */
  static connect(url: string, options: { statementTimeoutMs?: number } = {}): PgDatabase {
    const { Pool } = loadDriver();
    const pool = new Pool({
      connectionString: url,
      max: 4,
      connectionTimeoutMillis: 10_000,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    });
    // An idle client whose server went away (a restart) is dropped by the pool; the next query connects again.
    pool.on('error', () => undefined);
    return new PgDatabase(pool, withoutPassword(url));
  }

  /**
   * Runs `work` in one transaction on one connection. Lost deadlocks and serialization races between workers are
   * tried again, and so is a transaction the server was unreachable for (restarting, refusing connections), for up
   * to a minute; any other failure rolls back and rethrows. `work` may run more than once, so it only writes.
   */
  async transaction<T>(work: (tx: PgClient) => Promise<T>): Promise<T> {
    const deadline = Date.now() + OUTAGE_SECONDS * 1000;
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        if (Date.now() > deadline) throw unreachable(this.location, error);
        await outageBackoff(attempt);
        continue;
      }
      // A connection cut while checked out emits its error on the client (with no listener, the process's end); the
      // query in flight fails with it as well, which is what is handled below.
      client.on('error', ignore);
      try {
        await client.query('BEGIN');
        const result = await work(new PgClient(client));
        await client.query('COMMIT');
        client.off('error', ignore);
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.off('error', ignore);
        // A connection that failed mid-transaction is not given back to the pool.
        client.release(isConnectionError(error) ? (error as Error) : undefined);
        if (isConnectionError(error)) {
          if (Date.now() > deadline) throw unreachable(this.location, error);
          await outageBackoff(attempt);
          continue;
        }
        const code = (error as { code?: string }).code;
        if (!code || !RETRIED_CODES.has(code) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
      }
    }
  }

  /**
   * A session-level advisory lock named `name`, on a connection of its own that holds it until `release` (or until
   * the process dies, when the server drops the session). Waits, calling `onWait` once, while another holds it.
   */
  async holdLock(name: string, onWait?: () => void): Promise<{ release(): Promise<void> }> {
    const client = await this.pool.connect();
    client.on('error', ignore);
    const sql = 'SELECT pg_try_advisory_lock(hashtext($1)) AS locked';
    try {
      let waited = false;
      while (!(await client.query<{ locked: boolean }>(sql, [name])).rows[0]!.locked) {
        if (!waited) onWait?.();
        waited = true;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return {
      release: async () => {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
        client.release();
      },
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** The migrations this version knows, in order. */
function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort();
}

/** The schema version of the database: 0 for one without our tables. */
export async function schemaVersion(db: SqlConnection): Promise<number> {
  const table = await db.get("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations'");
  if (!table) return 0;
  return (await db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations'))?.v ?? 0;
}

/**
 * Brings the schema up to date, each migration in a transaction of its own. Workers starting together take turns
 * through an advisory lock, so a migration runs once. A database holding other tables and none of ours, or one a
 * newer version migrated further, is refused before anything is written.
 */
export async function migrate(db: PgDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run("SELECT pg_advisory_xact_lock(hashtext('advisory-kb migrations'))");
    const version = await schemaVersion(tx);
    if (version === 0) {
      const other = await tx.all<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1 LIMIT 5",
      );
      if (other.length > 0)
        throw new KnowledgeBaseRefusedError(
          `${db.location} is not an advisory-kb knowledge base: it holds other tables (${other.map((t) => t.table_name).join(', ')}); nothing was changed`,
        );
      await tx.run(
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
    }
    const files = migrationFiles();
    const newest = Math.max(0, ...files.map((f) => Number.parseInt(f, 10)));
    if (version > newest)
      throw new KnowledgeBaseRefusedError(
        `${db.location} was written by a newer advisory-kb (schema version ${version}; this one knows up to ${newest}); nothing was changed`,
      );
    for (const file of files) {
      const number = Number.parseInt(file, 10);
      if (number <= version) continue;
      await tx.exec(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        number,
        file,
        new Date().toISOString(),
      ]);
    }
  });
}
