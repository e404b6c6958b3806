import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeImage } from '../src/data/image.js';
import { psnr, ssim, mse } from '../src/metrics/quality.js';
import { Rng } from '../src/data/rng.js';

test('PSNR equals the hand-computed value', () => {
  // Errors 0.1, -0.1, 0, 0.2 -> MSE = (0.01 + 0.01 + 0 + 0.04) / 4 = 0.015
  const a = makeImage(2, 2, 1, Float32Array.from([0.5, 0.5, 0.5, 0.5]));
  const b = makeImage(2, 2, 1, Float32Array.from([0.6, 0.4, 0.5, 0.7]));
  assert.ok(Math.abs(mse(a, b) - 0.015) < 1e-7);
  assert.ok(Math.abs(psnr(a, b) - 10 * Math.log10(1 / 0.015)) < 1e-5); // 18.2391 dB
  assert.ok(Math.abs(psnr(a, b) - 18.2391) < 1e-4);
  // Same images on the 0-255 scale with L = 255 give the same dB.
  const scale = (x: typeof a) => makeImage(2, 2, 1, x.data.map((v) => v * 255));
  assert.ok(Math.abs(psnr(scale(a), scale(b), 255) - psnr(a, b)) < 1e-4);
  assert.equal(psnr(a, a), Infinity);
});

test('SSIM of constant images equals the closed form (2ab + C1)/(a² + b² + C1)', () => {
  const a = 0.3, b = 0.5, c1 = 0.01 ** 2;
  const x = makeImage(16, 16, 1, new Float32Array(256).fill(a));
  const y = makeImage(16, 16, 1, new Float32Array(256).fill(b));
  const want = (2 * a * b + c1) / (a * a + b * b + c1); // variance terms cancel: (0 + C2)/(0 + C2)
  assert.ok(Math.abs(ssim(x, y) - want) < 1e-6, `${ssim(x, y)} vs ${want}`);
  assert.ok(Math.abs(ssim(x, x) - 1) < 1e-12);
});

test('SSIM equals a brute-force 2-D Gaussian-window computation and averages channels', () => {
  const rng = new Rng(1);
  const h = 15, w = 13;
  const x = makeImage(h, w, 3, Float32Array.from({ length: h * w * 3 }, () => rng.next()));
  const y = makeImage(h, w, 3, x.data.map((v) => v + 0.1 * rng.normal()));
  // Independent computation: full 11x11 weights, no separability.
  const g = Array.from({ length: 11 }, (_, i) => Math.exp(-((i - 5) ** 2) / (2 * 1.5 * 1.5)));
  const gs = g.reduce((s, v) => s + v, 0);
  const c1 = 1e-4, c2 = 9e-4;
  let total = 0;
  for (let c = 0; c < 3; c++) {
    let sum = 0, count = 0;
    for (let i = 0; i + 11 <= h; i++)
      for (let j = 0; j + 11 <= w; j++) {
        let mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
        for (let u = 0; u < 11; u++)
          for (let v = 0; v < 11; v++) {
            const wt = (g[u] * g[v]) / (gs * gs);
            const a = x.data[((i + u) * w + j + v) * 3 + c], b = y.data[((i + u) * w + j + v) * 3 + c];
            mx += wt * a; my += wt * b; sxx += wt * a * a; syy += wt * b * b; sxy += wt * a * b;
          }
        const vx = sxx - mx * mx, vy = syy - my * my, cov = sxy - mx * my;
        sum += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
        count++;
      }
    total += sum / count;
  }
  assert.ok(Math.abs(ssim(x, y) - total / 3) < 1e-9, `${ssim(x, y)} vs ${total / 3}`);
  assert.ok(ssim(x, y) < 1 && ssim(x, y) > 0);
});

test('metrics reject images of different shapes', () => {
  assert.throws(() => psnr(makeImage(2, 2, 1), makeImage(2, 3, 1)), /differ in shape/);
  assert.throws(() => ssim(makeImage(8, 8, 1), makeImage(8, 8, 1)), /at least 11x11/);
});
