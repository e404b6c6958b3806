/**
 * One calibration pass over patches: forward through the masked model with per-sample channel gates
 * (all ones), backward of the denoising loss to the gates only (no weight gradients), and streaming
 * accumulation of every statistic the importance measures need:
 *  - per group channel, per sample n: g_n = Σ_positions a·∂L_n/∂a, summed over the group's gates
 *    (removing a channel zeros it at every gate, so its first-order effect is the sum);
 *    kept as Σ_n g_n, Σ_n |g_n| and Σ_n g_n²;
 *  - the mean and covariance of the channels at every gate (each consumer's input), accumulated batch
 *    by batch so memory does not grow with the number of batches: the compensation of removed
 *    channels (prune/compensation.ts) uses them, and each group's activation statistics (Gram matrix
 *    Σ a_i a_j, Σ a_i, count, for similarity) are derived from those at its first gate.
 * L_n is the MSE of sample n (mean over its pixels) between the model output and the clean target.
 */
import * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import { patchBatches, PatchBatch } from '../data/patches.js';
import { createMaskedModel, Gate } from '../prune/mask.js';
import { analyzeChannels, ChannelGraph } from '../prune/graph.js';
import { QpruneError } from '../errors.js';
import { withoutFilterGradients } from '../engine/conv-grad.js';
import type { InputStats } from '../prune/compensation.js';

export interface GroupStats {
  id: string;
  size: number;
  /** Σ_n g_n, Σ_n |g_n| and Σ_n g_n² per channel. */
  sumG: Float64Array;
  sumAbsG: Float64Array;
  sumG2: Float64Array;
  /** Σ_n g_n g_nᵀ (size x size, row-major): the cross terms of the Fisher matrix. */
  sumGG: Float64Array;
  /** Spatial positions per sample at the first gate (for the Taylor mean over positions). */
  positions: number;
  /** Gram matrix Σ a_i a_j (size x size, row-major), Σ a_i, and the number of activation values per channel. */
  gram: Float64Array;
  sum: Float64Array;
  count: number;
}

export interface CalibrationStats {
  groups: GroupStats[];
  /** Per gated consumer layer: mean and covariance of its input channels. */
  inputStats: Map<string, InputStats>;
  samples: number;
  patch: number;
  seed: number;
  seconds: number;
}

export interface CalibrationOptions {
  samples: number;
  patch: number;
  batch: number;
  seed: number;
  onBatch?: (done: number, total: number) => void;
}

/** For each gate: the group index and in-group channel of each of its channels (-1: not in a prunable group). */
function gateMap(graph: ChannelGraph, gate: Gate): { group: Int32Array; index: Int32Array } {
  const group = Int32Array.from(gate.slots, (s) => (graph.classGroup[s] >= 0 && graph.groups[graph.classGroup[s]].prunable ? graph.classGroup[s] : -1));
  const index = Int32Array.from(gate.slots, (s) => graph.classIndex[s]);
  return { group, index };
}

/** The calibration patches of a run: seeded random draw, served in batches (every scorer uses this one draw). */
export function calibrationPatches(source: PairSource, opts: CalibrationOptions): AsyncIterable<PatchBatch> {
  return patchBatches(source, { patch: opts.patch, batch: opts.batch, mode: 'random', count: opts.samples, seed: opts.seed });
}

export async function calibrate(model: tf.LayersModel, source: PairSource, opts: CalibrationOptions, graph: ChannelGraph = analyzeChannels(model)): Promise<CalibrationStats> {
  return calibrateOn(model, calibrationPatches(source, opts), opts, graph);
}

/**
 * The same pass over given patch batches: the scorer service receives the coordinator's patches
 * (drawn by the same patchBatches call) and so computes exactly what an in-process run would.
 */
export async function calibrateOn(model: tf.LayersModel, batches: AsyncIterable<PatchBatch>, opts: CalibrationOptions, graph: ChannelGraph = analyzeChannels(model)): Promise<CalibrationStats> {
  const start = performance.now();
  const masked = createMaskedModel(model, graph);
  const gates = masked.gates;
  if (gates.length === 0) throw new QpruneError('the model has no prunable channel groups to score');
  const maps = gates.map((g) => gateMap(graph, g));
  const groups: GroupStats[] = graph.groups.map((g) => ({
    id: g.id, size: g.size, sumG: new Float64Array(g.size), sumAbsG: new Float64Array(g.size), sumG2: new Float64Array(g.size), sumGG: new Float64Array(g.size * g.size), positions: 0,
    gram: new Float64Array(g.size * g.size), sum: new Float64Array(g.size), count: 0,
  }));
  // Moments of every gate's input, about the first batch's mean (float32 sums of raw products would
  // lose the covariance of channels whose mean dwarfs their spread); accumulated in float64.
  const moments = gates.map((g) => ({ shift: undefined as Float32Array | undefined, sum: new Float64Array(g.slots.length), gram: new Float64Array(g.slots.length ** 2), count: 0, positions: 0 }));
  let samples = 0;
  const pass = async () => {
    for await (const batch of batches) {
      const { n, patch: p, channels: c } = batch;
      const gateGrads = tf.tidy(() => {
        const x = tf.tensor4d(batch.noisy, [n, p, p, c]);
        const y = tf.tensor4d(batch.clean, [n, p, p, c]);
        const ones = gates.map((g) => tf.ones([n, 1, 1, g.slots.length]));
        const captured: (tf.Tensor | undefined)[] = new Array(gates.length);
        gates.forEach((g, i) => { g.layer.onInput = (a) => { captured[i] = tf.keep(a.clone()); }; });
        // Σ_n L_n, so ∂/∂gate[n] is the per-sample derivative of L_n alone.
        const f = (...gs: tf.Tensor[]) => {
          gates.forEach((g, i) => (g.layer.override = gs[i]));
          const out = masked.model.apply(x, { training: false }) as tf.Tensor;
          return tf.sum(tf.mean(tf.square(tf.sub(out, y)), [1, 2, 3])) as tf.Scalar;
        };
        const grads = tf.grads(f)(ones);
        // Moments from the captured activations, outside the gradient tape (inside this tidy).
        captured.forEach((a, i) => {
          const m = moments[i], cg = gates[i].slots.length;
          const flat = tf.reshape(a!, [-1, cg]);
          m.shift ??= tf.mean(flat, 0).dataSync() as Float32Array;
          const centred = tf.sub(flat, tf.tensor1d(m.shift));
          const sum = tf.sum(centred, 0).dataSync(), gram = tf.matMul(tf.transpose(centred), centred).dataSync();
          for (let j = 0; j < cg; j++) m.sum[j] += sum[j];
          for (let j = 0; j < cg * cg; j++) m.gram[j] += gram[j];
          m.count += flat.shape[0];
          m.positions = a!.shape.slice(1, -1).reduce((u, v) => u * (v ?? 1), 1);
          a!.dispose();
        });
        return grads.map((t) => t.dataSync() as Float32Array);
      });
      // Per sample: sum each group channel's gate gradients over its gates, then accumulate g, g².
      for (let s = 0; s < n; s++) {
        const perGroup = groups.map((g) => new Float64Array(g.size));
        gateGrads.forEach((gr, gi) => {
          const { group, index } = maps[gi];
          const cg = group.length;
          for (let i = 0; i < cg; i++) if (group[i] >= 0) perGroup[group[i]][index[i]] += gr[s * cg + i];
        });
        perGroup.forEach((v, g) => {
          const st = groups[g], m = v.length;
          for (let i = 0; i < m; i++) {
            st.sumG[i] += v[i];
            st.sumAbsG[i] += Math.abs(v[i]);
            st.sumG2[i] += v[i] * v[i];
            for (let j = 0; j < m; j++) st.sumGG[i * m + j] += v[i] * v[j];
          }
        });
      }
      samples += n;
      opts.onBatch?.(samples, opts.samples);
    }
  };
  try {
    // Only gate gradients are read: weight (filter) gradients are skipped.
    await withoutFilterGradients(pass);
  } finally {
    gates.forEach((g) => { g.layer.override = undefined; g.layer.onInput = undefined; });
    masked.dispose();
  }
  // Per gate: mean and covariance of its input.
  const inputOf = moments.map((m, i): InputStats | undefined => {
    if (m.count === 0) return undefined;
    const c = gates[i].slots.length;
    const d = m.sum.map((v) => v / m.count); // mean − shift
    const covariance = new Float64Array(c * c);
    for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) covariance[a * c + b] = m.gram[a * c + b] / m.count - d[a] * d[b];
    return { mean: d.map((v, a) => v + m.shift![a]), covariance };
  });
  // A group's activation statistics (similarity) come from the first gate that carries its channels:
  // Σ a = n·μ, Σ a_i a_j = n·(C_ij + μ_i μ_j).
  const statsGate = new Map<number, number>(); // group -> gate index
  maps.forEach((m, gi) => m.group.forEach((g) => { if (g >= 0 && !statsGate.has(g)) statsGate.set(g, gi); }));
  for (const [g, gi] of statsGate) {
    const st = groups[g], input = inputOf[gi];
    if (!input) continue;
    const { group, index } = maps[gi];
    const cg = group.length, n = moments[gi].count;
    for (let i = 0; i < cg; i++) {
      if (group[i] !== g) continue;
      st.sum[index[i]] = n * input.mean[i];
      for (let j = 0; j < cg; j++) if (group[j] === g) st.gram[index[i] * st.size + index[j]] = n * (input.covariance![i * cg + j] + input.mean[i] * input.mean[j]);
    }
    st.count = n;
    st.positions = moments[gi].positions;
  }
  const prunable = new Set(graph.groups.filter((g) => g.prunable).map((g) => g.id));
  // A consumer with more than one gated input has no single input mean: it is left uncompensated.
  const gatesOf = new Map<string, number[]>();
  gates.forEach((g, i) => gatesOf.set(g.consumer, [...(gatesOf.get(g.consumer) ?? []), i]));
  const inputStats = new Map<string, InputStats>();
  for (const [consumer, [i, ...more]] of gatesOf) if (!more.length && inputOf[i]) inputStats.set(consumer, inputOf[i]!);
  return { groups: groups.filter((g) => prunable.has(g.id)), inputStats, samples, patch: opts.patch, seed: opts.seed, seconds: (performance.now() - start) / 1000 };
}
