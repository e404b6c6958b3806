/** Solve jobs: one sub-QUBO through the named sampler. */
import { solveRequest } from '../../qubo/group-solver.js';
import { decodeSolveJob, sampleSetToWire } from '../wire.js';
import type { JobHandler } from '../transport.js';

export const solveHandler: JobHandler = async (payload) => ({ sampleSet: sampleSetToWire(solveRequest(decodeSolveJob(payload))) });
