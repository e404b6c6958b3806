/**
 * Denoising quality of a model on a PairSource: mean PSNR/SSIM of the model's output against the clean
 * images (and of the noisy input, for reference), with throughput. Images are streamed: at most
 * 2 x workers are loaded at once.
 */
import * as tf from '@tensorflow/tfjs';
import { Image, centerCrop, crop, padToMultiple } from '../data/image.js';
import { sizeMultiple } from '../model/receptive-field.js';
import type { PairSource } from '../data/datasets.js';
import { psnr, ssim } from '../metrics/quality.js';
import { activeBackend, BackendInfo } from '../engine/backend.js';
import { createDenoiser, Denoiser, EngineName } from './denoiser.js';
import { forwardFlops } from '../model/cost.js';

export interface ImageScore {
  name: string;
  psnr: number;
  ssim: number;
  inputPsnr: number;
  height: number;
  width: number;
}

export interface EvalResult {
  images: number;
  meanPsnr: number;
  meanSsim: number;
  meanInputPsnr: number;
  perImage: ImageScore[];
  /** Which inference engine ran (ort or tfjs) and the tfjs backend in use. */
  engine: EngineName;
  backend: BackendInfo;
  /** tfjs worker threads, or onnxruntime intra-op threads. */
  workers: number;
  seconds: number;
  gflop: number;
  gflopPerSecond: number;
}

export interface EvalOptions {
  engine: EngineName;
  /** tfjs: worker threads (0 = this thread); ort: intra-op threads. */
  workers: number;
  /** Centre-crop every image to at most crop x crop. */
  crop?: number;
  /** Clip the model output to [0, 1] before scoring (off by default, as in the DnCNN protocol). */
  clip?: boolean;
  onImage?: (score: ImageScore, done: number, total: number) => void;
  /** Run inference here instead (e.g. workerDenoiser for tfjs on worker threads); closed at the end. */
  denoiser?: Denoiser;
}

function clipped(img: Image): Image {
  const data = img.data.map((v) => Math.min(1, Math.max(0, v)));
  return { ...img, data };
}

export async function evaluateModel(model: tf.LayersModel, source: PairSource, opts: EvalOptions): Promise<EvalResult> {
  const start = performance.now();
  const backend = activeBackend();
  const runner = opts.denoiser ?? await createDenoiser(model, { engine: opts.engine, workers: opts.workers });
  const perImage: ImageScore[] = new Array(source.size);
  let flops = 0;
  let done = 0;
  let next = 0;
  const inFlight = runner.inFlight;
  const flopCache = new Map<string, number>();
  const multiple = sizeMultiple(model);
  const worker = async () => {
    while (next < source.size) {
      const i = next++;
      let { noisy, clean, name } = await source.load(i);
      if (opts.crop) {
        noisy = centerCrop(noisy, opts.crop);
        clean = centerCrop(clean, opts.crop);
      }
      // A U-Net takes only multiples of its downsampling: mirror-pad, denoise, crop back.
      const input = padToMultiple(noisy, multiple);
      let out = await runner.denoise(input);
      if (out.height !== noisy.height || out.width !== noisy.width) out = crop(out, 0, 0, noisy.height, noisy.width);
      if (opts.clip) out = clipped(out);
      const key = `${input.height}x${input.width}`;
      if (!flopCache.has(key)) flopCache.set(key, forwardFlops(model, input.height, input.width));
      flops += flopCache.get(key)!;
      const score = { name, psnr: psnr(out, clean), ssim: ssim(out, clean), inputPsnr: psnr(noisy, clean), height: noisy.height, width: noisy.width };
      perImage[i] = score;
      opts.onImage?.(score, ++done, source.size);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, source.size) }, worker));
  } finally {
    await runner.close();
  }
  const seconds = (performance.now() - start) / 1000;
  const mean = (f: (s: ImageScore) => number) => perImage.reduce((a, s) => a + f(s), 0) / perImage.length;
  return {
    images: perImage.length,
    meanPsnr: mean((s) => s.psnr),
    meanSsim: mean((s) => s.ssim),
    meanInputPsnr: mean((s) => s.inputPsnr),
    perImage,
    engine: runner.engine,
    backend,
    workers: runner.parallelism,
    seconds,
    gflop: flops / 1e9,
    gflopPerSecond: flops / 1e9 / seconds,
  };
}
