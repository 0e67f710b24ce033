import { describe, expect, it } from 'vitest';
import { documentId } from '../../pipeline/identify.js';
import { analyzeDocument, defineStage, STAGES } from '../../pipeline/stages.js';
import type { IngestedDocument } from '../../pipeline/types.js';

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

describe('analyzeDocument', () => {
  it('runs the default stages in order', () => {
    const doc = analyzeDocument(ingested(TEXT));
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
    const doc = analyzeDocument(ingested(TEXT, { value: '2022-03-15', source: 'header' }), stages);
    expect(doc.paragraphs).toEqual([]);
    expect(doc.language).toEqual({ code: 'und', confidence: 0 });
    expect(doc.published).toEqual({ value: '2022-03-15', source: 'header' });
    expect(doc.sentences).toHaveLength(2);
    expect(doc.messages[0]).toEqual({
      stage: 'paragraphs',
      severity: 'error',
      reason: 'stage-failed',
      detail: 'trigram table missing',
    });
    expect(doc.messages[1]).toEqual({
      stage: 'language',
      severity: 'warning',
      reason: 'stage-skipped',
      detail: 'needs paragraphs, which an earlier stage did not provide',
    });
    // Everything downstream of language is skipped; what does not depend on it still runs.
    expect(doc.messages.slice(1).map((m) => `${m.stage} ${m.reason}`)).toEqual([
      'language stage-skipped',
      'dates stage-skipped',
      'agencies stage-skipped',
      'organizations stage-skipped',
      'persons stage-skipped',
      'entities stage-skipped',
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
        report({ severity: 'info', reason: 'no-reference-date', detail: 'weekday left unresolved' });
        return [];
      },
    });
    expect(analyzeDocument(ingested(TEXT), [noisy]).messages).toEqual([
      { stage: 'dates', severity: 'info', reason: 'no-reference-date', detail: 'weekday left unresolved' },
    ]);
  });

  it('records seconds per stage', () => {
    const timings = {};
    analyzeDocument(ingested(TEXT), STAGES, timings);
    expect(Object.keys(timings)).toEqual(STAGES.map((s) => s.name));
  });
});
