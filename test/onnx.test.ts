import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { initBackend, tf } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { exportOnnx } from '../src/onnx/export.js';
import { OrtModel } from '../src/onnx/ort-engine.js';
import { analyzeChannels, KeepMasks } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { Rng } from '../src/data/rng.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { buildValidationBatch, CandidateEvaluator, cropPlan } from '../src/eval/candidates.js';
import { CachedEvaluator } from '../src/eval/cached-evaluator.js';
import { packBatch, unpackBatch } from '../src/transport/wire.js';
import { crop as cropImage, makeImage } from '../src/data/image.js';
import { createMaskedModel } from '../src/prune/mask.js';
import { FIXTURES, dncnnLike } from './fixtures/prune-models.js';
import { DNCNN, ROOT, needShared, runCli, tempDir } from './helpers.js';

await initBackend('wasm');

function randomKeep(model: tf.LayersModel, seed: number): KeepMasks {
  const rng = new Rng(seed);
  return new Map(analyzeChannels(model).groups.filter((g) => g.prunable).map((g) => {
    const m = Uint8Array.from({ length: g.size }, () => (rng.next() < 0.5 ? 1 : 0));
    m[rng.int(g.size)] = 1;
    return [g.id, m];
  }));
}

async function maxDiff(model: tf.LayersModel, onnxBytes: Uint8Array, seed: number): Promise<number> {
  const shape = model.inputs[0].shape.map((d) => d ?? 20);
  shape[0] = 2;
  const x = tf.randomNormal(shape, 0.5, 0.3, 'float32', seed);
  const want = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
  const ort = await OrtModel.create(onnxBytes, { threads: 1 });
  const got = await ort.runBatch(x.dataSync() as Float32Array, shape as [number, number, number, number]);
  await ort.release();
  x.dispose();
  assert.equal(got.data.length, want.length);
  let m = 0;
  for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got.data[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  return m;
}

for (const [name, build] of Object.entries(FIXTURES)) {
  test(`ONNX export of ${name} equals tfjs to 1e-4: unpruned, pruned (surgery) and pruned on export`, async (t) => {
    const model = build();
    const keep = randomKeep(model, 3);
    const pruned = await prune(model, keep);
    const errs = [await maxDiff(model, exportOnnx(model), 1), await maxDiff(pruned, exportOnnx(pruned), 2), await maxDiff(pruned, exportOnnx(model, { keep }), 3)];
    t.diagnostic(`max relative differences ${errs.map((e) => e.toExponential(2)).join(', ')}`);
    errs.forEach((e) => assert.ok(e < 1e-4, `difference ${e}`));
  });
}

test('ONNX export of a masked model (channel gates) equals tfjs', async () => {
  const model = dncnnLike();
  const masked = createMaskedModel(model);
  masked.setKeep(randomKeep(model, 9));
  assert.ok(await maxDiff(masked.model, exportOnnx(masked.model), 4) < 1e-4);
});

test('imported DnCNN (../shared): ONNX equals tfjs to 1e-4, unpruned and pruned', async (t) => {
  if (!needShared(t, 'models/dncnn-keras-sigma25/model.h5')) return;
  const { model } = await loadModel(DNCNN);
  const keep = randomKeep(model, 5);
  const pruned = await prune(model, keep);
  assert.ok(await maxDiff(model, exportOnnx(model), 1) < 1e-4);
  assert.ok(await maxDiff(pruned, exportOnnx(model, { keep }), 2) < 1e-4);
});

test('qprune export writes a file that runs in a fresh process with only onnxruntime-node', async (t) => {
  const dir = tempDir(t);
  const { saveModel } = await import('../src/io/model-io.js');
  await saveModel(dncnnLike(), path.join(dir, 'm'));
  writeFileSync(path.join(dir, 'keep.json'), JSON.stringify({ groups: { g1: [0, 1, 2] } }));
  const r = runCli(['export', '--model', path.join(dir, 'm'), '--keep', path.join(dir, 'keep.json'), '--out', path.join(dir, 'm.onnx')]);
  assert.equal(r.code, 0, r.stderr);
  const script = `
    const ort = require('onnxruntime-node');
    (async () => {
      const s = await ort.InferenceSession.create(process.argv[1]);
      const x = new ort.Tensor('float32', new Float32Array(1 * 9 * 7 * 1).fill(0.5), [1, 9, 7, 1]);
      const out = (await s.run({ input: x })).output;
      console.log(JSON.stringify({ dims: out.dims, finite: Array.from(out.data).every(Number.isFinite) }));
    })();`;
  const p = spawnSync(process.execPath, ['-e', script, path.join(dir, 'm.onnx')], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  assert.deepEqual(JSON.parse(p.stdout), { dims: [1, 9, 7, 1], finite: true });
  const again = runCli(['export', '--model', path.join(dir, 'm'), '--out', path.join(dir, 'm.onnx')]);
  assert.equal(again.code, 2);
});

test('validation margin: the crops grow by the margin on each side, PSNR counts only their centre; the margin travels in a packed batch and a bad one is refused', async () => {
  const model = dncnnLike();
  const source = await openDataset('procedural:deadleaves:2:40', { noise: parseNoise('gaussian:25'), seed: 1 });
  const plain = await buildValidationBatch(source, 2, 32), batch = await buildValidationBatch(source, 2, 24, 4);
  assert.equal(batch.height, 32);
  assert.equal(batch.margin, 4);
  assert.deepEqual(batch.noisy, plain.noisy, 'the same 32² centre crops');
  const ev = new CandidateEvaluator(model, batch, { threads: 1 });
  const keep = randomKeep(model, 11);
  const [s] = await ev.evaluate([keep]);
  const pruned = await prune(model, keep);
  const out = tf.tidy(() => (pruned.predict(tf.tensor4d(batch.noisy, [2, 32, 32, 1])) as tf.Tensor).dataSync());
  for (let i = 0; i < 2; i++) {
    let mse = 0, all = 0;
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) {
      const k = i * 1024 + y * 32 + x, e = (out[k] - batch.clean[k]) ** 2;
      all += e;
      if (y >= 4 && y < 28 && x >= 4 && x < 28) mse += e;
    }
    const want = 10 * Math.log10(1 / (mse / 576));
    assert.ok(Math.abs(s.perImagePsnr[i] - want) < 1e-3, `image ${i}: ${s.perImagePsnr[i]} vs ${want}`);
    assert.ok(Math.abs(s.perImagePsnr[i] - 10 * Math.log10(1 / (all / 1024))) > 1e-3, 'the border is left out');
  }
  await ev.close();
  assert.equal(unpackBatch(packBatch(batch)).margin, 4);
  assert.equal(unpackBatch(packBatch(plain)).margin, undefined);
  for (const margin of [16, -1, 1.5, 'x']) assert.throws(() => unpackBatch(packBatch({ ...batch, margin: margin as number })), /batch blob: margin/);
  await assert.rejects(buildValidationBatch(source, 2, 36, 4), /smaller than the crop 44 \(36 \+ 2 x margin 4\)/);
  await assert.rejects(buildValidationBatch(source, 2, 24, -2), /margin must be a whole number/);
});

test('more validation crops than images: several positions per image, parity kept by image, larger crops contain the smaller ones, too many refused', async () => {
  const source = await openDataset('procedural:deadleaves:3:80', { noise: parseNoise('gaussian:25'), seed: 1 });
  const plan = cropPlan(7, 3);
  assert.deepEqual(plan.map((p) => [p.image, p.position]), [[0, 0], [1, 0], [2, 0], [1, 1], [0, 1], [1, 2], [2, 1]]);
  for (const [j, p] of cropPlan(48, 24).entries()) assert.equal(p.image % 2, j % 2, `crop ${j}`);
  assert.deepEqual(cropPlan(48, 24).filter((p) => p.image === 5).map((p) => p.position), [0, 1]);
  assert.deepEqual(cropPlan(5, 8), [0, 1, 2, 3, 4].map((image) => ({ image, position: 0 })), 'up to the number of images: their centres');
  assert.deepEqual(cropPlan(3, 1).map((p) => [p.image, p.position]), [[0, 0], [0, 1], [0, 2]]);
  assert.throws(() => cropPlan(28, 3), /28 validation crops from 3 images: at most 9 crops per image/);
  assert.throws(() => cropPlan(0, 3), /whole number >= 1/);
  const small = await buildValidationBatch(source, 7, 32), large = await buildValidationBatch(source, 7, 48), centres = await buildValidationBatch(source, 3, 32);
  assert.equal(small.n, 7);
  assert.deepEqual(small.noisy.subarray(0, 3 * 1024), centres.noisy, 'the first crops are the centre crops');
  assert.deepEqual(small.names.slice(3), [[1, '0.15,0.15'], [0, '0.15,0.15'], [1, '0.85,0.85'], [2, '0.15,0.15']].map(([i, at]) => `${centres.names[i as number]}@${at}`));
  const img0 = await source.load(0);
  const y = Math.round(0.15 * (80 - 32)), Y = Math.round(0.15 * (80 - 48));
  assert.deepEqual(small.clean.subarray(4 * 1024, 5 * 1024), cropImage(img0.clean, y, y, 32, 32).data, 'crop 4: image 0 at its second position');
  const inLarge = cropImage(makeImage(48, 48, 1, large.clean.slice(4 * 2304, 5 * 2304)), y - Y, y - Y, 32, 32).data;
  assert.deepEqual(small.clean.subarray(4 * 1024, 5 * 1024), inLarge, 'the larger crop at the same position contains the smaller one');
  assert.notDeepEqual(small.clean.subarray(4 * 1024, 5 * 1024), small.clean.subarray(0, 1024), 'another part of the same image');
  await assert.rejects(buildValidationBatch(source, 4, 80), /4 validation crops from 3 images: image .* \(80x80\) holds one 80² crop only/);
});

test('unsupported layers are refused by name', () => {
  const input = tf.input({ shape: [8, 8, 2] });
  const y = tf.layers.permute({ dims: [2, 1, 3], name: 'perm' }).apply(input) as tf.SymbolicTensor;
  assert.throws(() => exportOnnx(tf.model({ inputs: input, outputs: y })), /layer 'perm' of type Permute is not supported by the ONNX exporter/);
});

test('candidate evaluator: pruned-candidate PSNR via ORT equals tfjs surgery + metrics; the mask cache sends each mask once', async () => {
  const model = dncnnLike();
  const source = await openDataset('procedural:deadleaves:3:40', { noise: parseNoise('gaussian:25'), seed: 1 });
  const batch = await buildValidationBatch(source, 3, 32);
  const inner = new CandidateEvaluator(model, batch, { threads: 1 });
  const ev = await CachedEvaluator.open(inner);
  const keep = randomKeep(model, 11), other = randomKeep(model, 12);
  const [a, b] = await ev.evaluate([keep, keep]);
  assert.equal(a.cached, false);
  assert.equal(b.cached, true);
  assert.equal(inner.evaluations, 1, 'the repeat never reached the evaluator');
  const [c, d] = await ev.evaluate([other, keep]);
  assert.equal(c.cached, false);
  assert.equal(d.cached, true);
  assert.equal(d.psnr, a.psnr);
  assert.equal(ev.evaluations, 2);
  // Independent path: physical tfjs surgery, tfjs inference, same PSNR formula.
  const pruned = await prune(model, keep);
  const out = tf.tidy(() => (pruned.predict(tf.tensor4d(batch.noisy, [3, 32, 32, 1])) as tf.Tensor).dataSync());
  const size = 32 * 32;
  for (let i = 0; i < 3; i++) {
    let mse = 0;
    for (let k = 0; k < size; k++) mse += (out[i * size + k] - batch.clean[i * size + k]) ** 2;
    const want = 10 * Math.log10(1 / (mse / size));
    assert.ok(Math.abs(a.perImagePsnr[i] - want) < 1e-3, `image ${i}: ${a.perImagePsnr[i]} vs ${want}`);
  }
  await ev.close();
});

test('QPRUNE_ORT_DEVICE: cuda runs like the CPU where its provider is installed, else fails naming the install; other values refused', async (t) => {
  const model = dncnnLike();
  const bytes = exportOnnx(model);
  const saved = process.env.QPRUNE_ORT_DEVICE;
  try {
    process.env.QPRUNE_ORT_DEVICE = 'gpu';
    await assert.rejects(OrtModel.create(bytes), /QPRUNE_ORT_DEVICE must be cpu or cuda, not 'gpu'/);
    const x = Float32Array.from({ length: 16 * 16 }, (_, i) => Math.sin(i) * 0.5 + 0.5);
    const cpu = await OrtModel.create(bytes, { device: 'cpu', threads: 1 });
    const ref = (await cpu.runBatch(x, [1, 16, 16, 1])).data;
    await cpu.release();
    process.env.QPRUNE_ORT_DEVICE = 'cuda';
    let gpu: OrtModel | undefined;
    try {
      gpu = await OrtModel.create(bytes);
    } catch (err) {
      assert.match(String(err), /CUDA execution provider \(QPRUNE_ORT_DEVICE=cuda\).*ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules\/onnxruntime-node\/script\/install/);
      t.diagnostic('no CUDA execution provider here: refused with the install command');
    }
    if (gpu) {
      assert.equal(gpu.device, 'cuda');
      const out = (await gpu.runBatch(x, [1, 16, 16, 1])).data;
      const worst = Math.max(...out.map((v, i) => Math.abs(v - ref[i])));
      assert.ok(worst < 1e-4, `CUDA vs CPU: ${worst}`);
      t.diagnostic(`CUDA vs CPU: worst ${worst.toExponential(2)}`);
      await gpu.release();
    }
  } finally {
    if (saved === undefined) delete process.env.QPRUNE_ORT_DEVICE;
    else process.env.QPRUNE_ORT_DEVICE = saved;
    model.dispose();
  }
});
