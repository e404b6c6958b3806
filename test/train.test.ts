import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../src/engine/backend.js';
import { buildDnCNN } from '../src/model/architectures.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { trainModel } from '../src/train/train.js';
import { forwardFlops, layerCosts } from '../src/model/cost.js';

test('training on dead leaves lowers the loss below the noise variance, reproducibly', async () => {
  await initBackend('wasm');
  const source = await openDataset('procedural:deadleaves:16:48', { noise: parseNoise('gaussian:25'), seed: 0 });
  const run = async () => {
    const model = buildDnCNN({ depth: 3, filters: 8, channels: 1, batchNorm: true, seed: 1 });
    const r = await trainModel(model, source, { patch: 24, batch: 8, steps: 60, poolSize: 128, learningRate: 3e-3, seed: 2 });
    const w = model.getWeights().map((t) => Array.from(t.dataSync()));
    model.dispose();
    return { r, w };
  };
  const a = await run();
  const b = await run();
  assert.ok(a.r.finalLoss < a.r.firstLoss, `loss ${a.r.firstLoss} -> ${a.r.finalLoss}`);
  assert.ok(a.r.finalLoss < (25 / 255) ** 2, `final loss ${a.r.finalLoss} should beat the identity (noise variance ${(25 / 255) ** 2})`);
  assert.deepEqual(a.w, b.w, 'same seed, same weights');
  assert.equal(tf.memory().numTensors, 0, 'no tensors leaked');
});

test('augmented training is seeded too, and sees other patches than plain training', async () => {
  await initBackend('wasm');
  const source = await openDataset('procedural:deadleaves:8:32', { noise: parseNoise('gaussian:25'), seed: 0 });
  const run = async (augment: boolean) => {
    const model = buildDnCNN({ depth: 3, filters: 4, channels: 1, batchNorm: false, seed: 1 });
    const r = await trainModel(model, source, { patch: 16, batch: 4, steps: 10, poolSize: 32, learningRate: 3e-3, seed: 2, augment });
    model.dispose();
    return r.losses;
  };
  const a = await run(true), b = await run(true), plain = await run(false);
  assert.deepEqual(a, b, 'same seed, same losses');
  assert.notDeepEqual(a, plain, 'augmentation changes what the steps see');
  assert.equal(tf.memory().numTensors, 0, 'no tensors leaked');
});

test('cost model: DnCNN FLOPs equal 2·H·W·9·(C·F + (D-2)·F² + F·C)', () => {
  const model = buildDnCNN({ depth: 17, filters: 64, channels: 1, batchNorm: true, seed: 0 });
  const want = 2 * 50 * 40 * 9 * (1 * 64 + 15 * 64 * 64 + 64 * 1);
  assert.equal(forwardFlops(model, 50, 40), want);
  const convs = layerCosts(model, 50, 40).filter((c) => c.className === 'Conv2D');
  assert.equal(convs.length, 17);
  assert.equal(convs[0].params, 9 * 64 + 64);
  assert.equal(convs[1].params, 9 * 64 * 64);
  model.dispose();
});
