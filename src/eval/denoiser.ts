/**
 * Where inference runs during evaluation: onnxruntime (default: the model exported to ONNX, one
 * session using every core) or tfjs in this thread. tfjs on worker threads is the worker transport's
 * (transport/remote-denoiser.ts: workerDenoiser), passed in by the caller.
 */
import * as tf from '@tensorflow/tfjs';
import { Image } from '../data/image.js';
import { denoise } from '../engine/inference.js';
import { exportOnnx } from '../onnx/export.js';
import { OrtModel } from '../onnx/ort-engine.js';
import { QpruneError } from '../errors.js';

export type EngineName = 'ort' | 'tfjs';

export function parseEngine(value: string | undefined): EngineName {
  if (value === undefined || value === 'ort' || value === 'tfjs') return value ?? 'ort';
  throw new QpruneError(`unknown engine '${value}' (choose ort or tfjs)`);
}

export interface Denoiser {
  engine: EngineName;
  /** Parallel units (tfjs workers, or ORT intra-op threads). */
  parallelism: number;
  /** How many images to keep in flight. */
  inFlight: number;
  denoise(img: Image): Promise<Image>;
  close(): Promise<void>;
}

export interface DenoiserOptions {
  engine: EngineName;
  /** ort: intra-op threads. tfjs: this thread (workers must be 0; worker threads come from workerDenoiser). */
  workers: number;
}

export async function createDenoiser(model: tf.LayersModel, opts: DenoiserOptions): Promise<Denoiser> {
  if (opts.engine === 'ort') {
    const ort = await OrtModel.create(exportOnnx(model), { threads: Math.max(1, opts.workers) });
    // One session already uses every thread: one image at a time, the next one loading meanwhile.
    return { engine: 'ort', parallelism: ort.threads, inFlight: 2, denoise: (img) => ort.denoise(img), close: () => ort.release() };
  }
  if (opts.workers > 0) throw new QpruneError('tfjs on worker threads: pass workerDenoiser(model, workers) as the denoiser (src/transport/remote-denoiser.ts)');
  return { engine: 'tfjs', parallelism: 0, inFlight: 1, denoise: async (img) => denoise(model, img), close: async () => {} };
}
