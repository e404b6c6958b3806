/**
 * `reconstruction`: the removed set's cost as the energy it takes out of the next layers' outputs
 * (ThiNet/NISP-style, issue #15's third option): E = s·(1−x)ᵀM(1−x) with
 *   M_g = (1−μ)·c_g·R_g + μ·F_g,   c_g = Σ_i F_ii / Σ_i R_ii.
 * R_g (score/reconstruction.ts) is the expected squared change of the consumers' pre-activations when
 * the channels with x_i = 0 are replaced by their means: C_ij·⟨W_next[·,i,·], W_next[·,j,·]⟩. Its unit
 * (a layer's output²) differs from layer to layer, so c_g converts it to loss units by matching the
 * group's total Fisher relevance (F, the mean-replacement Fisher matrix of the same calibration): the
 * Fisher scores set how much a group matters, R how its channels share the work. μ mixes in the Fisher
 * matrix itself (μ = 1: `hybrid`). A group without R (a consumer type score/reconstruction.ts does not
 * handle) uses F. s = 1 / the largest diagonal entry over the network, as in `hybrid`. A dead channel
 * has C_ii = F_ii = 0: removing it costs nothing, so it goes first.
 */
import { QpruneError } from '../../errors.js';
import type { GroupScore } from '../../score/scores.js';
import { removalCostQubo, secondOrderMatrix } from '../formulate.js';
import type { Formulation } from './types.js';

/** M_g as a function of (i, j), in loss units. */
export function reconstructionMatrix(g: GroupScore, fisherMix: number): (i: number, j: number) => number {
  const n = g.size, R = g.reconstruction;
  const fisher = secondOrderMatrix(g);
  let trR = 0, trF = 0;
  for (let i = 0; i < n; i++) { trR += R ? R[i * n + i] : 0; trF += g.fisher[i]; }
  if (!R || !(trR > 0)) return fisher;
  const c = trF / trR;
  return (i, j) => (1 - fisherMix) * c * R[i * n + j] + fisherMix * fisher(i, j);
}

export const reconstruction: Formulation = {
  name: 'reconstruction', summary: "next-layer reconstruction error of the removed set (covariance x next layer's weight products), per group in loss units by its Fisher total",
  parameters: {
    fisherMix: { type: 'number', doc: 'share of the Fisher matrix mixed into the reconstruction matrix (0 = reconstruction only, 1 = hybrid)', default: 0, min: 0, max: 1 },
  },
  tuneGrid: [0, 0.25, 0.5].map((fisherMix) => ({ fisherMix })),
  build(groups, w) {
    if (!groups.some((g) => g.reconstruction)) throw new QpruneError('the reconstruction formulation needs the scores\' reconstruction matrices: re-score (these scores predate them, or no consumer of any group is a Conv2D, Conv2DTranspose or Dense layer)');
    const M = groups.map((g) => reconstructionMatrix(g, w.fisherMix));
    const diag = groups.map((g, gi) => Math.max(...Array.from({ length: g.size }, (_, i) => M[gi](i, i))));
    const scale = 1 / (Math.max(...diag) || 1);
    return groups.map((g, gi) => removalCostQubo(g.size, M[gi], scale));
  },
};
