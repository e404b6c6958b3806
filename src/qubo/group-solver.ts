/**
 * The seam between the search logic that needs many sub-QUBOs solved (capacity search, the pruning
 * methods) and where they are solved: in this thread (`localSolver`) or by solver services over a
 * transport (src/cluster/). A request names the sampler and its parameters; the answer is the
 * SampleSet the sampler would give here (same seed, same samples), wherever it ran.
 */
import type { Qubo } from './problem.js';
import { checkSampleParams, SampleParams, samplerByName, SamplerName } from './samplers.js';
import { SampleSet, toSampleSet } from './sampleset.js';

export interface SolveRequest {
  /** Group id (for logs and job ids). */
  id: string;
  qubo: Qubo;
  sampler: SamplerName;
  params: SampleParams;
  /** Uniform shift added to every linear term before solving (capacity search's μ). */
  mu?: number;
}

export interface GroupSolver {
  solveAll(requests: SolveRequest[]): Promise<SampleSet[]>;
}

export function solveRequest(r: SolveRequest): SampleSet {
  const sampler = samplerByName(r.sampler);
  checkSampleParams(sampler, r.params);
  return sampler.sample(r.mu ? r.qubo.shifted(r.mu) : r.qubo, r.params);
}

/**
 * One request's reads split into `parts` requests (read r keeps its random stream (seed, r)), so
 * replicas can share one sub-QUBO; mergeReads puts the answers back into the single-run SampleSet.
 */
export function splitReads(r: SolveRequest, parts: number): SolveRequest[] {
  const reads = r.params.reads ?? 10, first = r.params.firstRead ?? 0;
  const shares = Array.from({ length: Math.min(parts, reads) }, (_, i) => Math.floor(reads / parts) + (i < reads % parts ? 1 : 0)).filter((s) => s > 0);
  let at = first;
  return shares.map((count) => {
    const part = { ...r, params: { ...r.params, reads: count, firstRead: at } };
    at += count;
    return part;
  });
}

export function mergeReads(parts: SampleSet[], seconds: number): SampleSet {
  const reads = parts.flatMap((s) => s.samples.flatMap((x, i) => Array.from({ length: s.occurrences[i] }, () => ({ x: Uint8Array.from(x), energy: s.energies[i] }))));
  const proposals = parts.reduce((a, s) => a + s.timing.proposals, 0);
  return toSampleSet(reads, seconds, proposals, { ...parts[0]?.info, reads: reads.length, workers: parts.length });
}

export const localSolver: GroupSolver = {
  async solveAll(requests) {
    return requests.map(solveRequest);
  },
};
