/**
 * The imported DnCNN against an independent forward pass: weights read straight from the HDF5 file
 * with h5wasm and the Keras config walked layer by layer with direct loops (float64), on a small crop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DNCNN, DNCNN_H5, BSD68, needShared } from './helpers.js';
import { initBackend, tf } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { readImage, crop } from '../src/data/image.js';
import { h5wasm } from '../src/io/hdf5.js';

type Plane = { h: number; w: number; c: number; v: Float64Array };

function conv3x3Same(x: Plane, kernel: Float32Array, kshape: number[], bias?: Float32Array): Plane {
  const [KH, KW, CI, CO] = kshape;
  const out = new Float64Array(x.h * x.w * CO);
  for (let y = 0; y < x.h; y++)
    for (let xx = 0; xx < x.w; xx++)
      for (let co = 0; co < CO; co++) {
        let s = bias ? bias[co] : 0;
        for (let ky = 0; ky < KH; ky++) {
          const iy = y + ky - (KH - 1) / 2;
          if (iy < 0 || iy >= x.h) continue;
          for (let kx = 0; kx < KW; kx++) {
            const ix = xx + kx - (KW - 1) / 2;
            if (ix < 0 || ix >= x.w) continue;
            const base = (iy * x.w + ix) * CI;
            const kb = (ky * KW + kx) * CI * CO + co;
            for (let ci = 0; ci < CI; ci++) s += x.v[base + ci] * kernel[kb + ci * CO];
          }
        }
        out[(y * x.w + xx) * CO + co] = s;
      }
  return { h: x.h, w: x.w, c: CO, v: out };
}

test('imported Keras DnCNN equals a direct-loop reference forward pass to 1e-4', async (t) => {
  if (!needShared(t, 'models/dncnn-keras-sigma25/model.h5', 'data/bsd68/test001.png')) return;
  await initBackend('wasm');
  const img = crop(await readImage(`${BSD68}/test001.png`), 100, 150, 12, 10);
  const { model } = await loadModel(DNCNN);
  const got = tf.tidy(() => (model.predict(tf.tensor4d(img.data, [1, 12, 10, 1])) as tf.Tensor).dataSync());

  const config = JSON.parse(readFileSync(DNCNN, 'utf8'));
  await h5wasm.ready;
  const f = new h5wasm.File(DNCNN_H5, 'r');
  const weight = (layer: string, name: string) => {
    const ds = f.get(`${layer}/${layer}/${name}:0`) as unknown as { value: Float32Array; shape: number[] };
    return { v: ds.value, shape: ds.shape };
  };
  const outputs = new Map<string, Plane>();
  let last: Plane | undefined;
  for (const layer of config.config.layers) {
    const inbound: Plane[] = (layer.inbound_nodes[0] ?? []).map((n: [string]) => outputs.get(n[0])!);
    const cfg = layer.config;
    let out: Plane;
    switch (layer.class_name) {
      case 'InputLayer':
        out = { h: 12, w: 10, c: 1, v: Float64Array.from(img.data) };
        break;
      case 'Conv2D': {
        const k = weight(layer.name, 'kernel');
        out = conv3x3Same(inbound[0], k.v, k.shape, cfg.use_bias ? weight(layer.name, 'bias').v : undefined);
        break;
      }
      case 'BatchNormalization': {
        const [g, b, m, v] = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((n) => weight(layer.name, n).v);
        const x = inbound[0];
        out = { ...x, v: x.v.map((u, i) => { const c = i % x.c; return (g[c] * (u - m[c])) / Math.sqrt(v[c] + cfg.epsilon) + b[c]; }) };
        break;
      }
      case 'Activation':
        assert.equal(cfg.activation, 'relu');
        out = { ...inbound[0], v: inbound[0].v.map((u) => Math.max(0, u)) };
        break;
      case 'Subtract':
        out = { ...inbound[0], v: inbound[0].v.map((u, i) => u - inbound[1].v[i]) };
        break;
      default:
        throw new Error(`reference does not implement ${layer.class_name}`);
    }
    outputs.set(layer.name, out);
    last = out;
  }
  f.close();
  assert.equal(got.length, last!.v.length);
  let maxErr = 0;
  for (let i = 0; i < got.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - last!.v[i]));
  t.diagnostic(`max |tfjs - reference| = ${maxErr.toExponential(2)}`);
  assert.ok(maxErr < 1e-4, `max error ${maxErr}`);
  // The model denoises: output differs from input (residual learning), and all values finite.
  assert.ok(got.every(Number.isFinite));
});
