/**
 * Energy-vs-sweep trace of one swap-SA read, for the report: the same kernel, β schedule and seed
 * derivation as the sampler's first read, run in chunks with the energy recorded after each chunk.
 * (The solver itself does not trace: recording inside the kernel would slow every read.)
 */
import { Rng } from '../data/rng.js';
import { annealSwap, defaultBetaRange, geometricSchedule, randomKSubset } from './anneal.js';
import type { Qubo } from './problem.js';

export interface EnergyTrace { sweeps: number[]; energy: number[] }

export function swapEnergyTrace(q: Qubo, k: number, opts: { sweeps?: number; seed?: number; points?: number } = {}): EnergyTrace {
  const sweeps = opts.sweeps ?? 1000, points = Math.min(opts.points ?? 50, sweeps);
  const [b0, b1] = defaultBetaRange(q);
  const betas = geometricSchedule(b0, b1, sweeps);
  const rng = Rng.derive(opts.seed ?? 0, 0);
  const x = randomKSubset(q.n, k, rng);
  const out: EnergyTrace = { sweeps: [0], energy: [q.energy(x)] };
  let done = 0;
  for (let p = 1; p <= points; p++) {
    const end = Math.round((p * sweeps) / points);
    annealSwap(q, x, betas.subarray(done, end), rng);
    done = end;
    out.sweeps.push(done);
    out.energy.push(q.energy(x));
  }
  return out;
}
