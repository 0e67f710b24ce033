/**
 * The typed document that flows through the pipeline. Ingestion creates it from a file (or one record of a
 * JSON/JSONL file); each analysis stage reads what it declares in `needs` and fills the field it `adds`.
 * Every offset is a UTF-16 index into `text`, the normalized plain text that the knowledge base stores.
 */

export type LanguageCode = 'de' | 'en' | 'und';
export type SourceFormat = 'text' | 'html' | 'markdown' | 'json';
export type Severity = 'info' | 'warning' | 'error';

/** A problem or remark attached to a document or file instead of an exception (unified's vfile messages). */
export interface Message {
  stage: string;
  severity: Severity;
  /** Stable machine-readable reason, e.g. `stage-failed`, `jsonl-line-invalid`. */
  reason: string;
  /** Human-readable detail. */
  detail: string;
}

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

export interface LanguageGuess {
  code: LanguageCode;
  /** 0..1; 0 for `und`. */
  confidence: number;
}

export interface Span {
  start: number;
  end: number;
}

export interface ParagraphLanguage extends Span, LanguageGuess {}

export interface PublishedDate {
  value: string;
  source: 'metadata' | 'header' | 'text';
}

export type EntityType = 'person' | 'organization' | 'agency' | 'location';

export interface Mention extends Span {
  text: string;
}

/** One entity as found in one document; `key` identifies it across the knowledge base. */
export interface EntityFinding {
  key: string;
  type: EntityType;
  name: string;
  aliases: string[];
  mentions: Mention[];
  roles: string[];
  /** `key` of the agency or organization the person speaks or acts for. */
  affiliation: string | null;
  acronym: string | null;
  country: string | null;
  /** `key` of the parent body (agencies). */
  parent: string | null;
  /** How the entity was found: `gazetteer`, `definition`, `pattern`, `lexicon`, ... */
  origin: string;
}

export interface DateFinding extends Mention {
  value: string;
  granularity: 'year' | 'month' | 'day';
  relative: boolean;
}

export interface QuoteFinding extends Span {
  text: string;
  kind: 'direct' | 'indirect';
  /** `affiliation`: key of the agency or organization an unnamed speaker speaks for ("ein Sprecher des BSI"). */
  speaker: { key: string | null; name: string; role: string | null; affiliation: string | null } | null;
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

/** What the analysis stages add. Each key is produced by exactly one stage. */
export interface Analysis {
  /** The document's own date: declared, or else from a dateline in the text. */
  published: PublishedDate | null;
  language: LanguageGuess;
  paragraphs: ParagraphLanguage[];
  sentences: Span[];
  /** Government agencies (gazetteer and learned). */
  agencies: EntityFinding[];
  /** Companies, media, parties, alliances, NGOs. */
  organizations: EntityFinding[];
  /** Persons with roles and affiliations. */
  persons: EntityFinding[];
  /** Countries, cities and regions. */
  locations: EntityFinding[];
  /** Every entity of the document, all types, after resolution across extractors. */
  entities: EntityFinding[];
  dates: DateFinding[];
  quotes: QuoteFinding[];
  /** MinHash signature of the text's word shingles, for near-duplicate detection across the knowledge base. */
  fingerprint: number[];
}

export type Document = IngestedDocument & Partial<Analysis>;
export type AnalyzedDocument = IngestedDocument & Analysis;
/** What the store writes of an analyzed document: the per-type entity lists live on, resolved, in `entities`. */
export type StoredDocument = Omit<AnalyzedDocument, 'agencies' | 'organizations' | 'persons' | 'locations'>;

/** A named analysis stage: a pure function of the document that returns the one field it adds. */
export interface Stage<K extends keyof Analysis = keyof Analysis> {
  name: string;
  needs: readonly (keyof Analysis)[];
  adds: K;
  run: (doc: Readonly<Document>, report: (message: Omit<Message, 'stage'>) => void) => Analysis[K];
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
