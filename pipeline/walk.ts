import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { FileOutcome } from '../corpus/document.js';
import { type FileKind, fileKind, SUPPORTED_EXTENSIONS } from '../corpus/file-kinds.js';
import { readErrorOutcome, skippedOutcome } from '../corpus/outcomes.js';

/** A supported file found under the inputs. */
export interface FoundFile {
  absolute: string;
  /** Relative to the import argument's parent folder, `/`-separated: what the knowledge base stores. */
  path: string;
  kind: FileKind;
  size: number;
}

/** The files to import, and those passed over with a reason. */
export interface WalkResult {
  files: FoundFile[];
  /** Files and folders that will not be read, each with its reason. */
  skipped: FileOutcome[];
}

const skip = (path: string, reason: string, detail: string) => skippedOutcome(path, null, reason, detail);

/**
 * Finds the files to import under the arguments, recursively, in sorted order. Symbolic links are followed, but
 * a folder is entered only once (a link loop is reported, not walked forever); hidden files and folders
 * (".git", ".DS_Store") are not part of an archive and are passed over silently.
 */
export async function walkInputs(inputs: string[]): Promise<WalkResult> {
  const result: WalkResult = { files: [], skipped: [] };
  const visitedDirs = new Set<string>();

  const visit = async (absolute: string, base: string, isArgument: boolean): Promise<void> => {
    const path = relative(base, absolute).split(sep).join('/') || basename(absolute);
    let info;
    try {
      const link = await lstat(absolute);
      info = link.isSymbolicLink() ? await stat(absolute) : link;
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ELOOP') result.skipped.push(skip(path, 'symlink-loop', 'symbolic link points back to itself'));
      else if (e.code === 'ENOENT')
        result.skipped.push(
          skip(
            path,
            isArgument ? 'not-found' : 'broken-symlink',
            isArgument ? 'no such file or folder' : 'symbolic link target does not exist',
          ),
        );
      else result.skipped.push(readErrorOutcome(path, error));
      return;
    }
    if (info.isDirectory()) {
      const real = await realpath(absolute);
      if (visitedDirs.has(real)) {
        result.skipped.push(skip(path, 'symlink-loop', `folder already visited (${real})`));
        return;
      }
      visitedDirs.add(real);
      let entries: string[];
      try {
        entries = (await readdir(absolute)).sort();
      } catch (error) {
        result.skipped.push(readErrorOutcome(path, error));
        return;
      }
      for (const entry of entries) {
        if (entry.startsWith('.')) continue;
        await visit(join(absolute, entry), base, false);
      }
      return;
    }
    if (!info.isFile()) {
      result.skipped.push(skip(path, 'not-a-file', 'not a regular file (device, socket or pipe)'));
      return;
    }
    const kind = fileKind(absolute);
    if (!kind) {
      result.skipped.push(
        skip(path, 'unsupported-format', `unsupported file type (supported: ${SUPPORTED_EXTENSIONS.join(' ')})`),
      );
      return;
    }
    result.files.push({ absolute, path, kind, size: info.size });
  };

  for (const input of inputs) {
    const absolute = resolve(input);
    await visit(absolute, dirname(absolute), true);
  }
  return result;
}
