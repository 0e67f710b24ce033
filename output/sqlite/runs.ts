import type { FileOutcome } from '../../corpus/document.js';
import { outcomeRows } from '../sql/rows.js';
import { Database } from './database.js';

/** Import runs, file outcomes and the knowledge base's counts. */

/** Starts a run; called under the import lock, so runs still marked running were killed and are marked failed. */
export async function beginRun(db: Database, args: string[], toolVersion: string): Promise<number> {
  await db.run("UPDATE import_runs SET status = 'failed' WHERE status = 'running'");
  const result = await db.run(
    "INSERT INTO import_runs (started_at, status, arguments, tool_version) VALUES (?, 'running', ?, ?)",
    [new Date().toISOString(), JSON.stringify(args), toolVersion],
  );
  return result.lastID;
}

/** Marks a run finished. */
export async function finishRun(
  db: Database,
  runId: number,
  status: 'completed' | 'failed' | 'interrupted',
): Promise<void> {
  await db.run('UPDATE import_runs SET finished_at = ?, status = ? WHERE id = ?', [
    new Date().toISOString(),
    status,
    runId,
  ]);
}

/** Each outcome of a batch, the latest per file (or record) and run. */
export async function writeOutcomes(db: Database, runId: number, outcomes: readonly FileOutcome[]): Promise<void> {
  await db.insertRows(
    'INSERT OR REPLACE INTO file_outcomes (run_id, path, record, status, reason, detail, document_id) SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6 FROM json_each(?)',
    outcomeRows(runId, outcomes),
  );
}

/**
 * Which file versions are stored, asked on a second, read-only connection (WAL): look-ups during an import do not
 * queue behind the writer's transaction. The paths stored when the import began are read once (about 60 bytes
 * each), so a file the knowledge base has never seen, every file of a first import, costs no query.
 */
export class StoredSources {
  private reader: Database | null = null;
  private storedPaths: Promise<Set<string>> | null = null;

  constructor(private readonly path: string) {}

  /** Whether any version of the file at `path` was stored when the import began. */
  async hasPath(path: string): Promise<boolean> {
    const reader = (this.reader ??= await Database.open(this.path, true));
    this.storedPaths ??= reader
      .all<{ path: string }>('SELECT DISTINCT path FROM document_sources')
      .then((rows) => new Set(rows.map((r) => r.path)));
    return (await this.storedPaths).has(path);
  }

  /** Records of a file version already stored (0 for a single-document file). */
  async records(path: string, sha256: string): Promise<Set<number>> {
    if (!(await this.hasPath(path))) return new Set();
    const rows = await this.reader!.all<{ record: number }>(
      'SELECT record FROM document_sources WHERE path = ? AND sha256 = ?',
      [path, sha256],
    );
    return new Set(rows.map((r) => r.record));
  }

  async close(): Promise<void> {
    await this.reader?.close();
  }
}
