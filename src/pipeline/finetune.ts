/**
 * Optional stage 5: a short fine-tuning of the physically pruned model on the calibration data
 * (same patches source, MSE, Adam). Pruning without retraining removes filters the remaining ones
 * were trained to work with; a few hundred steps recover much of the loss. It changes every method's
 * model the same way, so method comparisons stay fair when all are fine-tuned with the same settings.
 */
import type * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import { trainModel, TrainResult } from '../train/train.js';
import type { Progress } from '../ui/progress.js';

export interface FinetuneOptions {
  steps: number;
  patch?: number;
  batch?: number;
  learningRate?: number;
  pool?: number;
  seed: number;
}

export async function finetune(model: tf.LayersModel, data: PairSource, opts: FinetuneOptions, progress?: Progress): Promise<Omit<TrainResult, 'losses'> & { learningRate: number; patch: number; batch: number }> {
  const patch = opts.patch ?? 40, batch = opts.batch ?? 16, learningRate = opts.learningRate ?? 5e-4;
  const r = await trainModel(model, data, {
    patch, batch, steps: opts.steps, poolSize: Math.max(batch, opts.pool ?? 1024), learningRate, seed: opts.seed,
    onStep: (s, loss) => progress?.update(s, `loss ${loss.toExponential(2)}`),
  });
  return { steps: r.steps, firstLoss: r.firstLoss, finalLoss: r.finalLoss, seconds: r.seconds, learningRate, patch, batch };
}
