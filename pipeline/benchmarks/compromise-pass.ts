import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The reference of the throughput benchmark: a bare compromise `nlp(text)` over texts, on one thread, in a process of
 * its own (so its heap never counts in the import's peak RSS). compromise runs its first documents at two thirds of
 * its speed (measured: 27 docs/s on the first pass over 200 benchmark texts, 39–41 on the next): a warm-up pass over
 * a tenth of the texts comes first, so the reference is compromise at its steady speed.
 */
export async function compromisePass(texts: readonly string[]): Promise<{ seconds: number; bytes: number }> {
  const { default: nlp } = await import('compromise');
  for (const text of texts.slice(0, Math.ceil(texts.length / 10))) nlp(text);
  const started = performance.now();
  for (const text of texts) nlp(text);
  return { seconds: (performance.now() - started) / 1000, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0) };
}

// Run as a script: `node compromise-pass.js texts.json` prints the pass's figures as JSON.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const texts = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as string[];
  process.stdout.write(JSON.stringify(await compromisePass(texts)) + '\n');
}
