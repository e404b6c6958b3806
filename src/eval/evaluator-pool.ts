/**
 * Candidate evaluation spread over worker threads: each worker holds the base model and the
 * validation batch and runs onnxruntime on one thread, so N workers score N candidates at once
 * (for small crops one ORT session cannot keep several cores busy; separate candidates can).
 * Same results as CandidateEvaluator in-process; the in-process one serves workers = 0.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type * as tf from '@tensorflow/tfjs';
import { modelArtifacts } from '../engine/inference.js';
import { QpruneError } from '../errors.js';
import type { KeepMasks } from '../prune/graph.js';
import { CandidateEvaluator, CandidateScore, maskKey, ValidationBatch } from './candidates.js';

/** What the refinement objective needs: score batches of keep-sets. */
export interface MaskEvaluator {
  evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]>;
  close(): Promise<void>;
  readonly evaluations: number;
}

const BOOTSTRAP = fileURLToPath(new URL('../engine/ts-worker.mjs', import.meta.url));
const ENTRY = new URL('./evaluator-worker.ts', import.meta.url).href;

interface Slot { worker: Worker; busy: boolean }

export class EvaluatorPool implements MaskEvaluator {
  private readonly slots: Slot[] = [];
  private readonly queue: { id: number; keep: KeepMasks }[] = [];
  private readonly pending = new Map<number, { resolve: (s: CandidateScore) => void; reject: (e: Error) => void }>();
  private readonly cache = new Map<string, CandidateScore>();
  private nextId = 0;
  evaluations = 0;

  private constructor(readonly size: number) {}

  static async create(model: tf.LayersModel, batch: ValidationBatch, workers: number, opts: { ssim?: boolean } = {}): Promise<EvaluatorPool> {
    if (!(Number.isInteger(workers) && workers >= 1)) throw new QpruneError(`evaluator workers must be an integer >= 1, got ${workers}`);
    const pool = new EvaluatorPool(workers);
    const artifacts = await modelArtifacts(model);
    await Promise.all(Array.from({ length: workers }, () => pool.spawn(artifacts, batch, opts.ssim ?? true)));
    return pool;
  }

  private spawn(artifacts: tf.io.ModelArtifacts, batch: ValidationBatch, ssim: boolean): Promise<void> {
    const worker = new Worker(BOOTSTRAP, { workerData: { entry: ENTRY } });
    const slot: Slot = { worker, busy: true };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (msg: { type: string; id?: number; score?: CandidateScore; message?: string }) => {
        if (msg.type === 'ready') {
          slot.busy = false;
          resolve();
          this.pump();
          return;
        }
        if (msg.type === 'error' && msg.id === -1) return reject(new QpruneError(`evaluator worker failed: ${msg.message}`));
        const p = this.pending.get(msg.id!);
        if (!p) return;
        this.pending.delete(msg.id!);
        slot.busy = false;
        if (msg.type === 'result') p.resolve(msg.score!);
        else p.reject(new QpruneError(`candidate evaluation failed: ${msg.message}`));
        this.pump();
      });
      worker.on('error', (err) => {
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      worker.postMessage({ type: 'init', artifacts, batch, ssim });
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || !this.queue.length) continue;
      const task = this.queue.shift()!;
      slot.busy = true;
      slot.worker.postMessage({ type: 'evaluate', id: task.id, keep: [...task.keep.entries()] });
    }
  }

  private one(keep: KeepMasks): Promise<CandidateScore> {
    const key = maskKey(keep);
    const hit = this.cache.get(key);
    if (hit) return Promise.resolve({ ...hit, cached: true });
    const id = this.nextId++;
    const done = new Promise<CandidateScore>((resolve, reject) => this.pending.set(id, { resolve, reject })).then((s) => {
      this.cache.set(key, s);
      this.evaluations++;
      return s;
    });
    this.queue.push({ id, keep });
    this.pump();
    return done;
  }

  evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]> {
    return Promise.all(keeps.map((k) => this.one(k)));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}

/** workers = 0: evaluate in this thread (ORT on `threads` threads); else a pool of single-thread workers. */
export async function createMaskEvaluator(model: tf.LayersModel, batch: ValidationBatch, workers: number, opts: { ssim?: boolean; threads?: number } = {}): Promise<MaskEvaluator> {
  if (workers === 0) return new CandidateEvaluator(model, batch, { ssim: opts.ssim, threads: opts.threads });
  return EvaluatorPool.create(model, batch, workers, opts);
}
