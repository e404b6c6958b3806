/**
 * Stage 3: turn scores into keep-sets by one of the registered methods (methods/registry.ts). This
 * module fixes what every method shares: the budget (sparsity s = fraction of prunable filters
 * removed: K = round((1-s)·total) are kept, or the uniform ratio per group), the per-group minimum,
 * the greedy ranking helper, and the check that the method kept exactly K.
 */
import { QpruneError } from '../errors.js';
import type { GroupScore, ScoreResult } from '../score/scores.js';
import { globalTopK, topK } from '../qubo/baselines.js';
import type { FormulationWeights } from '../qubo/formulations/types.js';
import { GroupSolver, localSolver } from '../qubo/group-solver.js';
import type { Solution } from '../prune/solution.js';
import { methodByName, METHODS } from './methods/registry.js';
import type { Importance } from './methods/types.js';

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
}

export function checkSparsity(s: number): void {
  if (!(Number.isFinite(s) && s > 0 && s < 1)) throw new QpruneError(`sparsity must be in (0, 1), got ${s}`);
}

function perLayerK(g: GroupScore, s: number, min: number): number {
  return Math.min(g.size, Math.max(min, Math.round((1 - s) * g.size)));
}

export async function solvePruning(scores: ScoreResult, opts: SolveOptions, solver: GroupSolver = localSolver): Promise<Solution> {
  const t0 = performance.now();
  checkSparsity(opts.sparsity);
  const method = methodByName(opts.method);
  const groups = scores.groups;
  if (!groups.length) throw new QpruneError('the model has no prunable channel groups');
  const seed = opts.seed ?? 0, min = opts.minChannels ?? 1;
  const total = groups.reduce((a, g) => a + g.size, 0);
  const budget = opts.perLayer ? groups.reduce((a, g) => a + perLayerK(g, opts.sparsity, min), 0) : Math.round((1 - opts.sparsity) * total);
  const minTotal = groups.reduce((a, g) => a + Math.min(min, g.size), 0);
  if (budget < minTotal) throw new QpruneError(`sparsity ${opts.sparsity} keeps ${budget} filters, fewer than the ${minTotal} the per-group minimum of ${min} needs`);
  const greedyKeep = (importance: Importance, normalize: boolean): Map<string, Uint8Array> =>
    opts.perLayer
      ? new Map(groups.map((g) => [g.id, topK(importance(g), perLayerK(g, opts.sparsity, min))]))
      : globalTopK(groups.map((g) => ({ id: g.id, scores: importance(g), min })), budget, normalize);
  const { groups: out, info = {} } = await method.solve({
    scores, sparsity: opts.sparsity, perLayer: !!opts.perLayer, seed, reads: opts.reads ?? 10, sweeps: opts.sweeps ?? 1000, budget, min,
    keepSamples: opts.keepSamples ?? 16, perLayerK: (g) => perLayerK(g, opts.sparsity, min), greedyKeep, solver, formulation: opts.formulation ?? {},
  });
  const kept = out.reduce((a, g) => a + g.k, 0);
  if (kept !== budget) throw new QpruneError(`internal: ${opts.method} kept ${kept} filters, budget ${budget}`);
  return { version: 1, method: opts.method, sparsity: opts.sparsity, perLayer: !!opts.perLayer, seed, budget, total, seconds: (performance.now() - t0) / 1000, groups: out, info };
}
