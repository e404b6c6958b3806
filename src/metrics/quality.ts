/**
 * Image quality metrics on images with values on [0, 1] (data range L = 1, which gives the same dB as
 * 8-bit images on [0, 255] with L = 255).
 *
 * PSNR = 10·log10(L² / MSE), over all pixels and channels, no clipping of the estimate.
 * SSIM follows Wang et al. 2004: 11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03, weighted local
 * statistics (population form, as in the reference MATLAB code), mean over the 'valid' region (windows
 * fully inside the image), computed per channel and averaged over channels.
 */
import { Image } from '../data/image.js';

function checkSameShape(a: Image, b: Image): void {
  if (a.height !== b.height || a.width !== b.width || a.channels !== b.channels) {
    throw new Error(`images differ in shape: ${a.height}x${a.width}x${a.channels} vs ${b.height}x${b.width}x${b.channels}`);
  }
}

export function mse(a: Image, b: Image): number {
  checkSameShape(a, b);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i] - b.data[i];
    s += d * d;
  }
  return s / a.data.length;
}

export function psnr(estimate: Image, reference: Image, dataRange = 1): number {
  const m = mse(estimate, reference);
  return m === 0 ? Infinity : 10 * Math.log10((dataRange * dataRange) / m);
}

/** Mean PSNR over `n` equal-size images packed one after another (a patch or crop batch). */
export function meanBatchPsnr(estimate: Float32Array, reference: Float32Array, n: number, dataRange = 1): number {
  const size = reference.length / n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const at = (a: Float32Array): Image => ({ height: 1, width: size, channels: 1, data: a.subarray(i * size, (i + 1) * size) });
    sum += psnr(at(estimate), at(reference), dataRange);
  }
  return sum / n;
}

export interface SsimOptions {
  dataRange?: number;
  windowSize?: number;
  sigma?: number;
  k1?: number;
  k2?: number;
}

function gaussianWindow(size: number, sigma: number): Float64Array {
  const w = new Float64Array(size);
  const c = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) {
    w[i] = Math.exp(-((i - c) ** 2) / (2 * sigma * sigma));
    sum += w[i];
  }
  for (let i = 0; i < size; i++) w[i] /= sum;
  return w;
}

/** Separable 'valid' filtering of one channel plane (H x W) with the 1-D window g. */
function filterValid(plane: Float64Array, h: number, w: number, g: Float64Array): Float64Array {
  const k = g.length;
  const ow = w - k + 1;
  const oh = h - k + 1;
  const tmp = new Float64Array(h * ow);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += g[i] * plane[y * w + x + i];
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float64Array(oh * ow);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += g[i] * tmp[(y + i) * ow + x];
      out[y * ow + x] = s;
    }
  }
  return out;
}

export function ssim(estimate: Image, reference: Image, opts: SsimOptions = {}): number {
  checkSameShape(estimate, reference);
  const { dataRange = 1, windowSize = 11, sigma = 1.5, k1 = 0.01, k2 = 0.03 } = opts;
  const { height: h, width: w, channels: C } = estimate;
  if (h < windowSize || w < windowSize) throw new Error(`SSIM needs images of at least ${windowSize}x${windowSize}, got ${h}x${w}`);
  const g = gaussianWindow(windowSize, sigma);
  const c1 = (k1 * dataRange) ** 2;
  const c2 = (k2 * dataRange) ** 2;
  const n = h * w;
  let total = 0;
  for (let c = 0; c < C; c++) {
    const x = new Float64Array(n), y = new Float64Array(n), xx = new Float64Array(n), yy = new Float64Array(n), xy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = estimate.data[i * C + c];
      const b = reference.data[i * C + c];
      x[i] = a; y[i] = b; xx[i] = a * a; yy[i] = b * b; xy[i] = a * b;
    }
    const mx = filterValid(x, h, w, g), my = filterValid(y, h, w, g);
    const sxx = filterValid(xx, h, w, g), syy = filterValid(yy, h, w, g), sxy = filterValid(xy, h, w, g);
    let sum = 0;
    for (let i = 0; i < mx.length; i++) {
      const vx = sxx[i] - mx[i] * mx[i];
      const vy = syy[i] - my[i] * my[i];
      const cov = sxy[i] - mx[i] * my[i];
      sum += ((2 * mx[i] * my[i] + c1) * (2 * cov + c2)) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
    }
    total += sum / mx.length;
  }
  return total / C;
}
