/**
 * Capacity-driven search: hit an exact number of kept filters without a quadratic penalty.
 *  - per group: bisection on a uniform shift μ of every linear term (a Lagrange multiplier: it adds
 *    no couplings, so the landscape's shape is untouched) until single-flip SA keeps exactly k; the
 *    closest answer is then repaired to k and polished with exact-k swap SA;
 *  - global: one shared μ for all groups (each a sub-QUBO solved on its own, as the coordinator will
 *    farm them out), weighted by each group's cost per filter, bisected until the kept filters' cost
 *    (filters, FLOPs or parameters) meets the network budget, with per-group minimums; each group's
 *    count becomes its k and is polished with swap SA.
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
  /**
   * How a global budget is spread over groups (default 'joint'): 'joint' bisects μ on the groups' full
   * QUBOs; 'marginal' prices every filter by what removing it alone from the full model costs (its
   * local field with every filter kept), spreads the budget on those uncoupled costs, and uses the
   * couplings only to choose which filters each group keeps at its count.
   */
  allocation?: Allocation;
}

export const ALLOCATIONS = ['joint', 'marginal'] as const;
export type Allocation = (typeof ALLOCATIONS)[number];

export function checkAllocation(a: string): asserts a is Allocation {
  if (!(ALLOCATIONS as readonly string[]).includes(a)) throw new QpruneError(`allocation must be one of ${ALLOCATIONS.join(', ')}, got '${a}'`);
}

/** The uncoupled QUBO whose linear term is each filter's local field with every filter of the group kept. */
export function marginalQubo(q: Qubo): Qubo {
  return new Qubo(q.n, q.localFields(new Uint8Array(q.n).fill(1)), new Float64Array(q.n * q.n), q.k);
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

/**
 * What a global budget limits: an exact cost of the per-group kept counts (filters: their sum; FLOPs or
 * parameters: prune/cost-model.ts) and, per group, the linear cost of one filter that prices μ there.
 */
export interface CapacityBudget {
  /** Per group, in order: the cost of one filter (the multiplier's weight in that group). */
  perFilter: number[];
  /** Exact cost of keeping counts[i] filters in group i. */
  of(counts: number[]): number;
  /** The most the kept filters may cost; the search ends as close below it as whole filters allow. */
  limit: number;
}

/** A budget of K kept filters: every filter costs 1, the limit is reached exactly. */
export function filterBudget(groups: readonly unknown[], k: number): CapacityBudget {
  return { perFilter: groups.map(() => 1), of: (c) => c.reduce((a, b) => a + b, 0), limit: k };
}

export interface GlobalResult {
  mu: number;
  steps: number;
  /** Per group: the chosen k, the best exact-k answer and every distinct read of its final swap anneal. */
  groups: { id: string; k: number; x: Uint8Array; energy: number; set: SampleSet }[];
  /** The bisection on μ: each probe's μ, the filters it kept and their cost. */
  trace: { mu: number; kept: number; cost: number }[];
  /** Filters kept, and their cost in the budget's unit. */
  total: number;
  cost: number;
  seconds: number;
}

/**
 * Spread a global budget over groups with one shared multiplier: group g's linear terms are all shifted
 * by μ·c_g (c_g its per-filter cost over the mean), which adds no couplings, so each group stays a
 * sub-QUBO solved on its own, as the coordinator farms them out. μ is bisected until the exact cost
 * meets the limit; single filters then close the gap (the best energy change per unit of cost), and
 * each group's count becomes its k, polished with exact-k swap SA. Group QUBOs should be on comparable
 * scales (the formulations work in network-wide units) for a shared multiplier to be fair.
 */
export async function globalCapacity(groups: GlobalGroup[], budget: number | CapacityBudget, params: CapacityParams = {}, solver: GroupSolver = localSolver): Promise<GlobalResult> {
  const t0 = performance.now();
  const allocation = params.allocation ?? 'joint';
  checkAllocation(allocation);
  // The QUBOs the counts are found on; the finals below always solve the groups' own QUBOs.
  const spread = groups.map((g) => (allocation === 'marginal' ? { ...g, qubo: marginalQubo(g.qubo) } : g));
  const mins = groups.map((g) => g.min ?? 1);
  const sizes = groups.map((g) => g.qubo.n);
  const total = sizes.reduce((a, b) => a + b, 0);
  const minTotal = mins.reduce((a, b) => a + b, 0);
  if (typeof budget === 'number' && (!Number.isInteger(budget) || budget < minTotal || budget > total)) {
    throw new QpruneError(`global budget ${budget} is outside ${minTotal}..${total} (per-group minimums to every filter)`);
  }
  const b = typeof budget === 'number' ? filterBudget(groups, budget) : budget;
  const least = b.of(mins), most = b.of(sizes);
  if (!(b.limit >= least && b.limit <= most)) throw new QpruneError(`global budget: cost ${b.limit} is outside ${least}..${most} (per-group minimums to every filter)`);
  if (b.perFilter.length !== groups.length || !b.perFilter.every((c) => c > 0)) throw new QpruneError('global budget: every group needs a positive cost per filter');
  const meanCost = b.perFilter.reduce((a, c) => a + c, 0) / groups.length;
  const weight = b.perFilter.map((c) => c / meanCost);
  // Per group: the probe's answer moved to within [min, n] ones. One batch of sub-QUBOs per μ.
  const solveAt = async (mu: number) => {
    const sets = await solver.solveAll(spread.map((g, i) => ({
      id: g.id, qubo: g.qubo, sampler: 'flip' as const, mu: mu * weight[i],
      params: { reads: params.probeReads ?? 4, sweeps: params.probeSweeps ?? 200, seed: (params.seed ?? 0) + i },
    })));
    return sets.map((set, i) => {
      const x = best(set).x;
      return repairToK(spread[i].qubo, x, Math.min(sizes[i], Math.max(mins[i], count(x))));
    });
  };
  let lo = -Math.max(...spread.map((g, i) => muBound(g.qubo) / weight[i])), hi = -lo;
  let sols = await solveAt(0), mu = 0, steps = 0;
  let counts = sols.map(count);
  let cost = b.of(counts);
  const trace = [{ mu: 0, kept: counts.reduce((a, c) => a + c, 0), cost }];
  let gap = Math.abs(cost - b.limit);
  for (; steps < (params.maxSteps ?? 30) && gap > 0; steps++) {
    const mid = (lo + hi) / 2;
    const xs = await solveAt(mid);
    const c = xs.map(count);
    const at = b.of(c);
    trace.push({ mu: mid, kept: c.reduce((a, v) => a + v, 0), cost: at });
    if (Math.abs(at - b.limit) < gap) { gap = Math.abs(at - b.limit); counts = c; sols = xs; mu = mid; cost = at; }
    if (at > b.limit) lo = mid;
    else if (at < b.limit) hi = mid;
  }
  // Close the gap one filter at a time, over all groups that allow it: while over the limit drop the
  // kept filter with the highest local field per unit cost (least useful for what it costs); then add
  // the unkept one with the lowest, among those that still fit.
  const flip = (gi: number, i: number, add: boolean) => {
    sols[gi][i] ^= 1;
    counts[gi] += add ? 1 : -1;
    cost = b.of(counts);
  };
  const pick = (add: boolean, allowed: (gi: number) => boolean) => {
    let bg = -1, bi = -1, bf = add ? Infinity : -Infinity;
    spread.forEach((g, gi) => {
      if (!allowed(gi)) return;
      const f = g.qubo.localFields(sols[gi]);
      for (let i = 0; i < g.qubo.n; i++) {
        if (sols[gi][i] === (add ? 1 : 0)) continue;
        const v = f[i] / weight[gi];
        if (add ? v < bf : v > bf) { bf = v; bg = gi; bi = i; }
      }
    });
    return [bg, bi] as const;
  };
  while (cost > b.limit) {
    const [gi, i] = pick(false, (g) => counts[g] > mins[g]);
    flip(gi, i, false);
  }
  const fits = (gi: number) => counts[gi] < sizes[gi] && b.of(counts.map((c, j) => (j === gi ? c + 1 : c))) <= b.limit;
  for (;;) {
    const [gi, i] = pick(true, fits);
    if (gi < 0) break;
    flip(gi, i, true);
  }
  const finals = await solver.solveAll(groups.map((g, i) => ({
    id: g.id, qubo: g.qubo.withK(counts[i]), sampler: 'swap' as const,
    params: { reads: params.reads, sweeps: params.sweeps, betaRange: params.betaRange, seed: (params.seed ?? 0) + i, initialStates: [sols[i]] },
  })));
  const solved = groups.map((g, i) => {
    const set = finals[i];
    const best1 = best(set);
    return { id: g.id, k: counts[i], x: best1.x, energy: best1.energy, set };
  });
  return { mu, steps, groups: solved, trace, total: counts.reduce((a, c) => a + c, 0), cost, seconds: (performance.now() - t0) / 1000 };
}
