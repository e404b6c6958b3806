/**
 * L1-QUBO baseline: per group -L̂1 + λ(Σx-k)² solved by single-flip SA, then repaired to exactly k
 * (the classic penalty formulation); k_g from the global L1 ranking or the uniform ratio.
 */
import { l1Qubo } from '../../qubo/formulate.js';
import { repairToK } from '../../qubo/capacity.js';
import { best } from '../../qubo/sampleset.js';
import { indicesOf, quboToJson } from '../../prune/solution.js';
import { l1Importance } from './greedy.js';
import { samplesOf } from './samples.js';
import type { PruningMethod } from './types.js';

export const l1QuboMethod: PruningMethod = {
  name: 'l1-qubo', summary: 'L1 QUBO with a quadratic cardinality penalty, single-flip SA, repaired to k (baseline)', qubo: true,
  async solve({ scores, greedyKeep, solver, reads, sweeps, seed, keepSamples }) {
    const groups = scores.groups;
    const ks = greedyKeep(l1Importance, true);
    const kOf = groups.map((g) => indicesOf(ks.get(g.id)!).length);
    const qs = groups.map((g, i) => l1Qubo(g, kOf[i]));
    const sets = await solver.solveAll(groups.map((g, i) => ({ id: g.id, qubo: qs[i], sampler: 'flip' as const, params: { reads, sweeps, seed: seed + i } })));
    return {
      groups: groups.map((g, i) => {
        const k = kOf[i], q = qs[i];
        const x = repairToK(q, best(sets[i]).x, k); // the penalty does not guarantee k: move to exactly k
        return { id: g.id, size: g.size, k, keep: indicesOf(x), energy: q.energy(x), qubo: quboToJson(q), samples: samplesOf(sets[i], q, keepSamples).filter((s) => s.keep.length === k) };
      }),
    };
  },
};
