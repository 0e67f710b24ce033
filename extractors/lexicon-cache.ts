import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../corpus/paths.js';

/**
 * Where derived word lists are kept between runs: npm's conventional cache folder of the installed project. Deriving
 * them from the dictionaries (scanning 40 MB of JSON, sorting 500,000 words, conjugating with compromise) cost every
 * worker thread 1.4 s of CPU at each start; reading them back costs a tenth of that.
 */
export const LEXICON_CACHE_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'advisory-kb');

/** What tells one version of a file from another without reading it. */
function stamp(file: string): [number, number] {
  const { size, mtimeMs } = statSync(file);
  return [size, mtimeMs];
}

/**
 * A JSON-able value derived from files, read back from the cache when its key matches, else derived and stored. The
 * key covers everything the derivation reads: each input file by path, size and modification time (a reinstalled
 * package changes them), the derivation's own code, and the language-pack data it takes. A cache that cannot be read
 * or written (a read-only install) only costs the derivation; a damaged one is derived again.
 */
export function cachedDerivation<T>(
  name: string,
  key: { files: readonly string[]; code: string; data: unknown },
  derive: () => T,
  dir = LEXICON_CACHE_DIR,
): T {
  const hash = createHash('sha256')
    .update(JSON.stringify([key.files.map((f) => [f, ...stamp(f)]), key.code, key.data]))
    .digest('hex')
    .slice(0, 16);
  const path = join(dir, `${name}-${hash}.json`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    // Not there yet, or damaged: derived below.
  }
  const value = derive();
  try {
    mkdirSync(dir, { recursive: true });
    // Threads starting together derive it at once: each writes its own file and renames it into place, atomically.
    const partial = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, path);
  } catch {
    // A read-only install: derived on every start.
  }
  return value;
}
