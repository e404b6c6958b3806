/**
 * Greedy baselines: rank filters by an importance and keep the top ones (network-wide under a global
 * budget, top k_g per group under the per-layer ratio). Taylor and Fisher rank in loss units as they
 * are; L1 is divided by its group maximum (weight norms do not compare across layers).
 */
import { indicesOf } from '../../prune/solution.js';
import type { Importance, PruningMethod } from './types.js';

export function greedyMethod(name: string, summary: string, importance: Importance, normalizePerGroup: boolean): PruningMethod {
  return {
    name, summary, qubo: false,
    async solve(input) {
      const keep = input.greedyKeep(importance, normalizePerGroup);
      return { groups: input.scores.groups.map((g) => { const k = indicesOf(keep.get(g.id)!); return { id: g.id, size: g.size, k: k.length, keep: k }; }) };
    },
  };
}

export const l1Importance: Importance = (g) => g.l1;

export const l1 = greedyMethod('l1', 'greedy L1 norm of the filters (divided by the group maximum)', l1Importance, true);
export const taylor = greedyMethod('taylor', 'greedy first-order Taylor score, loss units', (g) => g.taylor, false);
export const fisher = greedyMethod('fisher', 'greedy Fisher score (diagonal), loss units', (g) => g.fisher, false);
