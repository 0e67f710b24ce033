import Table from 'cli-table3';
import type {
  EntityDetails,
  EntitySummary,
  ExportRecord,
  SearchHit,
  StatementRow,
  TimelineEvent,
} from '../output/records.js';

/** Readable tables for the query commands; `--json` prints the same rows as they are. */

const table = (head: string[], colWidths?: number[]) =>
  new Table({
    head,
    style: { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: true,
    ...(colWidths ? { colWidths } : {}),
  });

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const orDash = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? '–' : String(value);

/** Search hits as a table. */
export function formatSearch(query: string, hits: SearchHit[]): string {
  if (hits.length === 0) return `no document matches ${JSON.stringify(query)}`;
  const t = table(['#', 'document', 'date', 'lang', 'snippet'], [4, 36, 12, 6, 70]);
  hits.forEach((h, i) =>
    t.push([
      String(i + 1),
      `${h.title ?? h.path}\n${h.id}${h.duplicateOf ? `\n(copy of ${h.duplicateOf})` : ''}`,
      orDash(h.published),
      h.language,
      h.snippet,
    ]),
  );
  return `${hits.length} document${hits.length === 1 ? '' : 's'} for ${JSON.stringify(query)}, best first\n${t.toString()}`;
}

/** Entities as a table. */
export function formatEntities(entities: EntitySummary[]): string {
  if (entities.length === 0) return 'no entities match';
  const t = table(['type', 'name', 'acronym', 'country', 'documents', 'mentions', 'id']);
  for (const e of entities)
    t.push([e.type, e.name, orDash(e.acronym), orDash(e.country), String(e.documents), String(e.mentions), e.id]);
  return t.toString();
}

/** One entity's details as text and tables. */
export function formatEntity(details: EntityDetails): string {
  const e = details.entity;
  const lines = [
    `${e.name} (${e.type}${e.acronym ? `, ${e.acronym}` : ''}${e.country ? `, ${e.country}` : ''}) ${e.id}`,
  ];
  if (e.parent) lines.push(`part of: ${e.parent.name} (${e.parent.id})`);
  lines.push(`${e.documents} documents, ${e.mentions} mentions`);
  if (details.aliases.length) lines.push(`aliases: ${details.aliases.join(' · ')}`);
  if (details.roles.length) lines.push(`roles: ${details.roles.map((r) => `${r.role} (${r.documents})`).join(' · ')}`);
  if (details.affiliations.length)
    lines.push(`affiliations: ${details.affiliations.map((a) => `${a.name} (${a.documents})`).join(' · ')}`);
  if (details.merged.length) {
    const t = table(['merged variant', 'rule', 'evidence'], [30, 14, 70]);
    for (const m of details.merged) t.push([m.name, m.rule, m.evidence]);
    lines.push('merged from:', t.toString());
  }
  const docs = table(['date', 'lang', 'document', 'mentions'], [12, 6, 70, 10]);
  for (const d of details.documents)
    docs.push([orDash(d.published), d.language, `${d.title ?? d.path}\n${d.id}`, String(d.mentions)]);
  lines.push('documents:', docs.toString());
  if (details.quotes.length) lines.push('quotes:', formatQuotes(details.quotes));
  if (details.dates.length)
    lines.push(
      `dates in sentences naming it: ${details.dates.map((d) => (d.sentences > 1 ? `${d.value} (${d.sentences})` : d.value)).join(' · ')}`,
    );
  if (details.alternatives.length)
    lines.push(`also matching: ${details.alternatives.map((a) => `${a.name} (${a.type}, ${a.id})`).join(' · ')}`);
  return lines.join('\n');
}

/** Statements as a table. */
export function formatQuotes(quotes: StatementRow[]): string {
  if (quotes.length === 0) return 'no quotes match';
  const t = table(['date', 'speaker', 'quote', 'sources'], [12, 26, 60, 30]);
  for (const q of quotes) {
    const speaker = q.speaker.name ? `${q.speaker.name}${q.speaker.role ? `\n${q.speaker.role}` : ''}` : '–';
    const text = `${q.kind === 'indirect' ? '(indirect) ' : ''}${clip(q.text, 400)}`;
    t.push([
      orDash(q.firstPublished),
      speaker,
      text,
      q.sources.map((s) => `${s.path} [${s.start}–${s.end}]`).join('\n'),
    ]);
  }
  return t.toString();
}

/** An entity's timeline as a table. */
export function formatTimeline(entity: EntitySummary, events: TimelineEvent[]): string {
  if (events.length === 0) return `no dated events for ${entity.name} (${entity.id})`;
  const t = table(['date', 'event', 'text', 'document'], [12, 10, 70, 30]);
  for (const e of events)
    t.push([e.date, e.kind, clip(e.text, 300), `${e.documentId}${e.start === null ? '' : `\n[${e.start}–${e.end}]`}`]);
  return `${entity.name} (${entity.type}, ${entity.id})\n${t.toString()}`;
}

/** One document with its facts, and its text if asked. */
export function formatDocument(record: ExportRecord, withText: boolean): string {
  const lines = [
    `${record.title ?? '(untitled)'} ${record.id}`,
    `language ${record.language.code} (${record.language.confidence}) · published ${record.published ? `${record.published.value} (${record.published.source})` : '–'}${record.duplicateOf ? ` · near duplicate of ${record.duplicateOf} (${record.duplicateSimilarity})` : ''}`,
    `sources: ${record.sources.map((s) => `${s.path}${s.record ? `:${s.record}` : ''} (${s.format}, ${s.encoding})`).join(' · ')}`,
  ];
  if (record.entities.length) {
    const t = table(['type', 'entity', 'mentions [start–end]', 'roles / affiliation'], [14, 30, 44, 30]);
    for (const e of record.entities) {
      const affiliation = e.affiliation
        ? (record.entities.find((x) => x.id === e.affiliation)?.name ?? e.affiliation)
        : null;
      t.push([
        e.type,
        `${e.name}\n${e.id}`,
        e.mentions.map((m) => `${m.text} [${m.start}–${m.end}]`).join('\n'),
        [...e.roles, ...(affiliation ? [`for ${affiliation}`] : [])].join('\n'),
      ]);
    }
    lines.push('entities:', t.toString());
  }
  if (record.dates.length) {
    const t = table(['date', 'text [start–end]']);
    for (const d of record.dates)
      t.push([`${d.value}${d.relative ? ' (relative)' : ''}`, `${d.text} [${d.start}–${d.end}]`]);
    lines.push('dates:', t.toString());
  }
  if (record.quotes.length) {
    const t = table(['speaker', 'quote [start–end]'], [30, 90]);
    for (const q of record.quotes)
      t.push([
        q.speaker ? `${q.speaker.name}${q.speaker.role ? `\n${q.speaker.role}` : ''}` : '–',
        `${q.kind === 'indirect' ? '(indirect) ' : ''}${clip(q.text, 400)} [${q.start}–${q.end}]`,
      ]);
    lines.push('quotes:', t.toString());
  }
  if (withText && record.text !== undefined) lines.push('text:', record.text);
  return lines.join('\n');
}
