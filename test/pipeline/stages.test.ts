import { describe, expect, it } from 'vitest';
import { documentId } from '../../corpus/ids.js';
import { defineStage, Pipeline, PipelineError, STAGES } from '../../pipeline/stages.js';
import type { IngestedDocument } from '../../corpus/document.js';

function ingested(text: string, declaredPublished: IngestedDocument['declaredPublished'] = null): IngestedDocument {
  return {
    id: documentId(text),
    source: { path: 'x.txt', sha256: '0'.repeat(64), format: 'text', encoding: 'utf-8', record: null },
    title: null,
    text,
    declaredPublished,
    declaredLanguage: null,
    url: null,
    messages: [],
  };
}

const TEXT = 'Das Bundesamt für Sicherheit in der Informationstechnik warnt. Die Behörde empfiehlt einen Wechsel.';

describe('Pipeline', () => {
  it('runs the default stages in order', () => {
    const doc = new Pipeline().analyze(ingested(TEXT));
    expect(doc.language.code).toBe('de');
    expect(doc.sentences).toHaveLength(2);
    expect(doc.messages).toEqual([]);
  });

  it('turns a failing stage into an error message, an empty field, and skips the stages that need it', () => {
    const failing = defineStage({
      name: 'paragraphs',
      needs: [],
      adds: 'paragraphs',
      run: () => {
        throw new Error('trigram table missing');
      },
    });
    const stages = [failing, ...STAGES.filter((s) => s.name !== 'paragraphs')];
    const doc = new Pipeline(stages).analyze(ingested(TEXT, { value: '2022-03-15', source: 'header' }));
    expect(doc.paragraphs).toEqual([]);
    expect(doc.language).toEqual({ code: 'und', confidence: 0 });
    expect(doc.published).toEqual({ value: '2022-03-15', source: 'header' });
    expect(doc.sentences).toHaveLength(2);
    expect(doc.messages[0]).toEqual({
      stage: 'paragraphs',
      severity: 'error',
      ruleId: 'stage-failed',
      detail: 'trigram table missing',
    });
    expect(doc.messages[1]).toEqual({
      stage: 'language',
      severity: 'warning',
      ruleId: 'stage-skipped',
      detail: 'needs paragraphs, which an earlier stage did not provide',
    });
    // Everything downstream of language is skipped; what does not depend on it still runs.
    expect(doc.messages.slice(1).map((m) => `${m.stage} ${m.ruleId}`)).toEqual([
      'language stage-skipped',
      'dates stage-skipped',
      'agencies stage-skipped',
      'organizations stage-skipped',
      'persons stage-skipped',
      'entities stage-skipped',
      'parent-bodies stage-skipped',
      'quotes stage-skipped',
    ]);
    expect(doc.fingerprint).toHaveLength(192);
  });

  it('collects messages a stage reports', () => {
    const noisy = defineStage({
      name: 'dates',
      needs: [],
      adds: 'dates',
      run: (_doc, report) => {
        report({ severity: 'info', ruleId: 'no-reference-date', detail: 'weekday left unresolved' });
        return [];
      },
    });
    expect(new Pipeline([noisy]).analyze(ingested(TEXT)).messages).toEqual([
      { stage: 'dates', severity: 'info', ruleId: 'no-reference-date', detail: 'weekday left unresolved' },
    ]);
  });

  it('records seconds per stage', () => {
    const timings = {};
    new Pipeline(STAGES).analyze(ingested(TEXT), timings);
    expect(Object.keys(timings)).toEqual(STAGES.map((s) => s.name));
  });

  it.each([
    [
      'a need no stage adds',
      [defineStage({ name: 'quotes', needs: ['entities'], adds: 'quotes', run: () => [] })],
      'stage "quotes" needs "entities", which no stage adds',
    ],
    [
      'a need added only by a later stage',
      STAGES.filter((s) => s.name !== 'tokens').concat(STAGES.filter((s) => s.name === 'tokens')),
      'stage "agencies" needs "tokens", which stage "tokens" adds only after it',
    ],
    [
      'a read no stage adds',
      [defineStage({ name: 'published', needs: [], reads: ['language'], adds: 'published', run: () => null })],
      'stage "published" needs "language", which no stage adds',
    ],
    [
      'a field added twice',
      [...STAGES, defineStage({ name: 'more-dates', needs: [], adds: 'dates', run: () => [] })],
      'stages "dates" and "more-dates" both add "dates"',
    ],
  ])('refuses to be built with %s, naming the stage and the field', (_case, stages, message) => {
    expect(() => new Pipeline(stages)).toThrow(PipelineError);
    expect(() => new Pipeline(stages)).toThrow(message);
  });
});
