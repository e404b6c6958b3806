/**
 * Shrinkage of a group's Fisher-matrix cross terms toward a structured target, with the intensity chosen
 * from the calibration data (Ledoit–Wolf): F_λ = (1 − λ)·F̂ + λ·T off the diagonal, the diagonal kept.
 *
 * The cross terms F̂_ij = (1/N) Σ_n ½ g_n,i g_n,j are means over N calibration samples, and a group has
 * n(n−1)/2 of them: most of their spread can be sampling noise. Ledoit and Wolf's risk-minimising intensity
 * for a target T treated as fixed is
 *     λ* = Σ_{i≠j} Var(F̂_ij) / Σ_{i≠j} (F̂_ij − T_ij)²,  clipped to [0, 1],
 * the noise in the cross terms against their distance from the target: a group whose cross terms are
 * mostly noise is pulled to the target, one whose cross terms stand far above their noise keeps them.
 * Var(F̂_ij) comes from the calibration's Σ_n (g_n,i g_n,j)² (scores' `fisherVariance`).
 *
 * Targets (unit: loss², as F):
 *  - `diagonal`: T_ij = 0, the removals' first-order changes taken as uncorrelated (λ = 1 is greedy Fisher);
 *  - `constant`: T_ij = ρ̄·√(F_ii F_jj), ρ̄ the group's mean Fisher correlation (Ledoit and Wolf's
 *    constant-correlation target): it keeps the level of the cross terms and shrinks only their scatter.
 *    Why it exists: the cost of removing many filters is dominated by the sum of their cross terms, and
 *    that sum is well estimated even where single terms are noise, so pulling the terms toward 0 biases
 *    every large removal downward (measured: the diagonal target lost 0.1–0.9 dB on DnCNN-S);
 *  - `activation`: T_ij = √(F_ii F_jj)·R_ij, R the |Pearson| correlation of the two channels' activations
 *    (scores' `pearson`; |cosine| in older files): the issue's D^½ R D^½, the gradient correlation
 *    replaced by the activations' redundancy, which is estimated from every position, not one number per sample.
 * T is itself estimated (the activation target from the same data); like the diagonal target of the
 * original estimator its own noise is ignored, so λ* is slightly large where T is noisy.
 */
import { QpruneError } from '../errors.js';
import type { GroupScore } from '../score/scores.js';

export const SHRINK_TARGETS = ['diagonal', 'activation', 'constant'] as const;
export type ShrinkTarget = (typeof SHRINK_TARGETS)[number];

/** T_ij for i ≠ j (loss²), given the group's Fisher diagonal. */
export function shrinkTarget(g: GroupScore, target: ShrinkTarget): (i: number, j: number) => number {
  if (target === 'diagonal') return () => 0;
  const n = g.size, R = g.pearson ?? g.similarity, F = g.fisherMatrix;
  const diag = Float64Array.from({ length: n }, (_, i) => Math.max(0, F ? F[i * n + i] : g.fisher[i]));
  if (target === 'activation') return (i, j) => Math.sqrt(diag[i] * diag[j]) * R[i * n + j];
  // The mean correlation over the pairs of live channels (a dead one has no gradient: F_ii = 0).
  let sum = 0, pairs = 0;
  if (F) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && diag[i] > 0 && diag[j] > 0) { sum += F[i * n + j] / Math.sqrt(diag[i] * diag[j]); pairs++; }
  const mean = pairs ? sum / pairs : 0;
  return (i, j) => mean * Math.sqrt(diag[i] * diag[j]);
}

/**
 * The Ledoit–Wolf intensity λ* ∈ [0, 1] of one group toward `target`. Needs the Fisher matrix and its
 * sampling variances (scores written by a scorer that records them); a group of one filter has no cross
 * terms (λ = 0).
 */
export function ledoitWolfIntensity(g: GroupScore, target: ShrinkTarget): number {
  const n = g.size, F = g.fisherMatrix, V = g.fisherVariance;
  if (!F || !V) throw new QpruneError(`Ledoit–Wolf shrinkage needs the Fisher matrix and its sampling variances in the scores (group '${g.id}' has ${F ? 'no variances' : 'neither'}: score the model again)`);
  const T = shrinkTarget(g, target);
  let noise = 0, distance = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      noise += V[i * n + j];
      distance += (F[i * n + j] - T(i, j)) ** 2;
    }
  }
  if (noise <= 0) return 0;
  return distance > 0 ? Math.min(1, noise / distance) : 1;
}
