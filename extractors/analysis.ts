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

/** A finding that breaks an invariant the knowledge base relies on, and why. */
interface Violation {
  what: string;
  why: string;
}

const withinText = (text: string, m: { start: number; end: number }) =>
  Number.isInteger(m.start) && Number.isInteger(m.end) && 0 <= m.start && m.start < m.end && m.end <= text.length;
const sliceMatches = (text: string, m: { start: number; end: number; text: string }) =>
  withinText(text, m) && text.slice(m.start, m.end) === m.text;

/**
 * Keeps only findings the knowledge base can store as they claim: every mention and date lies within the text and
 * slices to its own text, every quote lies within the text (an interrupted quote's text joins its parts) and its cue
 * and speaker's mention slice to theirs, and every affiliation, parent and speaker names an entity of the
 * document (a parent may also be a gazetteer body above it). What breaks one is left out and listed, so an
 * extractor's slip degrades one document instead of failing its batch.
 */
export function withValidFindings<D extends Pick<AnalyzedDocument, 'text'> & StoredFields>(
  doc: D,
): { doc: D; violations: Violation[] } {
  const violations: Violation[] = [];
  const text = doc.text;
  const entities = doc.entities
    .map((entity) => {
      const mentions = entity.mentions.filter((m) => sliceMatches(text, m));
      if (mentions.length < entity.mentions.length)
        violations.push({ what: entity.key, why: 'a mention outside the text or not its slice' });
      return mentions.length === entity.mentions.length ? entity : { ...entity, mentions };
    })
    .filter((entity) => entity.mentions.length > 0);
  const keys = new Set(entities.map((e) => e.key));
  const bodies = new Set(doc.parentBodies.map((b) => b.key));
  const named = (key: string | null, orBody = false) => key === null || keys.has(key) || (orBody && bodies.has(key));
  const checked = entities.map((entity) => {
    if (named(entity.affiliation) && named(entity.parent, true)) return entity;
    violations.push({ what: entity.key, why: 'an affiliation or parent that names no entity of the document' });
    return {
      ...entity,
      affiliation: named(entity.affiliation) ? entity.affiliation : null,
      parent: named(entity.parent, true) ? entity.parent : null,
    };
  });
  const dates = doc.dates.filter((d) => sliceMatches(text, d));
  if (dates.length < doc.dates.length)
    violations.push({ what: 'dates', why: 'a date outside the text or not its slice' });
  const quotes = doc.quotes.flatMap((q) => {
    if (!withinText(text, q)) {
      violations.push({ what: 'quotes', why: 'a quote outside the text' });
      return [];
    }
    const evidenceHolds = (m: { start: number; end: number; text: string } | null) =>
      m === null || sliceMatches(text, m);
    if (!evidenceHolds(q.cue) || !evidenceHolds(q.speaker?.mention ?? null)) {
      violations.push({ what: 'quotes', why: 'a cue or speaker mention outside the text or not its slice' });
      q = {
        ...q,
        cue: evidenceHolds(q.cue) ? q.cue : null,
        speaker: q.speaker && { ...q.speaker, mention: evidenceHolds(q.speaker.mention) ? q.speaker.mention : null },
      };
    }
    if (!q.speaker || (named(q.speaker.key) && named(q.speaker.affiliation))) return [q];
    violations.push({ what: 'quotes', why: 'a speaker that names no entity of the document' });
    const speaker = {
      ...q.speaker,
      key: named(q.speaker.key) ? q.speaker.key : null,
      affiliation: named(q.speaker.affiliation) ? q.speaker.affiliation : null,
    };
    return [{ ...q, speaker }];
  });
  if (violations.length === 0) return { doc, violations };
  return { doc: { ...doc, entities: checked, dates, quotes }, violations };
}

/** The fields withValidFindings checks. */
type StoredFields = Pick<AnalyzedDocument, 'entities' | 'parentBodies' | 'dates' | 'quotes'>;
