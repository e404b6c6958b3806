/**
 * Greedy ranking baselines: keep the highest-scoring channels.
 *  - per layer: the top k_g of each group;
 *  - global: the top K channels network-wide (or the best within a FLOPs/parameter cost), with at
 *    least `min` per group. Scores in loss units
 *    (Taylor, Fisher) compare across groups as they are; weight norms (L1) do not (a first layer's
 *    3x3x1 kernels have far smaller norms than a middle layer's 3x3x64), so they are divided by
 *    their group maximum first (`normalize`). Measured on DnCNN-S: max-normalising Fisher would
 *    starve the first and last groups and cost 5-8 dB at 25-50% sparsity.
 */
import { QpruneError } from '../errors.js';
import { CapacityBudget, filterBudget } from './capacity.js';

export function topK(scores: Float64Array, k: number): Uint8Array {
  const x = new Uint8Array(scores.length);
  Array.from(scores, (s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).forEach(([, i]) => (x[i] = 1));
  return x;
}

/**
 * Global greedy: each group's `min` best first, then the rest in descending score (divided by the
 * group's cost per filter under a cost budget: the knapsack order, the linear relaxation of the
 * capacity search's μ·c_g), each taken while the exact cost stays within the limit. A filter budget
 * (a number K) keeps exactly the top K.
 */
export function globalTopK(groups: { id: string; scores: Float64Array; min?: number }[], budget: number | CapacityBudget, normalize = true): Map<string, Uint8Array> {
  const total = groups.reduce((s, g) => s + g.scores.length, 0);
  const mins = groups.map((g) => g.min ?? 1);
  if (typeof budget === 'number' && (budget < mins.reduce((a, b) => a + b, 0) || budget > total)) throw new QpruneError(`global budget ${budget} is outside the possible range`);
  const b = typeof budget === 'number' ? filterBudget(groups, budget) : budget;
  const out = new Map(groups.map((g) => [g.id, new Uint8Array(g.scores.length)]));
  const counts = groups.map(() => 0);
  const rest: { v: number; gi: number; i: number }[] = [];
  groups.forEach((g, gi) => {
    const m = normalize ? Math.max(...g.scores) || 1 : 1;
    const order = Array.from(g.scores, (v, i) => ({ v: v / m, i })).sort((x, y) => y.v - x.v || x.i - y.i);
    order.forEach(({ v, i }, r) => {
      if (r < mins[gi]) { out.get(g.id)![i] = 1; counts[gi]++; } else rest.push({ v: v / b.perFilter[gi], gi, i });
    });
  });
  rest.sort((x, y) => y.v - x.v || x.gi - y.gi || x.i - y.i);
  for (const { gi, i } of rest) {
    counts[gi]++;
    if (b.of(counts) > b.limit) { counts[gi]--; continue; }
    out.get(groups[gi].id)![i] = 1;
  }
  return out;
}
