/**
 * One calibration pass over patches: forward through the masked model with per-sample channel gates
 * (all ones), backward of the denoising loss to the gates only (no weight gradients), and streaming
 * accumulation of every statistic the importance measures need:
 *  - per group channel, per sample n: g_n = Σ_positions a·∂L_n/∂a, summed over the group's gates
 *    (removing a channel zeros it at every gate, so its first-order effect is the sum);
 *    kept as Σ_n g_n, Σ_n |g_n| and Σ_n g_n² (with removal 'mean': g_n − μ·Σ_positions ∂L_n/∂a,
 *    the first-order effect of replacing the channel by its mean; accumulator.ts);
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
import { BatchContribution, CalibrationAccumulator, CalibrationStats, centredGates } from './accumulator.js';
import type { Removal } from './removal.js';
import { calibrateOnOrt } from './ort-calibration.js';
import { log } from '../log.js';
import type { ScoreEngine } from './engine.js';

export type { CalibrationStats, GroupStats } from './accumulator.js';
export { COUPLE_ALL } from './accumulator.js';

export { SCORE_ENGINES, type ScoreEngine } from './engine.js';

export interface CalibrationOptions {
  samples: number;
  patch: number;
  batch: number;
  seed: number;
  /**
   * Where the forward/backward passes run (default onnxruntime, the exported gate-gradient graph);
   * a model with a layer type that graph lacks is scored on tfjs, with a warning naming it.
   */
  engine?: ScoreEngine;
  /** What the scores assume a removed channel becomes (default 'zero'; 'mean' for compensated pruning). */
  removal?: Removal;
  /**
   * Cross-group Fisher blocks for prunable groups at most this many apart (default 0: none; the
   * cross-layer formulation needs them; COUPLE_ALL for every pair).
   */
  coupleLayers?: number;
  onBatch?: (done: number, total: number) => void;
}

/** The calibration patches of a run: seeded random draw, served in batches (every scorer uses this one draw). */
export function calibrationPatches(source: PairSource, opts: CalibrationOptions): AsyncIterable<PatchBatch> {
  return patchBatches(source, { patch: opts.patch, batch: opts.batch, mode: 'random', count: opts.samples, seed: opts.seed });
}

/**
 * The calibration pass over given patch batches: the scorer service receives the coordinator's
 * patches (drawn by the same patchBatches call) and so computes exactly what an in-process run would.
 */
export async function calibrateOn(model: tf.LayersModel, batches: AsyncIterable<PatchBatch>, opts: CalibrationOptions, graph: ChannelGraph = analyzeChannels(model)): Promise<CalibrationStats & { engine: ScoreEngine }> {
  if ((opts.engine ?? 'onnxruntime') === 'onnxruntime') {
    const ort = await calibrateOnOrt(model, batches, opts, graph);
    if (ort.stats) return { ...ort.stats, engine: 'onnxruntime' };
    log.warn(`scoring on tfjs: ${ort.unsupported}`);
  }
  return { ...(await calibrateOnTfjs(model, batches, opts, graph)), engine: 'tfjs' };
}

export async function calibrate(model: tf.LayersModel, source: PairSource, opts: CalibrationOptions, graph: ChannelGraph = analyzeChannels(model)): Promise<CalibrationStats> {
  return calibrateOn(model, calibrationPatches(source, opts), opts, graph);
}

/** The tfjs engine: the masked model's gates overridden by per-sample ones, tf.grads to them. */
export async function calibrateOnTfjs(model: tf.LayersModel, batches: AsyncIterable<PatchBatch>, opts: CalibrationOptions, graph: ChannelGraph = analyzeChannels(model)): Promise<CalibrationStats> {
  const start = performance.now();
  const masked = createMaskedModel(model, graph);
  const gates = masked.gates;
  if (gates.length === 0) throw new QpruneError('the model has no prunable channel groups to score');
  const centred = centredGates(gates, opts.removal ?? 'zero', (name) => model.getLayer(name).getClassName());
  const acc = new CalibrationAccumulator(graph, gates, centred, opts.coupleLayers ?? 0);
  const pass = async () => {
    for await (const batch of batches) {
      const { n, patch: p, channels: c } = batch;
      let contribution!: BatchContribution;
      tf.tidy(() => {
        const x = tf.tensor4d(batch.noisy, [n, p, p, c]);
        const y = tf.tensor4d(batch.clean, [n, p, p, c]);
        const ones = gates.map((g) => tf.ones([n, 1, 1, g.slots.length]));
        // Additive per-sample gates at 0 on the centred gates: their gradient is Σ_positions ∂L_n/∂a.
        const shifted = gates.map((_, i) => i).filter((i) => centred[i]);
        const zeros = shifted.map((i) => tf.zeros([n, 1, 1, gates[i].slots.length]));
        const captured: (tf.Tensor | undefined)[] = new Array(gates.length);
        gates.forEach((g, i) => { g.layer.onInput = (a) => { captured[i] = tf.keep(a.clone()); }; });
        // Σ_n L_n, so ∂/∂gate[n] is the per-sample derivative of L_n alone.
        const f = (...gs: tf.Tensor[]) => {
          gates.forEach((g, i) => (g.layer.override = gs[i]));
          shifted.forEach((i, k) => { gates[i].layer.shift = gs[gates.length + k]; gates[i].layer.aboutBatchMean = true; });
          const out = masked.model.apply(x, { training: false }) as tf.Tensor;
          return tf.sum(tf.mean(tf.square(tf.sub(out, y)), [1, 2, 3])) as tf.Scalar;
        };
        const all = tf.grads(f)([...ones, ...zeros]);
        // On centred gates the gate multiplies a − m (batch mean m): its gradient is Σ (a − m)·∂L/∂a.
        const grads = all.slice(0, gates.length);
        const dsums = gates.map((g, i) => (centred[i] ? all[gates.length + shifted.indexOf(i)].dataSync() as Float32Array : new Float32Array(0)));
        // Moments from the captured activations, outside the gradient tape (inside this tidy).
        const moments = captured.map((a, i) => {
          const cg = gates[i].slots.length;
          const flat = tf.reshape(a!, [-1, cg]);
          const mean = tf.mean(flat, 0);
          const centred = tf.sub(flat, mean);
          const m = { mean: mean.dataSync(), m2: tf.matMul(tf.transpose(centred), centred).dataSync(), count: flat.shape[0], positions: a!.shape.slice(1, -1).reduce((u, v) => u * (v ?? 1), 1) };
          a!.dispose();
          return m;
        });
        const gateGrads = grads.map((t) => t.dataSync() as Float32Array);
        contribution = { n, gateGrads, ...(shifted.length ? { centred: { grads: gateGrads, dsums } } : {}), moments };
      });
      acc.add(contribution);
      opts.onBatch?.(acc.samples, opts.samples);
    }
  };
  try {
    // Only gate gradients are read: weight (filter) gradients are skipped.
    await withoutFilterGradients(pass);
  } finally {
    gates.forEach((g) => { g.layer.override = undefined; g.layer.shift = undefined; g.layer.aboutBatchMean = undefined; g.layer.onInput = undefined; });
    masked.dispose();
  }
  return acc.finish({ patch: opts.patch, seed: opts.seed, seconds: (performance.now() - start) / 1000 });
}
