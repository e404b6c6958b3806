/**
 * Greedy ranking baselines: keep the highest-scoring channels.
 *  - per layer: the top k_g of each group;
 *  - global: the top K channels network-wide, with at least `min` per group. Scores in loss units
 *    (Taylor, Fisher) compare across groups as they are; weight norms (L1) do not (a first layer's
 *    3x3x1 kernels have far smaller norms than a middle layer's 3x3x64), so they are divided by
 *    their group maximum first (`normalize`). Measured on DnCNN-S: max-normalising Fisher would
 *    starve the first and last groups and cost 5-8 dB at 25-50% sparsity.
 */
import { QpruneError } from '../errors.js';

export function topK(scores: Float64Array, k: number): Uint8Array {
  const x = new Uint8Array(scores.length);
  Array.from(scores, (s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).forEach(([, i]) => (x[i] = 1));
  return x;
}

export function globalTopK(groups: { id: string; scores: Float64Array; min?: number }[], budget: number, normalize = true): Map<string, Uint8Array> {
  const total = groups.reduce((s, g) => s + g.scores.length, 0);
  const mins = groups.map((g) => g.min ?? 1);
  if (budget < mins.reduce((a, b) => a + b, 0) || budget > total) throw new QpruneError(`global budget ${budget} is outside the possible range`);
  const out = new Map(groups.map((g) => [g.id, new Uint8Array(g.scores.length)]));
  let left = budget;
  // Minimums first (each group's best channels), then the best of the rest network-wide.
  const rest: [number, string, number][] = [];
  groups.forEach((g, gi) => {
    const m = normalize ? Math.max(...g.scores) || 1 : 1;
    const order = Array.from(g.scores, (s, i) => [s / m, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    order.forEach(([s, i], r) => {
      if (r < mins[gi]) { out.get(g.id)![i] = 1; left--; } else rest.push([s, g.id, i]);
    });
  });
  rest.sort((a, b) => b[0] - a[0]).slice(0, left).forEach(([, id, i]) => (out.get(id)![i] = 1));
  return out;
}
