/**
 * QUBO formulations of one channel group from its scores (x_i = 1 keeps channel i).
 *
 * Hybrid: E(x) = Σ_i -(α·T̂_i + β·F̂_i) x_i + γ Σ_{i<j} S_ij x_i x_j
 *   T̂, F̂: Taylor and Fisher scores divided by their group maximum, so relevance is in [0, 1] in every
 *   group (a shared capacity multiplier then compares groups fairly). S: |cosine| activation
 *   similarity in [0, 1]: keeping two redundant channels costs γ·S_ij. γ defaults to 1/size: the
 *   redundancy a channel can accrue against all others is then at most ~1, the scale of its relevance.
 *   No cardinality penalty: the exact count comes from the samplers (swap moves / capacity search).
 * L1-QUBO (baseline): E(x) = -Σ_i L̂1_i x_i + λ(Σx - k)², L̂1 = L1 / max L1, λ defaults to 1 (the
 *   largest linear magnitude), the classic penalty formulation.
 */
import { QpruneError } from '../errors.js';
import type { GroupScore } from '../score/scores.js';
import { Qubo, withCardinalityPenalty } from './problem.js';

function byMax(v: Float64Array): Float64Array {
  const m = Math.max(...v);
  return m > 0 ? v.map((x) => x / m) : new Float64Array(v.length);
}

export interface HybridParams {
  alpha?: number;
  beta?: number;
  gamma?: number;
}

export function hybridQubo(g: GroupScore, p: HybridParams = {}, k: number | null = null): Qubo {
  const n = g.size;
  const alpha = p.alpha ?? 0.5, beta = p.beta ?? 0.5, gamma = p.gamma ?? 1 / n;
  if (![alpha, beta, gamma].every((v) => Number.isFinite(v) && v >= 0)) throw new QpruneError('hybrid QUBO: α, β, γ must be finite and >= 0');
  const t = byMax(g.taylor), f = byMax(g.fisher);
  const lin = Float64Array.from({ length: n }, (_, i) => -(alpha * t[i] + beta * f[i]));
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) W[i * n + j] = gamma * g.similarity[i * n + j];
  return new Qubo(n, lin, W, k);
}

export function l1Qubo(g: GroupScore, k: number, lambda = 1): Qubo {
  const n = g.size;
  const l1 = byMax(g.l1);
  const base = new Qubo(n, l1.map((v) => -v), new Float64Array(n * n), null);
  return withCardinalityPenalty(base, k, lambda);
}
