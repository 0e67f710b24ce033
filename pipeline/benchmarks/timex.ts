import { extractDates } from '../../extractors/dates.js';
import { score, type Score } from '../eval.js';
import { readGoldLines } from './gold.js';

/** One document of a TIMEX benchmark's `gold/docs.jsonl` (WikiWarsDE as ../shared/bench ships it). */
interface TimexDocument {
  id: string;
  dct: string;
  text: string;
  timex: Array<{ start: number; end: number; text: string; value?: string }>;
}

/** Scores of the date extractor on a TIMEX benchmark. */
export interface TimexResult {
  documents: number;
  /** Against every gold expression (durations, times, sets and vague references included), as HeidelTime reports. */
  all: { strict: Score; relaxed: Score; valueAccuracy: number };
  /** Against the gold expressions with a calendar value (YYYY, YYYY-MM, YYYY-MM-DD): what advisory-kb extracts. */
  calendar: { strict: Score; relaxed: Score; valueAccuracy: number };
}

const CALENDAR_VALUE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

function compare(predicted: Array<{ start: number; end: number; value: string }>, gold: TimexDocument['timex']) {
  const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end;
  const strictTp = predicted.filter((p) => gold.some((g) => g.start === p.start && g.end === p.end)).length;
  const relaxedPredicted = predicted.filter((p) => gold.some((g) => overlaps(p, g))).length;
  const relaxedGold = gold.filter((g) => predicted.some((p) => overlaps(p, g)));
  let valueCorrect = 0;
  for (const g of relaxedGold) {
    const p = predicted.find((candidate) => overlaps(candidate, g))!;
    if (p.value === g.value) valueCorrect++;
  }
  return {
    strict: { tp: strictTp, fp: predicted.length - strictTp, fn: gold.length - strictTp },
    // Relaxed precision counts predictions that overlap some gold span; relaxed recall counts gold spans overlapped.
    relaxed: { tp: relaxedGold.length, fp: predicted.length - relaxedPredicted, fn: gold.length - relaxedGold.length },
    matched: relaxedGold.length,
    valueCorrect,
  };
}

/**
 * Scores the date extractor on a TIMEX2 benchmark folder. Wikipedia war histories are narratives: year-less dates
 * take the year of the previous mention, and the document creation date anchors only "heute" and the like.
 */
export function runTimexBenchmark(folder: string): TimexResult {
  const docs = readGoldLines<TimexDocument>(folder, 'gold/docs.jsonl', 'TIMEX benchmark');
  const totals = {
    all: { strict: { tp: 0, fp: 0, fn: 0 }, relaxed: { tp: 0, fp: 0, fn: 0 }, matched: 0, valueCorrect: 0 },
    calendar: { strict: { tp: 0, fp: 0, fn: 0 }, relaxed: { tp: 0, fp: 0, fn: 0 }, matched: 0, valueCorrect: 0 },
  };
  for (const doc of docs) {
    const predicted = extractDates(doc.text, 'de', { published: doc.dct.slice(0, 10), mode: 'narrative' });
    const subsets = {
      all: doc.timex,
      calendar: doc.timex.filter((t) => t.value !== undefined && CALENDAR_VALUE.test(t.value)),
    };
    for (const key of ['all', 'calendar'] as const) {
      const r = compare(predicted, subsets[key]);
      const t = totals[key];
      for (const kind of ['strict', 'relaxed'] as const) {
        t[kind].tp += r[kind].tp;
        t[kind].fp += r[kind].fp;
        t[kind].fn += r[kind].fn;
      }
      t.matched += r.matched;
      t.valueCorrect += r.valueCorrect;
    }
  }
  const summarize = (t: typeof totals.all) => ({
    strict: score(t.strict),
    relaxed: score(t.relaxed),
    valueAccuracy: t.matched === 0 ? 0 : t.valueCorrect / t.matched,
  });
  return { documents: docs.length, all: summarize(totals.all), calendar: summarize(totals.calendar) };
}

/** The TIMEX scores as a table. */
export function formatTimexResult(result: TimexResult): string {
  const f = (x: number) => (100 * x).toFixed(1);
  const row = (name: string, r: TimexResult['all']) =>
    `${name.padEnd(34)} strict P ${f(r.strict.precision)} R ${f(r.strict.recall)} F1 ${f(r.strict.f1)} | relaxed P ${f(r.relaxed.precision)} R ${f(r.relaxed.recall)} F1 ${f(r.relaxed.f1)} | value accuracy ${f(r.valueAccuracy)}`;
  return [
    `WikiWarsDE-style TIMEX benchmark: ${result.documents} documents`,
    row('all gold expressions', result.all),
    row('calendar dates (YYYY[-MM[-DD]])', result.calendar),
    'HeidelTime v1.8 (published, all expressions): strict F1 87.7, relaxed F1 93.3, value accuracy 88.5',
  ].join('\n');
}
