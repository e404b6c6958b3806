/**
 * Budgets in FLOPs or parameters as well as in filters. A pruned model's cost depends only on how
 * many channels each group keeps (prune/cost.ts), so a CostModel maps per-group kept counts to the
 * exact cost. It also gives each group's marginal cost of one filter at the full model: the weights
 * c_g of the linear cost term Σ c_g·x_i that the capacity search prices with its multiplier μ and the
 * cost-aware greedy ranks by (score / c_g). The budget itself is always checked with the exact cost.
 */
import type * as tf from '@tensorflow/tfjs';
import { layerCosts } from '../model/cost.js';
import type { ChannelGraph, KeepMasks } from './graph.js';
import { prunedCost } from './cost.js';

export const BUDGET_UNITS = ['filters', 'flops', 'params'] as const;
export type BudgetUnit = (typeof BUDGET_UNITS)[number];

export interface CostModel {
  readonly unit: BudgetUnit;
  /** Cost of the unpruned model (filters: all prunable filters). */
  readonly full: number;
  /** Per prunable group: the cost one of its filters adds at the full model. */
  readonly perFilter: ReadonlyMap<string, number>;
  /** Exact cost when each group keeps counts.get(id) channels (absent: all). */
  of(counts: ReadonlyMap<string, number>): number;
}

export function costModel(model: tf.LayersModel, graph: ChannelGraph, unit: BudgetUnit, height: number, width: number): CostModel {
  const groups = graph.groups.filter((g) => g.prunable);
  let of: (counts: ReadonlyMap<string, number>) => number;
  if (unit === 'filters') {
    of = (counts) => groups.reduce((s, g) => s + (counts.get(g.id) ?? g.size), 0);
  } else {
    const unpruned = layerCosts(model, height, width);
    // Which channels are kept does not change the cost, only how many: keep the first counts[g].
    of = (counts) => {
      const keep: KeepMasks = new Map(groups.map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i < (counts.get(g.id) ?? g.size) ? 1 : 0))]));
      const c = prunedCost(model, graph, keep, height, width, unpruned);
      return unit === 'flops' ? c.flops : c.params;
    };
  }
  const full = of(new Map());
  const perFilter = new Map(groups.map((g) => [g.id, full - of(new Map([[g.id, g.size - 1]]))]));
  return { unit, full, perFilter, of };
}
