import type { IngestedDocument, Span } from '../../corpus/document.js';
import { documentId } from '../../corpus/ids.js';
import { findQuoted, type QuoteFinding } from '../../extractors/quotes.js';
import { score, type Score } from '../eval.js';
import { Pipeline } from '../stages.js';
import { readGoldLines } from './gold.js';

/**
 * The quote benchmark's scorer (German Wikinews with the speech, thought and writing annotations of GermEval 2023's
 * speaker-attribution task), written from the metric its README describes: character overlap instead of the shared
 * task's tokens, so compare with the task's published figures only in kind.
 */

type GoldKind = 'direct' | 'indirect' | 'freeIndirect' | 'indirectFreeIndirect' | 'reported';

interface GoldSpan extends Span {
  text: string;
}

interface GoldQuote extends GoldSpan {
  kind: GoldKind;
  nested: boolean;
  speaker: GoldSpan | null;
}

interface GoldArticle {
  id: string;
  date: string | null;
  title: string;
  text: string;
  quotes: GoldQuote[];
}

/** A quote as a system gives it: a span, a kind, and whom it names as the speaker, if anyone. */
interface PredictedQuote extends Span {
  kind: 'direct' | 'indirect';
  speaker: string | null;
  /** The words the speaker was resolved from, where the system gives them. */
  speakerMention: Span | null;
}

/** Figures for one variant of the task: all gold quotes, or the top-level ones only (nested ones neutral). */
export interface QuoteScores {
  direct: Score;
  indirect: Score;
  /** Among matched quotes: the predicted speaker against the gold SOURCE. */
  speaker: Score;
  /** Matched, and with the right speaker. */
  joint: Score;
}

/** What `advisory-kb bench-quotes` measures: the pipeline, and a bare quotation-mark regex for reference. */
export interface QuoteBenchmarkResult {
  documents: number;
  all: QuoteScores;
  topLevel: QuoteScores;
  /** Every span between quotation marks taken as a direct quote, with no speaker. */
  naive: { all: QuoteScores; topLevel: QuoteScores };
}

/**
 * Words that say nothing about who spoke: German and English function words, and the generic nouns the benchmark's
 * README names ("Sprecher", "Angaben"). A speaker is right when it shares another word with the gold SOURCE.
 */
const NOT_CONTENT = new Set(
  (
    'der die das den dem des ein eine einer eines einem einen und oder von vom zu zum zur im in am an auf aus bei mit ' +
    'nach laut für über unter er sie es ihr ihm ihn sein seine seiner ihre ihrer wir man the a an of and for to in on ' +
    'he she it his her they their sprecher sprecherin sprechers angaben angabe spokesman spokeswoman spokesperson'
  ).split(' '),
);

const contentWords = (text: string) =>
  new Set((text.toLowerCase().match(/\p{L}[\p{L}\p{N}-]*/gu) ?? []).filter((w) => !NOT_CONTENT.has(w)));

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
/** Whether two spans overlap by at least half the shorter one. */
const matches = (a: Span, b: Span) =>
  overlap(a, b) * 2 >= Math.min(a.end - a.start, b.end - b.start) && overlap(a, b) > 0;

/** A speaker is right by a shared content word, or by the words it was resolved from (a pronoun's) meeting the gold. */
function rightSpeaker(predicted: PredictedQuote, gold: GoldSpan | null): boolean {
  if (!predicted.speaker || !gold) return false;
  if (predicted.speakerMention && overlap(predicted.speakerMention, gold) > 0) return true;
  const goldWords = contentWords(gold.text);
  return [...contentWords(predicted.speaker)].some((w) => goldWords.has(w));
}

interface Tally {
  direct: { tp: number; fp: number; fn: number };
  indirect: { tp: number; fp: number; fn: number };
  speaker: { tp: number; fp: number; fn: number };
  /** Quotes matched with the right speaker, out of every prediction and every gold quote that counts. */
  joint: { tp: number; predicted: number; gold: number };
}

const emptyTally = (): Tally => ({
  direct: { tp: 0, fp: 0, fn: 0 },
  indirect: { tp: 0, fp: 0, fn: 0 },
  speaker: { tp: 0, fp: 0, fn: 0 },
  joint: { tp: 0, predicted: 0, gold: 0 },
});

/**
 * Scores one article's predictions into `tally`. Gold `reported` quotes, and in the top-level variant nested ones,
 * are neutral: not required, and a prediction on one is no false positive. Pairs are made one to one, greatest
 * overlap first.
 */
function tallyArticle(
  tally: Tally,
  gold: readonly GoldQuote[],
  predicted: readonly PredictedQuote[],
  topLevel: boolean,
) {
  const neutral = (g: GoldQuote) => g.kind === 'reported' || (topLevel && g.nested);
  for (const category of ['direct', 'indirect'] as const) {
    const golds = gold.filter((g) => !neutral(g) && (g.kind === 'direct') === (category === 'direct'));
    const predictions = predicted.filter((p) => p.kind === category);
    const pairs = golds
      .flatMap((g, gi) => predictions.map((p, pi) => ({ gi, pi, size: overlap(g, p), fits: matches(g, p) })))
      .filter((pair) => pair.fits)
      .sort((a, b) => b.size - a.size || a.gi - b.gi || a.pi - b.pi);
    const goldPaired = new Set<number>();
    const predictedPaired = new Set<number>();
    for (const { gi, pi } of pairs) {
      if (goldPaired.has(gi) || predictedPaired.has(pi)) continue;
      goldPaired.add(gi);
      predictedPaired.add(pi);
      const g = golds[gi]!;
      const p = predictions[pi]!;
      const right = rightSpeaker(p, g.speaker);
      if (right) tally.speaker.tp++;
      else {
        if (p.speaker) tally.speaker.fp++;
        if (g.speaker) tally.speaker.fn++;
      }
      if (right) tally.joint.tp++;
    }
    const counts = tally[category];
    counts.tp += goldPaired.size;
    counts.fn += golds.length - goldPaired.size;
    tally.joint.gold += golds.length;
    tally.joint.predicted += predictedPaired.size;
    predictions.forEach((p, pi) => {
      if (predictedPaired.has(pi)) return;
      // A prediction on a neutral gold quote is no false positive.
      if (gold.some((g) => neutral(g) && matches(g, p))) return;
      counts.fp++;
      tally.joint.predicted++;
    });
  }
}

function scores(tally: Tally): QuoteScores {
  const { tp, predicted, gold } = tally.joint;
  return {
    direct: score(tally.direct),
    indirect: score(tally.indirect),
    speaker: score(tally.speaker),
    joint: score({ tp, fp: predicted - tp, fn: gold - tp }),
  };
}

/** The bare reference: every span between a pair of quotation marks, as a direct quote without a speaker. */
function naiveQuotes(text: string): PredictedQuote[] {
  return findQuoted(text).map((q) => ({
    start: q.open + 1,
    end: q.close,
    kind: 'direct' as const,
    speaker: null,
    speakerMention: null,
  }));
}

const predictedOf = (quotes: readonly QuoteFinding[]): PredictedQuote[] =>
  quotes.map((q) => ({
    start: q.start,
    end: q.end,
    kind: q.kind,
    speaker: q.speaker?.name ?? null,
    speakerMention: q.speaker?.mention ?? null,
  }));

/** Runs the full pipeline over every article of `<folder>/gold/*.jsonl` and scores its quotes. */
export function runQuoteBenchmark(folder: string, split = 'train'): QuoteBenchmarkResult {
  const articles = readGoldLines<GoldArticle>(
    folder,
    `gold/${split}.jsonl`,
    'GermEval 2023 speaker-attribution benchmark',
  );
  const pipeline = new Pipeline();
  const tallies = { all: emptyTally(), topLevel: emptyTally(), naiveAll: emptyTally(), naiveTopLevel: emptyTally() };
  for (const article of articles) {
    const doc: IngestedDocument = {
      id: documentId(article.text),
      source: { path: `${article.id}.txt`, sha256: '', format: 'text', encoding: 'utf-8', record: null },
      title: article.title,
      text: article.text,
      declaredPublished: article.date ? { value: article.date, source: 'metadata' } : null,
      declaredLanguage: 'de',
      url: null,
      messages: [],
    };
    const predicted = predictedOf(pipeline.analyze(doc).quotes);
    const naive = naiveQuotes(article.text);
    tallyArticle(tallies.all, article.quotes, predicted, false);
    tallyArticle(tallies.topLevel, article.quotes, predicted, true);
    tallyArticle(tallies.naiveAll, article.quotes, naive, false);
    tallyArticle(tallies.naiveTopLevel, article.quotes, naive, true);
  }
  return {
    documents: articles.length,
    all: scores(tallies.all),
    topLevel: scores(tallies.topLevel),
    naive: { all: scores(tallies.naiveAll), topLevel: scores(tallies.naiveTopLevel) },
  };
}

/** The figures as lines of text. */
export function formatQuoteBenchmark(r: QuoteBenchmarkResult): string {
  const f = (s: Score) => `${s.precision.toFixed(3)} / ${s.recall.toFixed(3)} / ${s.f1.toFixed(3)}`;
  const rows = (label: string, s: QuoteScores) => [
    `${label} direct     P/R/F1 ${f(s.direct)}`,
    `${label} indirect   P/R/F1 ${f(s.indirect)}`,
    `${label} speaker    P/R/F1 ${f(s.speaker)}  (among matched quotes)`,
    `${label} joint      P/R/F1 ${f(s.joint)}  (quote with the right speaker)`,
  ];
  return [
    `advisory-kb bench-quotes: ${r.documents} articles`,
    ...rows('all      ', r.all),
    ...rows('top-level', r.topLevel),
    `quotation-mark regex, all:       direct P/R/F1 ${f(r.naive.all.direct)}`,
    `quotation-mark regex, top-level: direct P/R/F1 ${f(r.naive.topLevel.direct)}`,
  ].join('\n');
}
