/**
 * QUBO formulations of one channel group from its scores (x_i = 1 keeps channel i).
 *
 * Hybrid: the estimated loss increase of removing the channels with x_i = 0, to second order in the
 *   per-sample gate gradients g_n (src/score/calibration.ts), plus optional extra terms:
 *     E(x) = s·[ Σ_{i,j} F_ij (1-x_i)(1-x_j) + τ Σ_i T_i (1-x_i) ] + ρ·γ Σ_{i≠j} (S_ij - S̄) x_i x_j
 *   F = (1/2N) Σ_n g_n g_nᵀ, the group's Fisher matrix: its diagonal is the Fisher relevance of each
 *   channel, its off-diagonal the gradient-weighted similarity of two channels (how their removals
 *   add up: positive when the two carry the same signal, so removing both costs more than the sum).
 *   Expanded for x: lin_i = -s(F_ii + 2Σ_{j≠i} F_ij + τT_i), W_ij = 2s·F_ij (W holds each pair once
 *   per order, see problem.ts: E = lin·x + Σ_{i<j} W_ij x_i x_j, so W_ij = 2F_ij).
 *   T is the Taylor score; S the |cosine| activation similarity, S̄ its mean (centred, so the term
 *   ranks pairs inside a group without moving filters between groups), γ = median(F_ii)/(n/2·S̄).
 *   s is one scale for the whole network (default 1 / largest Fisher score): F is in loss units, so
 *   groups compare directly and the shared capacity multiplier stays fair.
 *   Defaults τ = 0 and ρ = 0 are measured, not assumed: on DnCNN-S (64 train400 patches, 8 validation
 *   crops, no fine-tuning; global and per layer at 36% and 50%) adding Taylor (τ=1, |T|) cost 0.04-2.0 dB,
 *   and the activation-similarity term at ρ = 0.1 cost 0.45-1.0 dB in three of the four settings (+0.07
 *   in the fourth), while the Fisher cross terms gained 0.7-2.9 dB over
 *   greedy Fisher (scratch study, see the issue notes). Score files without the Fisher matrix fall back
 *   to its diagonal (then the hybrid is greedy Fisher in QUBO form).
 * L1-QUBO (baseline): E(x) = -Σ_i L̂1_i x_i + λ(Σx - k)², L̂1 = L1 / max L1, λ defaults to 1 (the
 *   largest linear magnitude), the classic penalty formulation.
 */
import { QpruneError } from '../errors.js';
import type { GroupScore } from '../score/scores.js';
import { Qubo, withCardinalityPenalty } from './problem.js';
import { ledoitWolfIntensity, shrinkTarget, type ShrinkTarget } from './shrinkage.js';

function byMax(v: Float64Array): Float64Array {
  const m = Math.max(...v);
  return m > 0 ? v.map((x) => x / m) : new Float64Array(v.length);
}

export interface HybridParams {
  /** Weight of the Taylor term (default 0). */
  taylor?: number;
  /** Weight of the activation-similarity redundancy term (default 0). */
  similarity?: number;
  /** Network-wide scale s (default: 1 / the group's largest Fisher score; solve.ts passes one for all groups). */
  scale?: number;
  /**
   * Diagonal scale of the second-order term, 0..1 (default 0): d_i = (1−w)·√F_ii + w·T_i/√2 (both loss
   * units: rms and mean |g_n,i|, over √2), and the matrix becomes ρ_ij·d_i·d_j, ρ the Fisher matrix's
   * correlations. At 0 it is the Fisher matrix; at 1 each filter's own cost is its per-sample Taylor
   * score (robust to a few large-gradient samples, which dominate a mean of squares) while the cross
   * terms keep how the removals' gradients correlate.
   */
  taylorScale?: number;
  /**
   * Shrinkage of the off-diagonal second-order terms toward the diagonal, 0..1 (default 0): F_ij·(1−λ)
   * for i ≠ j. The cross terms are estimated from the calibration samples (N of them for C(C−1)/2
   * pairs), so they are the noisiest part; λ = 1 leaves the diagonal alone, i.e. the greedy Fisher
   * (or, with taylorScale 1, Taylor) ranking under the same capacity search.
   */
  shrinkage?: number;
  /** Choose each group's shrinkage by Ledoit–Wolf from the calibration's variances (replaces `shrinkage`; ./shrinkage.ts). */
  ledoitWolf?: boolean;
  /** What the cross terms shrink toward (default `diagonal`; ./shrinkage.ts). */
  shrinkTarget?: ShrinkTarget;
}

/** The shrinkage a group's cross terms get: fixed, or Ledoit–Wolf's choice for the group. */
export function groupShrinkage(g: GroupScore, p: Pick<HybridParams, 'shrinkage' | 'ledoitWolf' | 'shrinkTarget'>): number {
  return p.ledoitWolf ? ledoitWolfIntensity(g, p.shrinkTarget ?? 'diagonal') : p.shrinkage ?? 0;
}

/**
 * The group's second-order matrix (size x size): the Fisher matrix, its cross terms shrunk by `shrinkage`
 * toward `target`, rescaled on its diagonal by taylorScale.
 */
export function secondOrderMatrix(g: GroupScore, taylorScale = 0, shrinkage = 0, target: ShrinkTarget = 'diagonal'): (i: number, j: number) => number {
  const n = g.size, F = g.fisherMatrix, keepCross = 1 - shrinkage;
  const T = shrinkage > 0 ? shrinkTarget(g, target) : () => 0;
  const f = (i: number, j: number) => (F ? (i === j ? F[i * n + j] : keepCross * F[i * n + j] + shrinkage * T(i, j)) : i === j ? g.fisher[i] : 0);
  if (!taylorScale) return f;
  const d = Float64Array.from({ length: n }, (_, i) => (1 - taylorScale) * Math.sqrt(Math.max(0, f(i, i))) + (taylorScale * g.taylor[i]) / Math.SQRT2);
  return (i, j) => {
    if (i === j) return d[i] * d[i];
    const den = Math.sqrt(f(i, i) * f(j, j));
    return den > 0 ? (f(i, j) / den) * d[i] * d[j] : 0;
  };
}

function median(v: ArrayLike<number>): number {
  const s = Array.from(v).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

export function hybridQubo(g: GroupScore, p: HybridParams = {}, k: number | null = null): Qubo {
  const n = g.size;
  const tau = p.taylor ?? 0, rho = p.similarity ?? 0, w = p.taylorScale ?? 0, lambda = groupShrinkage(g, p);
  if (!(lambda >= 0 && lambda <= 1)) throw new QpruneError('hybrid QUBO: shrinkage must be in 0..1');
  const f = secondOrderMatrix(g, w, lambda, p.shrinkTarget);
  const scale = p.scale ?? 1 / (Math.max(...Array.from({ length: n }, (_, i) => f(i, i))) || 1);
  if (![tau, rho, scale].every((v) => Number.isFinite(v) && v >= 0) || !(w >= 0 && w <= 1)) throw new QpruneError('hybrid QUBO: taylor, similarity and scale weights must be finite and >= 0, taylorScale in 0..1');
  let meanS = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) meanS += g.similarity[i * n + j];
  meanS = n > 1 ? meanS / (n * (n - 1)) : 0;
  const gamma = rho > 0 && meanS > 0 ? (rho * median(Array.from({ length: n }, (_, i) => f(i, i))) * scale) / ((n / 2) * meanS) : 0;
  const q = removalCostQubo(n, f, scale, k, (i) => tau * g.taylor[i]);
  // The redundancy term rewards keeping dissimilar pairs (it sits on kept pairs, not on removals).
  if (gamma) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i) q.W[i * n + j] += gamma * (g.similarity[i * n + j] - meanS);
  return q;
}

/**
 * The QUBO of a removal cost E = s·[(1−x)ᵀM(1−x) + Σ_i u_i(1−x_i)] (M symmetric, u an optional unary
 * cost): lin_i = −s(M_ii + 2Σ_{j≠i} M_ij + u_i) and W_ij = 2s·M_ij, up to a constant.
 */
export function removalCostQubo(n: number, M: (i: number, j: number) => number, scale: number, k: number | null = null, unary?: (i: number) => number): Qubo {
  if (!(Number.isFinite(scale) && scale >= 0)) throw new QpruneError('removal-cost QUBO: the scale must be finite and >= 0');
  const lin = new Float64Array(n), W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) if (j !== i) { rowSum += M(i, j); W[i * n + j] = 2 * scale * M(i, j); }
    lin[i] = -scale * (M(i, i) + 2 * rowSum + (unary ? unary(i) : 0));
  }
  return new Qubo(n, lin, W, k);
}

export function l1Qubo(g: GroupScore, k: number, lambda = 1): Qubo {
  const n = g.size;
  const l1 = byMax(g.l1);
  // A dead channel (no activation on the calibration data) contributes nothing, whatever its weights.
  for (const d of g.dead) l1[d] = 0;
  const base = new Qubo(n, l1.map((v) => -v), new Float64Array(n * n), null);
  return withCardinalityPenalty(base, k, lambda);
}
