import type { IngestedDocument, PublishedDate, Span } from '../corpus/document.js';
import type { ParentBody } from './agencies.js';
import type { DateFinding } from './dates.js';
import type { EntityFinding } from './entities.js';
import type { LanguageGuess, ParagraphLanguage } from './language.js';
import type { Token } from './phrases.js';
import type { QuoteFinding } from './quotes.js';

/** What the analysis stages add to a document, each field typed by the extractor that finds it. */
export interface Analysis {
  /** The words and punctuation of the text, computed once for every extractor that reads them. */
  tokens: Token[];
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
  /** The gazetteer bodies above the document's agencies, which the knowledge base stores with them. */
  parentBodies: ParentBody[];
  dates: DateFinding[];
  quotes: QuoteFinding[];
  /** MinHash signature of the text's word shingles, for near-duplicate detection across the knowledge base. */
  fingerprint: number[];
}

/** A field the analysis adds. */
export type AnalysisField = keyof Analysis;

/** A document as fully analysed. */
export type AnalyzedDocument = IngestedDocument & Analysis;

/**
 * What the knowledge base stores of an analysed document: the per-type entity lists live on, resolved, in `entities`.
 */
export type StoredDocument = Omit<AnalyzedDocument, 'tokens' | 'agencies' | 'organizations' | 'persons' | 'locations'>;

/** The stored part of a document: the fields that serve only later stages are not sent to the writer's thread. */
export function storedDocument(doc: AnalyzedDocument): StoredDocument {
  const { tokens: _t, agencies: _a, organizations: _o, persons: _p, locations: _l, ...stored } = doc;
  return stored;
}

/** Value of each analysis field when its stage failed, was skipped, or does not exist yet. */
export function emptyAnalysis(): Analysis {
  return {
    tokens: [],
    published: null,
    language: { code: 'und', confidence: 0 },
    paragraphs: [],
    sentences: [],
    agencies: [],
    organizations: [],
    persons: [],
    locations: [],
    entities: [],
    parentBodies: [],
    dates: [],
    quotes: [],
    fingerprint: [],
  };
}
