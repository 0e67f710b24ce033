import { openKnowledgeBaseReader } from '../../output/open.js';
import { createExplorer } from '../explorer/app.js';

/** One page's time, the median of its runs. */
export interface PageTiming {
  page: string;
  path: string;
  status: number;
  medianMs: number;
}

/** Explorer page times on one knowledge base, the slowest first. */
export interface ExplorerBenchmarkResult {
  documents: number;
  runs: number;
  pages: PageTiming[];
}

/**
 * Times the explorer's pages on a knowledge base, as a browser would request them (HTML, rendered in process, no
 * network): the pages chosen from the base itself — its most documented entity and agency, a document that names
 * the entity, a word of its name — so that any base gives its own worst cases.
 */
export async function runExplorerBenchmark(db: string, runs = 3): Promise<ExplorerBenchmarkResult> {
  const reader = await openKnowledgeBaseReader(db);
  try {
    await reader.assertQueryable();
    const app = createExplorer(reader);
    const counts = await reader.counts();
    const [entity] = await reader.entities({ limit: 1 });
    const [agency] = await reader.entities({ type: 'agency', limit: 1 });
    const [person] = await reader.entities({ type: 'person', limit: 1 });
    const word = entity?.name.split(/\s+/)[0] ?? 'a';
    const document = entity ? (await reader.browseDocuments({ entityIds: [entity.id], limit: 1 })).hits[0] : undefined;
    const [run] = (await reader.runs()).reverse();
    const e = encodeURIComponent;
    const pages: Array<[string, string]> = [
      ['search: every document, newest first', '/'],
      [`search: the word ${word}`, `/?q=${e(word)}`],
      [`search: ${word}, German, 2024, newest first`, `/?q=${e(word)}&lang=de&from=2024&to=2024&sort=date`],
      ['search: documents of the most named entity', `/?entity=${e(entity?.id ?? '')}`],
      ['search: last page of every document', `/?offset=${Math.max(0, counts.documents - 20)}`],
      ['document naming the most named entity', `/documents/${document?.id ?? 'doc_0'}`],
      ['entity: the most named', `/entities/${entity?.id ?? ''}`],
      ['entity: the most named agency', `/entities/${agency?.id ?? ''}`],
      ['quotes: every statement', '/quotes'],
      ['quotes: of the most named agency', `/quotes?agency=${e(agency?.id ?? '')}`],
      ['quotes: of the most named person, newest first', `/quotes?speaker=${e(person?.name ?? '')}&sort=-date`],
      ['imports', '/imports'],
      ['import: its outcomes', `/imports/${run?.id ?? 1}`],
    ];
    const timings: PageTiming[] = [];
    for (const [page, path] of pages) {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const response = await app.request(path);
        await response.text();
        times.push(performance.now() - started);
        status = response.status;
      }
      times.sort((a, b) => a - b);
      timings.push({ page, path, status, medianMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 });
    }
    timings.sort((a, b) => b.medianMs - a.medianMs);
    return { documents: counts.documents, runs, pages: timings };
  } finally {
    await reader.close();
  }
}

export function formatExplorerBenchmark(result: ExplorerBenchmarkResult): string {
  return [
    `${result.documents} documents; median of ${result.runs} requests per page, slowest first:`,
    ...result.pages.map((p) => `  ${p.medianMs.toFixed(1).padStart(8)} ms  ${p.status}  ${p.page}  ${p.path}`),
  ].join('\n');
}
