/**
 * Synthetic noise models, applied to clean images on [0, 1]. Noisy values are NOT clipped, as in the
 * DnCNN evaluation protocol (clipping would change the noise statistics the model was trained on).
 *  - gaussian:S            y = x + (S/255)·n,  n ~ N(0,1), S on the 0–255 scale
 *  - poisson-gaussian:A,S  y = A·Poisson(x/A) + (S/255)·n: A is the gain (signal-dependent variance A·x
 *                          on the [0,1] scale), S the read-noise σ on the 0–255 scale
 */
import { QpruneError } from '../errors.js';
import { Image, makeImage } from './image.js';
import { Rng } from './rng.js';

export type NoiseModel =
  | { kind: 'gaussian'; sigma: number }
  | { kind: 'poisson-gaussian'; gain: number; sigma: number };

export function parseNoise(spec: string): NoiseModel {
  const [kind, rest = ''] = spec.split(':', 2);
  const nums = rest.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const bad = () => new QpruneError(`invalid noise '${spec}': use gaussian:SIGMA (0–255 scale) or poisson-gaussian:GAIN,SIGMA`);
  if (nums.some((v) => !Number.isFinite(v) || v < 0)) throw bad();
  if (kind === 'gaussian' && nums.length === 1) return { kind, sigma: nums[0] };
  if (kind === 'poisson-gaussian' && nums.length === 2 && nums[0] > 0) return { kind, gain: nums[0], sigma: nums[1] };
  throw bad();
}

export function formatNoise(n: NoiseModel): string {
  return n.kind === 'gaussian' ? `gaussian:${n.sigma}` : `poisson-gaussian:${n.gain},${n.sigma}`;
}

/** A noisy copy of `clean`; the same (rng state, image) always gives the same noise. */
export function addNoise(clean: Image, noise: NoiseModel, rng: Rng): Image {
  const src = clean.data;
  const out = new Float32Array(src.length);
  const s = noise.sigma / 255;
  if (noise.kind === 'gaussian') {
    for (let i = 0; i < src.length; i++) out[i] = src[i] + s * rng.normal();
  } else {
    const a = noise.gain;
    for (let i = 0; i < src.length; i++) out[i] = a * rng.poisson(Math.max(0, src[i]) / a) + s * rng.normal();
  }
  return makeImage(clean.height, clean.width, clean.channels, out);
}
