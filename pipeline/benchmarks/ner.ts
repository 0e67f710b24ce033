import { score, type Score } from '../eval.js';
import type { IngestedDocument, LanguageCode } from '../../corpus/document.js';
import type { EntityType } from '../../extractors/entities.js';
import { defineStage, Pipeline, STAGES } from '../stages.js';
import { readGoldLines } from './gold.js';

/** One sentence of a NER benchmark's `gold/sentences.jsonl` (GermEval 2014 as ../shared/bench ships it). */
interface NerSentence {
  id: string;
  lang: string;
  text: string;
  entities: Array<{
    start: number;
    end: number;
    text: string;
    label: string;
    type: string;
    layer: string;
    core: boolean;
  }>;
}

type NerClass = 'PER' | 'ORG' | 'LOC';
const CLASSES: readonly NerClass[] = ['PER', 'ORG', 'LOC'];
const CLASS_OF: Record<EntityType, NerClass> = { person: 'PER', organization: 'ORG', agency: 'ORG', location: 'LOC' };

/** Scores per class and overall on a NER benchmark. */
export interface NerResult {
  sentences: number;
  byClass: Record<NerClass, Score>;
  overall: Score;
}

/** The entity stages of the pipeline, on a text whose language the benchmark states. */
function entityStages(language: LanguageCode) {
  const wanted = new Set(['tokens', 'agencies', 'organizations', 'persons', 'locations', 'entities']);
  return new Pipeline([
    defineStage({ name: 'language', needs: [], adds: 'language', run: () => ({ code: language, confidence: 1 }) }),
    ...STAGES.filter((s) => wanted.has(s.name)),
  ]);
}

/**
 * Scores persons, organizations (agencies included) and locations on a GermEval-style folder: gold spans of the outer
 * layer labelled plainly PER, ORG or LOC (not the "-part"/"-deriv" variants), matched one to one by overlap and class.
 */
export function runNerBenchmark(folder: string): NerResult {
  const sentences = readGoldLines<NerSentence>(folder, 'gold/sentences.jsonl', 'GermEval-style NER benchmark');
  const counts = Object.fromEntries(CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<
    NerClass,
    { tp: number; fp: number; fn: number }
  >;
  const stagesByLanguage = new Map<LanguageCode, ReturnType<typeof entityStages>>();
  for (const sentence of sentences) {
    const language: LanguageCode = sentence.lang === 'en' ? 'en' : 'de';
    if (!stagesByLanguage.has(language)) stagesByLanguage.set(language, entityStages(language));
    const doc: IngestedDocument = {
      id: sentence.id,
      source: { path: sentence.id, sha256: '', format: 'text', encoding: 'utf-8', record: null },
      title: null,
      text: sentence.text,
      declaredPublished: null,
      declaredLanguage: language,
      url: null,
      messages: [],
    };
    const predicted = stagesByLanguage
      .get(language)!
      .analyze(doc)
      .entities.flatMap((e) => e.mentions.map((m) => ({ ...m, cls: CLASS_OF[e.type] })));
    const gold = sentence.entities.filter(
      (g) => g.layer === 'outer' && (CLASSES as readonly string[]).includes(g.label),
    );
    for (const cls of CLASSES) {
      const p = predicted.filter((m) => m.cls === cls);
      const g = gold.filter((m) => m.label === cls);
      const used = new Set<number>();
      let tp = 0;
      for (const m of p) {
        const hit = g.findIndex((x, i) => !used.has(i) && m.start < x.end && x.start < m.end);
        if (hit >= 0) {
          used.add(hit);
          tp++;
        }
      }
      counts[cls].tp += tp;
      counts[cls].fp += p.length - tp;
      counts[cls].fn += g.length - tp;
    }
  }
  const overall = CLASSES.reduce(
    (sum, c) => ({ tp: sum.tp + counts[c].tp, fp: sum.fp + counts[c].fp, fn: sum.fn + counts[c].fn }),
    { tp: 0, fp: 0, fn: 0 },
  );
  return {
    sentences: sentences.length,
    byClass: Object.fromEntries(CLASSES.map((c) => [c, score(counts[c])])) as Record<NerClass, Score>,
    overall: score(overall),
  };
}

/** The NER scores as a table. */
export function formatNerResult(result: NerResult): string {
  const f = (s: Score) =>
    `P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)} F1 ${s.f1.toFixed(2)} (${s.tp} found, ${s.fp} wrong, ${s.fn} missed)`;
  return [
    `NER benchmark: ${result.sentences} sentences, outer PER/ORG/LOC spans, overlap match`,
    ...CLASSES.map((c) => `${c.padEnd(8)} ${f(result.byClass[c])}`),
    `${'all'.padEnd(8)} ${f(result.overall)}`,
    'reference: best GermEval 2014 system F1 ≈ 0.79 (outer chunks, all classes incl. OTH, exact match); spaCy de_core_news_sm ≈ 0.82 on WikiNER',
  ].join('\n');
}
