import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLimitsResult, type LimitsResult } from '../../pipeline/benchmarks/limits.js';
import { generateCorpus } from '../../pipeline/benchmarks/synthetic.js';
import { textSourceFrom } from '../../pipeline/benchmarks/texts.js';
import { CommandError } from '../../pipeline/command-error.js';
import { cli } from '../fixtures/cli.js';

// Two advisories of our own, one per language, with paragraphs long enough to be reused.
const GERMAN = `Warnung vor manipulierten Updates

Das Bundesamt für Sicherheit in der Informationstechnik warnt vor manipulierten Aktualisierungen einer verbreiteten Buchhaltungssoftware. Betroffen seien vor allem kleine Unternehmen.

„Wir raten dringend dazu, die Version 4.2 nicht mehr einzusetzen“, sagte eine Sprecherin der Behörde am Dienstag in Bonn. Die Ermittlungen dauerten an.`;
const ENGLISH = `Agency warns of tampered updates

The Cybersecurity and Infrastructure Security Agency warned on Monday that attackers had tampered with updates of a widely used accounting package. Small businesses were the most affected.

"We strongly advise against running version 4.2 any longer," a spokesperson for the agency said in Washington. The investigation is continuing.`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'advisory-kb-bench-texts-'));
  mkdirSync(join(dir, 'real'));
  writeFileSync(join(dir, 'real', 'de.txt'), GERMAN);
  writeFileSync(
    join(dir, 'real', 'en.html'),
    `<html><body><article>${ENGLISH.split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The texts of every generated text file and JSONL record. */
function generatedTexts(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.txt') && !f.startsWith('bad'))
    .map((f) => readFileSync(join(folder, f), 'utf8'));
}

describe('bench --texts: documents built from the sentences and paragraphs of real ones', () => {
  it('builds each document from one language’s real headlines, paragraphs and sentences only', async () => {
    const source = await textSourceFrom(join(dir, 'real'));
    expect(source.documents).toBe(2);
    const texts = generatedTexts(generateCorpus(join(dir, 'archive'), 60, 3, 10, source).folder);
    expect(texts.length).toBeGreaterThan(20);
    const sentencesOf = (text: string) =>
      text
        .split('\n\n')
        .slice(1)
        .flatMap((p) => p.split(/(?<=[.“"])\s+(?=[„"A-ZÄÖÜ])/u));
    const german = new Set(sentencesOf(GERMAN));
    const english = new Set(sentencesOf(ENGLISH));
    let languages = new Set<string>();
    for (const text of texts) {
      const [title, ...body] = text.split('\n\n');
      const sentences = sentencesOf(['', ...body].join('\n\n'));
      const isGerman = german.has(sentences[0]!);
      languages = languages.add(isGerman ? 'de' : 'en');
      const own = isGerman ? german : english;
      // A near duplicate's new opening is no headline: two sentences of the language.
      const headlines = [GERMAN.split('\n')[0], ENGLISH.split('\n')[0]];
      if (!headlines.includes(title)) for (const s of sentencesOf(`\n\n${title}`)) expect(own.has(s), s).toBe(true);
      for (const sentence of sentences) expect(own.has(sentence), sentence).toBe(true);
    }
    expect(languages).toEqual(new Set(['de', 'en']));
  });

  it('gives the same archive for the same seed, and another for another seed', async () => {
    const source = await textSourceFrom(join(dir, 'real'));
    const one = generatedTexts(generateCorpus(join(dir, 'a'), 30, 5, 10, source).folder);
    const again = generatedTexts(generateCorpus(join(dir, 'b'), 30, 5, 10, source).folder);
    const other = generatedTexts(generateCorpus(join(dir, 'c'), 30, 6, 10, source).folder);
    expect(again).toEqual(one);
    expect(other).not.toEqual(one);
  });

  it('refuses, with the reason, a folder that is missing or holds no usable document', async () => {
    await expect(textSourceFrom(join(dir, 'missing'))).rejects.toThrow(CommandError);
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty', 'short.txt'), 'Zu kurz.');
    await expect(textSourceFrom(join(dir, 'empty'))).rejects.toThrow(/holds no German or English document/);
  });
});

describe('bench --limits', () => {
  it('times every bare pass, the full analysis and compromise, with the analysis stages per document', async () => {
    // The compiled command: the analysis runs in child processes from the built scripts as well.
    const args = ['bench', '--limits', '--docs', '12', '--texts', join(dir, 'real')];
    const result = JSON.parse((await cli(...args, '--json')).stdout) as LimitsResult;
    expect(result.docs).toBe(12);
    expect(result.passes.map((p) => p.name)).toEqual([
      'capitalized-word regex',
      'split(/\\s+/)',
      'decode and load (ingest)',
      'tokenize()',
      'language per paragraph (franc, de/en)',
      'full analysis (one thread, no store)',
      'bare compromise nlp(text)',
    ]);
    for (const pass of result.passes) expect(pass.mbPerSecond).toBeGreaterThan(0);
    expect(Object.keys(result.stageMsPerDoc)).toEqual(expect.arrayContaining(['tokens', 'quotes', 'fingerprint']));
    expect(result.processes.one).toBeGreaterThan(0);
    expect(result.processes.two).toBeGreaterThan(0);
    expect(formatLimitsResult(result)).toMatch(/full analysis \(one thread, no store\)\s+[\d.]+ MB\/s/);
    expect(formatLimitsResult(result)).toMatch(/1 process [\d.]+ docs\/s, 2 at once [\d.]+ docs\/s \([\d.]+×\)/);
  });
});
