/** Worker side of parallel replicas: runs one sampler on a share of the reads. */
import { parentPort } from 'node:worker_threads';
import { Qubo } from './problem.js';
import { samplerByName, SampleParams } from './samplers.js';

interface Job { sampler: string; n: number; lin: Float64Array; W: Float64Array; k: number | null; params: SampleParams }

parentPort!.on('message', (job: Job) => {
  try {
    const set = samplerByName(job.sampler).sample(new Qubo(job.n, job.lin, job.W, job.k), job.params);
    parentPort!.postMessage({ ok: true, set });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message });
  }
});
