/**
 * One QUBO's reads spread over worker threads of the worker transport (`qprune qubo solve --workers`):
 * read r keeps its random stream (seed, r), so the merged SampleSet equals the single-thread one
 * whatever the worker count.
 */
import type { Qubo } from '../qubo/problem.js';
import type { SampleParams, SamplerName } from '../qubo/samplers.js';
import type { SampleSet } from '../qubo/sampleset.js';
import { mergeReads, splitReads } from '../qubo/group-solver.js';
import { TransportSolver } from './remote-solver.js';
import { WorkerTransport } from './worker.js';

export async function sampleParallel(q: Qubo, sampler: SamplerName, params: SampleParams, workers: number): Promise<SampleSet> {
  const transport = await WorkerTransport.create({ workers, backend: 'cpu' });
  try {
    const t0 = performance.now();
    const parts = await new TransportSolver(transport, 'reads').solveAll(splitReads({ id: 'reads', qubo: q, sampler, params }, workers));
    return mergeReads(parts, (performance.now() - t0) / 1000);
  } finally {
    await transport.close();
  }
}
