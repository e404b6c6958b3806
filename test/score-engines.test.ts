/**
 * The two scoring engines agree: the onnxruntime gate-gradient graph (src/onnx/gradient.ts) and the
 * tfjs pass give the same per-sample gate-gradient statistics (Σg, Σ|g|, Σg², Σggᵀ), activation
 * statistics and consumer-input moments to 1e-4 relative, on every fixture kind (BN + bias-less convs,
 * U-Net concat + maxpool + transposed conv, Half-UNet adds + avgpool + upsampling, residual adds with
 * depthwise/separable convs, PReLU, padding, a gated multiply); on the imported DnCNN (17 layers) both
 * are judged against a float64 reference of the same pass (test/support/float64-chain.ts), since two
 * float32 engines differ there by up to ~5e-4 in the first groups; a model the graph cannot
 * differentiate is scored on tfjs with the reason named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { calibrateOn, calibrationPatches } from '../src/score/calibration.js';
import { exportGateGradientGraph } from '../src/onnx/gradient.js';
import { createMaskedModel } from '../src/prune/mask.js';
import type { CalibrationStats } from '../src/score/accumulator.js';
import type { Removal } from '../src/score/removal.js';
import { dncnnLike, flattenDense, halfUnet, residualNet, unet } from './fixtures/prune-models.js';
import { loadModel } from '../src/io/model-io.js';
import { DNCNN, BSD68, needShared } from './helpers.js';
import { chainGateGradients } from './support/float64-chain.js';

await initBackend('wasm');

/** max |a − b| / max |b|: one scale per statistic, so tiny entries do not dominate. */
function rel(a: ArrayLike<number>, b: ArrayLike<number>, scale: ArrayLike<number> = b): number {
  assert.equal(a.length, b.length);
  let num = 0, den = 0;
  for (let i = 0; i < a.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(scale[i])); }
  return den > 0 ? num / den : num;
}

function worstDifference(a: CalibrationStats, b: CalibrationStats): { stat: string; value: number } {
  let worst = { stat: 'none', value: 0 };
  const see = (stat: string, value: number) => { if (!(value <= worst.value)) worst = { stat, value }; };
  assert.deepEqual(a.groups.map((g) => g.id), b.groups.map((g) => g.id));
  a.groups.forEach((g, i) => {
    const h = b.groups[i];
    for (const k of ['sumAbsG', 'sumG2', 'sumGG', 'gram', 'sum'] as const) see(`${g.id}.${k}`, rel(g[k], h[k]));
    // Σ_n g_n cancels (signed): its rounding is relative to Σ_n |g_n|, the size of what was summed.
    see(`${g.id}.sumG`, rel(g.sumG, h.sumG, h.sumAbsG));
    assert.equal(g.positions, h.positions, `${g.id}: positions`);
    assert.equal(g.count, h.count, `${g.id}: activation count`);
  });
  assert.deepEqual([...a.inputStats.keys()].sort(), [...b.inputStats.keys()].sort());
  for (const [k, v] of a.inputStats) {
    const w = b.inputStats.get(k)!;
    see(`${k}.mean`, rel(v.mean, w.mean));
    see(`${k}.covariance`, rel(v.covariance!, w.covariance!));
  }
  return worst;
}

async function compare(name: string, model: tf.LayersModel, data: string, patch: number, samples = 6, removal: Removal = 'zero') {
  const channels = model.inputs[0].shape[3] as 1 | 3;
  const source = await openDataset(data, { noise: parseNoise('gaussian:25'), seed: 1, channels });
  const opts = { samples, patch, batch: 4, seed: 2, removal };
  const ort = await calibrateOn(model, calibrationPatches(source, opts), { ...opts, engine: 'onnxruntime' });
  const tfjs = await calibrateOn(model, calibrationPatches(source, opts), { ...opts, engine: 'tfjs' });
  assert.equal(ort.engine, 'onnxruntime', `${name}: scored on onnxruntime`);
  assert.equal(tfjs.engine, 'tfjs');
  assert.equal(ort.samples, samples);
  const worst = worstDifference(ort, tfjs);
  assert.ok(worst.value < 1e-4, `${name}: ${worst.stat} differs by ${worst.value.toExponential(2)} (relative)`);
  return worst;
}

test('onnxruntime and tfjs engines: same calibration statistics on the fixtures (1e-4 relative)', async (t) => {
  for (const [name, make] of [['dncnnLike', dncnnLike], ['unet', unet], ['halfUnet', halfUnet]] as const) {
    const w = await compare(name, make(), 'procedural:deadleaves:6:32', 16);
    t.diagnostic(`${name}: worst ${w.stat} ${w.value.toExponential(2)}`);
  }
  // Removal 'mean' (g − μ·Σ∂L/∂a on the compensated gates): both engines centre the same way.
  for (const [name, make] of [['dncnnLike', dncnnLike], ['unet', unet], ['halfUnet', halfUnet]] as const) {
    const w = await compare(`${name}, removal mean`, make(), 'procedural:deadleaves:6:32', 16, 6, 'mean');
    t.diagnostic(`${name}, removal mean: worst ${w.stat} ${w.value.toExponential(2)}`);
  }
  // Patches larger than the size the model was declared with (16): a fully convolutional model runs at any size.
  const wide = await compare('unet at 32 px', unet(), 'procedural:deadleaves:6:48', 32);
  t.diagnostic(`unet, 32-px patches on a 16-px declared input: worst ${wide.stat} ${wide.value.toExponential(2)}`);
  // tfjs-wasm has no depthwise-conv input gradient: this fixture's tfjs reference runs on tfjs-cpu.
  await initBackend('cpu');
  try {
    const w = await compare('residualNet', residualNet(), 'procedural:deadleaves:6:32', 12);
    t.diagnostic(`residualNet (tfjs-cpu reference): worst ${w.stat} ${w.value.toExponential(2)}`);
  } finally {
    await initBackend('wasm');
  }
});

test('strided convolutions (same and valid padding, even and odd sizes): the engines agree', async (t) => {
  // The adjoint of a strided conv slices the full transposed conv at a begin pad computed in the graph.
  const build = (padding: 'same' | 'valid', size: number, upKernel: number) => {
    const input = tf.input({ shape: [size, size, 1] });
    const init = (seed: number) => tf.initializers.glorotNormal({ seed });
    const down = tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding, activation: 'relu', kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
    const mid = tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }).apply(down) as tf.SymbolicTensor;
    const up = tf.layers.conv2dTranspose({ filters: 4, kernelSize: upKernel, strides: 2, padding, activation: 'relu', kernelInitializer: init(3) }).apply(mid) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', kernelInitializer: init(4) }).apply(up) as tf.SymbolicTensor });
  };
  for (const [padding, size, k] of [['same', 16, 2], ['valid', 17, 3], ['valid', 18, 4]] as const) {
    const w = await compare(`${padding} ${size}px`, build(padding, size, k), 'procedural:deadleaves:6:32', size);
    t.diagnostic(`${padding}, ${size}px: worst ${w.stat} ${w.value.toExponential(2)}`);
  }
});

test('imported DnCNN-S (../shared): both engines against a float64 reference of the same pass', async (t) => {
  if (!needShared(t, 'models/dncnn-keras-sigma25', 'data/bsd68')) return;
  const { model } = await loadModel(DNCNN);
  const source = await openDataset(BSD68, { noise: parseNoise('gaussian:25'), seed: 1, channels: 1 });
  const opts = { samples: 4, patch: 40, batch: 4, seed: 2 };
  const engines = {
    onnxruntime: await calibrateOn(model, calibrationPatches(source, opts), { ...opts, engine: 'onnxruntime' }),
    tfjs: await calibrateOn(model, calibrationPatches(source, opts), { ...opts, engine: 'tfjs' }),
  };
  // Σ_n |g_n| and Σ_n g_n² per group channel in float64, from the same patches.
  const sumAbs: Float64Array[] = [], sum2: Float64Array[] = [];
  for await (const b of calibrationPatches(source, opts)) {
    const size = b.patch * b.patch * b.channels;
    for (let s = 0; s < b.n; s++) {
      chainGateGradients(model, b.noisy.subarray(s * size, (s + 1) * size), b.clean.subarray(s * size, (s + 1) * size), b.patch, b.patch).forEach((g, k) => {
        sumAbs[k] ??= new Float64Array(g.length);
        sum2[k] ??= new Float64Array(g.length);
        g.forEach((v, i) => { sumAbs[k][i] += Math.abs(v); sum2[k][i] += v * v; });
      });
    }
  }
  const errors: Record<string, number> = {};
  for (const [name, stats] of Object.entries(engines)) {
    assert.equal(stats.groups.length, sumAbs.length, `${name}: one group per gated conv input`);
    errors[name] = Math.max(...stats.groups.flatMap((g, k) => [rel(g.sumAbsG, sumAbs[k]), rel(g.sumG2, sum2[k])]));
  }
  t.diagnostic(`largest relative error against float64 (Σ|g|, Σg² per group): onnxruntime ${errors.onnxruntime.toExponential(2)}, tfjs ${errors.tfjs.toExponential(2)}`);
  // Both are float32 through 17 layers: their error against exact arithmetic is the yardstick.
  assert.ok(errors.onnxruntime < 5e-4, `onnxruntime is ${errors.onnxruntime.toExponential(2)} from float64`);
  assert.ok(errors.tfjs < 1e-3, `tfjs is ${errors.tfjs.toExponential(2)} from float64`);
});

test('a model the gradient graph cannot differentiate is scored on tfjs, the reason named', async () => {
  const source = await openDataset('procedural:deadleaves:4:16', { noise: parseNoise('gaussian:25'), seed: 1, channels: 1 });
  const input = tf.input({ shape: [null, null, 1] });
  const a = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const b = tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const m = tf.layers.maximum({ name: 'max' }).apply([a, b]) as tf.SymbolicTensor;
  const out = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same' }).apply(m) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const messages: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => { messages.push(String(chunk)); return true; }) as typeof process.stderr.write;
  let stats;
  try {
    stats = await calibrateOn(model, calibrationPatches(source, { samples: 2, patch: 16, batch: 2, seed: 0 }), { samples: 2, patch: 16, batch: 2, seed: 0 });
  } finally {
    process.stderr.write = write;
  }
  assert.equal(stats.engine, 'tfjs');
  assert.ok(stats.groups.length > 0);
  assert.match(messages.join(''), /scoring on tfjs: layer 'max' of type Maximum has no gradient in the ONNX gradient graph/);
  // A classifier-like model (its output is not an image) is not the gradient graph's either.
  assert.throws(() => exportGateGradientGraph(createMaskedModel(flattenDense())), /needs an image-to-image model/);
});
