import { describe, expect, it } from 'vitest';
import type { KnowledgeBaseCounts } from '../../output/knowledge-base.js';
import { formatImportSummary, printable } from '../../pipeline/report.js';

const COUNTS: KnowledgeBaseCounts = {
  documents: 1,
  documentsByLanguage: { de: 1 },
  entitiesByType: {},
  mergedEntities: 0,
  mentions: 0,
  dates: 0,
  quotes: 0,
  statements: 0,
  exactDuplicateSources: 0,
  nearDuplicates: 0,
  skippedByReason: { binary: 1 },
};

describe('the import summary', () => {
  it.each([
    ['a bidi override', 'rechnung\u202Etxt.exe', 'rechnung\\u{202E}txt.exe'],
    ['a line break', 'zwei\nZeilen.txt', 'zwei\\u{A}Zeilen.txt'],
    ['an escape sequence', 'red\u001b[31m.txt', 'red\\u{1B}[31m.txt'],
    ['German and English letters', 'Behörde/Überblick – report.txt', 'Behörde/Überblick – report.txt'],
  ])('prints a file name with %s so it can neither reorder nor break the table', (_case, path, shown) => {
    expect(printable(path)).toBe(shown);
    const summary = formatImportSummary(
      {
        runId: 1,
        files: 1,
        seconds: 0.1,
        bytes: 10,
        timings: {},
        slowest: null,
        warnings: [],
        interrupted: false,
        outcomes: [
          { path, record: null, status: 'skipped', reason: 'binary', detail: 'not a text file', documentId: null },
        ],
      },
      COUNTS,
      'kb.sqlite',
    );
    expect(summary).not.toMatch(/[\u202E\u001b]/);
    expect(summary.split('\n').filter((line) => line.includes('not a text file'))).toHaveLength(1);
  });
});
