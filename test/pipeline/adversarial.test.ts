import { describe, expect, it } from 'vitest';
import { runAdversarialBenchmark } from '../../pipeline/benchmarks/adversarial.js';

describe('an archive of hostile inputs mixed with ordinary advisories', () => {
  // A fiftieth of the full sizes (`advisory-kb bench-adversarial` runs them whole): every class, in seconds.
  it('imports with every ordinary file stored, every odd one stored or given a reason, the same on each run', async () => {
    const result = await runAdversarialBenchmark({ runs: 2, scale: 0.02, workers: 0, inProcess: true });
    expect(result.ordinary.files).toBeGreaterThan(100);
    expect(result.ordinary.stored).toBe(result.ordinary.files);
    expect(result.identicalExports).toBe(true);
    const odd = Object.entries(result.odd);
    expect(odd.length).toBeGreaterThanOrEqual(20);
    for (const [, outcomes] of odd)
      for (const outcome of outcomes) expect(outcome).toMatch(/^(imported|degraded\/[a-z-]+|skipped\/[a-z-]+)$/);
    expect(result.odd['odd/nested-quotes.md']).toEqual(['degraded/markdown-too-deep']);
    expect(result.odd['odd/lone-surrogates.json']).toEqual(['degraded/lone-surrogate']);
    expect(result.odd['odd/many-paragraphs.html']).toEqual(['imported']);
  }, 120_000);
});
