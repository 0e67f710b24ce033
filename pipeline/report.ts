import Table from 'cli-table3';
import type { FileOutcome } from '../corpus/document.js';
import { ENTITY_TYPES } from '../extractors/entities.js';
import type { KnowledgeBaseCounts } from '../output/knowledge-base.js';
import type { ImportSummary } from './runner.js';

const STATUSES: FileOutcome['status'][] = ['imported', 'duplicate', 'unchanged', 'degraded', 'skipped', 'failed'];

/** How many outcomes have each status. */
export function countByStatus(outcomes: FileOutcome[]): Record<FileOutcome['status'], number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<FileOutcome['status'], number>;
  for (const o of outcomes) counts[o.status]++;
  return counts;
}

/**
 * A name as the terminal may show it: control and format characters (a bidi override U+202E, an escape sequence, a
 * line break in a file name) are written as `\u{…}`, so they can neither reorder nor break the table.
 */
export const printable = (text: string) =>
  text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);

const where = (o: Pick<FileOutcome, 'path' | 'record'>) =>
  printable(o.record === null ? o.path : `${o.path}:${o.record}`);

/** The human-readable import summary: this run's outcomes, every problem with its reason, then the knowledge base. */
export function formatImportSummary(summary: ImportSummary, counts: KnowledgeBaseCounts, db: string): string {
  const lines: string[] = [];
  const byStatus = countByStatus(summary.outcomes);
  const mb = summary.bytes / 1e6;
  lines.push(
    `advisory-kb import: ${summary.files} files read in ${summary.seconds.toFixed(1)} s (${mb.toFixed(2)} MB) into ${printable(db)} (run ${summary.runId})`,
  );
  // Outcomes count documents: a JSON or JSONL file gives one per record, so they may outnumber the files read.
  const records = summary.outcomes.filter((o) => o.record !== null);
  const recordFiles = new Set(records.map((o) => o.path)).size;
  const perRecord =
    records.length > 0
      ? `, counting the ${records.length} records of ${recordFiles} JSON/JSONL file${recordFiles === 1 ? '' : 's'} one by one`
      : '';
  lines.push(`This run${perRecord}: ` + STATUSES.map((s) => `${s} ${byStatus[s]}`).join(' · '));
  const slowest = summary.slowest;
  if (slowest)
    lines.push(`Slowest document: ${where(slowest)} (${slowest.chars} characters, ${slowest.seconds.toFixed(2)} s)`);
  const problems = summary.outcomes.filter(
    (o) => o.status === 'skipped' || o.status === 'failed' || o.status === 'degraded',
  );
  if (problems.length > 0) {
    const table = new Table({
      head: ['file', 'status', 'reason', 'detail'],
      style: { head: [], border: [] },
      wordWrap: true,
      colWidths: [40, 10, 20, 50],
    });
    for (const o of problems.sort((a, b) => where(a).localeCompare(where(b))))
      table.push([where(o), o.status, o.reason ?? '', printable(o.detail ?? '')]);
    lines.push('Files not imported or imported with problems:', table.toString());
  }
  for (const warning of summary.warnings) lines.push(`Warning: ${warning}`);
  lines.push(formatCounts(counts));
  return lines.join('\n');
}

/** The knowledge base's counts as a table. */
export function formatCounts(counts: KnowledgeBaseCounts): string {
  const table = new Table({ head: ['knowledge base', 'count'], style: { head: [], border: [], compact: true } });
  table.push(['documents', String(counts.documents)]);
  for (const [language, n] of Object.entries(counts.documentsByLanguage))
    table.push([`  language ${language}`, String(n)]);
  for (const type of ENTITY_TYPES) table.push([`entities: ${type}`, String(counts.entitiesByType[type] ?? 0)]);
  table.push(['merged entity variants', String(counts.mergedEntities)]);
  table.push(['entity mentions', String(counts.mentions)]);
  table.push(['dates', String(counts.dates)]);
  table.push(['quotes', String(counts.quotes)]);
  table.push(['  distinct statements', String(counts.statements)]);
  table.push(['exact duplicates (extra sources)', String(counts.exactDuplicateSources)]);
  table.push(['near duplicates', String(counts.nearDuplicates)]);
  for (const [reason, n] of Object.entries(counts.skippedByReason)) table.push([`skipped files: ${reason}`, String(n)]);
  return table.toString();
}
