/**
 * The document model at the bottom of the house: what ingestion makes of a file, before any analysis. Every offset
 * is a UTF-16 index into `text`, the normalized plain text that the knowledge base stores. What the analysis stages
 * add is typed by the extractors that find it (see `extractors/analysis.ts`).
 */

/** ISO 639-1 code of a language the packs cover, or `und` where it is not known. */
export type LanguageCode = 'de' | 'en' | 'und';
/** How a source was read. */
export type SourceFormat = 'text' | 'html' | 'markdown' | 'json';
/** How much a message matters: `warning` and `error` make a stored document `degraded`. */
export type Severity = 'info' | 'warning' | 'error';

/** Where in its source a message points; every part is optional. */
export interface MessagePlace {
  /** UTF-16 offset into the document's text. */
  offset?: number;
  /** 1-based line of the source file (JSONL lines, decoder repairs of a line). */
  line?: number;
  /** 1-based record of a JSON array. */
  record?: number;
}

/** A problem or remark attached to a document or file instead of an exception (unified's vfile messages). */
export interface Message {
  /** The stage or ingestion step that reported it (`decode`, `load`, `analyze`, or a stage's name). */
  stage: string;
  severity: Severity;
  /** Stable machine-readable rule, e.g. `stage-failed`, `jsonl-line-invalid`: the file outcome's reason. */
  ruleId: string;
  /** Human-readable detail. */
  detail: string;
  place?: MessagePlace;
}

/** A span of characters: `[start, end)` as UTF-16 offsets into a document's text. */
export interface Span {
  start: number;
  end: number;
}

/** Where a document came from. */
export interface SourceInfo {
  /** As found at import, relative to the import argument's parent folder, with `/` separators. */
  path: string;
  /** sha256 of the raw file bytes. */
  sha256: string;
  format: SourceFormat;
  encoding: string;
  /** 1-based record number inside a JSON array or line number inside a JSONL file; null for single-document files. */
  record: number | null;
}

/** The document's own date and where it was read. */
export interface PublishedDate {
  /** ISO 8601 date, as precise as the source (`2024`, `2024-06`, `2024-06-20`). */
  value: string;
  source: 'metadata' | 'header' | 'text';
}

/** What ingestion produces: the document before analysis. */
export interface IngestedDocument {
  /** `doc_` + hash of the normalized text: the same text gets the same id on every machine. */
  id: string;
  source: SourceInfo;
  title: string | null;
  text: string;
  /** The date the source's metadata or ` date` header gives; the `published` stage may find one in the text instead. */
  declaredPublished: PublishedDate | null;
  /** Language the source's metadata declares, if any (a hint, not a verdict). */
  declaredLanguage: string | null;
  url: string | null;
  messages: Message[];
}

/** Outcome of one file (or one record of a multi-record file) at import. */
export interface FileOutcome {
  path: string;
  record: number | null;
  status: 'imported' | 'duplicate' | 'unchanged' | 'skipped' | 'degraded' | 'failed';
  /** Stable reason code for skipped/degraded/failed files (`binary`, `empty`, `too-large`, ...). */
  reason: string | null;
  detail: string | null;
  documentId: string | null;
}
