import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import type { KnowledgeBaseReader } from '../output/knowledge-base.js';
import { CommandError } from './command-error.js';

export const EXPORT_FORMATS = ['jsonl', 'json', 'stix', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Why a path cannot be written, in the user's terms, by the error code the file system gave. */
function fileErrorReason(code: string | undefined, path: string, wanted: 'file' | 'folder'): string | null {
  const reasons: Record<string, string> = {
    ENOENT: `its folder ${dirname(path)} does not exist`,
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: `it is a folder: give a ${wanted} name`,
    EEXIST: `it is a file: give a ${wanted} name`,
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
  };
  return (code && reasons[code]) ?? null;
}

/** The error as the user should read it: a file-system error names the path and why; any other stays as it is. */
function unwritable(path: string, error: unknown, wanted: 'file' | 'folder'): unknown {
  const reason = fileErrorReason((error as NodeJS.ErrnoException).code, path, wanted);
  return reason ? new CommandError(`cannot write ${path}: ${reason}`) : error;
}

/** A file opened for writing before anything is read, so that a bad path fails at once and with a clear reason. */
async function openFile(path: string): Promise<WriteStream> {
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
  } catch (error) {
    throw unwritable(path, error, 'file');
  }
  return file;
}

/** Writes text and waits while the stream's buffer is full: piping 100,000 records into `head` stays bounded. */
export async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes the knowledge base in `format` to `out` (a file; a folder for csv), or to standard output. */
export async function runExport(
  reader: KnowledgeBaseReader,
  options: { format: ExportFormat; out?: string; withText?: boolean },
): Promise<void> {
  if (options.format === 'csv') {
    if (!options.out) throw new CommandError('--format csv writes one file per table: give a folder with --out DIR');
    try {
      if (statSync(options.out, { throwIfNoEntry: false })?.isFile())
        throw Object.assign(new Error('a file'), { code: 'EEXIST' });
      const { writeCsvTables } = await import('../output/csv.js');
      await writeCsvTables(reader, options.out, { withText: options.withText ?? false });
    } catch (error) {
      throw unwritable(options.out, error, 'folder');
    }
    return;
  }
  const out = options.out ? await openFile(options.out) : process.stdout;
  let failure: NodeJS.ErrnoException | null = null;
  // A write that fails later (a full disk) is reported as such instead of as an unhandled stream error.
  if (options.out) out.on('error', (error: NodeJS.ErrnoException) => (failure ??= error));
  const emit = async (text: string) => {
    if (failure) throw unwritable(options.out!, failure, 'file');
    try {
      await write(out, text);
    } catch (error) {
      throw options.out ? unwritable(options.out, error, 'file') : error;
    }
  };
  if (options.format === 'stix') {
    // STIX locations carry the gazetteer's coordinates, which load with the extractors' lexicons: only when asked.
    const { stixBundleId, stixObjects } = await import('../output/stix.js');
    const { cityCoordinates, countryLocationKey } = await import('../extractors/locations.js');
    const { englishCountryName } = await import('../extractors/countries.js');
    const gazetteer = { cityCoordinates, countryName: englishCountryName, countryKey: countryLocationKey };
    await emit(`{"type":"bundle","id":"${await stixBundleId(reader)}","objects":[`);
    let first = true;
    for await (const object of stixObjects(reader, gazetteer)) {
      await emit(`${first ? '\n' : ',\n'}${JSON.stringify(object)}`);
      first = false;
    }
    await emit('\n]}\n');
  } else {
    let first = true;
    if (options.format === 'json') await emit('[');
    for await (const record of reader.exportRecords({ withText: options.withText ?? false })) {
      const json = JSON.stringify(record);
      await emit(options.format === 'json' ? `${first ? '\n' : ',\n'}${json}` : `${json}\n`);
      first = false;
    }
    if (options.format === 'json') await emit(first ? ']\n' : '\n]\n');
  }
  if (options.out) {
    await new Promise<void>((resolve) => (out as WriteStream).end(resolve));
    if (failure) throw unwritable(options.out, failure, 'file');
  }
}
