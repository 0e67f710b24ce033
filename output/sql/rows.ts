import type { FileOutcome } from '../../corpus/document.js';
import type { WritableDocument } from '../writable.js';
import type { StatementCandidate } from '../../extractors/statements.js';
import type { ConsolidationRules } from '../knowledge-base.js';

/**
 * A batch's rows per table, as arrays in the tables' column order: every backend writes the same rows, each in its
 * own bulk statement.
 */

/** documents: id, text, title, language, language_confidence, published, published_source, declared_language, url,
 * first_run_id, messages. */
export const documentRow = (runId: number, d: WritableDocument): unknown[] => [
  d.id,
  d.text,
  d.title,
  d.language.code,
  d.language.confidence,
  d.published?.value ?? null,
  d.published?.source ?? null,
  d.declaredLanguage,
  d.url,
  runId,
  JSON.stringify(d.messages),
];

export const DOCUMENT_COLUMNS =
  'id, text, title, language, language_confidence, published, published_source, declared_language, url, first_run_id, messages';

/** document_sources: document_id, path, record, sha256, format, encoding, run_id. */
export const sourceRows = (runId: number, docs: readonly WritableDocument[]): unknown[][] =>
  docs.map((d) => [
    d.id,
    d.source.path,
    d.source.record ?? 0,
    d.source.sha256,
    d.source.format,
    d.source.encoding,
    runId,
  ]);

export const QUOTE_COLUMNS = `id, document_id, start, "end", text, kind, speaker_entity_id, speaker_name, speaker_role,
  speaker_affiliation_id, cue_start, cue_end, cue_text, speaker_mention_start, speaker_mention_end, speaker_mention_text`;

/** file_outcomes: run_id, path, record, status, reason, detail, document_id. */
export const outcomeRows = (runId: number, outcomes: readonly FileOutcome[]): unknown[][] =>
  outcomes.map((o) => [runId, o.path, o.record ?? 0, o.status, o.reason, o.detail, o.documentId]);

/** Statements per INSERT: the JSON passed stays small for any speaker. */
const STATEMENTS_PER_INSERT = 5000;

/**
 * Quotes grouped into statements by the rules, speaker by speaker (the quotes come ordered by speaker: quotes of two
 * speakers are never one statement), as rows a chunk at a time: statements (id, text, kind, speaker_entity_id,
 * speaker_name as the earliest quote gives it, first_published, sources) and statement_quotes (quote_id,
 * statement_id).
 */
export function* statementRows(
  quotes: ReadonlyArray<StatementCandidate & { speakerName: string | null }>,
  rules: Pick<ConsolidationRules, 'groupStatements'>,
): Generator<{ statements: unknown[][]; statementQuotes: unknown[][] }> {
  const speakerNames = new Map(quotes.map((q) => [q.id, q.speakerName]));
  let chunk: { statements: unknown[][]; statementQuotes: unknown[][] } = { statements: [], statementQuotes: [] };
  for (let from = 0; from < quotes.length;) {
    let to = from + 1;
    while (to < quotes.length && quotes[to]!.speakerId === quotes[from]!.speakerId) to++;
    for (const s of rules.groupStatements(quotes.slice(from, to))) {
      chunk.statements.push([
        s.id,
        s.text,
        s.kind,
        s.speakerId,
        speakerNames.get(s.id) ?? null,
        s.firstPublished,
        s.quoteIds.length,
      ]);
      for (const q of s.quoteIds) chunk.statementQuotes.push([q, s.id]);
      if (chunk.statements.length === STATEMENTS_PER_INSERT) {
        yield chunk;
        chunk = { statements: [], statementQuotes: [] };
      }
    }
    from = to;
  }
  if (chunk.statements.length > 0) yield chunk;
}

/**
 * Speakers in groups of at most `quotesPerRead` quotes between them (a speaker with more is a group of its own), in
 * their order: a consolidation reads a group's quotes at once, so memory holds at most one group or the quotes of
 * the most quoted speaker, and few speakers' quotes cost few round trips.
 */
export function* speakerGroups<T extends { quotes: number }>(
  speakers: readonly T[],
  quotesPerRead: number,
): Generator<T[]> {
  let group: T[] = [];
  let quotes = 0;
  for (const speaker of speakers) {
    if (group.length > 0 && quotes + speaker.quotes > quotesPerRead) {
      yield group;
      group = [];
      quotes = 0;
    }
    group.push(speaker);
    quotes += speaker.quotes;
  }
  if (group.length > 0) yield group;
}
