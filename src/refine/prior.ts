/**
 * A Boltzmann prior over the refinement grid: per group g, p_g(c) ∝ exp(−ΔE_g(c)/T) with ΔE_g(c) the
 * QUBO energy of candidate c above the group's answer (candidate 0), and one temperature T for the
 * whole network. The energies are in the formulation's units (estimated loss increase), so one T
 * compares groups fairly; T is set by bisection so that a draw changes `targetChanged` groups on
 * average (Σ_g 1 − p_g(0)), which keeps the search near the QUBO answer without freezing it there.
 * Candidates below the answer's energy count as equal to it (boltzmannMarginals).
 * A rank-1 distribution: the TT starts as the product of these marginals (tt-distribution.ts).
 * `base` (default candidate 0 everywhere) is the point whose groups count as unchanged.
 */
import { QpruneError } from '../errors.js';

export interface BoltzmannPrior {
  /** probs[g][c]: the prior probability of candidate c in group g (each row sums to 1). */
  probs: number[][];
  temperature: number;
  /** Expected number of groups a draw moves off candidate 0. */
  expectedChanged: number;
  targetChanged: number;
}

/**
 * Marginals at temperature T (T = Infinity: uniform). Energies count from the base candidate and
 * below it are clipped to 0: a candidate the QUBO rates better than the answer (a transfer of filters,
 * an alternative the annealer missed) is as likely as the answer, not a certainty — unclipped, T → 0
 * made the prior a delta on such a point and PROTES drew nothing else. No exp overflows (exponents ≤ 0).
 */
export function boltzmannMarginals(energies: readonly (readonly number[])[], temperature: number, base?: readonly number[]): number[][] {
  return energies.map((row, g) => {
    if (!Number.isFinite(temperature)) return row.map(() => 1 / row.length);
    const e0 = row[base?.[g] ?? 0];
    const w = row.map((e) => Math.exp(-Math.max(0, e - e0) / temperature));
    const z = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / z);
  });
}

/** Σ_g 1 − p_g(base_g): groups a draw moves off the base point (default candidate 0 everywhere). */
export function expectedChanged(probs: readonly (readonly number[])[], base?: readonly number[]): number {
  return probs.reduce((a, p, g) => a + (1 - p[base?.[g] ?? 0]), 0);
}

/**
 * The prior whose draws change `targetChanged` groups on average. When even the uniform distribution
 * changes fewer (few groups, or few candidates), the uniform one is returned.
 */
export function boltzmannPrior(energies: readonly (readonly number[])[], targetChanged = 2.5, base?: readonly number[]): BoltzmannPrior {
  if (!(targetChanged > 0)) throw new QpruneError(`prior: the groups changed per draw must be > 0, got ${targetChanged}`);
  for (const row of energies) if (!row.length || row.some((e) => !Number.isFinite(e))) throw new QpruneError('prior: every group needs finite candidate energies');
  const at = (t: number) => expectedChanged(boltzmannMarginals(energies, t, base), base);
  const uniform = at(Infinity);
  if (uniform <= targetChanged) return { probs: boltzmannMarginals(energies, Infinity, base), temperature: Infinity, expectedChanged: uniform, targetChanged };
  // Candidates the QUBO rates at least as good as the answer keep changing groups as T → 0: when they
  // already change more than the target, no T reaches it and the bisection ends at the lowest T tried.
  // Bracket T on a log scale from the energy gaps themselves (the prior is invariant to the energies' unit).
  const gaps = energies.flatMap((row, g) => row.map((e) => Math.abs(e - row[base?.[g] ?? 0]))).filter((v) => v > 0);
  const scale = gaps.length ? gaps.sort((a, b) => a - b)[gaps.length >> 1] : 1;
  let lo = Math.log(scale) - 40, hi = Math.log(scale) + 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (at(Math.exp(mid)) < targetChanged) lo = mid; else hi = mid;
  }
  const temperature = Math.exp((lo + hi) / 2);
  const probs = boltzmannMarginals(energies, temperature, base);
  return { probs, temperature, expectedChanged: expectedChanged(probs, base), targetChanged };
}
