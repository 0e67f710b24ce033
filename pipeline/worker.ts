// Worker-thread entry for piscina: each worker loads the extractors (and compiles their gazetteers) once.
import type { Job, JobResult } from './jobs.js';
import { processJob } from './process.js';

/** A worker thread's entry: one job in, its result out. */
export default function run(job: Job): JobResult {
  return processJob(job);
}
