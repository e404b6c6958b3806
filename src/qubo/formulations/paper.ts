/**
 * `hybrid-paper`: the formulation of arXiv 2604.05856's abstract. Relevance (first-order Taylor +
 * Fisher) in the linear term, activation redundancy in the quadratic term:
 *   E(x) = -Σ_i (α·T̃_i + β·F̃_i)·x_i + γ_g·Σ_{i<j} R_ij·x_i·x_j
 * Units: T (loss units) and F (squared loss units) cannot be added as they are, so each is divided by
 * its network-wide median over the filters with a positive score: T̃ and F̃ are unit-free and keep
 * their ratios across layers (a per-layer normalisation would make every layer equally important,
 * which a global budget cannot use). R_ij = |Pearson| correlation of the two channels' activations
 * (centred: raw cosine of post-ReLU maps is dominated by their means); a dead channel (no activation
 * on the calibration data) is fully redundant, R = 1 with every channel, so it is removed first.
 * γ_g = γ·median(relevance) / ((n_g/2)·mean_{i≠j} R_ij) per group: at γ = 1, keeping a filter of
 * average redundancy beside half of its group costs as much as a filter of median relevance brings.
 * Defaults α = 1, β = 0, γ = 0.2: chosen on the selection splits of DnCNN-S (Kodak24) and CDnCNN-B
 * (McMaster) with linear compensation, where γ = 0.2 raised the val PSNR over γ = 0 (greedy Taylor)
 * at 36% and 50% per layer on both and β = 1 lowered it on DnCNN-S (README, Formulation). Without
 * compensation the redundancy term only lowered the val PSNR: a removed channel's twin stands in for
 * it only when its removal is compensated.
 */
import { Qubo } from '../problem.js';
import type { GroupScore } from '../../score/scores.js';
import type { Formulation } from './types.js';

function medianPositive(values: number[]): number {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : 1;
}

/** R_ij for a group: |Pearson| (|cosine| for score files without it), dead channels fully redundant. */
export function redundancy(g: GroupScore): Float32Array {
  const n = g.size, src = g.pearson ?? g.similarity, dead = new Set(g.dead);
  const R = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) R[i * n + j] = i === j ? 0 : dead.has(i) || dead.has(j) ? 1 : src[i * n + j];
  return R;
}

export const paper: Formulation = {
  name: 'hybrid-paper', summary: "the paper's hybrid: -(α·Taylor + β·Fisher)·x relevance, γ·|Pearson| activation redundancy between kept filters",
  parameters: {
    alpha: { type: 'number', doc: 'weight of the Taylor relevance (unit-free)', default: 1, min: 0 },
    beta: { type: 'number', doc: 'weight of the Fisher relevance (unit-free)', default: 0, min: 0 },
    gamma: { type: 'number', doc: 'weight of the redundancy term (1 = the stated scale)', default: 0.2, min: 0 },
  },
  // Taylor only, Fisher only, both; with no redundancy and four small weights of it (γ = 2 only ever
  // destroyed the model on the selection splits measured: README, Formulation).
  tuneGrid: [[1, 0], [0, 1], [1, 1]].flatMap(([alpha, beta]) => [0, 0.1, 0.2, 0.3, 0.5].map((gamma) => ({ alpha, beta, gamma }))),
  build(groups, w) {
    const medT = medianPositive(groups.flatMap((g) => [...g.taylor])), medF = medianPositive(groups.flatMap((g) => [...g.fisher]));
    const rel = groups.map((g) => Float64Array.from({ length: g.size }, (_, i) => w.alpha * g.taylor[i] / medT + w.beta * g.fisher[i] / medF));
    const medRel = medianPositive(rel.flatMap((r) => [...r]));
    return groups.map((g, gi) => {
      const n = g.size, R = redundancy(g);
      let meanR = 0;
      for (let k = 0; k < R.length; k++) meanR += R[k];
      meanR = n > 1 ? meanR / (n * (n - 1)) : 0;
      const gamma = meanR > 0 ? (w.gamma * medRel) / ((n / 2) * meanR) : 0;
      const W = Float64Array.from(R, (r) => gamma * r);
      return new Qubo(n, rel[gi].map((r) => -r), W, null);
    });
  },
};
