/**
 * Channel importance per group, behind one interface. Every measure returns one value per channel of
 * a group (higher = more important), summing over the group's members where a group has several.
 *  - L1 / L2: norms of each producer's output filter (kernel slice and bias), summed over the
 *    group's producers.
 *  - Taylor (first order, per sample, as Molchanov et al. 2019 score a gate): (1/N) Σ_n |g_n|, with
 *    g_n = Σ_positions a·∂L_n/∂a the per-sample gate sum (src/score/calibration.ts): the estimated
 *    |change of L_n| when the channel is removed, in loss units. The signed mean |Σ_n g_n|/N cancels
 *    (on DnCNN its median is 0.09–0.32 of the rms) and dividing by the positions P biased global ranks
 *    toward low-resolution layers, so neither is used.
 *  - Fisher (Theis et al. 2018): (1/2N) Σ_n g_n².
 *  - Fisher matrix (fisherMatrix): (1/2N) Σ_n g_n g_nᵀ per group, whose diagonal is Fisher; removing a
 *    set R of channels changes sample n's loss by ≈ Σ_{i∈R} g_n,i to first order, so the expected
 *    squared change is Σ_{i,j∈R} F_ij: the cross terms say how removals add up.
 * `normalize` divides a group's scores by their L2 norm (so groups of different scale compare).
 */
import { layerKind } from '../model/layer-kinds.js';
import * as tf from '@tensorflow/tfjs';
import { ChannelGraph } from '../prune/graph.js';
import { readWeights } from '../prune/slice.js';
import type { CalibrationStats, GroupStats } from './calibration.js';

export interface Importance {
  readonly name: string;
  /** Scores per prunable group id. */
  scores(): Map<string, Float64Array>;
}

export function normalizeL2(v: Float64Array): Float64Array {
  const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return n > 0 ? v.map((x) => x / n) : v.slice();
}

export class WeightNormImportance implements Importance {
  readonly name: string;
  constructor(private readonly model: tf.LayersModel, private readonly graph: ChannelGraph, private readonly p: 1 | 2) {
    this.name = p === 1 ? 'l1' : 'l2';
  }
  scores(): Map<string, Float64Array> {
    const out = new Map<string, Float64Array>();
    for (const [gi, g] of this.graph.groups.entries()) {
      if (!g.prunable) continue;
      const acc = new Float64Array(g.size);
      for (const producer of g.producers) {
        const layer = this.model.getLayer(producer);
        const info = this.graph.layers.get(producer)!;
        const w = readWeights(layer);
        const kernel = w.get('kernel') ?? w.get('pointwise_kernel')!;
        const outAxis = layerKind(layer.getClassName())?.kernelOutAxis ?? kernel.shape.length - 1;
        const cout = kernel.shape[outAxis];
        const inner = kernel.shape.slice(outAxis + 1).reduce((a, b) => a * b, 1);
        const per = new Float64Array(cout);
        for (let i = 0; i < kernel.data.length; i++) {
          const o = Math.floor(i / inner) % cout;
          const v = Math.abs(kernel.data[i]);
          per[o] += this.p === 1 ? v : v * v;
        }
        const bias = w.get('bias');
        if (bias) for (let o = 0; o < cout; o++) per[o] += this.p === 1 ? Math.abs(bias.data[o]) : bias.data[o] ** 2;
        info.output.forEach((slot, o) => {
          if (this.graph.classGroup[slot] === gi) acc[this.graph.classIndex[slot]] += this.p === 1 ? per[o] : Math.sqrt(per[o]);
        });
      }
      out.set(g.id, acc);
    }
    return out;
  }
}

abstract class GradientImportance implements Importance {
  abstract readonly name: string;
  constructor(protected readonly stats: CalibrationStats) {}
  protected abstract of(g: GroupStats, n: number): Float64Array;
  scores(): Map<string, Float64Array> {
    return new Map(this.stats.groups.map((g) => [g.id, this.of(g, this.stats.samples)]));
  }
}

export class TaylorImportance extends GradientImportance {
  readonly name = 'taylor';
  protected of(g: GroupStats, n: number): Float64Array {
    return g.sumAbsG.map((s) => s / n);
  }
}

export class FisherImportance extends GradientImportance {
  readonly name = 'fisher';
  protected of(g: GroupStats, n: number): Float64Array {
    return g.sumG2.map((s) => s / (2 * n));
  }
}

export function normalized(imp: Importance): Importance {
  return { name: `${imp.name}-normalized`, scores: () => new Map([...imp.scores()].map(([id, v]) => [id, normalizeL2(v)])) };
}

/**
 * Per group: the sampling variance of each Fisher-matrix entry F̂_ij = (1/N) Σ_n h_n, h_n = ½ g_n,i g_n,j:
 * Var(F̂_ij) = (Σ_n h_n² / N − F̂_ij²) / (N − 1) (loss⁴), size x size row-major. What a Ledoit–Wolf
 * choice of shrinkage weighs the cross terms' distance from a target against (src/qubo/shrinkage.ts).
 */
export function fisherMatrixVariance(stats: CalibrationStats): Map<string, Float32Array> {
  const n = stats.samples;
  return new Map(stats.groups.map((g) => [g.id, Float32Array.from(g.sumGG, (s, k) => {
    if (n < 2) return 0;
    const mean = s / (2 * n), meanSq = g.sumGG2[k] / (4 * n);
    return Math.max(0, meanSq - mean * mean) / (n - 1);
  })]));
}

/** Per group: (1/2N) Σ_n g_n g_nᵀ, size x size row-major. */
export function fisherMatrix(stats: CalibrationStats): Map<string, Float32Array> {
  return new Map(stats.groups.map((g) => [g.id, Float32Array.from(g.sumGG, (v) => v / (2 * stats.samples))]));
}
