/**
 * Patch sampling from a PairSource, streamed in batches. Only one source image is held at a time (plus
 * the batch being filled), so memory does not grow with the dataset.
 *  - random: `count` patches at seeded random (image, y, x); the draw is made up front, then served
 *    image by image, so the result is independent of batch size;
 *  - grid: every patch on a regular grid (stride = patch unless given), image by image.
 */
import { QpruneError } from '../errors.js';
import { Rng } from './rng.js';
import type { PairSource } from './datasets.js';
import type { Image } from './image.js';

export interface PatchBatch {
  /** [n, patch, patch, channels] float32, HWC. */
  noisy: Float32Array;
  clean: Float32Array;
  n: number;
  patch: number;
  channels: number;
}

export interface PatchOptions {
  patch: number;
  batch: number;
  mode: 'random' | 'grid';
  /** random mode: total patches. */
  count?: number;
  /** grid mode: step between patches (default = patch). */
  stride?: number;
  seed?: number;
}

function copyPatch(img: Image, y: number, x: number, p: number, dst: Float32Array, at: number): void {
  const c = img.channels;
  for (let r = 0; r < p; r++) {
    const src = ((y + r) * img.width + x) * c;
    dst.set(img.data.subarray(src, src + p * c), at + r * p * c);
  }
}

export async function* patchBatches(source: PairSource, opts: PatchOptions): AsyncGenerator<PatchBatch> {
  const { patch: p, batch } = opts;
  if (!(p > 0) || !(batch > 0)) throw new QpruneError(`patch size and batch size must be positive (got ${p}, ${batch})`);
  let channels = 0;
  let noisy = new Float32Array(0), clean = new Float32Array(0);
  let n = 0;
  const flush = (): PatchBatch => {
    const out = { noisy: noisy.slice(0, n * p * p * channels), clean: clean.slice(0, n * p * p * channels), n, patch: p, channels };
    n = 0;
    return out;
  };
  const plan = opts.mode === 'random' ? await randomPlan(source, opts) : undefined;
  for (let i = 0; i < source.size; i++) {
    const spots = plan ? plan.get(i) : undefined;
    if (plan && !spots) continue;
    const pair = await source.load(i);
    if (pair.clean.height < p || pair.clean.width < p) throw new QpruneError(`image ${pair.name} (${pair.clean.height}x${pair.clean.width}) is smaller than the patch size ${p}`);
    if (!channels) {
      channels = pair.clean.channels;
      noisy = new Float32Array(batch * p * p * channels);
      clean = new Float32Array(batch * p * p * channels);
    } else if (pair.clean.channels !== channels) throw new QpruneError(`image ${pair.name} has ${pair.clean.channels} channels, earlier images ${channels}`);
    const { height: h, width: w } = pair.clean;
    const positions: [number, number][] = spots
      ? spots.map((d) => [Math.floor(d.fy * (h - p + 1)), Math.floor(d.fx * (w - p + 1))])
      : gridPositions(h, w, p, opts.stride ?? p);
    for (const [y, x] of positions) {
      if (y + p > pair.clean.height || x + p > pair.clean.width) throw new QpruneError(`image ${pair.name} (${pair.clean.height}x${pair.clean.width}) is too small for a ${p}x${p} patch at (${y},${x})`);
      const at = n * p * p * channels;
      copyPatch(pair.noisy, y, x, p, noisy, at);
      copyPatch(pair.clean, y, x, p, clean, at);
      if (++n === batch) yield flush();
    }
  }
  if (n > 0) yield flush();
}

function gridPositions(h: number, w: number, p: number, stride: number): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y + p <= h; y += stride) for (let x = 0; x + p <= w; x += stride) out.push([y, x]);
  return out;
}

/** Random plan: image indices uniform, positions as fractions (image sizes are known only once loaded). */
async function randomPlan(source: PairSource, opts: PatchOptions): Promise<Map<number, { fy: number; fx: number }[]>> {
  const count = opts.count;
  if (!count || count <= 0) throw new QpruneError('random patch sampling needs a positive patch count');
  const rng = new Rng(opts.seed ?? 0);
  const plan = new Map<number, { fy: number; fx: number }[]>();
  for (let k = 0; k < count; k++) {
    const i = rng.int(source.size);
    const d = { fy: rng.next(), fx: rng.next() };
    if (!plan.has(i)) plan.set(i, []);
    plan.get(i)!.push(d);
  }
  return plan;
}

/** A pool of `count` random patches drawn once, packed one after another (training draws its minibatches from it). */
export async function patchPool(source: PairSource, patch: number, count: number, seed: number): Promise<{ noisy: Float32Array; clean: Float32Array; n: number; channels: number }> {
  const noisy: Float32Array[] = [], clean: Float32Array[] = [];
  let channels = 0, n = 0;
  for await (const b of patchBatches(source, { patch, batch: 64, mode: 'random', count, seed })) {
    channels = b.channels; n += b.n;
    noisy.push(b.noisy); clean.push(b.clean);
  }
  const join = (parts: Float32Array[]) => {
    const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  return { noisy: join(noisy), clean: join(clean), n, channels };
}
