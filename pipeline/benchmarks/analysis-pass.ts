import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sha256Hex } from '../../corpus/ids.js';
import { ingestFile } from '../../corpus/ingest.js';
import { Pipeline } from '../stages.js';

/**
 * The full analysis (ingestion and every stage, no store) over texts in a process of its own, timed from its first
 * document as a fresh worker process runs it (JIT warm-up included). Run once, and as several processes at once, it
 * shows how far worker processes scale on this machine before any database or queue takes a share of its cores:
 * V8's compiler and garbage collector threads keep part of a second core busy for one process.
 */
export function analysisPass(texts: readonly string[]): { seconds: number } {
  const pipeline = new Pipeline();
  const started = performance.now();
  texts.forEach((text, i) => {
    const bytes = new TextEncoder().encode(text);
    const file = { path: `analysis/${i}.txt`, bytes, sha256: sha256Hex(bytes), kind: 'text' as const };
    for (const doc of ingestFile(file).documents) pipeline.analyze(doc);
  });
  return { seconds: (performance.now() - started) / 1000 };
}

/** Runs a benchmark pass script (`node script texts.json`, printing its figures as JSON) in a child process. */
export async function passInChildProcess<T>(script: URL, textsFile: string): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, [script.pathname, textsFile], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}

// Run as a script: `node analysis-pass.js texts.json` prints the pass's figures as JSON.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const texts = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as string[];
  process.stdout.write(JSON.stringify(analysisPass(texts)) + '\n');
}
