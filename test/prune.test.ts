import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { initBackend, tf } from '../src/engine/backend.js';
import { analyzeChannels, KeepMasks, masksFromIndices, ChannelGraph } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { createMaskedModel } from '../src/prune/mask.js';
import { prunedCost } from '../src/prune/cost.js';
import { loadModel, saveModel } from '../src/io/model-io.js';
import { fileSystemLoader } from '../src/io/tfjs-format.js';
import { Rng } from '../src/data/rng.js';
import { FIXTURES, dncnnLike, halfUnet, unet, residualNet } from './fixtures/prune-models.js';
import { DNCNN, needShared, tempDir } from './helpers.js';

function randomKeep(graph: ChannelGraph, rng: Rng): KeepMasks {
  const keep: KeepMasks = new Map();
  for (const g of graph.groups) {
    if (!g.prunable) continue;
    const ratio = 0.2 + 0.7 * rng.next();
    const m = Uint8Array.from({ length: g.size }, () => (rng.next() < ratio ? 1 : 0));
    if (!m.includes(1)) m[rng.int(g.size)] = 1;
    keep.set(g.id, m);
  }
  return keep;
}

function inputFor(model: tf.LayersModel, seed: number): tf.Tensor {
  const shape = model.inputs[0].shape.map((d) => d ?? 24);
  shape[0] = 2;
  return tf.randomNormal(shape, 0.5, 0.3, 'float32', seed);
}

async function checkPruneEqualsMask(model: tf.LayersModel, trials: number, seed: number): Promise<{ maxErr: number; groups: number }> {
  const graph = analyzeChannels(model);
  const masked = createMaskedModel(model, graph);
  const rng = new Rng(seed);
  const x = inputFor(model, seed);
  const [h, w] = [x.shape[1], x.shape[2]];
  let maxErr = 0;
  for (let t = 0; t < trials; t++) {
    const keep = randomKeep(graph, rng);
    masked.setKeep(keep);
    const pruned = await prune(model, keep, graph);
    const [a, b] = tf.tidy(() => [(pruned.predict(x) as tf.Tensor).dataSync(), (masked.model.predict(x) as tf.Tensor).dataSync()]);
    for (let i = 0; i < a.length; i++) maxErr = Math.max(maxErr, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
    assert.equal(pruned.countParams(), prunedCost(model, graph, keep, h!, w!).params, `trial ${t}: parameter count vs cost model`);
    pruned.dispose();
  }
  masked.dispose();
  x.dispose();
  return { maxErr, groups: graph.groups.filter((g) => g.prunable).length };
}

await initBackend('wasm');

for (const [name, build] of Object.entries(FIXTURES)) {
  test(`${name}: prune(model, keep)(x) equals mask(model, keep)(x) over 50 random masks; params match the cost model`, async (t) => {
    const model = build();
    const { maxErr, groups } = await checkPruneEqualsMask(model, 50, 17);
    t.diagnostic(`${groups} prunable groups, max relative difference ${maxErr.toExponential(2)}`);
    assert.ok(groups >= 1);
    assert.ok(maxErr < 1e-4, `max difference ${maxErr}`);
    model.dispose();
  });
}

test('imported DnCNN (../shared): prune equals mask over 50 random masks', async (t) => {
  if (!needShared(t, 'models/dncnn-keras-sigma25/model.h5')) return;
  const { model } = await loadModel(DNCNN);
  const { maxErr, groups } = await checkPruneEqualsMask(model, 50, 5);
  t.diagnostic(`${groups} prunable groups, max relative difference ${maxErr.toExponential(2)}`);
  assert.equal(groups, 16, 'DnCNN-17: 16 prunable groups (every conv but the last)');
  assert.ok(maxErr < 1e-4, `max difference ${maxErr}`);
});

test('groups: Half-UNet levels added at full resolution form one group; U-Net concat keeps groups apart', () => {
  const hu = analyzeChannels(halfUnet());
  const big = hu.groups.find((g) => g.producers.includes('l1b'))!;
  assert.deepEqual([...big.producers].sort(), ['l1b', 'l2', 'l3']);
  assert.equal(big.size, 8);
  const out = hu.groups.find((g) => g.producers.includes('out'))!;
  assert.equal(out.prunable, false);
  const un = analyzeChannels(unet());
  const e1b = un.groups.find((g) => g.producers.includes('e1b'))!;
  const up = un.groups.find((g) => g.producers.includes('up'))!;
  assert.notEqual(e1b.id, up.id);
  assert.ok(e1b.members.some((m) => m.layer === 'd1' && m.role === 'in'), 'the conv after the concat consumes both groups');
  assert.ok(e1b.members.some((m) => m.layer === 'e1bn'), 'BN is a member of its conv group');
  const res = analyzeChannels(residualNet());
  const stem = res.groups.find((g) => g.producers.includes('stem'))!;
  assert.deepEqual([...stem.producers].sort(), ['b2', 'stem'], 'add couples the skip and the block output');
  assert.ok(stem.members.some((m) => m.layer === 'dw'), 'the depthwise conv follows its input group');
});

test('surgery: 50% DnCNN-like keeps ~25% FLOPs; saved pruned model loads with plain tf.loadLayersModel', async (t) => {
  const model = dncnnLike();
  const graph = analyzeChannels(model);
  const keep: KeepMasks = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i % 2 === 0 ? 1 : 0))]));
  const cost = prunedCost(model, graph, keep, 32, 32);
  const before = prunedCost(model, graph, new Map(), 32, 32);
  const ratio = cost.flops / before.flops;
  assert.ok(ratio > 0.25 && ratio < 0.27, `FLOPs ratio ${ratio}`);
  const pruned = await prune(model, keep, graph);
  const dir = tempDir(t);
  await saveModel(pruned, dir);
  const plain = await tf.loadLayersModel(fileSystemLoader(path.join(dir, 'model.json')));
  assert.equal(plain.countParams(), pruned.countParams());
  const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const convs = json.modelTopology.config.layers.filter((l: { class_name: string }) => l.class_name === 'Conv2D');
  assert.deepEqual(convs.map((l: { config: { filters: number } }) => l.config.filters), [6, 6, 6, 6, 6, 1]);
});

test('bad keep masks and unsupported layers are refused with clear errors', async () => {
  const model = dncnnLike();
  const graph = analyzeChannels(model);
  const g = graph.groups.find((x) => x.prunable)!;
  const fixedGroup = graph.groups.find((x) => !x.prunable)!;
  await assert.rejects(prune(model, new Map([[g.id, new Uint8Array(g.size + 1).fill(1)]]), graph), /has length 13, the group has 12 channels/);
  await assert.rejects(prune(model, new Map([[g.id, new Uint8Array(g.size)]]), graph), /keeps no channel/);
  await assert.rejects(prune(model, new Map([['g99', new Uint8Array(3)]]), graph), /unknown channel group 'g99'/);
  await assert.rejects(prune(model, new Map([[fixedGroup.id, new Uint8Array(fixedGroup.size)]]), graph), /not prunable/);
  assert.throws(() => masksFromIndices(graph, { [g.id]: [0, 12] }), /keep index 12 is out of range for group g0 \(0\.\.11\)/);
  const input = tf.input({ shape: [8, 8, 1] });
  const lstmish = tf.layers.conv2d({ filters: 2, kernelSize: 1, name: 'c' }).apply(input) as tf.SymbolicTensor;
  const odd = tf.layers.permute({ dims: [2, 1, 3], name: 'perm' }).apply(lstmish) as tf.SymbolicTensor;
  const bad = tf.model({ inputs: input, outputs: tf.layers.conv2d({ filters: 1, kernelSize: 1, name: 'o' }).apply(odd) as tf.SymbolicTensor });
  assert.throws(() => analyzeChannels(bad), /layer 'perm' of type Permute is not supported by the pruning graph/);
});
