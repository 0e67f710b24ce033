import type { IngestedDocument, Message } from '../corpus/document.js';
import { parentBodies, extractAgencies } from '../extractors/agencies.js';
import {
  type Analysis,
  type AnalysisField,
  type AnalyzedDocument,
  emptyAnalysis,
  withValidFindings,
} from '../extractors/analysis.js';
import { extractDates, findOwnDates } from '../extractors/dates.js';
import { resolveEntities } from '../extractors/entities.js';
import { detectParagraphLanguages, documentLanguage } from '../extractors/language.js';
import { minhashSignature } from '../extractors/minhash.js';
import { extractLocations } from '../extractors/locations.js';
import { extractOrganizations } from '../extractors/organizations.js';
import { extractPersons } from '../extractors/persons.js';
import { tokenize, tokenStart } from '../extractors/phrases.js';
import { extractQuotes } from '../extractors/quotes.js';
import { segmentSentences } from '../extractors/sentences.js';

/** What a stage reports: a message without its stage, which the pipeline fills in. */
export type StageMessage = Omit<Message, 'stage'>;

/** What a stage sees: the ingested document, the fields it needs (present), and those it reads if they are there. */
export type StageInput<N extends AnalysisField, R extends AnalysisField> = Readonly<
  IngestedDocument & Pick<Analysis, N> & Partial<Pick<Analysis, R>>
>;

/** A named analysis stage as written: a pure function of the document that returns the one field it adds. */
export interface StageDefinition<A extends AnalysisField, N extends AnalysisField, R extends AnalysisField> {
  name: string;
  /** Fields the stage cannot run without; it is skipped, with a message, when an earlier stage failed to add one. */
  needs: readonly N[];
  /** Fields the stage uses when an earlier stage added them and does without otherwise. @default [] */
  reads?: readonly R[];
  adds: A;
  run: (doc: StageInput<N, R>, report: (message: StageMessage) => void) => Analysis[A];
}

/** A stage as the pipeline holds it, whatever its fields. */
export interface Stage {
  readonly name: string;
  readonly needs: readonly AnalysisField[];
  readonly reads: readonly AnalysisField[];
  readonly adds: AnalysisField;
  readonly run: (doc: StageInput<never, AnalysisField>, report: (message: StageMessage) => void) => unknown;
}

/** Types a stage's `run` by its declared fields, and lets stages of different fields share one list. */
export function defineStage<
  A extends AnalysisField,
  const N extends AnalysisField = never,
  const R extends AnalysisField = never,
>(definition: StageDefinition<A, N, R>): Stage {
  const { name, needs, reads = [], adds, run } = definition;
  // The pipeline calls `run` only once every need is present (see Pipeline.analyze).
  return { name, needs, reads, adds, run: run as Stage['run'] };
}

/** The stages of a full analysis, in order. */
export const STAGES: readonly Stage[] = [
  defineStage({ name: 'tokens', needs: [], adds: 'tokens', run: (doc) => tokenize(doc.text) }),
  defineStage({ name: 'paragraphs', needs: [], adds: 'paragraphs', run: (doc) => detectParagraphLanguages(doc.text) }),
  defineStage({
    name: 'language',
    needs: ['paragraphs'],
    adds: 'language',
    run: (doc) => documentLanguage(doc.text, doc.paragraphs),
  }),
  defineStage({ name: 'sentences', needs: [], adds: 'sentences', run: (doc) => segmentSentences(doc.text) }),
  defineStage({
    name: 'published',
    // The declared date must survive a failed language stage; the dateline reading uses the language when known.
    needs: [],
    reads: ['language'],
    adds: 'published',
    run: (doc) => {
      const declared = doc.declaredPublished;
      // A declared day is as precise as a date gets: the page is not read for one.
      if (declared && /^\d{4}-\d{2}-\d{2}$/.test(declared.value)) return declared;
      const { labelled, dateline } = findOwnDates(doc.text, doc.language?.code ?? 'und');
      // A header's month ("2022-04") is refined by the page's own day ("Stand: 28.04.2022"), never contradicted.
      if (declared) return labelled?.startsWith(`${declared.value}-`) ? { value: labelled, source: 'text' } : declared;
      const value = labelled ?? dateline;
      return value ? { value, source: 'text' } : null;
    },
  }),
  defineStage({
    name: 'dates',
    needs: ['tokens', 'published', 'language', 'paragraphs'],
    adds: 'dates',
    run: (doc) =>
      extractDates(
        doc.text,
        doc.language.code,
        // With no date of its own, a text's year-less dates are of the year it writes most ("am 15. März" in a
        // text of "01.04.2022"); that year is no publication date, so the document keeps none.
        { published: doc.published?.value ?? null, mode: 'news', yearFromText: true },
        doc.paragraphs,
        doc.tokens,
      ),
  }),
  defineStage({
    name: 'agencies',
    needs: ['tokens', 'language'],
    adds: 'agencies',
    run: (doc) => extractAgencies(doc.text, doc.language.code, doc.tokens),
  }),
  defineStage({
    name: 'organizations',
    needs: ['tokens', 'language', 'agencies'],
    adds: 'organizations',
    run: (doc) => extractOrganizations(doc.text, doc.tokens, doc.language.code, doc.agencies),
  }),
  defineStage({
    name: 'persons',
    needs: ['tokens', 'agencies', 'organizations'],
    adds: 'persons',
    run: (doc) => extractPersons(doc.text, doc.tokens, [...doc.agencies, ...doc.organizations]),
  }),
  defineStage({
    name: 'locations',
    needs: ['tokens'],
    adds: 'locations',
    run: (doc) => extractLocations(doc.text, doc.tokens),
  }),
  defineStage({
    name: 'entities',
    needs: ['agencies', 'organizations', 'persons', 'locations'],
    adds: 'entities',
    run: (doc) => resolveEntities([doc.agencies, doc.organizations, doc.persons, doc.locations]),
  }),
  defineStage({
    name: 'parent-bodies',
    needs: ['entities'],
    adds: 'parentBodies',
    run: (doc) => parentBodies(doc.entities),
  }),
  defineStage({
    name: 'quotes',
    needs: ['tokens', 'entities', 'sentences', 'language'],
    adds: 'quotes',
    run: (doc) => extractQuotes(doc.text, doc.tokens, doc.entities, doc.sentences, doc.language.code),
  }),
  defineStage({ name: 'fingerprint', needs: [], adds: 'fingerprint', run: (doc) => minhashSignature(doc.text) }),
];

/** Every analysis field, unset: the document a stage sees has them all from the start (see Pipeline.analyze). */
const UNSET_ANALYSIS = Object.fromEntries(Object.keys(emptyAnalysis()).map((field) => [field, undefined]));

/** Seconds spent per stage, summed over documents: the benchmark reads these. */
export type StageTimings = Record<string, number>;

/** A list of stages that cannot work as given: a need no earlier stage adds, or a field added twice. */
export class PipelineError extends Error {}

/**
 * Text analysed per document, in characters and in tokens. Extraction builds objects per token, and a worker's heap
 * holds some 400,000 of them with the lexicons: a text of random Unicode has three tokens in four characters where
 * prose has one in five, and ran a worker out of memory at 990,000 characters. Longer texts are stored whole and
 * analysed up to the first limit they reach, cut at a paragraph or sentence end, and the document says so (status
 * `degraded`, reason `analysis-truncated`). Both limits count the text alone, so the outcome is the same on every run.
 */
export const MAX_ANALYZED_CHARS = 1_000_000;
export const MAX_ANALYZED_TOKENS = 300_000;

/** Where analysis of the text ends, and which limit ended it; null when all of it is analysed. */
function analysisCut(text: string): { at: number; limit: string } | null {
  // Every token has a character: a text within the token limit in characters is within it in tokens.
  const byTokens = text.length > MAX_ANALYZED_TOKENS ? tokenStart(text, MAX_ANALYZED_TOKENS) : null;
  const limit = byTokens !== null && byTokens < MAX_ANALYZED_CHARS ? byTokens : MAX_ANALYZED_CHARS;
  if (text.length <= limit) return null;
  const window = text.slice(0, limit);
  const paragraph = window.lastIndexOf('\n');
  const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? ')) + 1;
  const at = paragraph > limit * 0.9 ? paragraph : sentence > limit * 0.9 ? sentence : limit;
  return {
    at,
    limit: limit === byTokens ? `${MAX_ANALYZED_TOKENS} tokens` : `${MAX_ANALYZED_CHARS} characters`,
  };
}

/** Every need and read of every stage is added by an earlier stage, and no field is added twice. */
function checkStages(stages: readonly Stage[]): void {
  const addedBy = new Map<AnalysisField, string>();
  for (const stage of stages) {
    for (const field of [...stage.needs, ...stage.reads]) {
      if (addedBy.has(field)) continue;
      const later = stages.find((other) => other.adds === field);
      throw new PipelineError(
        later
          ? `stage "${stage.name}" needs "${field}", which stage "${later.name}" adds only after it`
          : `stage "${stage.name}" needs "${field}", which no stage adds`,
      );
    }
    const earlier = addedBy.get(stage.adds);
    if (earlier) throw new PipelineError(`stages "${earlier}" and "${stage.name}" both add "${stage.adds}"`);
    addedBy.set(stage.adds, stage.name);
  }
}

/**
 * Seconds of analysis a document may take before its remaining stages are skipped (`stage-timeout`). Every stage is
 * linear or bounded in the analysed text, so no document near the limits takes a tenth of this: the budget guards
 * against a defect, and only it can make a document's outcome depend on the machine.
 */
export const DOCUMENT_SECONDS = 60;

/** A checked list of stages, configured once and run on many documents. */
export class Pipeline {
  /** @throws PipelineError when a stage needs a field no earlier stage adds, or two stages add the same field. */
  constructor(
    readonly stages: readonly Stage[] = STAGES,
    readonly documentSeconds = DOCUMENT_SECONDS,
  ) {
    checkStages(stages);
  }

  /**
   * Runs the stages in order. A stage whose needs are missing (an earlier stage failed) is skipped, one that throws
   * leaves its field empty; either way a message says so and later stages still run: one bad document never stops
   * a batch.
   */
  analyze(whole: IngestedDocument, timings?: StageTimings): AnalyzedDocument {
    const messages: Message[] = [...whole.messages];
    const cut = analysisCut(whole.text);
    const input = cut ? { ...whole, text: whole.text.slice(0, cut.at) } : whole;
    if (cut) {
      messages.push({
        stage: 'analyze',
        severity: 'warning',
        ruleId: 'analysis-truncated',
        detail: `text of ${whole.text.length} characters analysed up to character ${cut.at} (limit ${cut.limit}); all of it is stored`,
        place: { offset: cut.at },
      });
    }
    const found: Partial<Analysis> = {};
    // Each stage's value has the type of the field it adds (defineStage checks it where the stage is written).
    const fields = found as Record<AnalysisField, unknown>;
    // Every stage sees one object of one shape, its later fields still unset: a fresh spread per stage gave each
    // stage's property reads as many shapes as there are stages, and V8 deoptimized them ("wrong map").
    const view: Record<string, unknown> = { ...input, ...UNSET_ANALYSIS, messages };
    const began = performance.now();
    for (const [n, stage] of this.stages.entries()) {
      const report = (message: StageMessage) => messages.push({ stage: stage.name, ...message });
      const seconds = (performance.now() - began) / 1000;
      if (seconds > this.documentSeconds) {
        report({
          severity: 'error',
          ruleId: 'stage-timeout',
          detail: `analysis took ${seconds.toFixed(1)} s, past its budget of ${this.documentSeconds} s: stages ${this.stages
            .slice(n)
            .map((s) => s.name)
            .join(', ')} not run`,
        });
        break;
      }
      const missing = stage.needs.filter((need) => found[need] === undefined);
      if (missing.length > 0) {
        report({
          severity: 'warning',
          ruleId: 'stage-skipped',
          detail: `needs ${missing.join(', ')}, which an earlier stage did not provide`,
        });
        continue;
      }
      const started = performance.now();
      try {
        fields[stage.adds] = view[stage.adds] = stage.run(view as StageInput<never, AnalysisField>, report);
      } catch (error) {
        report({
          severity: 'error',
          ruleId: 'stage-failed',
          detail: error instanceof Error ? error.message : String(error),
        });
      }
      if (timings) timings[stage.name] = (timings[stage.name] ?? 0) + (performance.now() - started) / 1000;
    }
    const { doc, violations } = withValidFindings({ ...whole, ...emptyAnalysis(), ...found, messages });
    // One message per kind of slip, naming what it touched: an extractor's bug degrades the document, no more.
    const byWhy = new Map<string, string[]>();
    for (const v of violations) byWhy.set(v.why, [...(byWhy.get(v.why) ?? []), v.what]);
    for (const [why, what] of byWhy)
      messages.push({
        stage: 'analyze',
        severity: 'warning',
        ruleId: 'finding-invalid',
        detail: `left out ${why}: ${[...new Set(what)].join(', ')}`,
      });
    return doc;
  }
}
