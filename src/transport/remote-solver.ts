/** GroupSolver over a Transport: each sub-QUBO one solve job; same SampleSets as solving locally. */
import type { GroupSolver, SolveRequest } from '../qubo/group-solver.js';
import type { SampleSet } from '../qubo/sampleset.js';
import type { RunJobsOptions, Transport } from './transport.js';
import { encodeSolveJob, sampleSetFromWire } from './wire.js';

export class TransportSolver implements GroupSolver {
  jobs = 0;
  constructor(private readonly transport: Transport, private readonly runId: string, private readonly jobOptions: RunJobsOptions = {}) {}
  async solveAll(requests: SolveRequest[]): Promise<SampleSet[]> {
    this.jobs += requests.length;
    const results = await this.transport.run('solve', this.runId, requests.map((r) => encodeSolveJob(r, this.runId)), this.jobOptions);
    return results.map((r) => sampleSetFromWire(r.sampleSet));
  }
}
