/**
 * The forward-op Conv2D gradient kernels against numeric gradients: a float64 direct-loop conv in the
 * test, differentiated by central finite differences, on both backends we replace kernels on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../src/engine/backend.js';
import { Rng } from '../src/data/rng.js';

interface Case {
  name: string;
  x: [number, number, number, number];
  k: [number, number, number, number];
  stride: number;
  pad: 'same' | 'valid';
}

const cases: Case[] = [
  { name: '3x3 same stride 1', x: [2, 7, 6, 3], k: [3, 3, 3, 4], stride: 1, pad: 'same' },
  { name: '3x3 valid stride 1', x: [1, 6, 7, 2], k: [3, 3, 2, 3], stride: 1, pad: 'valid' },
  { name: '5x5 same stride 1', x: [1, 8, 8, 2], k: [5, 5, 2, 2], stride: 1, pad: 'same' },
  { name: '3x3 same stride 2', x: [2, 7, 8, 2], k: [3, 3, 2, 3], stride: 2, pad: 'same' },
  { name: '1x1 valid stride 1', x: [2, 4, 5, 3], k: [1, 1, 3, 2], stride: 1, pad: 'valid' },
];

/** Direct conv in float64, NHWC / HWIO, TensorFlow padding rules. */
function convRef(x: Float64Array, xs: number[], w: Float64Array, ks: number[], stride: number, pad: 'same' | 'valid') {
  const [B, H, W, CI] = xs;
  const [KH, KW, , CO] = ks;
  const OH = pad === 'same' ? Math.ceil(H / stride) : Math.ceil((H - KH + 1) / stride);
  const OW = pad === 'same' ? Math.ceil(W / stride) : Math.ceil((W - KW + 1) / stride);
  const pt = pad === 'same' ? Math.floor(Math.max((OH - 1) * stride + KH - H, 0) / 2) : 0;
  const pl = pad === 'same' ? Math.floor(Math.max((OW - 1) * stride + KW - W, 0) / 2) : 0;
  const y = new Float64Array(B * OH * OW * CO);
  for (let b = 0; b < B; b++)
    for (let oh = 0; oh < OH; oh++)
      for (let ow = 0; ow < OW; ow++)
        for (let co = 0; co < CO; co++) {
          let s = 0;
          for (let kh = 0; kh < KH; kh++) {
            const ih = oh * stride + kh - pt;
            if (ih < 0 || ih >= H) continue;
            for (let kw = 0; kw < KW; kw++) {
              const iw = ow * stride + kw - pl;
              if (iw < 0 || iw >= W) continue;
              for (let ci = 0; ci < CI; ci++) s += x[((b * H + ih) * W + iw) * CI + ci] * w[((kh * KW + kw) * CI + ci) * CO + co];
            }
          }
          y[((b * OH + oh) * OW + ow) * CO + co] = s;
        }
  return { y, shape: [B, OH, OW, CO] };
}

function randoms(n: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** Central differences of L = sum(r * conv(x, w)) w.r.t. every element of `wrt`. */
function numericGrad(c: Case, x: Float64Array, w: Float64Array, r: Float64Array, wrt: 'x' | 'w'): Float64Array {
  const target = wrt === 'x' ? x : w;
  const g = new Float64Array(target.length);
  const h = 1e-4;
  const loss = () => convRef(x, c.x, w, c.k, c.stride, c.pad).y.reduce((s, v, i) => s + v * r[i], 0);
  for (let i = 0; i < target.length; i++) {
    const keep = target[i];
    target[i] = keep + h;
    const up = loss();
    target[i] = keep - h;
    const down = loss();
    target[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

function relError(got: ArrayLike<number>, want: Float64Array): number {
  let num = 0, den = 0;
  for (let i = 0; i < want.length; i++) {
    num += (got[i] - want[i]) ** 2;
    den += want[i] ** 2;
  }
  return Math.sqrt(num / den);
}

for (const backend of ['wasm', 'cpu'] as const) {
  for (const c of cases) {
    test(`conv2d gradients on ${backend}: ${c.name} match finite differences to 1e-3`, async () => {
      await initBackend(backend);
      const rng = new Rng(7);
      const x = randoms(c.x.reduce((a, b) => a * b), rng);
      const w = randoms(c.k.reduce((a, b) => a * b), rng);
      const { shape } = convRef(x, c.x, w, c.k, c.stride, c.pad);
      const r = randoms(shape.reduce((a, b) => a * b), rng);
      const [gx, gw] = tf.tidy(() => {
        const xt = tf.tensor4d(Float32Array.from(x), c.x);
        const wt = tf.tensor4d(Float32Array.from(w), c.k);
        const rt = tf.tensor4d(Float32Array.from(r), shape as [number, number, number, number]);
        const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), rt)) as tf.Scalar;
        return tf.grads(f)([xt, wt]).map((g) => g.dataSync());
      });
      const ex = relError(gx, numericGrad(c, x, w, r, 'x'));
      const ew = relError(gw, numericGrad(c, x, w, r, 'w'));
      assert.ok(ex < 1e-3, `input gradient relative error ${ex}`);
      assert.ok(ew < 1e-3, `filter gradient relative error ${ew}`);
    });
  }
}

test('gradients through tfjs-layers Conv2D (fused path) work on wasm and leak no tensors', async () => {
  await initBackend('wasm');
  const model = tf.sequential({
    layers: [tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }), tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same' })],
  });
  const before = tf.memory().numTensors;
  const x = tf.randomNormal([2, 8, 8, 1], 0, 1, 'float32', 3);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads, value } = tf.variableGrads(() => tf.mean(tf.square(model.predict(x) as tf.Tensor)) as tf.Scalar, vars);
  const norms = Object.values(grads).map((g) => tf.tidy(() => tf.norm(g).dataSync()[0]));
  assert.equal(norms.length, 4);
  assert.ok(norms.every((n) => Number.isFinite(n) && n > 0), `gradient norms ${norms}`);
  tf.dispose([x, value, ...Object.values(grads)]);
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
});
