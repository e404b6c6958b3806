/**
 * Optional stage 5: fine-tuning the physically pruned model on the calibration data
 * (src/train/finetune.ts does the training). This module fixes what the pipeline owns: the held-out
 * split (the last tenth of the calibration images, at least one, never used for training), the
 * defaults, and the checkpoint in the run state, so `--resume` continues mid-way. Every method's
 * model is fine-tuned with the same settings, so comparisons stay fair.
 */
import type * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import { PairSource, sliceSource } from '../data/datasets.js';
import { BatchNormMode, finetuneModel, FinetuneOutcome, FinetuneSettings } from '../train/finetune.js';
import type { RunStore } from './run-store.js';
import type { Progress } from '../ui/progress.js';

export interface FinetuneOptions {
  steps: number;
  learningRate?: number;
  /** Weight of the unpruned model's output in the target (0..1, default 0). */
  distill?: number;
  batchNorm?: BatchNormMode;
  patch?: number;
  batch?: number;
  pool?: number;
  holdout?: number;
  evalEvery?: number;
  patience?: number;
  seed: number;
}

export type FinetuneReport = FinetuneOutcome & { learningRate: number; distill: number; batchNorm: BatchNormMode; patch: number; batch: number; trainImages: number; heldOutImages: number };

/** Training and held-out images: the last tenth of the calibration images (at least one) is held out. */
export function finetuneSplit(data: PairSource): { train: PairSource; heldOut: PairSource } {
  if (data.size < 2) throw new QpruneError(`fine-tuning needs at least 2 calibration images (one held out to choose the weights kept), ${data.description} has ${data.size}`);
  const held = Math.max(1, Math.round(data.size / 10));
  return { train: sliceSource(data, 0, data.size - held), heldOut: sliceSource(data, data.size - held, data.size) };
}

export function finetuneSettings(o: FinetuneOptions): FinetuneSettings {
  return {
    steps: o.steps, learningRate: o.learningRate ?? 5e-4, patch: o.patch ?? 40, batch: o.batch ?? 16, pool: o.pool ?? 1024, holdout: o.holdout ?? 64,
    evalEvery: o.evalEvery ?? Math.max(1, Math.round(o.steps / 10)), patience: o.patience ?? 3, distill: o.distill ?? 0, batchNorm: o.batchNorm ?? 'frozen', seed: o.seed,
  };
}

export async function finetune(model: tf.LayersModel, data: PairSource, opts: FinetuneOptions, ctx: { teacher?: tf.LayersModel; store?: RunStore; key?: string; progress?: Progress; signal?: AbortSignal } = {}): Promise<FinetuneReport> {
  const s = finetuneSettings(opts);
  const { train, heldOut } = finetuneSplit(data);
  const checkpoint = ctx.store && ctx.key ? { load: () => ctx.store!.get(ctx.key!), save: (v: string) => ctx.store!.put(ctx.key!, v) } : undefined;
  let last = '';
  const r = await finetuneModel(model, train, heldOut, s, {
    teacher: ctx.teacher, checkpoint, signal: ctx.signal,
    onStep: (step, loss) => ctx.progress?.update(step, `loss ${loss.toExponential(2)}${last}`),
    onEvaluation: (step, psnr) => { last = `, held-out ${psnr.toFixed(3)} dB at step ${step}`; },
  });
  return { ...r, learningRate: s.learningRate, distill: s.distill, batchNorm: s.batchNorm, patch: s.patch, batch: s.batch, trainImages: train.size, heldOutImages: heldOut.size };
}
