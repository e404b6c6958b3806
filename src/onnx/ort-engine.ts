/**
 * onnxruntime-node inference: sessions from exported ONNX bytes, NHWC images in and out.
 * CPU sessions use intra-op threads = cores by default. A GPU node sets QPRUNE_ORT_DEVICE=cuda (its
 * onnxruntime-node's CUDA binaries added: ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install), and
 * every session of that process (scoring, evaluation) uses the CUDA execution provider; the device is
 * the node's, not the job's, so one job runs on a mixed cluster.
 */
import os from 'node:os';
import './ort-telemetry.js';
import * as ort from 'onnxruntime-node';
import { Image, makeImage } from '../data/image.js';
import { QpruneError, describeError } from '../errors.js';

export interface OrtOptions {
  /** Intra-op threads (default: cores). */
  threads?: number;
  /** Default: QPRUNE_ORT_DEVICE, else 'cpu'. */
  device?: OrtDevice;
}

export type OrtDevice = 'cpu' | 'cuda';
const CUDA_INSTALL = 'npm ci && ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install';

/** This process's device: QPRUNE_ORT_DEVICE (cpu | cuda), cpu when unset. */
export function defaultOrtDevice(): OrtDevice {
  const v = process.env.QPRUNE_ORT_DEVICE;
  if (v === undefined || v === '' || v === 'cpu') return 'cpu';
  if (v === 'cuda') return 'cuda';
  throw new QpruneError(`QPRUNE_ORT_DEVICE must be cpu or cuda, not '${v}'`);
}

export class OrtModel {
  private constructor(readonly session: ort.InferenceSession, readonly threads: number, readonly device: string) {}

  static async create(bytes: Uint8Array, opts: OrtOptions = {}): Promise<OrtModel> {
    const threads = opts.threads ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    const device = opts.device ?? defaultOrtDevice();
    try {
      const session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        // CUDA alone: onnxruntime still places ops CUDA lacks on the CPU, but a missing provider fails here
        // instead of silently running everything on the CPU.
        executionProviders: [device],
        graphOptimizationLevel: 'all',
      });
      return new OrtModel(session, threads, device);
    } catch (err) {
      if (device === 'cuda') throw new QpruneError(`onnxruntime could not start its CUDA execution provider (QPRUNE_ORT_DEVICE=cuda): ${describeError(err)}; install the CUDA binaries with \`${CUDA_INSTALL}\` on a machine with CUDA 12, or unset QPRUNE_ORT_DEVICE`);
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
