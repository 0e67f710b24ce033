import type { ExportRecord } from '../../output/records.js';

/** One thing to highlight in a document's text: offsets, what it is, and the attributes a page links it by. */
export interface Highlight {
  start: number;
  end: number;
  /** person, agency, organization, location, date or quote: the class and legend colour. */
  kind: string;
  /** The anchor id a side list links to; set on the first piece of the highlight. */
  anchor: string;
  /** data-* attributes of every piece (quote and entity ids), so a page or a test can find all pieces of one. */
  data: Record<string, string>;
  /** What hovering shows: the kind, the offsets and a label. */
  label: string;
}

/** A run of text under the same highlights: the pieces a page renders, each inside one paragraph. */
export interface TextPiece {
  start: number;
  end: number;
  text: string;
  highlights: Highlight[];
  /** Anchors of the highlights that begin here. */
  anchors: string[];
}

/** A paragraph (or the text between paragraphs, language null) and its pieces. */
export interface TextBlock {
  start: number;
  end: number;
  language: string | null;
  pieces: TextPiece[];
}

/** Every entity mention, date and quote of a document as highlights, in no particular order. */
export function documentHighlights(record: ExportRecord): Highlight[] {
  const highlights: Highlight[] = [];
  for (const entity of record.entities)
    for (const m of entity.mentions)
      highlights.push({
        start: m.start,
        end: m.end,
        kind: entity.type,
        anchor: `m-${m.start}-${m.end}`,
        data: { entity: entity.id },
        label: `${entity.type} ${entity.name} · ${m.start}–${m.end}`,
      });
  for (const d of record.dates)
    highlights.push({
      start: d.start,
      end: d.end,
      kind: 'date',
      anchor: `d-${d.start}-${d.end}`,
      data: { date: d.value },
      label: `date ${d.value} · ${d.start}–${d.end}`,
    });
  for (const q of record.quotes)
    highlights.push({
      start: q.start,
      end: q.end,
      kind: 'quote',
      anchor: `q-${q.id}`,
      data: { quote: q.id },
      label: `${q.kind} quote${q.speaker ? ` by ${q.speaker.name}` : ''} · ${q.start}–${q.end}`,
    });
  return highlights;
}

/**
 * The text cut at every highlight's and paragraph's bounds, so that overlapping highlights (a name inside a quote, a
 * quote over two paragraphs) become pieces that each carry all that cover them. One sweep over sorted bounds.
 */
export function textBlocks(
  text: string,
  paragraphs: Array<{ start: number; end: number; language: string }>,
  highlights: Highlight[],
): TextBlock[] {
  const sortedParagraphs = [...paragraphs].sort((a, b) => a.start - b.start);
  const blocks: TextBlock[] = [];
  let at = 0;
  for (const p of sortedParagraphs) {
    if (p.start > at) blocks.push({ start: at, end: p.start, language: null, pieces: [] });
    blocks.push({ start: p.start, end: p.end, language: p.language, pieces: [] });
    at = Math.max(at, p.end);
  }
  if (at < text.length) blocks.push({ start: at, end: text.length, language: null, pieces: [] });
  const bounds = new Set<number>([0, text.length]);
  for (const b of blocks) bounds.add(b.start).add(b.end);
  for (const h of highlights) bounds.add(h.start).add(h.end);
  const cuts = [...bounds].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  // Outer before inner where two begin together, so a piece's classes and attributes come in one order.
  const byStart = highlights
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.anchor.localeCompare(b.anchor));
  let next = 0;
  let active: Highlight[] = [];
  let block = 0;
  const begun = new Set<string>();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i]!, cuts[i + 1]!];
    while (next < byStart.length && byStart[next]!.start <= start) active.push(byStart[next++]!);
    active = active.filter((h) => h.end > start);
    while (block < blocks.length - 1 && blocks[block]!.end <= start) block++;
    const anchors = active.filter((h) => !begun.has(h.anchor)).map((h) => h.anchor);
    for (const a of anchors) begun.add(a);
    blocks[block]!.pieces.push({ start, end, text: text.slice(start, end), highlights: [...active], anchors });
  }
  return blocks;
}
