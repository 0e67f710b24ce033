import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Job, type JobResult, resilient } from '../../pipeline/jobs.js';
import { processJob } from '../../pipeline/process.js';
import type { WritableDocument } from '../../output/writable.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** A worker that gives up, as piscina reports it, on any job holding `marker` unless the job is to be stored unanalysed. */
function workerGivingUpOn(marker: string, error: Error): (job: Job) => Promise<JobResult> {
  return async (job) => {
    const content =
      job.kind === 'file'
        ? new TextDecoder().decode(job.file.bytes)
        : job.kind === 'unread-file'
          ? readFileSync(job.file.absolute, 'utf8')
          : job.lines.map((l) => l.line).join();
    if (content.includes(marker) && !job.unanalyzed) throw error;
    return processJob(job);
  };
}

const outOfMemory = Object.assign(new Error('Worker terminated due to reaching memory limit: JS heap out of memory'), {
  code: 'ERR_WORKER_OUT_OF_MEMORY',
});
const timedOut = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

const lines = [
  {
    title: 'Warnung',
    text: 'Das Bundesamt für Sicherheit in der Informationstechnik warnte am Montag vor einer Lücke.',
  },
  { title: 'Odd', text: 'Die Behörde meldete heute eine Lücke. MARKER' },
  { title: 'Advisory', text: 'The Cybersecurity and Infrastructure Security Agency warned on Monday of a flaw.' },
].map((record, n) => ({ line: JSON.stringify(record), lineNumber: n + 1 }));
const jsonlJob: Job = {
  kind: 'jsonl-lines',
  file: { path: 'feed.jsonl', sha256: '0'.repeat(64), encoding: 'utf-8' },
  lines,
};

/** The types of a document's entity rows (id, key, type, ...). */
const entityTypes = (doc: WritableDocument) =>
  (JSON.parse(`[${doc.rows.entities}]`) as unknown[][]).map((row) => row[2]);

describe('a job whose worker gives up', () => {
  it.each([
    ['runs out of memory', outOfMemory, 'analysis-out-of-memory'],
    ['runs out of time', timedOut, 'stage-timeout'],
  ])(
    'when it %s, stores the other lines analysed and the odd one with its text and the reason',
    async (_c, error, reason) => {
      const result = await resilient(workerGivingUpOn('MARKER', error))(jsonlJob);
      const byRecord = new Map(result.documents.map((d) => [d.source.record, d]));
      expect([...byRecord.keys()].sort()).toEqual([1, 2, 3]);
      expect(entityTypes(byRecord.get(1)!)).toContain('agency');
      expect(entityTypes(byRecord.get(3)!)).toContain('agency');
      const odd = byRecord.get(2)!;
      expect(odd.text).toBe('Die Behörde meldete heute eine Lücke. MARKER');
      expect(odd.rows.entities).toBe('');
      expect(odd.messages).toMatchObject([{ stage: 'analyze', severity: 'error', ruleId: reason }]);
    },
  );

  it('stores a whole file with its text only when its analysis broke the worker', async () => {
    const file: Job = {
      kind: 'file',
      file: { path: 'odd.txt', sha256: '1'.repeat(64), kind: 'text', bytes: encode('CISA warned today. MARKER\n') },
    };
    const result = await resilient(workerGivingUpOn('MARKER', outOfMemory))(file);
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]!.messages.map((m) => m.ruleId)).toEqual(['analysis-out-of-memory']);
  });

  it('fails only the line that breaks the worker even when stored unanalysed', async () => {
    const always: (job: Job) => Promise<JobResult> = async (job) => {
      if (job.kind === 'jsonl-lines' && job.lines.some((l) => l.line.includes('MARKER'))) throw outOfMemory;
      return processJob(job);
    };
    const result = await resilient(always)(jsonlJob);
    expect(result.documents.map((d) => d.source.record).sort()).toEqual([1, 3]);
    expect(result.outcomes).toMatchObject([{ path: 'feed.jsonl', record: 2, status: 'failed' }]);
  });
});
