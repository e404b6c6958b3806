/**
 * A pool of inference workers (worker_threads). The wasm backend runs one op on one thread in Node,
 * so throughput comes from several workers, each with its own backend and copy of the model.
 * Tasks go to whichever worker is free; results come back with their input's order preserved by id.
 */
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { Image, makeImage } from '../data/image.js';
import { QpruneError } from '../errors.js';
import { modelArtifacts } from './inference.js';
import type { BackendName } from './backend.js';

interface Pending {
  resolve: (img: Image) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

const BOOTSTRAP = fileURLToPath(new URL('./ts-worker.mjs', import.meta.url));
const ENTRY = new URL('./pool-worker.ts', import.meta.url).href;

export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

export class InferencePool {
  private readonly slots: Slot[] = [];
  private readonly queue: { id: number; img: Image }[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  private constructor(readonly size: number) {}

  static async create(model: tf.LayersModel, size: number, backend: BackendName = 'wasm'): Promise<InferencePool> {
    if (!(size >= 1)) throw new QpruneError(`worker count must be >= 1, got ${size}`);
    const pool = new InferencePool(size);
    const artifacts = await modelArtifacts(model);
    await Promise.all(Array.from({ length: size }, () => pool.spawn(artifacts, backend)));
    return pool;
  }

  private spawn(artifacts: tf.io.ModelArtifacts, backend: BackendName): Promise<void> {
    const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY, backend } });
    const slot: Slot = { worker, busy: true };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (msg: { type: string; id?: number; data?: Float32Array; shape?: number[]; message?: string }) => {
        if (msg.type === 'loaded') {
          slot.busy = false;
          resolve();
          this.pump();
          return;
        }
        const p = this.pending.get(msg.id!);
        if (msg.type === 'error' && msg.id === -1) {
          reject(new QpruneError(`inference worker failed: ${msg.message}`));
          return;
        }
        if (!p) return;
        this.pending.delete(msg.id!);
        slot.busy = false;
        if (msg.type === 'result') p.resolve(makeImage(msg.shape![0], msg.shape![1], msg.shape![2], msg.data!));
        else p.reject(new QpruneError(`inference failed: ${msg.message}`));
        this.pump();
      });
      worker.on('error', (err) => {
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      worker.postMessage({ type: 'load', artifacts });
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.busy = true;
      const { img } = task;
      // Copy: the buffer is transferred, and callers may still hold the image.
      const data = img.data.slice();
      slot.worker.postMessage({ type: 'predict', id: task.id, data, shape: [img.height, img.width, img.channels] }, [data.buffer]);
    }
  }

  denoise(img: Image): Promise<Image> {
    const id = this.nextId++;
    const result = new Promise<Image>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.queue.push({ id, img });
    this.pump();
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
