import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { stringify, type Stringifier } from 'csv-stringify';
import type { KnowledgeBaseReader } from './knowledge-base.js';

/**
 * The knowledge base as CSV files, one per table, for spreadsheets, notebooks and `sqlite3 .import --csv`: RFC 4180
 * (CRLF, fields with commas, quotes or line breaks quoted), UTF-8 without a byte-order mark, a header row, empty
 * fields for nulls. Ids join across files: `document_id` to documents.csv, `entity_id` to entities.csv, and so on.
 */

type Cell = string | number | null;

/** Every file and its columns, in the order they are written. */
export const CSV_TABLES = {
  documents: [
    'id',
    'title',
    'language',
    'language_confidence',
    'published',
    'published_source',
    'duplicate_of',
    'duplicate_similarity',
  ],
  sources: ['document_id', 'path', 'record', 'sha256', 'format', 'encoding'],
  entities: ['id', 'type', 'name', 'acronym', 'country', 'parent_id', 'roles'],
  aliases: ['entity_id', 'alias'],
  mentions: ['document_id', 'entity_id', 'start', 'end', 'text'],
  dates: ['document_id', 'start', 'end', 'text', 'value', 'granularity', 'relative'],
  quotes: [
    'id',
    'document_id',
    'statement_id',
    'kind',
    'start',
    'end',
    'text',
    'speaker_entity_id',
    'speaker_name',
    'speaker_role',
    'speaker_affiliation_id',
    'speaker_mention_start',
    'speaker_mention_end',
    'speaker_mention_text',
    'cue_start',
    'cue_end',
    'cue_text',
  ],
  statements: ['id', 'kind', 'text', 'speaker_entity_id', 'speaker_name', 'speaker_role', 'first_published', 'sources'],
} as const;

export type CsvTable = keyof typeof CSV_TABLES;

/** One CSV file being written, waiting for the disk when its buffer is full. */
class CsvFile {
  private readonly csv: Stringifier;
  private readonly file: WriteStream;
  private failure: Error | null = null;

  constructor(path: string, columns: readonly string[]) {
    this.file = createWriteStream(path);
    this.csv = stringify({ header: true, columns: [...columns], record_delimiter: 'windows', quoted_match: /[\r\n]/ });
    this.csv.pipe(this.file);
    for (const stream of [this.file, this.csv]) stream.on('error', (error: Error) => (this.failure ??= error));
  }

  async row(cells: readonly Cell[]): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.csv.write(cells)) await once(this.csv, 'drain');
  }

  async end(): Promise<void> {
    this.csv.end();
    await once(this.file, 'close');
    if (this.failure) throw this.failure;
  }
}

/**
 * Writes every table into `dir` (created if missing); `withText` adds each document's text to documents.csv as a
 * last column. Resolves to the files written.
 */
export async function writeCsvTables(
  reader: KnowledgeBaseReader,
  dir: string,
  options: { withText?: boolean } = {},
): Promise<string[]> {
  const withText = options.withText ?? false;
  mkdirSync(dir, { recursive: true });
  const files = Object.fromEntries(
    Object.entries(CSV_TABLES).map(([table, columns]) => [
      table,
      new CsvFile(join(dir, `${table}.csv`), table === 'documents' && withText ? [...columns, 'text'] : columns),
    ]),
  ) as Record<CsvTable, CsvFile>;
  try {
    for await (const d of reader.exportRecords({ withText })) {
      await files.documents.row([
        d.id,
        d.title,
        d.language.code,
        d.language.confidence,
        d.published?.value ?? null,
        d.published?.source ?? null,
        d.duplicateOf,
        d.duplicateSimilarity,
        ...(withText ? [d.text ?? ''] : []),
      ]);
      for (const s of d.sources) await files.sources.row([d.id, s.path, s.record ?? 0, s.sha256, s.format, s.encoding]);
      for (const e of d.entities)
        for (const m of e.mentions) await files.mentions.row([d.id, e.id, m.start, m.end, m.text]);
      for (const t of d.dates)
        await files.dates.row([d.id, t.start, t.end, t.text, t.value, t.granularity, t.relative ? 1 : 0]);
      for (const q of d.quotes)
        await files.quotes.row([
          q.id,
          d.id,
          q.statementId,
          q.kind,
          q.start,
          q.end,
          q.text,
          q.speaker?.entityId ?? null,
          q.speaker?.name ?? null,
          q.speaker?.role ?? null,
          q.speaker?.affiliation ?? null,
          q.speaker?.mention?.start ?? null,
          q.speaker?.mention?.end ?? null,
          q.speaker?.mention?.text ?? null,
          q.cue?.start ?? null,
          q.cue?.end ?? null,
          q.cue?.text ?? null,
        ]);
    }
    for await (const e of reader.exportEntities()) {
      await files.entities.row([e.id, e.type, e.name, e.acronym, e.country, e.parent, e.roles.join('; ') || null]);
      for (const alias of e.aliases) await files.aliases.row([e.id, alias]);
    }
    for await (const s of reader.exportStatements())
      await files.statements.row([
        s.id,
        s.kind,
        s.text,
        s.speaker.entityId,
        s.speaker.name,
        s.speaker.role,
        s.firstPublished,
        s.sources.length,
      ]);
  } catch (error) {
    await Promise.allSettled(Object.values(files).map((file) => file.end()));
    throw error;
  }
  await Promise.all(Object.values(files).map((file) => file.end()));
  return Object.keys(CSV_TABLES).map((table) => join(dir, `${table}.csv`));
}
