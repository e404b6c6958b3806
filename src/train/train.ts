/**
 * Supervised training of a denoiser on patches: MSE between the model output and the clean patch,
 * Adam, seeded minibatch order. Patches are drawn once into a bounded in-memory pool (random plan
 * from src/data/patches.ts); each step takes a seeded random minibatch from it.
 */
import * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import type { PairSource } from '../data/datasets.js';
import { patchPool } from '../data/patches.js';
import { Rng } from '../data/rng.js';
import { dihedral, DIHEDRAL_TRANSFORMS } from '../data/augment.js';

export interface TrainOptions {
  patch: number;
  batch: number;
  steps: number;
  /** Patches in the pool the minibatches are drawn from. */
  poolSize: number;
  learningRate: number;
  seed: number;
  /** Apply one of the 8 rotations/reflections, drawn per sample, to each minibatch patch (same to noisy and clean). */
  augment?: boolean;
  onStep?: (step: number, loss: number) => void;
}

export interface TrainResult {
  steps: number;
  firstLoss: number;
  finalLoss: number;
  seconds: number;
  losses: number[];
}

export async function trainModel(model: tf.LayersModel, source: PairSource, opts: TrainOptions): Promise<TrainResult> {
  const { patch: p, batch, steps, poolSize } = opts;
  if (!(steps >= 1) || !(batch >= 1) || !(poolSize >= batch)) throw new QpruneError(`need steps >= 1 and pool size >= batch >= 1 (got ${steps}, ${poolSize}, ${batch})`);
  const pool = await patchPool(source, p, poolSize, opts.seed);
  const { channels } = pool;
  const optimizer = tf.train.adam(opts.learningRate);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const rng = Rng.derive(opts.seed, 0x7a11);
  const size = p * p * channels;
  const xb = new Float32Array(batch * size);
  const yb = new Float32Array(batch * size);
  const losses: number[] = [];
  const start = performance.now();
  for (let step = 1; step <= steps; step++) {
    for (let i = 0; i < batch; i++) {
      const k = rng.int(pool.n);
      if (opts.augment) {
        const t = rng.int(DIHEDRAL_TRANSFORMS);
        dihedral(pool.noisy, k * size, xb, i * size, p, channels, t);
        dihedral(pool.clean, k * size, yb, i * size, p, channels, t);
      } else {
        xb.set(pool.noisy.subarray(k * size, (k + 1) * size), i * size);
        yb.set(pool.clean.subarray(k * size, (k + 1) * size), i * size);
      }
    }
    const x = tf.tensor4d(xb, [batch, p, p, channels]);
    const y = tf.tensor4d(yb, [batch, p, p, channels]);
    const loss = (await model.trainOnBatch(x, y)) as number;
    tf.dispose([x, y]);
    if (!Number.isFinite(loss)) throw new QpruneError(`training diverged at step ${step} (loss ${loss}); lower --lr`);
    losses.push(loss);
    opts.onStep?.(step, loss);
  }
  optimizer.dispose(); // Adam's moment estimates; the model keeps its weights
  const tail = (k: number) => losses.slice(-k).reduce((a, b) => a + b, 0) / Math.min(k, losses.length);
  return { steps, firstLoss: losses[0], finalLoss: tail(20), seconds: (performance.now() - start) / 1000, losses };
}
