/**
 * Decomposition solver for a NetworkQubo (large-neighbourhood search in the qbsolv spirit): each round
 * every channel group is one sub-QUBO, the other groups fixed at the current state and folded into its
 * linear terms, solved with exact k (swap SA) on the solver replicas in parallel. The answers are then
 * applied one by one, best promised improvement first, each re-checked against the state as it now is
 * (neighbours may have moved in the same round) and kept only if it still lowers the network energy.
 * Rounds repeat until one keeps nothing. Every k is kept, so the budget the start met still holds.
 * Deterministic for any number of replicas: sub-problem r of round t always has seed (seed, t, r), the
 * samples do not depend on where they ran, and the acceptance order depends only on the answers.
 */
import type { GroupSolver } from './group-solver.js';
import type { NetworkQubo } from './network-qubo.js';
import { Rng } from '../data/rng.js';

export interface DecomposeOptions {
  reads: number;
  sweeps: number;
  seed: number;
  /** Most rounds (default 40); the search also stops at the first round that keeps no change. */
  maxRounds?: number;
  /** Stops between rounds. */
  signal?: AbortSignal;
}

export interface DecomposeRound {
  round: number;
  energy: number;
  /** Sub-problems whose answer was kept this round. */
  kept: number;
  seconds: number;
}

export interface DecomposeResult {
  xs: Uint8Array[];
  energy: number;
  startEnergy: number;
  rounds: DecomposeRound[];
  /** Sub-QUBOs solved in all. */
  subproblems: number;
}

/** Smallest energy change counted as an improvement, relative to the energy's scale (rounding noise is not progress). */
const RELATIVE_EPS = 1e-12;

export async function decompose(net: NetworkQubo, start: readonly Uint8Array[], solver: GroupSolver, o: DecomposeOptions): Promise<DecomposeResult> {
  const xs = start.map((x) => Uint8Array.from(x));
  const startEnergy = net.energy(xs);
  let energy = startEnergy;
  const rounds: DecomposeRound[] = [];
  const t0 = performance.now();
  let subproblems = 0;
  for (let round = 0; round < (o.maxRounds ?? 40); round++) {
    if (o.signal?.aborted) break;
    const folded = net.groups.map((_, g) => net.folded(g, xs));
    const sets = await solver.solveAll(folded.map((q, g) => ({
      id: `${net.ids[g]}@round${round}`, qubo: q.withK(xs[g].reduce((s, v) => s + v, 0)), sampler: 'swap' as const,
      params: { reads: o.reads, sweeps: o.sweeps, seed: Rng.derive(o.seed, round, g).nextU32() },
    })));
    subproblems += sets.length;
    const offers = sets.map((set, g) => ({ g, x: set.samples[0], gain: set.energies[0] - folded[g].energy(xs[g]) }))
      .filter((c) => c.gain < 0)
      .sort((p, q) => p.gain - q.gain || p.g - q.g);
    let kept = 0;
    const eps = RELATIVE_EPS * Math.max(1, Math.abs(energy));
    for (const { g, x } of offers) {
      const now = net.folded(g, xs);
      const change = now.energy(x) - now.energy(xs[g]);
      if (change < -eps) {
        xs[g] = Uint8Array.from(x);
        energy += change;
        kept++;
      }
    }
    // The running sum drifts by rounding only; the reported energy is recomputed.
    energy = net.energy(xs);
    rounds.push({ round, energy, kept, seconds: (performance.now() - t0) / 1000 });
    if (kept === 0) break;
  }
  return { xs, energy, startEnergy, rounds, subproblems };
}
