import fc from 'fast-check';
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

describe('the published stage', () => {
  const page = 'Gericht bestätigt Warnung Stand: 28.04.2022 19:01 Uhr\n\nDas BSI darf warnen, entschied das Gericht.';
  it.each([
    [{ value: '2022-04', source: 'header' } as const, { value: '2022-04-28', source: 'text' }],
    [{ value: '2021-05', source: 'header' } as const, { value: '2021-05', source: 'header' }],
    [{ value: '2022-04-27', source: 'metadata' } as const, { value: '2022-04-27', source: 'metadata' }],
    [null, { value: '2022-04-28', source: 'text' }],
  ])('refines a declared %j by the page label to %j, never contradicting it', (declared, expected) => {
    expect(new Pipeline().analyze(ingested(page, declared)).published).toEqual(expected);
  });
});

describe('the dates stage', () => {
  it.each([
    [
      'de',
      'Das BSI warnte am 15. März vor der Software. Das Verwaltungsgericht Köln entschied am 01.04.2022, dass die Warnung rechtmäßig sei. Eine Klage aus dem Juli 2021 blieb erfolglos.',
      '15. März',
      '2022-03-15',
    ],
    [
      'en',
      'The agency warned against the software on March 15. A court ruled on April 1, 2022 that the warning was lawful. A suit from July 2021 failed.',
      'March 15',
      '2022-03-15',
    ],
  ])('%s: gives a year-less date the year a text without a date of its own writes most', (_l, text, mention, value) => {
    const analysis = new Pipeline().analyze(ingested(text));
    expect(analysis.published).toBeNull();
    expect(analysis.dates.find((d) => d.text === mention)?.value).toBe(value);
  });
});

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
      'stage "dates" needs "tokens", which stage "tokens" adds only after it',
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

describe('the limits of one document', () => {
  it('skips the stages left once a document has used its time budget, saying which', () => {
    const slow = defineStage({
      name: 'sentences',
      needs: [],
      adds: 'sentences',
      run: () => {
        const until = performance.now() + 30;
        while (performance.now() < until);
        return [];
      },
    });
    const tokens = STAGES.find((s) => s.name === 'tokens')!;
    const doc = new Pipeline([slow, tokens], 0.01).analyze(ingested(TEXT));
    expect(doc.tokens).toEqual([]);
    expect(doc.messages).toMatchObject([{ stage: 'tokens', severity: 'error', ruleId: 'stage-timeout' }]);
    expect(doc.messages[0]!.detail).toMatch(/past its budget of 0\.01 s: stages tokens not run$/);
  });

  it.each([
    ['de', 'Das Amt warnt vor einer Lücke in der Software. '],
    ['en', 'The agency warns of a flaw in the software. '],
  ])('analyses 400,000 characters of prose whole (%s)', (_lang, sentence) => {
    const doc = new Pipeline().analyze(ingested(sentence.repeat(Math.ceil(400_000 / sentence.length))));
    expect(doc.messages.map((m) => m.ruleId)).not.toContain('analysis-truncated');
  });

  it('analyses a text of symbols up to its token limit, at a sentence end, and stores it whole', () => {
    // Twelve tokens in 21 characters: the 300,000th token stands at character 525,000, well before the end.
    const text = '„… – ? !“ ) ( ** ; : '.repeat(30_000) + 'Das BSI warnt.';
    const doc = new Pipeline().analyze(ingested(text));
    expect(doc.text).toBe(text);
    const [cut] = doc.messages.filter((m) => m.ruleId === 'analysis-truncated');
    expect(cut!.detail).toMatch(/limit 300000 tokens/);
    expect(cut!.place!.offset).toBeGreaterThan(525_000 * 0.9);
    expect(cut!.place!.offset).toBeLessThanOrEqual(525_000);
    expect(doc.entities.map((e) => e.name)).not.toContain('BSI');
  });
});

describe('a person affiliated to a body whose words a place won', () => {
  it('is analysed without the affiliation, and no finding has to be left out', () => {
    const doc = new Pipeline().analyze(
      ingested('Anna Meier, Chefin der Partei Hongkongs, sprach am Montag in Berlin.'),
    );
    expect(doc.messages).toEqual([]);
    const keys = new Set(doc.entities.map((e) => e.key));
    for (const e of doc.entities) if (e.affiliation) expect(keys.has(e.affiliation)).toBe(true);
    for (const e of doc.entities) for (const m of e.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('any text', () => {
  const piece = fc.oneof(
    fc.constantFrom('„', '“', '"', '«', '»', '‚', '‘', '’', "'", '\n', '\n\n', '. ', ', ', ': ', ' – ', '(', ')'),
    fc.constantFrom('sagte', 'said', 'BSI', 'Bundesamt für Sicherheit', 'Gina Raimondo', 'Partei', 'Hongkongs', 'CISA'),
    fc.constantFrom('Berlin', 'am 20. Juli 2024', 'June 20, 2024', 'Frau Dr. Meier', 'der Sprecher', 'the spokesman'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  );
  it('gives a result whose mentions, dates and quotes all lie in the text, and whose mentions and dates slice to theirs', () => {
    const pipeline = new Pipeline();
    fc.assert(
      fc.property(fc.array(piece, { minLength: 5, maxLength: 80 }), (pieces) => {
        const doc = pipeline.analyze(ingested(pieces.join(' ')));
        const inText = (x: { start: number; end: number }) =>
          0 <= x.start && x.start < x.end && x.end <= doc.text.length;
        const keys = new Set(doc.entities.map((e) => e.key));
        for (const e of doc.entities) {
          if (e.affiliation) expect(keys.has(e.affiliation)).toBe(true);
          for (const m of e.mentions) expect(doc.text.slice(m.start, m.end)).toBe(m.text);
        }
        for (const d of doc.dates) expect(doc.text.slice(d.start, d.end)).toBe(d.text);
        for (const q of doc.quotes) {
          expect(inText(q)).toBe(true);
          for (const evidence of [q.cue, q.speaker?.mention ?? null])
            if (evidence) expect(doc.text.slice(evidence.start, evidence.end)).toBe(evidence.text);
        }
        expect(doc.messages.filter((m) => m.ruleId === 'stage-failed')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
