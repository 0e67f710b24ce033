import type { EntityType } from '../extractors/entities.js';

/**
 * What the knowledge base answers, whatever backend holds it: plain rows that the CLI prints as tables or JSON and
 * the export writes. Every fact carries the document and offsets it came from.
 */

/** The version of the export contract (`../shared/contract/export-v1.md`). */
export const SCHEMA_VERSION = '1';

/** Where a thing is named: offsets into the document text and the text there. */
export interface ExportMention {
  start: number;
  end: number;
  text: string;
}

/** An entity of one document, as the knowledge base knows it (merged variants are one). */
export interface ExportEntity {
  id: string;
  type: EntityType;
  name: string;
  aliases: string[];
  mentions: ExportMention[];
  roles: string[];
  affiliation: string | null;
  acronym: string | null;
  country: string | null;
  parent: string | null;
}

/**
 * One document as `../shared/contract/export-v1.md` defines it, plus `sources`, `paragraphs` and (optionally) `text`.
 */
export interface ExportRecord {
  schemaVersion: typeof SCHEMA_VERSION;
  id: string;
  source: {
    path: string;
    sha256: string;
    format: 'text' | 'html' | 'markdown' | 'json';
    record: number | null;
    encoding: string;
  };
  sources: Array<ExportRecord['source']>;
  title: string | null;
  language: { code: 'de' | 'en' | 'und'; confidence: number };
  paragraphs: Array<{ start: number; end: number; language: string; confidence: number }>;
  published: { value: string; source: 'metadata' | 'header' | 'text' } | null;
  duplicateOf: string | null;
  /** Estimated Jaccard similarity of word shingles to `duplicateOf`. */
  duplicateSimilarity: number | null;
  entities: ExportEntity[];
  dates: Array<ExportMention & { value: string; granularity: 'year' | 'month' | 'day'; relative: boolean }>;
  quotes: Array<{
    id: string;
    text: string;
    start: number;
    end: number;
    kind: 'direct' | 'indirect';
    /** The knowledge base's statement this quote belongs to: the same words carried by other documents share it. */
    statementId: string | null;
    /**
     * `affiliation`: for an unnamed speaker ("a spokesperson of the ministry"), the agency or organization it speaks
     * for.
     */
    speaker: {
      entityId: string | null;
      name: string;
      role: string | null;
      affiliation: string | null;
      /** The words the speaker was resolved from: a name, a pronoun, a description; null where not known. */
      mention: ExportMention | null;
    } | null;
    /** The word that frames the quote as speech ("sagte", "laut", "according"); null where the frame has none. */
    cue: ExportMention | null;
  }>;
  text?: string;
}

/** A knowledge-base entity with what every document says of it: the table-shaped exports (STIX, CSV) write these. */
export interface KnowledgeBaseEntity {
  id: string;
  type: EntityType;
  name: string;
  /** Every other name it was found under, its merged variants' included, sorted. */
  aliases: string[];
  /** Every role a document gives it, sorted. */
  roles: string[];
  acronym: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** The knowledge-base entity of its parent body. */
  parent: string | null;
}

/** One import into the knowledge base. */
export interface ImportRun {
  id: number;
  /** ISO 8601 timestamps. */
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  arguments: string[];
  toolVersion: string;
}

/** A query that cannot be answered as asked (bad search syntax, no such entity or document). */
export class QueryError extends Error {}

/** A knowledge-base entity with how often it is mentioned. */
export interface EntitySummary {
  id: string;
  type: EntityType;
  name: string;
  acronym: string | null;
  country: string | null;
  mentions: number;
  documents: number;
}

/** A document as lists name it. */
export interface DocumentRef {
  id: string;
  title: string | null;
  published: string | null;
  language: string;
  path: string;
  duplicateOf: string | null;
}

/** A statement with its speaker and every document that carries it. */
export interface StatementRow {
  id: string;
  text: string;
  kind: 'direct' | 'indirect';
  speaker: { entityId: string | null; name: string | null; role: string | null };
  firstPublished: string | null;
  sources: Array<{
    quoteId: string;
    documentId: string;
    path: string;
    published: string | null;
    start: number;
    end: number;
  }>;
}

/** A document that matches a search, with its score and a snippet. */
export interface SearchHit extends DocumentRef {
  score: number;
  snippet: string;
}

/** Everything the knowledge base knows of one entity. */
export interface EntityDetails {
  entity: EntitySummary & { parent: { id: string; name: string } | null };
  /** Other entities the query could mean. */
  alternatives: EntitySummary[];
  /** Variants merged into this entity, and why. */
  merged: Array<{ id: string; name: string; rule: string; evidence: string; via: string }>;
  aliases: string[];
  roles: Array<{ role: string; documents: number }>;
  affiliations: Array<{ id: string; name: string; documents: number }>;
  documents: Array<DocumentRef & { mentions: number }>;
  quotes: StatementRow[];
  dates: Array<{ value: string; sentences: number }>;
}

/** Which statements `quotes` returns; every filter is optional. */
export interface QuoteFilters {
  /** A name or alias of the speaker, or part of how an unnamed speaker is described ("Sprecher"). */
  speaker?: string;
  speakerId?: string;
  /** The agency or organization the speaker is, or speaks for. */
  agency?: string;
  contains?: string;
  /** Earliest date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive. */
  from?: string;
  /** Latest date, inclusive: "2024" includes the whole year. */
  to?: string;
  kind?: 'direct' | 'indirect';
  limit?: number;
  /** Statements to pass over first, for paging. @default 0 */
  offset?: number;
  /** @default 'date' (oldest first) */
  sort?: 'date' | '-date';
}

/** A dated event about an entity. */
export interface TimelineEvent {
  date: string;
  kind: 'document' | 'quote' | 'sentence';
  documentId: string;
  text: string;
  start: number | null;
  end: number | null;
}

/** Which documents `browseDocuments` lists; every filter is optional. */
export interface DocumentBrowse {
  /** Words as the CLI's `search` takes them; without a query, every document. */
  query?: string;
  language?: 'de' | 'en' | 'und';
  /** Published on or after (YYYY, YYYY-MM or YYYY-MM-DD). */
  from?: string;
  /** Published on or before; "2024" includes the whole year. */
  to?: string;
  /** Documents that mention every one of these entities (ids), their merged variants included. */
  entityIds?: string[];
  /** @default 'relevance' with a query, else 'date' (newest first) */
  sort?: 'relevance' | 'date';
  limit?: number;
  offset?: number;
  /** Brackets for the matched terms in snippets. @default ['[', ']'] */
  mark?: [string, string];
}

/** A page of canonical documents: near-duplicate copies are folded under the document they copy, with a count. */
export interface DocumentPage {
  total: number;
  hits: Array<DocumentRef & { score: number | null; snippet: string; copies: number }>;
}

/** Where a document came from and what the import said of it, beside its export record. */
export interface DocumentContext {
  /** Near-duplicate copies of this document. */
  copies: Array<DocumentRef & { similarity: number | null }>;
  /** What each import recorded for the files (and records) the document came from, latest first. */
  outcomes: Array<{
    runId: number;
    path: string;
    record: number;
    status: string;
    reason: string | null;
    detail: string | null;
  }>;
  /** The stages' messages about the document (degraded reading, failed stages). */
  messages: Array<{ stage: string; severity: string; ruleId: string; detail: string }>;
}

/** An entity named in the same documents as another, with how many. */
export interface CooccurringEntity {
  id: string;
  type: EntityType;
  name: string;
  acronym: string | null;
  country: string | null;
  shared: number;
}

/** One import's file outcomes, a page at a time, and its counts by status. */
export interface RunOutcomes {
  run: ImportRun;
  counts: Record<string, number>;
  total: number;
  outcomes: Array<{
    path: string;
    record: number;
    status: string;
    reason: string | null;
    detail: string | null;
    documentId: string | null;
  }>;
}

/** An entity's timeline as a chart draws it: per month, how many documents, dated sentences and statements. */
export interface TimelineCounts {
  months: string[];
  series: Record<TimelineEvent['kind'], number[]>;
}
