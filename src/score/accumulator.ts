/**
 * The statistics of a calibration pass and their accumulation, shared by the scoring engines (tfjs:
 * calibration.ts, onnxruntime: ort-calibration.ts): each engine turns a batch into a
 * BatchContribution, this turns the stream into CalibrationStats.
 */
import type { ChannelGraph } from '../prune/graph.js';
import type { Gate } from '../prune/mask.js';
import { COMPENSATED_LAYERS, type InputStats } from '../prune/compensation.js';

import type { Removal } from './removal.js';
export type { Removal } from './removal.js';

export interface GroupStats {
  id: string;
  size: number;
  /** Σ_n g_n, Σ_n |g_n| and Σ_n g_n² per channel. */
  sumG: Float64Array;
  sumAbsG: Float64Array;
  sumG2: Float64Array;
  /** Σ_n g_n g_nᵀ (size x size, row-major): the cross terms of the Fisher matrix. */
  sumGG: Float64Array;
  /** Σ_n (g_n,i g_n,j)² (size x size, row-major): the spread of those products, for the sampling variance of each cross term. */
  sumGG2: Float64Array;
  /** Spatial positions per sample at the first gate (for the Taylor mean over positions). */
  positions: number;
  /** Gram matrix Σ a_i a_j (size x size, row-major), Σ a_i, and the number of activation values per channel. */
  gram: Float64Array;
  sum: Float64Array;
  count: number;
}

/** `couple` value meaning every pair of prunable groups (the wire carries it as this number). */
export const COUPLE_ALL = 0xffff;

/** Σ_n g_n^a (g_n^b)ᵀ between two prunable groups a before b (size_a x size_b, row-major). */
export interface CrossGroupStats {
  a: string;
  b: string;
  sumGG: Float64Array;
}

export interface CalibrationStats {
  groups: GroupStats[];
  /** Cross-group gradient products for the group pairs within the coupling band (empty when none asked). */
  cross: CrossGroupStats[];
  /** Per gated consumer layer: mean and covariance of its input channels. */
  inputStats: Map<string, InputStats>;
  samples: number;
  patch: number;
  seed: number;
  seconds: number;
}

/** For each gate: the group index and in-group channel of each of its channels (-1: not in a prunable group). */
export function gateMap(graph: ChannelGraph, gate: Gate): { group: Int32Array; index: Int32Array } {
  const group = Int32Array.from(gate.slots, (s) => (graph.classGroup[s] >= 0 && graph.groups[graph.classGroup[s]].prunable ? graph.classGroup[s] : -1));
  const index = Int32Array.from(gate.slots, (s) => graph.classIndex[s]);
  return { group, index };
}

/**
 * Which gates a removal replaces by their mean: removal 'mean' and a consumer that compensation folds
 * into (one gated input, a layer type prune/compensation.ts handles). Elsewhere a removed channel is zero.
 */
export function centredGates(gates: Gate[], removal: Removal, consumerClass: (name: string) => string): boolean[] {
  const count = new Map<string, number>();
  for (const g of gates) count.set(g.consumer, (count.get(g.consumer) ?? 0) + 1);
  return gates.map((g) => removal === 'mean' && count.get(g.consumer) === 1 && COMPENSATED_LAYERS.includes(consumerClass(g.consumer)));
}

/** What one batch contributes, whichever engine computed it. */
export interface BatchContribution {
  n: number;
  /** Per gate: per-sample gate gradients g_n (n x channels, row-major). */
  gateGrads: ArrayLike<number>[];
  /**
   * Removal 'mean', on the centred gates (others may be empty): per sample Σ_positions (a − m)·∂L_n/∂a
   * about the batch's mean m (moments[gate].mean) and Σ_positions ∂L_n/∂a (n x channels each).
   */
  centred?: { grads: ArrayLike<number>[]; dsums: ArrayLike<number>[] };
  /** Per gate: mean of its input over the batch's positions, centred sum of products about it, rows, positions per sample. */
  moments: { mean: ArrayLike<number>; m2: ArrayLike<number>; count: number; positions: number }[];
}

/**
 * Streams batches into the statistics: per-sample gate gradients summed per group channel, and the
 * gates' input moments combined across batches in float64 (the pairwise update of Chan et al.:
 * batch-centred products keep the covariance of channels whose mean dwarfs their spread).
 * For removal 'mean' the centring needs the final means, so the per-sample g and s of the centred
 * gates are kept until `finish` (n x gated channels x 2 floats: 2.3 MB for 256 DnCNN patches).
 */
export class CalibrationAccumulator {
  private readonly maps: { group: Int32Array; index: Int32Array }[];
  private readonly groups: GroupStats[];
  private readonly moments: { mean: Float64Array; m2: Float64Array; count: number; positions: number }[];
  private readonly pending: { n: number; grads: Float32Array[]; dsums: Float32Array[]; batchMeans: Float64Array[] }[] = [];
  /** Pairs of graph-group indices (a before b among the prunable groups) whose cross products are kept. */
  private readonly pairs: { a: number; b: number; stats: CrossGroupStats }[];
  samples = 0;

  /**
   * `centred[gi]`: whether gate gi's channels are replaced by their mean when removed (removal 'mean'
   * and a consumer the compensation folds into; see centredGates).
   */
  /**
   * `couple`: keep the cross-group products of prunable groups at most this many apart in graph order
   * (0: none; the per-group Fisher matrices are always kept). Memory and time grow with the pairs kept.
   */
  constructor(private readonly graph: ChannelGraph, private readonly gates: Gate[], private readonly centred?: readonly boolean[], couple = 0) {
    this.maps = gates.map((g) => gateMap(graph, g));
    const prunable = graph.groups.map((g, i) => (g.prunable ? i : -1)).filter((i) => i >= 0);
    this.pairs = [];
    for (let p = 0; p < prunable.length; p++) {
      for (let q = p + 1; q < prunable.length && q - p <= couple; q++) {
        const a = graph.groups[prunable[p]], b = graph.groups[prunable[q]];
        this.pairs.push({ a: prunable[p], b: prunable[q], stats: { a: a.id, b: b.id, sumGG: new Float64Array(a.size * b.size) } });
      }
    }
    this.groups = graph.groups.map((g) => ({
      id: g.id, size: g.size, sumG: new Float64Array(g.size), sumAbsG: new Float64Array(g.size), sumG2: new Float64Array(g.size), sumGG: new Float64Array(g.size * g.size), sumGG2: new Float64Array(g.size * g.size), positions: 0,
      gram: new Float64Array(g.size * g.size), sum: new Float64Array(g.size), count: 0,
    }));
    this.moments = gates.map((g) => ({ mean: new Float64Array(g.slots.length), m2: new Float64Array(g.slots.length ** 2), count: 0, positions: 0 }));
  }

  add(b: BatchContribution): void {
    const { n } = b;
    b.moments.forEach((bm, i) => {
      const m = this.moments[i], c = m.mean.length;
      const total = m.count + bm.count, wb = bm.count / total, cross = (m.count * bm.count) / total;
      const delta = Float64Array.from({ length: c }, (_, j) => bm.mean[j] - m.mean[j]);
      for (let a = 0; a < c; a++) for (let d = 0; d < c; d++) m.m2[a * c + d] += bm.m2[a * c + d] + delta[a] * delta[d] * cross;
      for (let j = 0; j < c; j++) m.mean[j] += delta[j] * wb;
      m.count = total;
      m.positions = bm.positions;
    });
    if (this.centred?.some(Boolean)) {
      const c = b.centred;
      if (!c) throw new Error('internal: removal mean needs the centred gate gradients');
      const on = (gi: number) => this.centred![gi];
      this.pending.push({
        n, grads: b.gateGrads.map((g, gi) => Float32Array.from(on(gi) ? c.grads[gi] : g)), dsums: c.dsums.map((d, gi) => (on(gi) ? Float32Array.from(d) : new Float32Array(0))),
        batchMeans: b.moments.map((m, gi) => (on(gi) ? Float64Array.from(m.mean) : new Float64Array(0))),
      });
    } else {
      this.accumulate(n, b.gateGrads);
    }
    this.samples += n;
  }

  /** Per sample: sum each group channel's gate gradients over its gates, then accumulate g, |g|, g², g gᵀ, (g gᵀ)². */
  private accumulate(n: number, gateGrads: ArrayLike<number>[]): void {
    for (let s = 0; s < n; s++) {
      const perGroup = this.groups.map((g) => new Float64Array(g.size));
      gateGrads.forEach((gr, gi) => {
        const { group, index } = this.maps[gi];
        const cg = group.length;
        for (let i = 0; i < cg; i++) if (group[i] >= 0) perGroup[group[i]][index[i]] += gr[s * cg + i];
      });
      perGroup.forEach((v, g) => {
        const st = this.groups[g], m = v.length;
        for (let i = 0; i < m; i++) {
          st.sumG[i] += v[i];
          st.sumAbsG[i] += Math.abs(v[i]);
          st.sumG2[i] += v[i] * v[i];
          for (let j = 0; j < m; j++) {
            const p = v[i] * v[j];
            st.sumGG[i * m + j] += p;
            st.sumGG2[i * m + j] += p * p;
          }
        }
      });
      for (const { a, b, stats } of this.pairs) {
        const va = perGroup[a], vb = perGroup[b], nb = vb.length, out = stats.sumGG;
        for (let i = 0; i < va.length; i++) {
          const vi = va[i];
          if (vi === 0) continue;
          for (let j = 0; j < nb; j++) out[i * nb + j] += vi * vb[j];
        }
      }
    }
  }

  finish(meta: { patch: number; seed: number; seconds: number }): CalibrationStats {
    const { graph, gates, maps, groups } = this;
    // Removal 'mean': Σ(a − μ)·∂L/∂a = Σ(a − m_b)·∂L/∂a − (μ − m_b)·Σ∂L/∂a with the final means μ, then
    // the same sums as the streaming path.
    for (const p of this.pending.splice(0)) {
      this.accumulate(p.n, p.grads.map((g, gi) => {
        if (!this.centred![gi]) return g;
        const mu = this.moments[gi].mean, mb = p.batchMeans[gi], ds = p.dsums[gi], c = mu.length;
        return Float64Array.from(g, (v, k) => v - (mu[k % c] - mb[k % c]) * ds[k]);
      }));
    }
    const inputOf = this.moments.map((m): InputStats | undefined => (m.count === 0 ? undefined : { mean: Float64Array.from(m.mean), covariance: m.m2.map((v) => v / m.count) }));
    // A group's activation statistics (similarity) come from the first gate that carries its channels:
    // Σ a = n·μ, Σ a_i a_j = n·(C_ij + μ_i μ_j).
    const statsGate = new Map<number, number>(); // group -> gate index
    maps.forEach((m, gi) => m.group.forEach((g) => { if (g >= 0 && !statsGate.has(g)) statsGate.set(g, gi); }));
    for (const [g, gi] of statsGate) {
      const st = groups[g], input = inputOf[gi];
      if (!input) continue;
      const { group, index } = maps[gi];
      const cg = group.length, n = this.moments[gi].count;
      for (let i = 0; i < cg; i++) {
        if (group[i] !== g) continue;
        st.sum[index[i]] = n * input.mean[i];
        for (let j = 0; j < cg; j++) if (group[j] === g) st.gram[index[i] * st.size + index[j]] = n * (input.covariance![i * cg + j] + input.mean[i] * input.mean[j]);
      }
      st.count = n;
      st.positions = this.moments[gi].positions;
    }
    const prunable = new Set(graph.groups.filter((g) => g.prunable).map((g) => g.id));
    // A consumer with more than one gated input has no single input mean: it is left uncompensated.
    const gatesOf = new Map<string, number[]>();
    gates.forEach((g, i) => gatesOf.set(g.consumer, [...(gatesOf.get(g.consumer) ?? []), i]));
    const inputStats = new Map<string, InputStats>();
    for (const [consumer, [i, ...more]] of gatesOf) if (!more.length && inputOf[i]) inputStats.set(consumer, inputOf[i]!);
    return { groups: groups.filter((g) => prunable.has(g.id)), cross: this.pairs.map((p) => p.stats), inputStats, samples: this.samples, ...meta };
  }
}

