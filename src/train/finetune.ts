/**
 * Fine-tuning a (pruned) pretrained denoiser without making it worse:
 *  - BatchNorm frozen by default: every BN layer is the affine map of its pretrained statistics (γ and β
 *    still train). tfjs's training mode normalises with the statistics of the current minibatch and
 *    overwrites the moving averages with them; on the pretrained DnCNN-S that took the first loss to
 *    2.69 (vs ~1e-3) and left a saved model 5.5 dB below the unfine-tuned one. `batchNorm: 'batch'`
 *    keeps that behaviour, for models trained from scratch.
 *  - Adam with a cosine learning-rate decay (peak to a tenth), minibatches drawn per step from a
 *    seeded stream of the step number, so a resumed run takes the same steps as one never stopped.
 *  - A held-out patch set (other images than the training pool) scored every `evalEvery` steps; the
 *    best weights are kept and restored at the end; `patience` evaluations without a gain stop early.
 *    The starting weights are the first candidate: if no step beats them, the model is left as it came.
 *  - Optional distillation: the target is (1-α)·clean + α·teacher(noisy), i.e. the loss is the
 *    α-weighted sum of the squared errors to the clean patch and to the unpruned model's output.
 *  - A checkpoint after every evaluation (weights, best weights, Adam moments, history) through the
 *    caller's store, so an interrupted run resumes where it stopped.
 * The optimiser is written out here (not tf.train.adam) so its state can be saved and restored exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import type { PairSource } from '../data/datasets.js';
import { patchPool } from '../data/patches.js';
import { meanBatchPsnr } from '../metrics/quality.js';
import { Rng } from '../data/rng.js';

import { BATCH_NORM_MODES, BatchNormMode } from './batch-norm-mode.js';

export { BATCH_NORM_MODES, type BatchNormMode };

export interface FinetuneSettings {
  steps: number;
  /** Peak learning rate; cosine decay to a tenth of it at the last step. */
  learningRate: number;
  patch: number;
  batch: number;
  /** Training patches drawn once from the training images. */
  pool: number;
  /** Held-out patches (from the held-out images) that choose the weights kept. */
  holdout: number;
  evalEvery: number;
  /** Evaluations without a held-out gain before stopping. */
  patience: number;
  /** Weight α of the teacher's output in the target (0 = clean patches only). */
  distill: number;
  batchNorm: BatchNormMode;
  seed: number;
}

export interface FinetuneHooks {
  /** The unpruned model, for distillation (needed when distill > 0). */
  teacher?: tf.LayersModel;
  onStep?: (step: number, loss: number) => void;
  onEvaluation?: (step: number, psnr: number, best: boolean) => void;
  checkpoint?: { load(): Promise<string | undefined>; save(state: string): Promise<void> };
  /** Checked between steps: an aborted run stops at its last checkpoint. */
  signal?: AbortSignal;
}

export interface FinetuneOutcome {
  /** Steps taken (fewer than asked when stopped early). */
  steps: number;
  /** The step whose weights were kept (0 = the starting weights). */
  bestStep: number;
  stoppedEarly: boolean;
  kept: 'fine-tuned' | 'start';
  /** Mean PSNR of the held-out patches: at the start, and of the weights kept. */
  heldOut: { start: number; best: number; patches: number };
  evaluations: { step: number; psnr: number }[];
  /** Training loss per step (MSE against the target). */
  losses: number[];
  firstLoss: number;
  finalLoss: number;
  seconds: number;
  resumedAt: number;
}

interface Checkpoint {
  version: 1;
  step: number;
  sinceBest: number;
  best: { step: number; psnr: number };
  start: number;
  evaluations: { step: number; psnr: number }[];
  losses: number[];
  weights: string[];
  bestWeights: string[];
  m: string[];
  v: string[];
}

const B1 = 0.9, B2 = 0.999, EPS = 1e-7;

const encode = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function decode(s: string, length: number, what: string): Float32Array {
  const b = Buffer.from(s, 'base64');
  if (b.byteLength !== length * 4) throw new QpruneError(`fine-tuning checkpoint: ${what} holds ${b.byteLength / 4} values, the model ${length} (a checkpoint of another model?)`);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function checkFinetuneSettings(s: FinetuneSettings): void {
  const bad = (what: string) => { throw new QpruneError(`fine-tuning: ${what}`); };
  for (const k of ['steps', 'patch', 'batch', 'pool', 'holdout', 'evalEvery', 'patience'] as const) {
    if (!(Number.isInteger(s[k]) && s[k] >= 1)) bad(`${k} must be a positive integer, got ${s[k]}`);
  }
  if (s.pool < s.batch) bad(`the training pool (${s.pool}) must hold at least one batch (${s.batch})`);
  if (!(s.learningRate > 0 && s.learningRate < 1)) bad(`learning rate must be in (0, 1), got ${s.learningRate}`);
  if (!(s.distill >= 0 && s.distill <= 1)) bad(`distill must be in 0..1, got ${s.distill}`);
  if (!BATCH_NORM_MODES.includes(s.batchNorm)) bad(`batchNorm must be one of ${BATCH_NORM_MODES.join(', ')}, got '${s.batchNorm}'`);
}

/** Outputs of a model on patches, in inference mode, batch by batch. */
function predictPatches(model: tf.LayersModel, x: Float32Array, n: number, patch: number, channels: number): Float32Array {
  const size = patch * patch * channels, out = new Float32Array(n * size);
  for (let i = 0; i < n; i += 16) {
    const m = Math.min(16, n - i);
    const y = tf.tidy(() => model.predict(tf.tensor4d(x.subarray(i * size, (i + m) * size), [m, patch, patch, channels])) as tf.Tensor);
    out.set(y.dataSync() as Float32Array, i * size);
    y.dispose();
  }
  return out;
}

/** Mean PSNR (peak 1) of the model's outputs against the clean patches. */
function meanPsnr(model: tf.LayersModel, set: { noisy: Float32Array; clean: Float32Array; n: number; channels: number }, patch: number): number {
  return meanBatchPsnr(predictPatches(model, set.noisy, set.n, patch, set.channels), set.clean, set.n);
}

export async function finetuneModel(model: tf.LayersModel, train: PairSource, heldOut: PairSource, s: FinetuneSettings, hooks: FinetuneHooks = {}): Promise<FinetuneOutcome> {
  checkFinetuneSettings(s);
  if (s.distill > 0 && !hooks.teacher) throw new QpruneError('fine-tuning: distill > 0 needs the unpruned model as teacher');
  const t0 = performance.now();
  const pool = await patchPool(train, s.patch, s.pool, s.seed);
  const held = await patchPool(heldOut, s.patch, s.holdout, s.seed + 1);
  if (pool.n < s.batch) throw new QpruneError(`fine-tuning: the training images gave ${pool.n} patches of ${s.patch}, fewer than a batch of ${s.batch}`);
  const { channels } = pool, p = s.patch, size = p * p * channels;
  // The target of every training patch: the clean patch, or its mix with the teacher's output.
  let target = pool.clean;
  if (s.distill > 0) {
    const t = predictPatches(hooks.teacher!, pool.noisy, pool.n, p, channels);
    target = pool.clean.map((c, i) => (1 - s.distill) * c + s.distill * t[i]);
  }
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  // Snapshots hold every weight: BatchNorm in batch mode rewrites its moving statistics, which do not train.
  const every = model.weights.map((w) => w.read() as tf.Variable);
  const lengths = vars.map((v) => v.size), everyLength = every.map((v) => v.size);
  const snapshot = () => every.map((v) => (v.dataSync() as Float32Array).slice());
  const restore = (ws: Float32Array[]) => every.forEach((v, i) => v.assign(tf.tensor(ws[i], v.shape, 'float32')));
  const m = vars.map((v) => tf.variable(tf.zerosLike(v), false));
  const vv = vars.map((v) => tf.variable(tf.zerosLike(v), false));
  let step = 0, sinceBest = 0, resumedAt = 0;
  let losses: number[] = [], evaluations: { step: number; psnr: number }[] = [];
  let start: number, best: { step: number; psnr: number }, bestWeights: Float32Array[];
  const saved = hooks.checkpoint ? await hooks.checkpoint.load() : undefined;
  try {
    if (saved) {
      const c = JSON.parse(saved) as Checkpoint;
      if (c.version !== 1 || c.weights?.length !== every.length || c.m?.length !== vars.length) throw new QpruneError('fine-tuning checkpoint: not one of this model (remove the run state to start over)');
      restore(c.weights.map((w, i) => decode(w, everyLength[i], `weight ${i}`)));
      m.forEach((t, i) => t.assign(tf.tensor(decode(c.m[i], lengths[i], `moment ${i}`), t.shape, 'float32')));
      vv.forEach((t, i) => t.assign(tf.tensor(decode(c.v[i], lengths[i], `moment ${i}`), t.shape, 'float32')));
      bestWeights = c.bestWeights.map((w, i) => decode(w, everyLength[i], `best weight ${i}`));
      ({ step, sinceBest, best, start, evaluations, losses } = c);
      resumedAt = step;
    } else {
      start = meanPsnr(model, held, p);
      best = { step: 0, psnr: start };
      bestWeights = snapshot();
      evaluations = [{ step: 0, psnr: start }];
      hooks.onEvaluation?.(0, start, true);
    }
    const save = async () => {
      if (!hooks.checkpoint) return;
      const c: Checkpoint = {
        version: 1, step, sinceBest, best, start, evaluations, losses,
        weights: snapshot().map(encode), bestWeights: bestWeights.map(encode),
        m: m.map((t) => encode(t.dataSync() as Float32Array)), v: vv.map((t) => encode(t.dataSync() as Float32Array)),
      };
      await hooks.checkpoint.save(JSON.stringify(c));
    };
    const xb = new Float32Array(s.batch * size), yb = new Float32Array(s.batch * size);
    let stoppedEarly = sinceBest >= s.patience;
    while (step < s.steps && !stoppedEarly) {
      if (hooks.signal?.aborted) throw hooks.signal.reason ?? new QpruneError('fine-tuning stopped');
      step++;
      const rng = Rng.derive(s.seed, 0x7a11, step);
      for (let i = 0; i < s.batch; i++) {
        const k = rng.int(pool.n);
        xb.set(pool.noisy.subarray(k * size, (k + 1) * size), i * size);
        yb.set(target.subarray(k * size, (k + 1) * size), i * size);
      }
      const lr = s.learningRate * (0.1 + 0.45 * (1 + Math.cos(Math.PI * (step - 1) / Math.max(1, s.steps - 1))));
      const loss = tf.tidy(() => {
        const x = tf.tensor4d(xb, [s.batch, p, p, channels]), y = tf.tensor4d(yb, [s.batch, p, p, channels]);
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.squaredDifference(model.apply(x, { training: s.batchNorm === 'batch' }) as tf.Tensor, y)) as tf.Scalar, vars);
        const c1 = 1 - B1 ** step, c2 = 1 - B2 ** step;
        vars.forEach((w, i) => {
          const g = grads[w.name];
          m[i].assign(tf.add(tf.mul(m[i], B1), tf.mul(g, 1 - B1)));
          vv[i].assign(tf.add(tf.mul(vv[i], B2), tf.mul(tf.square(g), 1 - B2)));
          w.assign(tf.sub(w, tf.mul(tf.div(tf.div(m[i], c1), tf.add(tf.sqrt(tf.div(vv[i], c2)), EPS)), lr)));
        });
        return value.dataSync()[0];
      });
      if (!Number.isFinite(loss)) throw new QpruneError(`fine-tuning diverged at step ${step} (loss ${loss}); lower the learning rate`);
      losses.push(loss);
      hooks.onStep?.(step, loss);
      if (step % s.evalEvery === 0 || step === s.steps) {
        const psnr = meanPsnr(model, held, p);
        evaluations.push({ step, psnr });
        // A gain below 1 mdB is noise, not a reason to keep going.
        const better = psnr > best.psnr + 1e-3;
        if (better) { best = { step, psnr }; bestWeights = snapshot(); sinceBest = 0; } else sinceBest++;
        hooks.onEvaluation?.(step, psnr, better);
        stoppedEarly = sinceBest >= s.patience && step < s.steps;
        await save();
      }
    }
    restore(bestWeights);
    const tail = losses.slice(-20);
    return {
      steps: step, bestStep: best.step, stoppedEarly, kept: best.step === 0 ? 'start' : 'fine-tuned',
      heldOut: { start: start!, best: best.psnr, patches: held.n }, evaluations, losses,
      firstLoss: losses[0] ?? NaN, finalLoss: tail.length ? tail.reduce((a, b) => a + b, 0) / tail.length : NaN,
      seconds: (performance.now() - t0) / 1000, resumedAt,
    };
  } finally {
    tf.dispose([...m, ...vv]);
  }
}
