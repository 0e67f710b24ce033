import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Table from 'cli-table3';
import { wordOverlap } from '../extractors/statements.js';
import { openKnowledgeBaseReader } from '../output/open.js';
import type { ExportRecord } from '../output/records.js';
import { runImport } from './runner.js';
import { CommandError } from './command-error.js';

/** The annotation format of a gold folder (see ../shared/gold-dev/README.md). */
interface GoldEntity {
  name: string;
  aliases?: string[];
}
interface GoldQuote {
  speaker: string;
  text: string;
  kind: 'direct' | 'indirect';
  fragment?: boolean;
}
interface GoldDocument {
  id: string;
  language: 'de' | 'en';
  published: string | null;
  near_duplicate_of?: string[];
  persons?: GoldEntity[];
  agencies?: GoldEntity[];
  organizations?: GoldEntity[];
  locations?: GoldEntity[];
  dates?: Array<{ text: string; value: string; relative?: boolean; unresolvable?: boolean }>;
  quotes?: GoldQuote[];
}

/** Precision, recall and F1 with their counts. */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Counts for fields scored as precision/recall; accuracy fields use tp (correct) and fn (wrong). */
type Counts = { tp: number; fp: number; fn: number };

/** The fields scored as sets of spans. */
export const FIELDS = [
  'persons',
  'agencies',
  'organizations',
  'organizations+agencies',
  'locations',
  'dates',
  'quotes.direct',
  'quotes.speaker',
  'quotes.indirect',
] as const;
/** The fields scored as right or wrong per document. */
export const ACCURACY_FIELDS = ['language', 'published'] as const;

/** Scores on a gold folder, per language and over both. */
export interface EvaluationResult {
  documents: number;
  /** Per language ("de", "en") and "all": P/R/F1 per field, accuracy for language and published date. */
  byLanguage: Record<string, Record<string, Score>>;
  nearDuplicatePairs: Score;
  missing: string[];
}

const normalizeForm = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[„“”"'’‘»«]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function forms(entity: { name: string; aliases?: string[] }): Set<string> {
  return new Set([entity.name, ...(entity.aliases ?? [])].map(normalizeForm));
}

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

/** One-to-one matching: a second predicted entity for the same gold entity (a split) is a false positive. */
function matchEntities(predicted: Array<Set<string>>, gold: Array<Set<string>>): Counts {
  const used = new Set<number>();
  let tp = 0;
  for (const p of predicted) {
    const g = gold.findIndex((candidate, i) => !used.has(i) && intersects(p, candidate));
    if (g >= 0) {
      used.add(g);
      tp++;
    }
  }
  return { tp, fp: predicted.length - tp, fn: gold.length - tp };
}

/** Quote texts match when their words overlap by Dice ≥ 0.8 (punctuation, marks and small truncations differ). */
export function quoteTextsMatch(a: string, b: string): boolean {
  const overlap = wordOverlap(a, b);
  return overlap.a > 0 && overlap.b > 0 && (2 * overlap.shared) / (overlap.a + overlap.b) >= 0.8;
}

function add(into: Counts, c: Counts): void {
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
}

/** Precision, recall and F1 from counts of true positives, false positives and false negatives. */
export function score(c: Counts): Score {
  const precision = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

function entitiesOf(record: ExportRecord, types: string[]): Array<Set<string>> {
  return record.entities.filter((e) => types.includes(e.type)).map((e) => forms(e));
}

/** Scores one document against its annotation, field by field. */
export function scoreDocument(record: ExportRecord | null, gold: GoldDocument): Record<string, Counts> {
  const g = (list?: GoldEntity[]) => (list ?? []).map(forms);
  const empty = record === null;
  const r =
    record ??
    ({ entities: [], dates: [], quotes: [], language: { code: 'und' }, published: null } as unknown as ExportRecord);
  const result: Record<string, Counts> = {
    persons: matchEntities(entitiesOf(r, ['person']), g(gold.persons)),
    agencies: matchEntities(entitiesOf(r, ['agency']), g(gold.agencies)),
    organizations: matchEntities(entitiesOf(r, ['organization']), g(gold.organizations)),
    'organizations+agencies': matchEntities(entitiesOf(r, ['organization', 'agency']), [
      ...g(gold.organizations),
      ...g(gold.agencies),
    ]),
    locations: matchEntities(entitiesOf(r, ['location']), g(gold.locations)),
  };

  // Dates by normalized value; an "unresolvable" gold date is neither required nor penalized.
  const required = new Set((gold.dates ?? []).filter((d) => !d.unresolvable).map((d) => d.value));
  const tolerated = new Set((gold.dates ?? []).map((d) => d.value));
  const predictedValues = new Set(r.dates.map((d) => d.value));
  result['dates'] = {
    tp: [...predictedValues].filter((v) => required.has(v)).length,
    fp: [...predictedValues].filter((v) => !tolerated.has(v)).length,
    fn: [...required].filter((v) => !predictedValues.has(v)).length,
  };

  // Quotes: a gold speaker name is one of the document's gold entities; the predicted speaker matches it by any form.
  const goldEntities = [...(gold.persons ?? []), ...(gold.agencies ?? []), ...(gold.organizations ?? [])];
  const speakerForms = (name: string) => forms(goldEntities.find((e) => forms(e).has(normalizeForm(name))) ?? { name });
  const predictedSpeakerForms = (q: ExportRecord['quotes'][number]): Set<string> => {
    if (!q.speaker) return new Set();
    // An unnamed official ("ein Sprecher des Ministeriums") speaks for the body it is affiliated with.
    const entity = r.entities.find((e) => e.id === (q.speaker!.entityId ?? q.speaker!.affiliation));
    return entity ? forms(entity) : forms({ name: q.speaker.name });
  };
  for (const kind of ['direct', 'indirect'] as const) {
    const goldQuotes = (gold.quotes ?? []).filter((q) => q.kind === kind);
    const predicted = r.quotes.filter((q) => q.kind === kind);
    const used = new Set<number>();
    const counts: Counts = { tp: 0, fp: 0, fn: 0 };
    const speaker: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const p of predicted) {
      const i = goldQuotes.findIndex((q, j) => !used.has(j) && quoteTextsMatch(p.text, q.text));
      if (i < 0) {
        counts.fp++;
        speaker.fp++;
        continue;
      }
      used.add(i);
      const match = goldQuotes[i]!;
      // A quoted fragment inside reported speech is neither required nor penalized.
      if (match.fragment) continue;
      counts.tp++;
      if (intersects(predictedSpeakerForms(p), speakerForms(match.speaker))) speaker.tp++;
      else {
        speaker.fp++;
        speaker.fn++;
      }
    }
    const missed = goldQuotes.filter((q, j) => !used.has(j) && !q.fragment).length;
    counts.fn += missed;
    speaker.fn += missed;
    result[`quotes.${kind}`] = counts;
    if (kind === 'direct') result['quotes.speaker'] = speaker;
  }

  result['language'] = r.language.code === gold.language ? { tp: 1, fp: 0, fn: 0 } : { tp: 0, fp: 0, fn: 1 };
  result['published'] =
    (r.published?.value ?? null) === (gold.published ?? null) ? { tp: 1, fp: 0, fn: 0 } : { tp: 0, fp: 0, fn: 1 };
  if (empty) result['language'] = { tp: 0, fp: 0, fn: 1 };
  return result;
}

/** Imports the gold texts into a scratch knowledge base and scores the export against the annotations. */
export async function runEvaluation(
  goldDir: string,
  options: { db?: string; workers?: number } = {},
): Promise<EvaluationResult> {
  const files = existsSync(goldDir) ? readdirSync(goldDir) : [];
  const ids = files
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((id) => files.includes(`${id}.txt`))
    .sort();
  if (ids.length === 0)
    throw new CommandError(
      `${goldDir} holds no gold annotations: it must contain pairs of <id>.txt (a document) and <id>.json (its annotations, see the README's Evaluation section)${existsSync(goldDir) ? '' : ` (and ${goldDir} does not exist)`}`,
    );
  const scratch = options.db ? null : mkdtempSync(join(tmpdir(), 'advisory-kb-eval-'));
  const db = options.db ?? join(scratch!, 'eval.sqlite');
  try {
    await runImport(
      ids.map((id) => join(goldDir, `${id}.txt`)),
      { db, workers: options.workers },
    );
    const store = await openKnowledgeBaseReader(db);
    const byGoldId = new Map<string, ExportRecord>();
    for await (const record of store.exportRecords()) {
      for (const source of record.sources) byGoldId.set(basename(source.path).replace(/\.txt$/, ''), record);
    }
    await store.close();

    const totals: Record<string, Record<string, Counts>> = {};
    const missing: string[] = [];
    const goldById = new Map<string, GoldDocument>();
    for (const id of ids) {
      const gold = JSON.parse(readFileSync(join(goldDir, `${id}.json`), 'utf8')) as GoldDocument;
      goldById.set(id, gold);
      const record = byGoldId.get(id) ?? null;
      if (!record) missing.push(id);
      const counts = scoreDocument(record, gold);
      for (const language of [gold.language, 'all']) {
        const bucket = (totals[language] ??= {});
        for (const [field, c] of Object.entries(counts)) add((bucket[field] ??= { tp: 0, fp: 0, fn: 0 }), c);
      }
    }

    // Near-duplicate pairs, unordered, by gold id; two files with one text (exact duplicates) are a pair too.
    const pairKey = (a: string, b: string) => [a, b].sort().join(' ~ ');
    const goldPairs = new Set<string>();
    for (const [id, gold] of goldById)
      for (const other of gold.near_duplicate_of ?? []) goldPairs.add(pairKey(id, other));
    const predictedPairs = new Set<string>();
    const idOfDoc = new Map<string, string[]>();
    for (const [goldId, record] of byGoldId) idOfDoc.set(record.id, [...(idOfDoc.get(record.id) ?? []), goldId]);
    for (const [goldId, record] of byGoldId) {
      for (const other of idOfDoc.get(record.id) ?? [])
        if (other !== goldId) predictedPairs.add(pairKey(goldId, other));
      if (record.duplicateOf)
        for (const other of idOfDoc.get(record.duplicateOf) ?? []) predictedPairs.add(pairKey(goldId, other));
    }
    const pairs: Counts = {
      tp: [...predictedPairs].filter((p) => goldPairs.has(p)).length,
      fp: [...predictedPairs].filter((p) => !goldPairs.has(p)).length,
      fn: [...goldPairs].filter((p) => !predictedPairs.has(p)).length,
    };

    const byLanguage: EvaluationResult['byLanguage'] = {};
    for (const [language, fields] of Object.entries(totals)) {
      byLanguage[language] = Object.fromEntries(Object.entries(fields).map(([field, c]) => [field, score(c)]));
    }
    return { documents: ids.length, byLanguage, nearDuplicatePairs: score(pairs), missing };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

const pct = (x: number) => x.toFixed(2);

/** The evaluation as tables. */
export function formatEvaluation(result: EvaluationResult): string {
  const languages = Object.keys(result.byLanguage).sort((a, b) =>
    a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b),
  );
  const table = new Table({
    head: ['field', ...languages.map((l) => `${l} P / R / F1`)],
    style: { head: [], border: [], compact: true },
  });
  for (const field of FIELDS) {
    table.push([
      field,
      ...languages.map((l) => {
        const s = result.byLanguage[l]?.[field];
        return s ? `${pct(s.precision)} / ${pct(s.recall)} / ${pct(s.f1)}` : '-';
      }),
    ]);
  }
  for (const field of ACCURACY_FIELDS) {
    table.push([
      `${field} (accuracy)`,
      ...languages.map((l) => {
        const s = result.byLanguage[l]?.[field];
        return s ? `${pct(s.tp / (s.tp + s.fn))} (${s.tp}/${s.tp + s.fn})` : '-';
      }),
    ]);
  }
  const d = result.nearDuplicatePairs;
  const lines = [
    `advisory-kb eval: ${result.documents} gold documents`,
    table.toString(),
    `near-duplicate pairs: P ${pct(d.precision)} R ${pct(d.recall)} F1 ${pct(d.f1)} (${d.tp} found, ${d.fp} wrong, ${d.fn} missed)`,
  ];
  if (result.missing.length > 0) lines.push(`not imported: ${result.missing.join(', ')}`);
  return lines.join('\n');
}
