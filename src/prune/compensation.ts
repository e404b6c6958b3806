/**
 * Compensating removed channels without retraining. A consumer (conv, transposed conv, dense) is linear
 * in its input, so a removed input channel r can be replaced by an estimate from what the calibration
 * data says about it, folded into the consumer's weights:
 *  - 'mean':   a_r ≈ μ_r. Through the consumer a constant is a constant: b_o += μ_r · Σ_taps W[taps, r, o].
 *  - 'linear': a_r ≈ μ_r + Σ_j β_rj (a_j − μ_j) over the kept inputs j, β = Σ_RK (Σ_KK + λI)⁻¹ (least
 *              squares on the calibration covariance, ridge λ = 1e-3 · mean kept variance, raised ×10
 *              while the factorisation fails). Per tap,
 *              W[taps, j, o] += Σ_r W[taps, r, o] β_rj and the constant goes to the bias as above.
 *  - 'none':   a removed channel is zero (what the masked model computes: prune == mask).
 * Exact where the kernel lies inside the image (zero padding sees less of the constant at the border);
 * a strided transposed conv spreads Σ W over stride² output phases, so its constant is the phase
 * average. Without it, a network without BatchNorm loses every removed channel's mean and the error
 * compounds down the chain. Depthwise layers and Dense after Flatten are left as they are.
 */
import type * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import type { Kept, Weight } from './weights.js';

export const COMPENSATIONS = ['none', 'mean', 'linear'] as const;
export type Compensation = (typeof COMPENSATIONS)[number];
/** A compensation that does something ('none' is the absence of a CompensationSpec). */
export type ActiveCompensation = Exclude<Compensation, 'none'>;

/** Statistics of one consumer's input channels over the calibration data. */
export interface InputStats {
  mean: Float64Array;
  /** Covariance, channels x channels row-major ('linear' needs it). */
  covariance?: Float64Array;
}

/** How removed channels are compensated, with the input statistics by consumer layer name. */
export interface CompensationSpec {
  mode: ActiveCompensation;
  inputs: ReadonlyMap<string, InputStats>;
}

/** Lower Cholesky factor of a symmetric positive definite n x n matrix; undefined if it is not. */
function cholesky(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      if (i === j && !(s > 0)) return undefined;
      l[i * n + j] = i === j ? Math.sqrt(s) : s / l[j * n + j];
    }
  }
  return l;
}

/**
 * The estimate of each removed channel from the kept ones: a_r ≈ c_r + Σ_j S[r][j] a_kept[j]
 * (S empty for 'mean').
 */
export function substitution(stats: InputStats, kept: number[], removed: number[], mode: ActiveCompensation): { S: Float64Array[]; c: Float64Array } {
  const { mean, covariance } = stats;
  const c = Float64Array.from(removed, (r) => mean[r]);
  if (mode !== 'linear' || kept.length === 0) return { S: [], c };
  if (!covariance) throw new QpruneError('linear compensation needs the input covariances (re-score: the scores predate them)');
  const n = mean.length, m = kept.length;
  const cov = (i: number, j: number) => covariance[i * n + j];
  const kk = new Float64Array(m * m);
  let trace = 0;
  for (let a = 0; a < m; a++) trace += cov(kept[a], kept[a]);
  // Rounding can leave a rank-deficient covariance (e.g. after a first layer of 3·9 inputs) slightly
  // indefinite: the ridge grows until the factor exists.
  let l: Float64Array | undefined;
  for (let ridge = 1e-3 * Math.max(trace / m, 1e-12), tries = 0; !l && tries < 4; ridge *= 10, tries++) {
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) kk[a * m + b] = cov(kept[a], kept[b]) + (a === b ? ridge : 0);
    l = cholesky(kk, m);
  }
  if (!l) throw new QpruneError('linear compensation: the kept channels\' covariance is not positive definite');
  const S = removed.map((r, ri) => {
    // Solve (L Lᵀ) β = Σ_K r.
    const y = Float64Array.from(kept, (j) => cov(j, r));
    for (let i = 0; i < m; i++) {
      let s = y[i];
      for (let k = 0; k < i; k++) s -= l[i * m + k] * y[k];
      y[i] = s / l[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < m; k++) s -= l[k * m + i] * y[k];
      y[i] = s / l[i * m + i];
    }
    let shift = 0;
    for (let a = 0; a < m; a++) shift += y[a] * mean[kept[a]];
    c[ri] -= shift;
    return y;
  });
  return { S, c };
}

/** Layer types whose removed inputs compensate() folds in (depthwise layers are left as they are). */
export const COMPENSATED_LAYERS: readonly string[] = ['Conv2D', 'Conv2DTranspose', 'Dense', 'SeparableConv2D'];

const copy = (w: Weight): Weight => ({ data: w.data.slice(), shape: w.shape.slice(), size: w.size });

/** A consumer's kernel as W[taps, in, out] with strides (tap, in, out); a strided transposed conv spreads its taps over `phases` output phases. */
export interface KernelView {
  taps: number;
  cin: number;
  cout: number;
  at: (t: number, i: number, o: number) => number;
  phases: number;
}

/** The [taps, in, out] view of a Conv2D, Conv2DTranspose or Dense kernel; undefined for other layer types. */
export function kernelView(layer: tf.layers.Layer, kernel: Weight): KernelView | undefined {
  const cls = layer.getClassName();
  if (cls === 'Conv2D') {
    const [kh, kw, ci, co] = kernel.shape;
    return { taps: kh * kw, cin: ci, cout: co, at: (t, i, o) => (t * ci + i) * co + o, phases: 1 };
  }
  if (cls === 'Conv2DTranspose') { // [kh, kw, out, in]
    const [kh, kw, co, ci] = kernel.shape;
    const strides = (layer.getConfig() as { strides?: number[] }).strides ?? [1, 1];
    return { taps: kh * kw, cin: ci, cout: co, at: (t, i, o) => (t * co + o) * ci + i, phases: strides[0] * strides[1] };
  }
  if (cls === 'Dense') {
    const [ci, co] = kernel.shape;
    return { taps: 1, cin: ci, cout: co, at: (_t, i, o) => i * co + o, phases: 1 };
  }
  return undefined;
}

/**
 * The consumer's weights (full size, before slicing) with its removed inputs folded into the kept
 * ones and the bias (added when the layer has none). Unchanged when nothing is removed.
 */
export function compensate(layer: tf.layers.Layer, weights: Map<string, Weight>, k: Kept, stats: InputStats, mode: ActiveCompensation): Map<string, Weight> {
  if (k.rows) return weights;
  const cls = layer.getClassName();
  if (!COMPENSATED_LAYERS.includes(cls)) return weights;
  const cin = stats.mean.length;
  const keptSet = new Set(k.in);
  const removed: number[] = [];
  for (let i = 0; i < cin; i++) if (!keptSet.has(i)) removed.push(i);
  if (removed.length === 0) return weights;
  const out = new Map(weights);
  const kernelOf = (name: string) => {
    const w = weights.get(name);
    if (!w) throw new QpruneError(`layer '${layer.name}' has no ${name} to compensate`);
    return w;
  };
  if (cls === 'SeparableConv2D') {
    // SeparableConv2D: the mean through depthwise then pointwise; no linear substitution (the depthwise
    // filters differ per channel, so kept channels cannot stand in for a removed one).
    const dw = kernelOf('depthwise_kernel'), pw = kernelOf('pointwise_kernel');
    const [kh, kw, ci, m] = dw.shape;
    const co = pw.shape[3];
    const eff = new Float64Array(ci * co);
    for (const i of removed) for (let j = 0; j < m; j++) {
      let taps = 0;
      for (let t = 0; t < kh * kw; t++) taps += dw.data[(t * ci + i) * m + j];
      for (let o = 0; o < co; o++) eff[i * co + o] += taps * pw.data[(i * m + j) * co + o];
    }
    addBias(out, co, (o) => removed.reduce((s, r) => s + stats.mean[r] * eff[r * co + o], 0));
    return out;
  }
  // W viewed as [taps, in, out]: the one loop below serves every other layer type (COMPENSATED_LAYERS).
  const kernel = kernelOf('kernel');
  const view = kernelView(layer, kernel)!;
  if (view.cin !== cin) throw new QpruneError(`input statistics of '${layer.name}' have ${cin} channels, the layer ${view.cin}`);
  const { S, c } = substitution(stats, k.in, removed, mode);
  const w = copy(kernel);
  const src = kernel.data;
  const { taps, cout, at } = view;
  if (S.length) {
    for (let ri = 0; ri < removed.length; ri++) {
      const r = removed[ri], beta = S[ri];
      for (let a = 0; a < k.in.length; a++) {
        const j = k.in[a], b = beta[a];
        if (b === 0) continue;
        for (let t = 0; t < taps; t++) for (let o = 0; o < cout; o++) w.data[at(t, j, o)] += b * src[at(t, r, o)];
      }
    }
    out.set('kernel', w);
  }
  addBias(out, cout, (o) => {
    let s = 0;
    for (let ri = 0; ri < removed.length; ri++) for (let t = 0; t < taps; t++) s += c[ri] * src[at(t, removed[ri], o)];
    return s / view.phases;
  });
  return out;
}

function addBias(weights: Map<string, Weight>, cout: number, shift: (o: number) => number): void {
  const b = weights.get('bias');
  const data = Float32Array.from({ length: cout }, (_, o) => (b ? b.data[o] : 0) + shift(o));
  weights.set('bias', { data, shape: [cout], size: cout });
}

/** What compensationOf reads of a ScoreResult (structural: the score module imports this one). */
export interface CalibrationStats {
  inputStats?: ReadonlyMap<string, InputStats>;
  meta: { data?: string };
}

/** The compensation spec for a mode, from the scores' input statistics (which old score files lack). */
export function compensationOf(scores: CalibrationStats, mode: Compensation): CompensationSpec | undefined {
  if (mode === 'none') return undefined;
  const inputs = scores.inputStats;
  if (!inputs?.size || (mode === 'linear' && [...inputs.values()].some((s) => !s.covariance))) {
    throw new QpruneError(`compensate ${mode} needs the input statistics of the calibration pass, which these scores (${scores.meta.data ?? 'from the run state'}) predate: score again (a new run, or remove its run state)`);
  }
  return { mode, inputs };
}
