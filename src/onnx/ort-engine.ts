/**
 * onnxruntime-node inference: sessions from exported ONNX bytes, NHWC images in and out.
 * CPU sessions use intra-op threads = cores by default; GPU nodes get the CUDA execution provider
 * when onnxruntime-node was installed with its CUDA binaries (npm_config_onnxruntime_node_install=cuda12).
 */
import os from 'node:os';
import * as ort from 'onnxruntime-node';
import { Image, makeImage } from '../data/image.js';
import { QpruneError, describeError } from '../errors.js';

export interface OrtOptions {
  /** Intra-op threads (default: cores). */
  threads?: number;
  /** 'cpu' (default) or 'cuda'. */
  device?: 'cpu' | 'cuda';
}

export class OrtModel {
  private constructor(readonly session: ort.InferenceSession, readonly threads: number, readonly device: string) {}

  static async create(bytes: Uint8Array, opts: OrtOptions = {}): Promise<OrtModel> {
    const threads = opts.threads ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    const device = opts.device ?? 'cpu';
    try {
      const session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionProviders: device === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
        graphOptimizationLevel: 'all',
      });
      return new OrtModel(session, threads, device);
    } catch (err) {
      throw new QpruneError(`onnxruntime could not load the model: ${describeError(err)}`);
    }
  }

  /** Run on a batch of same-sized NHWC images packed in one buffer. */
  async runBatch(data: Float32Array, shape: [number, number, number, number]): Promise<{ data: Float32Array; shape: number[] }> {
    const input = new ort.Tensor('float32', data, shape);
    const result = await this.session.run({ [this.session.inputNames[0]]: input });
    const out = result[this.session.outputNames[0]];
    const copy = { data: out.data as Float32Array, shape: out.dims as number[] };
    return copy;
  }

  async denoise(img: Image): Promise<Image> {
    const { data, shape } = await this.runBatch(img.data, [1, img.height, img.width, img.channels]);
    return makeImage(shape[1], shape[2], shape[3], data);
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
