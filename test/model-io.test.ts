import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync, readFileSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';
import { initBackend, tf } from '../src/engine/backend.js';
import { loadModel, saveModel } from '../src/io/model-io.js';
import { Subtract, registerCustomLayers } from '../src/io/custom-layers.js';
import { h5wasm } from '../src/io/hdf5.js';

/** A small residual denoiser in the DnCNN style (conv, BN, ReLU, conv, input - noise). */
function tinyDenoiser(): tf.LayersModel {
  registerCustomLayers();
  const input = tf.input({ shape: [null, null, 1] as unknown as number[], name: 'inp' });
  let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'c1' }).apply(input) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ name: 'bn1', epsilon: 1e-3 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.activation({ activation: 'relu', name: 'r1' }).apply(x) as tf.SymbolicTensor;
  const noise = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', useBias: false, name: 'c2' }).apply(x) as tf.SymbolicTensor;
  const out = new Subtract({ name: 'sub' }).apply([input, noise]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  // Non-trivial BN statistics so a mix-up of gamma/beta/mean/variance would show.
  const bn = model.getLayer('bn1');
  bn.setWeights([tf.tensor1d([1.5, 0.5, 2, 1]), tf.tensor1d([0.1, -0.2, 0.3, 0]), tf.tensor1d([0.2, 0.1, -0.1, 0.05]), tf.tensor1d([2, 0.5, 1.5, 1])]);
  return model;
}

function predict(model: tf.LayersModel, x: tf.Tensor): Float32Array {
  return tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
}

test('tfjs format: save then load gives the same model, written atomically', async (t) => {
  await initBackend('wasm');
  const dir = tempDir(t);
  const model = tinyDenoiser();
  await saveModel(model, path.join(dir, 'm'));
  assert.deepEqual(readdirSync(path.join(dir, 'm')).sort(), ['model.json', 'weights.bin'], 'no temp files left behind');
  const loaded = await loadModel(path.join(dir, 'm'));
  assert.equal(loaded.format, 'tfjs');
  const x = tf.randomUniform([1, 9, 7, 1], 0, 1, 'float32', 1);
  assert.deepEqual(predict(loaded.model, x), predict(model, x));
  // Stock tfjs can load it too (the saved file is plain tfjs LayersModel JSON).
  const json = JSON.parse(readFileSync(path.join(dir, 'm/model.json'), 'utf8'));
  assert.equal(json.format, 'layers-model');
  assert.deepEqual(json.weightsManifest[0].paths, ['weights.bin']);
});

test('tfjs format: truncated weights and broken JSON are clear errors', async (t) => {
  await initBackend('wasm');
  const dir = tempDir(t);
  await saveModel(tinyDenoiser(), dir);
  truncateSync(path.join(dir, 'weights.bin'), 20);
  await assert.rejects(loadModel(dir), /hold 20 bytes, the manifest needs \d+ \(truncated/);
  writeFileSync(path.join(dir, 'model.json'), '{"modelTopology": ');
  await assert.rejects(loadModel(dir), /not valid JSON/);
  await assert.rejects(loadModel(path.join(dir, 'nope')), /model not found/);
});

/** Write weights the way Keras' save_weights does (layer_names / weight_names / layer/layer/w:0). */
async function writeKerasH5(file: string, model: tf.LayersModel, configAttr?: string): Promise<void> {
  await h5wasm.ready;
  const f = new h5wasm.File(file, 'w');
  const weighted = model.layers.filter((l) => l.weights.length > 0);
  const root = configAttr ? f.create_group('model_weights') : f;
  if (configAttr) f.create_attribute('model_config', configAttr);
  root.create_attribute('layer_names', weighted.map((l) => l.name));
  for (const layer of weighted) {
    const g = root.create_group(layer.name);
    const names = layer.weights.map((w) => `${layer.name}/${w.originalName.split('/').pop()}:0`);
    g.create_attribute('weight_names', names);
    const inner = g.create_group(layer.name);
    layer.getWeights().forEach((w, i) => {
      inner.create_dataset({ name: names[i].split('/').pop()!, data: w.dataSync() as Float32Array, shape: w.shape, dtype: '<f' });
    });
  }
  f.close();
}

test('Keras import: JSON config + save_weights .h5, and a full-model .h5, match the source model', async (t) => {
  await initBackend('wasm');
  const dir = tempDir(t);
  const model = tinyDenoiser();
  const kerasConfig = JSON.stringify(model.toJSON(null, false));
  writeFileSync(path.join(dir, 'net.json'), kerasConfig);
  await writeKerasH5(path.join(dir, 'net.h5'), model);
  const x = tf.randomUniform([1, 8, 8, 1], 0, 1, 'float32', 2);
  const want = predict(model, x);
  for (const p of ['net.json', 'net.h5']) {
    const loaded = await loadModel(path.join(dir, p));
    assert.equal(loaded.format, 'keras');
    const got = predict(loaded.model, x);
    got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6, `${p}[${i}]`));
  }
  await writeKerasH5(path.join(dir, 'full.h5'), model, kerasConfig);
  const full = await loadModel(path.join(dir, 'full.h5'));
  predict(full.model, x).forEach((v, i) => assert.ok(Math.abs(v - want[i]) < 1e-6));
});

test('Keras import: truncated .h5, wrong weight shapes and missing weights are clear errors', async (t) => {
  await initBackend('wasm');
  const dir = tempDir(t);
  const model = tinyDenoiser();
  writeFileSync(path.join(dir, 'net.json'), JSON.stringify(model.toJSON(null, false)));
  await writeKerasH5(path.join(dir, 'net.h5'), model);
  const bytes = readFileSync(path.join(dir, 'net.h5'));
  writeFileSync(path.join(dir, 'net.h5'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assert.rejects(loadModel(path.join(dir, 'net.json')), /truncated HDF5 file/);
  writeFileSync(path.join(dir, 'net.h5'), 'definitely not hdf5');
  await assert.rejects(loadModel(path.join(dir, 'net.json')), /not an HDF5 file/);
  // Same topology but 8 filters in c1: shapes no longer match the weights.
  const cfg = model.toJSON(null, false) as { config: { layers: { name: string; config: { filters?: number } }[] } };
  cfg.config.layers.find((l) => l.name === 'c1')!.config.filters = 8;
  writeFileSync(path.join(dir, 'net.json'), JSON.stringify(cfg));
  writeFileSync(path.join(dir, 'net.h5'), bytes);
  await assert.rejects(loadModel(path.join(dir, 'net.json')), /layer 'c1' weight 'kernel' has shape \[3,3,1,4\] .* needs \[3,3,1,8\]/);
});
