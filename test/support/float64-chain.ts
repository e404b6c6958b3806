/**
 * An independent float64 reference for chain denoisers (Conv2D 'same' stride 1 / BatchNormalization /
 * ReLU layers, then Subtract(input, chain), as the DnCNN family): forward and backward written out in
 * plain loops, giving each sample's gate gradients g_i = Σ_positions a_i·∂L/∂a_i at every conv input
 * (L = mean over pixels of (out − clean)²). Used to judge the float32 scoring engines against exact
 * arithmetic, not against each other.
 */
import type * as tf from '@tensorflow/tfjs';
import { readWeights, Weight } from '../../src/prune/slice.js';

interface Map3 { c: number; d: Float64Array }

function conv(x: Map3, k: Weight, h: number, w: number, bias?: Float32Array): Map3 {
  const [kh, kw, ci, co] = k.shape;
  const out = new Float64Array(h * w * co);
  for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) {
    const o0 = (y * w + xx) * co;
    if (bias) for (let o = 0; o < co; o++) out[o0 + o] = bias[o];
    for (let ky = 0; ky < kh; ky++) {
      const yy = y + ky - (kh >> 1);
      if (yy < 0 || yy >= h) continue;
      for (let kx = 0; kx < kw; kx++) {
        const x2 = xx + kx - (kw >> 1);
        if (x2 < 0 || x2 >= w) continue;
        const i0 = (yy * w + x2) * ci, w0 = (ky * kw + kx) * ci * co;
        for (let i = 0; i < ci; i++) {
          const v = x.d[i0 + i], row = w0 + i * co;
          for (let o = 0; o < co; o++) out[o0 + o] += v * k.data[row + o];
        }
      }
    }
  }
  return { c: co, d: out };
}

function convInputGrad(dy: Map3, k: Weight, h: number, w: number): Map3 {
  const [kh, kw, ci, co] = k.shape;
  const dx = new Float64Array(h * w * ci);
  for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) {
    const o0 = (y * w + xx) * co;
    for (let ky = 0; ky < kh; ky++) {
      const yy = y + ky - (kh >> 1);
      if (yy < 0 || yy >= h) continue;
      for (let kx = 0; kx < kw; kx++) {
        const x2 = xx + kx - (kw >> 1);
        if (x2 < 0 || x2 >= w) continue;
        const i0 = (yy * w + x2) * ci, w0 = (ky * kw + kx) * ci * co;
        for (let i = 0; i < ci; i++) {
          let s = 0;
          const row = w0 + i * co;
          for (let o = 0; o < co; o++) s += dy.d[o0 + o] * k.data[row + o];
          dx[i0 + i] += s;
        }
      }
    }
  }
  return { c: ci, d: dx };
}

function bnScale(layer: tf.layers.Layer, w: Map<string, Weight>): { scale: Float64Array; shift: Float64Array } {
  const eps = (layer.getConfig() as { epsilon: number }).epsilon;
  const mean = w.get('moving_mean')!.data, variance = w.get('moving_variance')!.data, gamma = w.get('gamma')?.data, beta = w.get('beta')?.data;
  const scale = Float64Array.from(mean, (_, c) => (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + eps));
  return { scale, shift: Float64Array.from(mean, (m, c) => (beta ? beta[c] : 0) - m * scale[c]) };
}

/** Per conv layer after the first (in model order), the sample's gate gradients g_i. */
export function chainGateGradients(model: tf.LayersModel, noisy: Float32Array, clean: Float32Array, h: number, w: number): Float64Array[] {
  const x0: Map3 = { c: noisy.length / (h * w), d: Float64Array.from(noisy) };
  const tape: { layer: tf.layers.Layer; cls: string; input: Map3; output: Map3 }[] = [];
  let cur = x0;
  for (const layer of model.layers.slice(1)) {
    const cls = layer.getClassName(), wts = readWeights(layer);
    let output: Map3;
    if (cls === 'Conv2D') {
      const act = (layer.getConfig() as { activation?: string }).activation ?? 'linear';
      output = conv(cur, wts.get('kernel')!, h, w, wts.get('bias')?.data);
      if (act === 'relu') output.d.forEach((v, i) => (output.d[i] = Math.max(0, v)));
      else if (act !== 'linear') throw new Error(`float64 chain: activation ${act}`);
    } else if (cls === 'BatchNormalization') {
      const { scale, shift } = bnScale(layer, wts), c = cur.c;
      output = { c, d: cur.d.map((v, i) => v * scale[i % c] + shift[i % c]) };
    } else if ((cls === 'Activation' && (layer.getConfig() as { activation: string }).activation === 'relu') || cls === 'ReLU') {
      output = { c: cur.c, d: cur.d.map((v) => Math.max(0, v)) };
    } else if (cls === 'Subtract') {
      output = { c: x0.c, d: x0.d.map((v, i) => v - cur.d[i]) };
    } else throw new Error(`float64 chain: layer type ${cls}`);
    tape.push({ layer, cls, input: cur, output });
    cur = output;
  }
  const n = cur.d.length;
  let dy: Map3 = { c: cur.c, d: cur.d.map((v, i) => (2 * (v - clean[i])) / n) };
  const gates: Float64Array[] = [];
  for (const e of [...tape].reverse()) {
    const wts = readWeights(e.layer);
    if (e.cls === 'Subtract') dy = { c: dy.c, d: dy.d.map((v) => -v) };
    else if (e.cls === 'BatchNormalization') { const { scale } = bnScale(e.layer, wts), c = dy.c; dy = { c, d: dy.d.map((v, i) => v * scale[i % c]) }; }
    else if (e.cls === 'Activation' || e.cls === 'ReLU') dy = { c: dy.c, d: dy.d.map((v, i) => (e.output.d[i] > 0 ? v : 0)) };
    else {
      if ((e.layer.getConfig() as { activation?: string }).activation === 'relu') dy = { c: dy.c, d: dy.d.map((v, i) => (e.output.d[i] > 0 ? v : 0)) };
      const dx = convInputGrad(dy, wts.get('kernel')!, h, w);
      if (e.input !== x0) {
        const g = new Float64Array(dx.c);
        for (let i = 0; i < dx.d.length; i++) g[i % dx.c] += dx.d[i] * e.input.d[i];
        gates.unshift(g);
      }
      dy = dx;
    }
  }
  return gates;
}
