/**
 * Stage 3: turn scores into keep-sets by one of the registered methods (methods/registry.ts). This
 * module fixes what every method shares: the budget (sparsity s = fraction of prunable filters
 * removed: K = round((1-s)·total) are kept, or the uniform ratio per group; with a FLOPs or parameter
 * cost model, s = fraction of the model's FLOPs or parameters removed, and the kept cost may not
 * exceed (1-s)·full), the per-group minimum, the greedy ranking helper, and the check that the method
 * met the budget.
 */
import { QpruneError } from '../errors.js';
import type { GroupScore, ScoreResult } from '../score/scores.js';
import { globalTopK, topK } from '../qubo/baselines.js';
import type { FormulationWeights } from '../qubo/formulations/types.js';
import { GroupSolver, localSolver } from '../qubo/group-solver.js';
import type { Solution } from '../prune/solution.js';
import { methodByName, METHODS } from './methods/registry.js';
import type { Importance } from './methods/types.js';
import { Allocation, CapacityBudget, checkAllocation, filterBudget } from '../qubo/capacity.js';
import type { CostModel } from '../prune/cost-model.js';

export { METHODS };

export interface SolveOptions {
  method: string;
  sparsity: number;
  perLayer?: boolean;
  seed?: number;
  reads?: number;
  sweeps?: number;
  /** Minimum channels kept per group (default 1). */
  minChannels?: number;
  /** Weights of the method's formulation (hybrid: taylor, similarity; hybrid-paper: alpha, beta, gamma). */
  formulation?: FormulationWeights;
  /** Distinct annealer answers kept per group for refinement (default 16). */
  keepSamples?: number;
  /** A global budget in FLOPs or parameters (prune/cost-model.ts); absent = in filters. */
  cost?: CostModel;
  /** Per layer: the channels each group keeps, instead of the uniform ratio (iterative pruning's steps). */
  perLayerKeep?: ReadonlyMap<string, number>;
  /** How a QUBO method spreads a global budget over groups (default joint; qubo/capacity.ts). */
  allocation?: Allocation;
}

export function checkSparsity(s: number): void {
  if (!(Number.isFinite(s) && s > 0 && s < 1)) throw new QpruneError(`sparsity must be in (0, 1), got ${s}`);
}

function perLayerK(g: GroupScore, s: number, min: number): number {
  return Math.min(g.size, Math.max(min, Math.round((1 - s) * g.size)));
}

/** The channels each group keeps under the uniform per-layer ratio s (what a FLOPs budget can be matched to). */
export function perLayerCounts(scores: ScoreResult, sparsity: number, min = 1): Map<string, number> {
  return new Map(scores.groups.map((g) => [g.id, perLayerK(g, sparsity, min)]));
}

export async function solvePruning(scores: ScoreResult, opts: SolveOptions, solver: GroupSolver = localSolver): Promise<Solution> {
  const t0 = performance.now();
  checkSparsity(opts.sparsity);
  const method = methodByName(opts.method);
  const groups = scores.groups;
  if (!groups.length) throw new QpruneError('the model has no prunable channel groups');
  const seed = opts.seed ?? 0, min = opts.minChannels ?? 1, allocation = opts.allocation ?? 'joint';
  checkAllocation(allocation);
  const kOf = (g: GroupScore) => opts.perLayerKeep?.get(g.id) ?? perLayerK(g, opts.sparsity, min);
  const total = groups.reduce((a, g) => a + g.size, 0);
  const byCost = opts.cost && opts.cost.unit !== 'filters' ? opts.cost : undefined;
  if (byCost && opts.perLayer) throw new QpruneError(`a ${byCost.unit} budget is global: the per-layer ratio counts filters`);
  if (byCost) for (const g of groups) if (!byCost.perFilter.has(g.id)) throw new QpruneError(`the cost model has no group '${g.id}' (scores of another model?)`);
  const minTotal = groups.reduce((a, g) => a + Math.min(min, g.size), 0);
  const filterCount = opts.perLayer ? groups.reduce((a, g) => a + kOf(g), 0) : Math.round((1 - opts.sparsity) * total);
  if (!byCost && filterCount < minTotal) throw new QpruneError(`sparsity ${opts.sparsity} keeps ${filterCount} filters, fewer than the ${minTotal} the per-group minimum of ${min} needs`);
  const countsMap = (counts: number[]) => new Map(groups.map((g, i) => [g.id, counts[i]]));
  const capacity: CapacityBudget = byCost
    ? { perFilter: groups.map((g) => byCost.perFilter.get(g.id)!), of: (c) => byCost.of(countsMap(c)), limit: (1 - opts.sparsity) * byCost.full }
    : filterBudget(groups, filterCount);
  if (byCost) {
    const least = capacity.of(groups.map((g) => Math.min(min, g.size)));
    if (least > capacity.limit) throw new QpruneError(`sparsity ${opts.sparsity} of the ${byCost.unit} leaves ${capacity.limit.toExponential(3)}, less than the ${least.toExponential(3)} the per-group minimum of ${min} costs`);
  }
  const greedyKeep = (importance: Importance, normalize: boolean): Map<string, Uint8Array> =>
    opts.perLayer
      ? new Map(groups.map((g) => [g.id, topK(importance(g), kOf(g))]))
      : globalTopK(groups.map((g) => ({ id: g.id, scores: importance(g), min })), byCost ? capacity : filterCount, normalize);
  const { groups: out, info = {} } = await method.solve({
    scores, sparsity: opts.sparsity, perLayer: !!opts.perLayer, seed, reads: opts.reads ?? 10, sweeps: opts.sweeps ?? 1000, capacity, min,
    keepSamples: opts.keepSamples ?? 16, perLayerK: kOf, greedyKeep, solver, formulation: opts.formulation ?? {}, allocation,
  });
  const kept = out.reduce((a, g) => a + g.k, 0);
  const spent = capacity.of(out.map((g) => g.k));
  if (byCost ? spent > capacity.limit * (1 + 1e-9) : kept !== filterCount) {
    throw new QpruneError(`internal: ${opts.method} kept ${byCost ? `${byCost.unit} ${spent}, limit ${capacity.limit}` : `${kept} filters, budget ${filterCount}`}`);
  }
  const budgetBy = byCost ? { unit: byCost.unit as 'flops' | 'params', limit: capacity.limit, kept: spent, full: byCost.full } : undefined;
  return { version: 1, method: opts.method, sparsity: opts.sparsity, perLayer: !!opts.perLayer, seed, budget: kept, total, seconds: (performance.now() - t0) / 1000, groups: out, info, ...(budgetBy ? { budgetBy } : {}) };
}
