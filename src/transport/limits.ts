/**
 * Bounds on the work one job may ask of a worker, so that no client can occupy a replica for long:
 * each job kind's cost in its own unit, checked when the job is decoded (a job over the limit is a
 * bad request, answered at once), and a deadline per job in seconds, enforced by the service that
 * runs it (cluster/service.ts: a job past it is abandoned and answered with an error).
 * Defaults fit what a run of ours sends with a wide margin (README "Cluster"): a DnCNN-S sub-QUBO is
 * about 10 reads x 1,000 sweeps x 64² = 4e7, the heaviest test job 2e8.
 */
import { BadRequest } from '../errors.js';
import type { JobKind } from './wire.js';

export interface WorkLimits {
  /** solve: reads x sweeps x n² (one sweep is n proposals of O(n) each); ~2e10 is ~30 s of swap SA here. */
  solveWork: number;
  /** eval: candidates x pixels of the validation batch (every candidate is one forward pass over it). */
  evalPixels: number;
  /** score: patches x pixels (one forward and one backward pass each). */
  scorePixels: number;
}

export const DEFAULT_LIMITS: WorkLimits = { solveWork: 2e10, evalPixels: 2e8, scorePixels: 4e8 };

/** Seconds a job of each kind may run before its service abandons it (0: no deadline). */
export const DEFAULT_DEADLINES: Readonly<Record<JobKind, number>> = { solve: 120, eval: 600, score: 1800, denoise: 600, run: 0 };

export function checkWork(kind: 'solve' | 'eval' | 'score', work: number, limits: WorkLimits = DEFAULT_LIMITS): void {
  const [limit, unit] = kind === 'solve' ? [limits.solveWork, 'reads x sweeps x n²'] : kind === 'eval' ? [limits.evalPixels, 'candidates x pixels'] : [limits.scorePixels, 'patches x pixels'];
  if (!(work <= limit)) throw new BadRequest(`${kind} job: ${unit} = ${work.toExponential(2)} exceeds this worker's limit of ${limit.toExponential(2)} (qprune serve --max-work)`);
}

/** "solveWork=1e10,evalPixels=1e8": the named limits over the defaults; unknown names and bad values named. */
export function parseLimits(text: string | undefined, base: WorkLimits = DEFAULT_LIMITS): WorkLimits {
  const out = { ...base };
  if (!text) return out;
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!Object.hasOwn(base, k)) throw new BadRequest(`--max-work: unknown limit '${k}' (${Object.keys(base).join(', ')})`);
    const n = Number(v);
    if (!(n > 0 && Number.isFinite(n))) throw new BadRequest(`--max-work: ${k} must be a positive number, got '${v}'`);
    out[k as keyof WorkLimits] = n;
  }
  return out;
}
