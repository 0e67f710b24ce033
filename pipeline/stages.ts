import { extractAgencies } from '../extractors/agencies.js';
import { extractDates, findDatelineDate } from '../extractors/dates.js';
import { resolveEntities } from '../extractors/entities.js';
import { detectParagraphLanguages, documentLanguage } from '../extractors/language.js';
import { minhashSignature } from '../extractors/minhash.js';
import { extractLocations } from '../extractors/locations.js';
import { extractOrganizations } from '../extractors/organizations.js';
import { extractPersons } from '../extractors/persons.js';
import { extractQuotes } from '../extractors/quotes.js';
import { documentTokens } from '../extractors/phrases.js';
import { segmentSentences } from '../extractors/sentences.js';
import type { Analysis, AnalyzedDocument, Document, IngestedDocument, Message, Stage } from './types.js';

/** Value of each analysis field when its stage failed, was skipped, or does not exist yet. */
function emptyAnalysis(): Analysis {
  return {
    published: null,
    language: { code: 'und', confidence: 0 },
    paragraphs: [],
    sentences: [],
    agencies: [],
    organizations: [],
    persons: [],
    locations: [],
    entities: [],
    dates: [],
    quotes: [],
    fingerprint: [],
  };
}

/** Lets stages with different output types share one list while each keeps its own typing. */
export function defineStage<K extends keyof Analysis>(stage: Stage<K>): Stage {
  return stage as unknown as Stage;
}

export const STAGES: readonly Stage[] = [
  defineStage({ name: 'paragraphs', needs: [], adds: 'paragraphs', run: (doc) => detectParagraphLanguages(doc.text) }),
  defineStage({
    name: 'language',
    needs: ['paragraphs'],
    adds: 'language',
    run: (doc) => documentLanguage(doc.text, doc.paragraphs!),
  }),
  defineStage({ name: 'sentences', needs: [], adds: 'sentences', run: (doc) => segmentSentences(doc.text) }),
  defineStage({
    name: 'published',
    // The declared date must survive a failed language stage; the dateline reading uses the language when known.
    needs: [],
    adds: 'published',
    run: (doc) => {
      if (doc.declaredPublished) return doc.declaredPublished;
      const value = findDatelineDate(doc.text, doc.language?.code ?? 'und');
      return value ? { value, source: 'text' } : null;
    },
  }),
  defineStage({
    name: 'dates',
    needs: ['published', 'language', 'paragraphs'],
    adds: 'dates',
    run: (doc) =>
      extractDates(
        doc.text,
        doc.language!.code,
        { published: doc.published?.value ?? null, mode: 'news' },
        doc.paragraphs,
      ),
  }),
  defineStage({
    name: 'agencies',
    needs: ['language'],
    adds: 'agencies',
    run: (doc) => extractAgencies(doc.text, doc.language!.code),
  }),
  defineStage({
    name: 'organizations',
    needs: ['language', 'agencies'],
    adds: 'organizations',
    run: (doc) => extractOrganizations(doc.text, documentTokens(doc.text), doc.language!.code, doc.agencies!),
  }),
  defineStage({
    name: 'persons',
    needs: ['agencies', 'organizations'],
    adds: 'persons',
    run: (doc) => extractPersons(doc.text, documentTokens(doc.text), [...doc.agencies!, ...doc.organizations!]),
  }),
  defineStage({
    name: 'locations',
    needs: [],
    adds: 'locations',
    run: (doc) => extractLocations(doc.text, documentTokens(doc.text)),
  }),
  defineStage({
    name: 'entities',
    needs: ['agencies', 'organizations', 'persons', 'locations'],
    adds: 'entities',
    run: (doc) => resolveEntities([doc.agencies!, doc.organizations!, doc.persons!, doc.locations!]),
  }),
  defineStage({
    name: 'quotes',
    needs: ['entities', 'sentences'],
    adds: 'quotes',
    run: (doc) => extractQuotes(doc.text, doc.entities!, doc.sentences!),
  }),
  defineStage({ name: 'fingerprint', needs: [], adds: 'fingerprint', run: (doc) => minhashSignature(doc.text) }),
];

/** Seconds spent per stage, summed over documents: the benchmark reads these. */
export type StageTimings = Record<string, number>;

function store<K extends keyof Analysis>(found: Partial<Analysis>, key: K, value: Analysis[K]): void {
  found[key] = value;
}

/**
 * Runs the stages in order. A stage whose needs are missing is skipped, one that throws leaves its field empty;
 * either way a message says so and later stages still run: one bad document never stops a batch.
 */
/**
 * Text analysed per document. Extraction builds objects per token, about 100 bytes of heap per character: a 10 MB
 * one-line file would need a gigabyte in its worker. Longer texts are stored whole and analysed up to this length,
 * cut at a paragraph or sentence end, and the document says so (status `degraded`, reason `analysis-truncated`).
 */
export const MAX_ANALYZED_CHARS = 1_000_000;

function analysisCut(text: string): number {
  if (text.length <= MAX_ANALYZED_CHARS) return text.length;
  const window = text.slice(0, MAX_ANALYZED_CHARS);
  const paragraph = window.lastIndexOf('\n');
  if (paragraph > MAX_ANALYZED_CHARS * 0.9) return paragraph;
  const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '));
  return sentence > MAX_ANALYZED_CHARS * 0.9 ? sentence + 1 : MAX_ANALYZED_CHARS;
}

export function analyzeDocument(
  whole: IngestedDocument,
  stages: readonly Stage[] = STAGES,
  timings?: StageTimings,
): AnalyzedDocument {
  const messages: Message[] = [...whole.messages];
  const cut = analysisCut(whole.text);
  const input = cut < whole.text.length ? { ...whole, text: whole.text.slice(0, cut) } : whole;
  if (input !== whole) {
    messages.push({
      stage: 'analyze',
      severity: 'warning',
      reason: 'analysis-truncated',
      detail: `text of ${whole.text.length} characters analysed up to character ${cut} (limit ${MAX_ANALYZED_CHARS}); all of it is stored`,
    });
  }
  const found: Partial<Analysis> = {};
  for (const stage of stages) {
    const report = (message: Omit<Message, 'stage'>) => messages.push({ stage: stage.name, ...message });
    const missing = stage.needs.filter((need) => found[need] === undefined);
    if (missing.length > 0) {
      report({
        severity: 'warning',
        reason: 'stage-skipped',
        detail: `needs ${missing.join(', ')}, which an earlier stage did not provide`,
      });
      continue;
    }
    const started = performance.now();
    try {
      const doc: Document = { ...input, ...found, messages };
      store(found, stage.adds, stage.run(doc, report));
    } catch (error) {
      report({
        severity: 'error',
        reason: 'stage-failed',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    if (timings) timings[stage.name] = (timings[stage.name] ?? 0) + (performance.now() - started) / 1000;
  }
  return { ...whole, ...emptyAnalysis(), ...found, messages };
}
