/**
 * Capacity-driven search: hit an exact number of kept filters without a quadratic penalty.
 *  - per group: bisection on a uniform shift μ of every linear term (a Lagrange multiplier: it adds
 *    no couplings, so the landscape's shape is untouched) until single-flip SA keeps exactly k; the
 *    closest answer is then repaired to k and polished with exact-k swap SA;
 *  - global: one shared μ for all groups (each a sub-QUBO solved on its own, as the coordinator will
 *    farm them out) bisected until the kept total hits the network budget K, with per-group minimums;
 *    each group's count becomes its k and is polished with swap SA.
 */
import { QpruneError } from '../errors.js';
import { Qubo } from './problem.js';
import { FlipAnnealer, SampleParams, SwapAnnealer } from './samplers.js';
import { best, SampleSet, toSampleSet } from './sampleset.js';
import { GroupSolver, localSolver } from './group-solver.js';

export interface CapacityParams extends SampleParams {
  /** Bisection steps at most (default 30). */
  maxSteps?: number;
  /** Reads and sweeps of the flip SA inside each bisection step (default: reads 4, sweeps 200). */
  probeReads?: number;
  probeSweeps?: number;
}

function count(x: Uint8Array): number {
  let c = 0;
  for (const v of x) c += v;
  return c;
}

/** |μ| beyond which every variable is on (μ below -bound) or off (above +bound). */
function muBound(q: Qubo): number {
  let m = 0;
  for (let i = 0; i < q.n; i++) {
    let s = Math.abs(q.lin[i]);
    for (let j = 0; j < q.n; j++) s += Math.abs(q.W[i * q.n + j]);
    m = Math.max(m, s);
  }
  return m + 1;
}

/** Move x to exactly k ones, adding/removing the variable with the best energy change each time. */
export function repairToK(q: Qubo, x: Uint8Array, k: number): Uint8Array {
  const y = Uint8Array.from(x);
  const f = q.localFields(y);
  let c = count(y);
  while (c !== k) {
    const add = c < k;
    let bi = -1, bd = Infinity;
    for (let i = 0; i < q.n; i++) {
      if (y[i] === (add ? 1 : 0)) continue;
      const d = add ? f[i] : -f[i];
      if (d < bd) { bd = d; bi = i; }
    }
    const s = add ? 1 : -1;
    for (let j = 0; j < q.n; j++) f[j] += s * q.W[bi * q.n + j];
    y[bi] ^= 1;
    c += s;
  }
  return y;
}

export interface CapacityResult {
  set: SampleSet;
  mu: number;
  steps: number;
}

/** Exactly-k solution of one QUBO by μ-bisection + repair + swap polish. */
export function capacitySolve(q: Qubo, k: number, params: CapacityParams = {}): CapacityResult {
  if (!Number.isInteger(k) || k < 0 || k > q.n) throw new QpruneError(`capacity search: k = ${k} is outside 0..${q.n}`);
  const t0 = performance.now();
  const flip = new FlipAnnealer();
  const probe = (mu: number) => best(flip.sample(q.shifted(mu), { reads: params.probeReads ?? 4, sweeps: params.probeSweeps ?? 200, seed: params.seed ?? 0 })).x;
  let lo = -muBound(q), hi = muBound(q);
  let bestX = probe(0), bestGap = Math.abs(count(bestX) - k), mu = 0, steps = 0;
  for (; steps < (params.maxSteps ?? 30) && bestGap > 0; steps++) {
    const mid = (lo + hi) / 2;
    const x = probe(mid);
    const c = count(x);
    if (Math.abs(c - k) < bestGap) { bestGap = Math.abs(c - k); bestX = x; mu = mid; }
    if (c > k) lo = mid; // too many kept: raise the cost of keeping
    else if (c < k) hi = mid;
  }
  const start = repairToK(q, bestX, k);
  const polished = new SwapAnnealer().sample(q.withK(k), { ...params, initialStates: [start] });
  const set = toSampleSet(polished.samples.map((x, i) => ({ x, energy: polished.energies[i] })), (performance.now() - t0) / 1000, polished.timing.proposals, { sampler: 'capacity', mu, steps, k });
  return { set, mu, steps };
}

export interface GlobalGroup {
  id: string;
  qubo: Qubo;
  /** Minimum channels kept (default 1). */
  min?: number;
}

export interface GlobalResult {
  mu: number;
  steps: number;
  /** Per group: the chosen k, the best exact-k answer and every distinct read of its final swap anneal. */
  groups: { id: string; k: number; x: Uint8Array; energy: number; set: SampleSet }[];
  /** The bisection on μ: each probe's μ and the filters it kept (for reports). */
  trace: { mu: number; kept: number }[];
  total: number;
  seconds: number;
}

/**
 * Spread a global budget of K kept filters over groups with one shared μ. Group QUBOs should be on
 * comparable scales (the formulations normalise per group) for a shared multiplier to be fair.
 */
export async function globalCapacity(groups: GlobalGroup[], budget: number, params: CapacityParams = {}, solver: GroupSolver = localSolver): Promise<GlobalResult> {
  const t0 = performance.now();
  const mins = groups.map((g) => g.min ?? 1);
  const total = groups.reduce((s, g) => s + g.qubo.n, 0);
  const minTotal = mins.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(budget) || budget < minTotal || budget > total) {
    throw new QpruneError(`global budget ${budget} is outside ${minTotal}..${total} (per-group minimums to every filter)`);
  }
  // Per group: the probe's answer moved to within [min, n] ones. One batch of sub-QUBOs per μ.
  const solveAt = async (mu: number) => {
    const sets = await solver.solveAll(groups.map((g, i) => ({
      id: g.id, qubo: g.qubo, sampler: 'flip' as const, mu,
      params: { reads: params.probeReads ?? 4, sweeps: params.probeSweeps ?? 200, seed: (params.seed ?? 0) + i },
    })));
    return sets.map((set, i) => {
      const x = best(set).x;
      return repairToK(groups[i].qubo, x, Math.min(groups[i].qubo.n, Math.max(mins[i], count(x))));
    });
  };
  let lo = -Math.max(...groups.map((g) => muBound(g.qubo))), hi = -lo;
  let sols = await solveAt(0), mu = 0, steps = 0;
  let counts = sols.map(count);
  const trace = [{ mu: 0, kept: counts.reduce((a, b) => a + b, 0) }];
  let gap = Math.abs(counts.reduce((a, b) => a + b, 0) - budget);
  for (; steps < (params.maxSteps ?? 30) && gap > 0; steps++) {
    const mid = (lo + hi) / 2;
    const xs = await solveAt(mid);
    const c = xs.map(count);
    const sum = c.reduce((a, b) => a + b, 0);
    trace.push({ mu: mid, kept: sum });
    if (Math.abs(sum - budget) < gap) { gap = Math.abs(sum - budget); counts = c; sols = xs; mu = mid; }
    if (sum > budget) lo = mid;
    else if (sum < budget) hi = mid;
  }
  // Close the remaining gap one filter at a time: add the unkept filter with the lowest local field
  // (cheapest to keep) or drop the kept one with the highest, over all groups that allow it.
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== budget) {
    const add = sum < budget;
    let bg = -1, bi = -1, bf = add ? Infinity : -Infinity;
    groups.forEach((g, gi) => {
      if (add ? counts[gi] >= g.qubo.n : counts[gi] <= mins[gi]) return;
      const f = g.qubo.localFields(sols[gi]);
      for (let i = 0; i < g.qubo.n; i++) {
        if (sols[gi][i] === (add ? 1 : 0)) continue;
        if (add ? f[i] < bf : f[i] > bf) { bf = f[i]; bg = gi; bi = i; }
      }
    });
    sols[bg][bi] ^= 1;
    counts[bg] += add ? 1 : -1;
    sum += add ? 1 : -1;
  }
  const finals = await solver.solveAll(groups.map((g, i) => ({
    id: g.id, qubo: g.qubo.withK(counts[i]), sampler: 'swap' as const,
    params: { reads: params.reads, sweeps: params.sweeps, betaRange: params.betaRange, seed: (params.seed ?? 0) + i, initialStates: [sols[i]] },
  })));
  const solved = groups.map((g, i) => {
    const set = finals[i];
    const b = best(set);
    return { id: g.id, k: counts[i], x: b.x, energy: b.energy, set };
  });
  return { mu, steps, groups: solved, trace, total: budget, seconds: (performance.now() - t0) / 1000 };
}
