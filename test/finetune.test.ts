/**
 * Fine-tuning never makes the model worse: BatchNorm frozen, the best held-out weights kept (the
 * starting ones when no step beats them), and an interrupted run resumes to the same weights.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../src/engine/backend.js';
import { buildDnCNN } from '../src/model/architectures.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { trainModel } from '../src/train/train.js';
import { finetune, finetuneSplit } from '../src/pipeline/finetune.js';
import { evaluateWhole } from '../src/pipeline/run.js';
import { buildValidationBatch } from '../src/eval/candidates.js';
import { checkFinetuneSettings } from '../src/train/finetune.js';
import { finetuneSettings } from '../src/pipeline/finetune.js';
import { jobFromSpec, jobToSpec, parsePruneJob } from '../src/pipeline/job.js';
import { qprune } from '../src/wire/qprune.js';

await initBackend('wasm');
const noise = parseNoise('gaussian:25');
const data = await openDataset('procedural:deadleaves:20:48', { noise, seed: 0 });
const valBatch = await buildValidationBatch(await openDataset('procedural:deadleaves:6:64', { noise, seed: 9 }), 6, 64);

/** A small BN denoiser trained from scratch (BN in training mode), as a stand-in for a pretrained one. */
async function pretrained(): Promise<{ weights: tf.Tensor[]; make: () => tf.LayersModel }> {
  const model = buildDnCNN({ depth: 4, filters: 8, channels: 1, batchNorm: true, seed: 1 });
  await trainModel(model, data, { patch: 24, batch: 8, steps: 80, poolSize: 128, learningRate: 3e-3, seed: 2 });
  const weights = model.getWeights().map((w) => w.clone());
  model.dispose();
  return {
    weights,
    make: () => {
      const m = buildDnCNN({ depth: 4, filters: 8, channels: 1, batchNorm: true, seed: 1 });
      m.setWeights(weights);
      return m;
    },
  };
}
const base = await pretrained();
const values = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
const small = { patch: 24, batch: 8, pool: 128, holdout: 16 };

test('fine-tuning a trained BN model a few steps does not lower its validation PSNR (frozen BatchNorm)', async () => {
  const model = base.make();
  const before = await evaluateWhole(model, valBatch);
  const r = await finetune(model, data, { steps: 12, learningRate: 1e-4, evalEvery: 4, seed: 3, ...small });
  const after = await evaluateWhole(model, valBatch);
  assert.equal(r.batchNorm, 'frozen');
  assert.ok(after.psnr >= before.psnr - 0.05, `validation ${before.psnr.toFixed(3)} -> ${after.psnr.toFixed(3)} dB`);
  assert.equal(r.trainImages + r.heldOutImages, data.size);
  assert.equal(r.heldOutImages, 2, 'the last tenth of the images is held out');
  assert.equal(r.evaluations[0].step, 0, 'the starting weights are scored first');
  assert.ok(r.heldOut.best >= r.heldOut.start);
  model.dispose();
});

test('fine-tuning that only hurts keeps the starting weights and says so, BatchNorm statistics included', async () => {
  for (const batchNorm of ['frozen', 'batch'] as const) {
    const model = base.make();
    const start = values(model);
    const r = await finetune(model, data, { steps: 6, learningRate: 0.5, evalEvery: 2, seed: 3, batchNorm, ...small });
    assert.equal(r.kept, 'start', batchNorm);
    assert.equal(r.bestStep, 0);
    assert.ok(r.evaluations.slice(1).every((e) => e.psnr <= r.heldOut.start + 1e-3), JSON.stringify(r.evaluations));
    // Batch mode rewrites the moving statistics (not trainable): they are restored too.
    assert.deepEqual(values(model), start, `${batchNorm}: the model is exactly as it came`);
    model.dispose();
  }
});

test('fine-tuning: early stop on the held-out patches, a stopped run resumes to the same weights, bad settings refused', async () => {
  const opts = { steps: 12, learningRate: 3e-4, evalEvery: 3, patience: 10, distill: 0.5, seed: 4, ...small };
  const teacher = base.make();
  const whole = base.make();
  const full = await finetune(whole, data, opts, { teacher });
  assert.equal(full.steps, 12);
  // Stopped after step 7 (last checkpoint at step 6), then resumed from the run state.
  const saved = new Map<string, string>();
  const store = { id: 'r', where: 'memory', get: async (k: string) => saved.get(k), put: async (k: string, v: string) => { saved.set(k, v); } };
  const stop = new AbortController();
  const first = base.make();
  await assert.rejects(finetune(first, data, opts, { teacher, store, key: 'ft', signal: stop.signal, progress: { stage() {}, update(step: number) { if (step === 7) stop.abort(new Error('stopped')); }, end() {} } as never }), /stopped/);
  assert.equal(JSON.parse(saved.get('ft')!).step, 6);
  const second = base.make();
  const resumed = await finetune(second, data, opts, { teacher, store, key: 'ft' });
  assert.equal(resumed.resumedAt, 6);
  assert.deepEqual(values(second), values(whole), 'same weights as the run never stopped');
  assert.deepEqual(resumed.evaluations, full.evaluations);
  // Patience 1: stops at the first evaluation without a gain (this learning rate only hurts).
  const early = await finetune(base.make(), data, { ...opts, learningRate: 0.5, patience: 1, distill: 0 });
  assert.ok(early.stoppedEarly && early.steps === 3, `stopped at ${early.steps}`);
  assert.throws(() => checkFinetuneSettings(finetuneSettings({ steps: 5, distill: 1.5, seed: 0 })), /distill must be in 0\.\.1, got 1\.5/);
  assert.throws(() => checkFinetuneSettings(finetuneSettings({ steps: 0, seed: 0 })), /steps must be a positive integer, got 0/);
  await assert.rejects(finetune(base.make(), data, { ...opts, distill: 0.5 }), /distill > 0 needs the unpruned model/);
  assert.throws(() => finetuneSplit({ ...data, size: 1 }), /at least 2 calibration images/);
  tf.dispose([teacher, whole, first, second].flatMap((m) => { m.dispose(); return []; }));
});

test('job: fine-tuning settings validated and carried over the wire', () => {
  const job = { model: 'm', data: 'd', sparsity: 0.5, out: 'o', method: 'fisher' };
  const full = parsePruneJob({ ...job, finetune: { steps: 50, learningRate: 1e-4, distill: 0.5, batchNorm: 'batch' } });
  const wire = jobFromSpec(qprune.PruneJobSpec.decode(qprune.PruneJobSpec.encode(jobToSpec(full)).finish()));
  assert.deepEqual(wire.finetune, { steps: 50, learningRate: 1e-4, distill: 0.5, batchNorm: 'batch' });
  assert.deepEqual(parsePruneJob({ ...job, finetune: { steps: 5 } }).finetune, { steps: 5, learningRate: 5e-4, distill: 0, batchNorm: 'frozen' });
  assert.throws(() => parsePruneJob({ ...job, finetune: { steps: 5, distill: 2 } }), /finetune\.distill/);
  assert.throws(() => parsePruneJob({ ...job, finetune: { steps: 5, batchNorm: 'train' } }), /finetune\.batchNorm/);
});
