/**
 * `hybrid` (ours): the second-order estimate of the loss increase of the removed set with the Fisher
 * matrix, E = s·(1-x)ᵀF(1-x), optional Taylor and activation-similarity terms; one scale s for the
 * whole network (1 / the largest Fisher score), so energies stay in loss units. See ../formulate.ts.
 */
import { hybridQubo } from '../formulate.js';
import type { Formulation } from './types.js';

export const secondOrder: Formulation = {
  name: 'hybrid', summary: 'second-order loss estimate with the Fisher matrix (relevance on the diagonal, gradient-weighted redundancy off it)',
  parameters: {
    taylor: { type: 'number', doc: 'weight of the Taylor term (loss units; 0 = off)', default: 0, min: 0 },
    similarity: { type: 'number', doc: 'weight of the centred |cosine| activation-similarity term (0 = off)', default: 0, min: 0 },
  },
  // The Fisher matrix alone, and with a small and a moderate activation-similarity term.
  tuneGrid: [0, 0.1, 0.5].map((similarity) => ({ taylor: 0, similarity })),
  build(groups, w) {
    const scale = 1 / (Math.max(...groups.map((g) => Math.max(...g.fisher))) || 1);
    return groups.map((g) => hybridQubo(g, { scale, taylor: w.taylor, similarity: w.similarity }));
  },
};
