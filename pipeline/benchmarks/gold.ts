import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError } from '../command-error.js';

/**
 * The records of a benchmark's gold file (JSON Lines), or, where the folder does not hold it, an error that says
 * what the folder must contain instead of a bare ENOENT.
 */
export function readGoldLines<T>(folder: string, file: string, benchmark: string): T[] {
  const path = join(folder, file);
  if (!existsSync(path))
    throw new CommandError(
      `${folder} is not a ${benchmark} folder: it must contain ${file}${existsSync(folder) ? '' : ` (and ${folder} does not exist)`}`,
    );
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
