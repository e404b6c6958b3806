/**
 * Sampler replicas in parallel: the reads are split over worker threads, each running the same
 * sampler on its share. Read r always draws from the stream (seed, r), so the merged SampleSet equals
 * the single-thread one whatever the worker count.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { QpruneError } from '../errors.js';
import type { Qubo } from './problem.js';
import type { SampleParams } from './samplers.js';
import { SampleSet, toSampleSet } from './sampleset.js';

const BOOTSTRAP = fileURLToPath(new URL('../engine/ts-worker.mjs', import.meta.url));
const ENTRY = new URL('./sampler-worker.ts', import.meta.url).href;

export async function sampleParallel(q: Qubo, sampler: string, params: SampleParams, workers: number): Promise<SampleSet> {
  const reads = params.reads ?? 10;
  const shares = Array.from({ length: Math.min(workers, reads) }, (_, i) => Math.floor(reads / workers) + (i < reads % workers ? 1 : 0)).filter((s) => s > 0);
  const t0 = performance.now();
  let first = 0;
  const parts = await Promise.all(shares.map((count) => {
    const firstRead = (params.firstRead ?? 0) + first;
    first += count;
    return new Promise<SampleSet>((resolve, reject) => {
      const w = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY } });
      w.once('message', (m: { ok: boolean; set?: SampleSet; message?: string }) => {
        void w.terminate();
        if (m.ok) resolve(m.set!);
        else reject(new QpruneError(`sampler replica failed: ${m.message}`));
      });
      w.once('error', reject);
      w.postMessage({ sampler, n: q.n, lin: q.lin, W: q.W, k: q.k, params: { ...params, reads: count, firstRead } });
    });
  }));
  const reads_ = parts.flatMap((s) => s.samples.flatMap((x, i) => Array.from({ length: s.occurrences[i] }, () => ({ x: Uint8Array.from(x), energy: s.energies[i] }))));
  const proposals = parts.reduce((a, s) => a + s.timing.proposals, 0);
  const set = toSampleSet(reads_, (performance.now() - t0) / 1000, proposals, { ...parts[0].info, reads, workers: shares.length });
  return set;
}
