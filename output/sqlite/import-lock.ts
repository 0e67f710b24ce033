import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ImportLock } from '../knowledge-base.js';
import { Database } from './database.js';

/**
 * How long a second import waits for the first: as long as it takes (SQLite's busy timeout is a 32-bit count of ms).
 */
const WAIT_FOREVER_MS = 2 ** 31 - 1;

/**
 * The file a path names, links resolved (the file itself or, before it exists, its folder): two paths to one
 * knowledge base share one lock.
 */
function resolvedPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/**
 * One import at a time per knowledge base: imports into one database serialize, the second waiting for the first.
 * The writer keeps part of the near-duplicate index in memory between its transactions, so two imports interleaving
 * their batches would miss each other's copies. The lock is an exclusive transaction on a small SQLite file beside
 * the database (`<db>.import-lock`): the operating system releases it when its process ends, even by SIGKILL, so a
 * killed import never leaves a stale lock behind. Readers take no part in it.
 */
export async function acquireImportLock(dbPath: string, onWait?: () => void): Promise<ImportLock> {
  const lock = await Database.open(`${resolvedPath(dbPath)}.import-lock`);
  try {
    try {
      await lock.exec('PRAGMA busy_timeout = 0; BEGIN EXCLUSIVE');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'SQLITE_BUSY') throw error;
      onWait?.();
      await lock.exec(`PRAGMA busy_timeout = ${WAIT_FOREVER_MS}; BEGIN EXCLUSIVE`);
    }
  } catch (error) {
    await lock.close().catch(() => undefined);
    throw error;
  }
  return {
    release: async () => {
      await lock.exec('ROLLBACK').catch(() => undefined);
      await lock.close();
    },
  };
}
