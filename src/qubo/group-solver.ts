/**
 * The seam between the search logic that needs many sub-QUBOs solved (capacity search, the pruning
 * methods) and where they are solved: in this thread (`localSolver`) or by solver services over a
 * transport (src/cluster/). A request names the sampler and its parameters; the answer is the
 * SampleSet the sampler would give here (same seed, same samples), wherever it ran.
 */
import type { Qubo } from './problem.js';
import { samplerByName, SampleParams } from './samplers.js';
import type { SampleSet } from './sampleset.js';

export interface SolveRequest {
  /** Group id (for logs and job ids). */
  id: string;
  qubo: Qubo;
  sampler: 'swap' | 'flip' | 'greedy' | 'exhaustive';
  params: SampleParams;
  /** Uniform shift added to every linear term before solving (capacity search's μ). */
  mu?: number;
}

export interface GroupSolver {
  solveAll(requests: SolveRequest[]): Promise<SampleSet[]>;
}

export function solveRequest(r: SolveRequest): SampleSet {
  return samplerByName(r.sampler).sample(r.mu ? r.qubo.shifted(r.mu) : r.qubo, r.params);
}

export const localSolver: GroupSolver = {
  async solveAll(requests) {
    return requests.map(solveRequest);
  },
};
