/**
 * Candidate evaluation: many keep-masks of one base model -> PSNR/SSIM of each physically pruned
 * model (no retraining) on a fixed validation batch. Each candidate is exported straight from the
 * base weights (sliced in JS, no tfjs model built) and run by onnxruntime on the whole batch at once.
 * The last few sessions are kept for re-use; scores are cached by the one mask cache (cached-evaluator.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import { centerCrop, crop as cropImage, makeImage } from '../data/image.js';
import { psnr, ssim } from '../metrics/quality.js';
import { OnnxExporter } from '../onnx/export.js';
import { OrtModel } from '../onnx/ort-engine.js';
import { analyzeChannels, ChannelGraph, KeepMasks } from '../prune/graph.js';
import { QpruneError } from '../errors.js';
import type { CompensationSpec } from '../prune/compensation.js';
import type { CandidateScore, MaskEvaluator } from './mask-evaluator.js';

export type { CandidateScore } from './mask-evaluator.js';

export interface ValidationBatch {
  noisy: Float32Array;
  clean: Float32Array;
  n: number;
  height: number;
  width: number;
  channels: number;
  names: string[];
  /**
   * Pixels on each side left out of PSNR/SSIM (default 0): the network sees them as context, so every
   * measured pixel has its whole receptive field inside the image, as most pixels of a full test image do.
   */
  margin?: number;
}

/** PSNR/SSIM region of a batch image: its interior inside the margin. */
function measured(img: ReturnType<typeof makeImage>, margin: number) {
  return margin ? cropImage(img, margin, margin, img.height - 2 * margin, img.width - 2 * margin) : img;
}

/**
 * Where an image's crops sit, as fractions of the free range (image side − crop side) on each axis: the
 * centre first (so `count` up to the number of images gives the centre crops), then points a third of the
 * way in from the corners and the edges' midpoints. A larger crop at the same fractions contains the smaller
 * one, so the continuation's and finalists' crops grow the search's crops instead of moving them.
 */
export const CROP_POSITIONS: readonly (readonly [number, number])[] = [
  [0.5, 0.5], [0.15, 0.15], [0.85, 0.85], [0.15, 0.85], [0.85, 0.15], [0.5, 0.15], [0.5, 0.85], [0.15, 0.5], [0.85, 0.5],
];

/** Marks a crop name as an image's extra (non-centre) crop: `<image>@<fy>,<fx>`. */
const EXTRA_CROP = '@';

/** How many of a batch's crops are extra crops of an image, not its centre (0 when `count` <= the images). */
export function extraCropCount(batch: Pick<ValidationBatch, 'names'>): number {
  return batch.names.filter((n) => n.includes(EXTRA_CROP)).length;
}

/**
 * Which image and position crop j of `count` comes from. Up to the number of images: image j, its centre.
 * Beyond, crop j takes the next image of j's parity (round-robin within the even and within the odd
 * images), at that image's next CROP_POSITIONS entry, so a crop's position parity is always its image's
 * parity and refinement's selection/check halves (even/odd positions) stay disjoint by image. A single
 * image gives all its crops to both halves (there is nothing to hold out).
 */
export function cropPlan(count: number, images: number): { image: number; position: number }[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new QpruneError(`the number of validation crops must be a whole number >= 1, got ${count}`);
  if (!(Number.isInteger(images) && images >= 1)) throw new QpruneError(`validation crops need at least one image, got ${images}`);
  const plan: { image: number; position: number }[] = [];
  // The even and the odd images (one class for a single image), each drawn round-robin.
  const classes = images === 1 ? [[0]] : [0, 1].map((q) => Array.from({ length: images }, (_, i) => i).filter((i) => i % 2 === q));
  const drawn = classes.map(() => 0);
  for (let j = 0; j < count; j++) {
    if (j < images) { plan.push({ image: j, position: 0 }); continue; }
    const q = j % classes.length;
    const cls = classes[q], k = drawn[q]++;
    const position = 1 + Math.floor(k / cls.length);
    if (position >= CROP_POSITIONS.length) throw new QpruneError(`${count} validation crops from ${images} image${images === 1 ? '' : 's'}: at most ${CROP_POSITIONS.length} crops per image (give a smaller --val)`);
    plan.push({ image: cls[k % cls.length], position });
  }
  return plan;
}

/**
 * `count` crops of crop x crop from a source's pairs (cropPlan: the first `count` images' centres, or
 * several crops per image when `count` exceeds them), packed as one NHWC batch. With a margin the crops are
 * (crop + 2 margin)² and PSNR/SSIM count only their central crop x crop.
 */
export async function buildValidationBatch(source: PairSource, count: number, cropSide: number, margin = 0): Promise<ValidationBatch> {
  if (!(Number.isInteger(margin) && margin >= 0)) throw new QpruneError(`the validation margin must be a whole number of pixels >= 0, got ${margin}`);
  const crop = cropSide + 2 * margin;
  const plan = cropPlan(count, source.size);
  const n = plan.length;
  let noisy = new Float32Array(0), clean = new Float32Array(0);
  let c = 0;
  const names: string[] = [];
  for (let j = 0; j < n; j++) {
    const { image, position } = plan[j];
    const p = await source.load(image);
    if (p.clean.height < crop || p.clean.width < crop) throw new QpruneError(`validation image ${p.name} (${p.clean.width}x${p.clean.height}) is smaller than the crop ${crop}${margin ? ` (${cropSide} + 2 x margin ${margin})` : ''} (give a smaller --crop${margin ? ' or margin' : ''})`);
    let a, b;
    if (position === 0) {
      a = centerCrop(p.noisy, crop);
      b = centerCrop(p.clean, crop);
    } else {
      const [fy, fx] = CROP_POSITIONS[position];
      const y = Math.round(fy * (p.clean.height - crop)), x = Math.round(fx * (p.clean.width - crop));
      // An image no larger than the crop has one crop only: a repeat would cost an evaluation and add nothing.
      if (p.clean.height === crop && p.clean.width === crop) throw new QpruneError(`${count} validation crops from ${source.size} image${source.size === 1 ? '' : 's'}: image ${p.name} (${p.clean.width}x${p.clean.height}) holds one ${crop}² crop only (give at most ${source.size} crops or a smaller crop)`);
      a = cropImage(p.noisy, y, x, crop, crop);
      b = cropImage(p.clean, y, x, crop, crop);
    }
    if (j === 0) {
      c = a.channels;
      noisy = new Float32Array(n * crop * crop * c);
      clean = new Float32Array(n * crop * crop * c);
    }
    noisy.set(a.data, j * a.data.length);
    clean.set(b.data, j * b.data.length);
    names.push(position === 0 ? p.name : `${p.name}${EXTRA_CROP}${CROP_POSITIONS[position].join(',')}`);
  }
  return { noisy, clean, n, height: crop, width: crop, channels: c, names, ...(margin ? { margin } : {}) };
}

/**
 * One batch per distinct crop side (undefined sides skipped), all built now, so a crop larger than the
 * images fails before any scoring or search rather than when a later stage first needs it.
 */
export async function buildValidationBatches(source: PairSource, count: number, crops: readonly (number | undefined)[], margin = 0): Promise<Map<number, ValidationBatch>> {
  const batches = new Map<number, ValidationBatch>();
  for (const c of crops) if (c !== undefined && !batches.has(c)) batches.set(c, await buildValidationBatch(source, count, c, margin));
  return batches;
}

export function maskKey(keep: KeepMasks): string {
  return [...keep.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, m]) => `${id}:${Buffer.from(m).toString('base64')}`).join('|');
}

export interface CandidateEvaluatorOptions {
  threads?: number;
  /** Sessions kept for re-use (LRU). */
  sessionCache?: number;
  /** Compute SSIM too (default true). */
  ssim?: boolean;
  /** How removed channels are compensated (prune/compensation.ts; default none). */
  compensation?: CompensationSpec;
}

export class CandidateEvaluator implements MaskEvaluator {
  readonly graph: ChannelGraph;
  private readonly exporter: OnnxExporter;
  private readonly sessions = new Map<string, OrtModel>();
  evaluations = 0;

  constructor(readonly model: tf.LayersModel, readonly batch: ValidationBatch, private readonly opts: CandidateEvaluatorOptions = {}, graph?: ChannelGraph) {
    this.graph = graph ?? analyzeChannels(model);
    this.exporter = new OnnxExporter(model);
  }

  private async session(key: string, keep: KeepMasks): Promise<{ session: OrtModel; exportMs: number; sessionMs: number }> {
    const hit = this.sessions.get(key);
    if (hit) {
      this.sessions.delete(key);
      this.sessions.set(key, hit); // most recently used last
      return { session: hit, exportMs: 0, sessionMs: 0 };
    }
    const t0 = performance.now();
    const bytes = this.exporter.export({ keep, compensation: this.opts.compensation });
    const t1 = performance.now();
    const session = await OrtModel.create(bytes, { threads: this.opts.threads });
    const t2 = performance.now();
    this.sessions.set(key, session);
    const limit = this.opts.sessionCache ?? 4;
    while (this.sessions.size > limit) {
      const [oldKey, old] = this.sessions.entries().next().value as [string, OrtModel];
      this.sessions.delete(oldKey);
      await old.release();
    }
    return { session, exportMs: t1 - t0, sessionMs: t2 - t1 };
  }

  async evaluateOne(keep: KeepMasks): Promise<CandidateScore> {
    const key = maskKey(keep);
    const { session, exportMs, sessionMs } = await this.session(key, keep);
    const t0 = performance.now();
    const { n, height: h, width: w, channels: c } = this.batch;
    const out = await session.runBatch(this.batch.noisy, [n, h, w, c]);
    const size = h * w * c;
    const perImagePsnr: number[] = [];
    let ssimSum = 0;
    const m = this.batch.margin ?? 0;
    for (let i = 0; i < n; i++) {
      const est = measured(makeImage(h, w, c, out.data.subarray(i * size, (i + 1) * size)), m);
      const ref = measured(makeImage(h, w, c, this.batch.clean.subarray(i * size, (i + 1) * size)), m);
      perImagePsnr.push(psnr(est, ref));
      if (this.opts.ssim ?? true) ssimSum += ssim(est, ref);
    }
    const score: CandidateScore = {
      psnr: perImagePsnr.reduce((a, b) => a + b, 0) / n,
      ssim: (this.opts.ssim ?? true) ? ssimSum / n : NaN,
      perImagePsnr,
      cached: false,
      exportMs,
      sessionMs,
      runMs: performance.now() - t0,
    };
    this.evaluations++;
    return score;
  }

  /** Scores in input order. Candidates run one after another: each ORT run already uses every core. */
  async evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]> {
    const out: CandidateScore[] = [];
    for (const k of keeps) out.push(await this.evaluateOne(k));
    return out;
  }

  async close(): Promise<void> {
    for (const s of this.sessions.values()) await s.release();
    this.sessions.clear();
  }
}
