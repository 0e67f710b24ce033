import { decodeBytes } from './decode.js';
import type { FileOutcome, IngestedDocument, Message, SourceFormat } from './document.js';
import type { FileKind } from './file-kinds.js';
import { documentId } from './ids.js';
import { loadHtml } from './loaders/html.js';
import { loadJson, loadJsonLine } from './loaders/json.js';
import { loadMarkdown } from './loaders/markdown.js';
import { type LoadResult, singleRecord, type RawRecord } from './loaders/types.js';
import { normalizeText, splitDateHeader } from './normalize.js';
import { skippedOutcome } from './outcomes.js';

/** Texts shorter than this (after normalization) are not documents: a stray heading or an empty record. */
export const MIN_TEXT_LENGTH = 20;

/** A file as the runner read it: its bytes, hash and kind, ready to be ingested in a worker. */
export interface RawFile {
  /** Path as reported and stored (relative to the import argument's parent folder). */
  path: string;
  bytes: Uint8Array;
  sha256: string;
  kind: FileKind;
}

/** What ingesting a file gives: its documents, and the outcomes of what could not become one. */
export interface IngestResult {
  documents: IngestedDocument[];
  /** Outcomes that need no document: skipped files and broken records. Imported documents get theirs at storage. */
  outcomes: FileOutcome[];
}

/** U+FFFD, what a lone surrogate becomes. */
const REPLACEMENT = /\uFFFD/g;

/**
 * A lone surrogate (a JSON `"\ud800"`, a cut UTF-16 file) cannot be stored as UTF-8: SQLite would read it back as
 * three U+FFFD and shift every later offset. It becomes one U+FFFD here, before any offset exists.
 */
function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}

/** How many lone surrogates a text has: each is one U+FFFD more in its well-formed form. */
const loneSurrogates = (text: string) =>
  text.isWellFormed()
    ? 0
    : (text.toWellFormed().match(REPLACEMENT)?.length ?? 0) - (text.match(REPLACEMENT)?.length ?? 0);

/** The message of a text whose lone surrogates were replaced, if it had any. */
function surrogateRepair(text: string): Message[] {
  const count = loneSurrogates(text);
  if (count === 0) return [];
  const detail = `${count} lone UTF-16 surrogate${count === 1 ? '' : 's'} replaced by U+FFFD`;
  return [{ stage: 'decode', severity: 'warning', ruleId: 'lone-surrogate', detail }];
}

function toDocument(
  raw: RawRecord,
  file: { path: string; sha256: string; format: SourceFormat; encoding: string },
): IngestedDocument | FileOutcome {
  const { body, published: header } = splitDateHeader(wellFormed(raw.body));
  const text = normalizeText(body);
  if (text.length < MIN_TEXT_LENGTH) {
    return skippedOutcome(
      file.path,
      raw.record,
      'empty',
      text.length === 0 ? 'no text after extraction' : `only ${text.length} characters of text after extraction`,
    );
  }
  const published = raw.published ? { value: raw.published, source: 'metadata' as const } : header;
  return {
    id: documentId(text),
    source: { path: file.path, sha256: file.sha256, format: file.format, encoding: file.encoding, record: raw.record },
    title: raw.title ? normalizeText(wellFormed(raw.title)).replace(/\n/g, ' ') || null : null,
    text,
    declaredPublished: published,
    declaredLanguage: raw.declaredLanguage,
    url: raw.url,
    messages: [...raw.messages, ...surrogateRepair(raw.body)],
  };
}

/** `repairs`: damage the decoder worked around in the whole file, carried by each of its documents. */
function collect(
  load: LoadResult,
  file: { path: string; sha256: string; format: SourceFormat; encoding: string; repairs?: Message[] },
): IngestResult {
  const result: IngestResult = { documents: [], outcomes: [] };
  for (const message of load.messages) {
    const record = message.place?.line ?? message.place?.record ?? null;
    result.outcomes.push(skippedOutcome(file.path, record, message.ruleId, message.detail));
  }
  for (const raw of load.records) {
    const doc = toDocument({ ...raw, messages: [...(file.repairs ?? []), ...raw.messages] }, file);
    if ('id' in doc) result.documents.push(doc);
    else result.outcomes.push(doc);
  }
  return result;
}

/** Decodes and loads one whole file into documents; never throws on bad input, reports it as an outcome. */
export function ingestFile(file: RawFile): IngestResult {
  const decoded = decodeBytes(file.bytes, { html: file.kind === 'html' });
  if (!decoded.ok)
    return { documents: [], outcomes: [skippedOutcome(file.path, null, decoded.reason, decoded.detail)] };
  const format: SourceFormat = file.kind === 'jsonl' ? 'json' : file.kind;
  const meta = {
    path: file.path,
    sha256: file.sha256,
    format,
    encoding: decoded.encoding,
    repairs: (decoded.repairs ?? []).map((r): Message => ({
      stage: 'decode',
      severity: 'warning',
      ruleId: r.reason,
      detail: r.detail,
    })),
  };
  switch (file.kind) {
    case 'html':
      return collect(loadHtml(decoded.text), meta);
    case 'markdown':
      return collect(loadMarkdown(decoded.text), meta);
    case 'json':
      return collect(loadJson(decoded.text), meta);
    case 'jsonl': {
      const merged: LoadResult = { records: [], messages: [] };
      decoded.text.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === '') return;
        const one = loadJsonLine(line, i + 1);
        merged.records.push(...one.records);
        merged.messages.push(...one.messages);
      });
      return collect(merged, meta);
    }
    case 'text':
      return collect({ records: [singleRecord(decoded.text)], messages: [] }, meta);
  }
}

/**
 * One line of a streamed JSONL file, already decoded as UTF-8 by the stream, which turns invalid bytes into U+FFFD:
 * such a line is kept and marked, since the bytes it lost cannot be recovered line by line.
 */
export function ingestJsonLine(
  line: string,
  lineNumber: number,
  file: { path: string; sha256: string; encoding: string },
): IngestResult {
  const repairs: Message[] = line.includes('\uFFFD')
    ? [
        {
          stage: 'decode',
          severity: 'warning',
          ruleId: 'invalid-utf8',
          detail: `line ${lineNumber}: invalid UTF-8 bytes (or U+FFFD in the source) shown as U+FFFD`,
          place: { line: lineNumber },
        },
      ]
    : [];
  return collect(loadJsonLine(line, lineNumber), { ...file, format: 'json', repairs });
}
