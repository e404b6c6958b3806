/** Solve jobs: one sub-QUBO through the named sampler, within the worker's work limit. */
import { solveRequest } from '../../qubo/group-solver.js';
import { decodeSolveJob, sampleSetToWire } from '../wire.js';
import { checkWork, type WorkLimits } from '../limits.js';
import type { JobHandler } from '../transport.js';

export function solveHandler(limits?: WorkLimits): JobHandler {
  return async (payload) => {
    const r = decodeSolveJob(payload);
    checkWork('solve', (r.params.reads ?? 10) * (r.params.sweeps ?? 1000) * r.qubo.n ** 2, limits);
    return { sampleSet: sampleSetToWire(solveRequest(r)) };
  };
}
