/**
 * `hybrid` (ours): the second-order estimate of the loss increase of the removed set with the Fisher
 * matrix, E = s·(1-x)ᵀF(1-x), optional Taylor and activation-similarity terms; one scale s for the
 * whole network (1 / the largest Fisher score), so energies stay in loss units. See ../formulate.ts.
 */
import { hybridQubo, secondOrderMatrix } from '../formulate.js';
import type { Formulation } from './types.js';
import type { GroupScore } from '../../score/scores.js';
import { SHRINK_TARGETS } from '../shrinkage.js';

export const secondOrder: Formulation = {
  name: 'hybrid', summary: 'second-order loss estimate with the Fisher matrix (relevance on the diagonal, gradient-weighted redundancy off it)',
  parameters: {
    taylor: { type: 'number', doc: 'weight of the Taylor term (loss units; 0 = off)', default: 0, min: 0 },
    similarity: { type: 'number', doc: 'weight of the centred |cosine| activation-similarity term (0 = off)', default: 0, min: 0 },
    taylorScale: { type: 'number', doc: "diagonal of the second-order term: 0 = Fisher (rms of g), 1 = per-sample Taylor (mean |g|), the Fisher matrix's correlations kept", default: 0, min: 0, max: 1 },
    shrinkage: { type: 'number', doc: 'shrink the off-diagonal second-order terms toward the target by this fraction (diagonal target: 1 = greedy Fisher/Taylor ranking)', default: 0, min: 0, max: 1 },
    ledoitWolf: { type: 'int', doc: "1 = choose each group's shrinkage by Ledoit–Wolf from the calibration's variances of the cross terms (replaces shrinkage)", default: 0, min: 0, max: 1 },
    shrinkTarget: { type: 'int', doc: 'target of the shrinkage: 0 = diagonal (uncorrelated removals), 1 = √(F_ii F_jj)·|Pearson| of the activations, 2 = √(F_ii F_jj)·the group\'s mean Fisher correlation (constant correlation)', default: 0, min: 0, max: 2 },
  },
  // Fisher or Taylor diagonal, each alone and with a small and a moderate activation-similarity term.
  tuneGrid: [0, 1].flatMap((taylorScale) => [0, 0.1, 0.5].map((similarity) => ({ taylor: 0, similarity, taylorScale }))),
  build(groups, w) {
    const scale = secondOrderScale(groups, w);
    const shrink = { shrinkage: w.shrinkage, ledoitWolf: w.ledoitWolf === 1, shrinkTarget: SHRINK_TARGETS[w.shrinkTarget ?? 0] };
    return groups.map((g) => hybridQubo(g, { scale, taylor: w.taylor, similarity: w.similarity, taylorScale: w.taylorScale, ...shrink }));
  },
};

/** One scale for the network: 1 / the largest diagonal entry of any group's second-order matrix. */
export function secondOrderScale(groups: GroupScore[], w: { taylorScale?: number } = {}): number {
  const diag = groups.map((g) => {
    if (!w.taylorScale) return Math.max(...g.fisher);
    const f = secondOrderMatrix(g, w.taylorScale);
    return Math.max(...Array.from({ length: g.size }, (_, i) => f(i, i)));
  });
  return 1 / (Math.max(...diag) || 1);
}
