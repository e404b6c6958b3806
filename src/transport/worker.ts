/**
 * The worker-thread transport, the embedded default: N worker threads of this process, each running
 * the standard handlers (handlers.ts) on the job bytes and answering with encoded JobResults, as a
 * service would. Objects are copied to every worker once. A job goes to whichever worker is free, so
 * N workers run N jobs at once (onnxruntime and the tfjs wasm backend each use one thread there).
 */
import { Worker } from 'node:worker_threads';
import { qprune } from '../wire/qprune.js';
import { QpruneError } from '../errors.js';
import { checkResult, jobsOf, RunJobsOptions, Transport, untilAborted } from './transport.js';
import type { JobKind } from './wire.js';
import { workerScript } from './worker-script.js';
import { defaultWorkerCount } from '../engine/cores.js';


export interface WorkerTransportOptions {
  /** Worker threads (default: one per core). */
  workers?: number;
  /** tfjs backend in the workers (default wasm: scoring and tfjs inference run there). */
  backend?: string;
  /** eval jobs: onnxruntime threads per job (default 1). */
  threads?: number;
}

interface Task { kind: JobKind; payload: Uint8Array; resolve: (r: Uint8Array) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; task?: Task }

type Reply = { type: 'ready' } | { type: 'result'; result: Uint8Array } | { type: 'need'; key: string };

export class WorkerTransport implements Transport {
  readonly name = 'worker';
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;

  private constructor(readonly size: number) {}

  static async create(opts: WorkerTransportOptions = {}): Promise<WorkerTransport> {
    const size = opts.workers ?? defaultWorkerCount();
    if (!(Number.isInteger(size) && size >= 1)) throw new QpruneError(`worker threads must be an integer >= 1, got ${size}`);
    const t = new WorkerTransport(size);
    try {
      await Promise.all(Array.from({ length: size }, () => t.spawn(opts)));
    } catch (err) {
      await t.close();
      throw err;
    }
    return t;
  }

  private spawn(opts: WorkerTransportOptions): Promise<void> {
    const { file, workerData } = workerScript(new URL('./worker-entry.ts', import.meta.url), { backend: opts.backend ?? 'wasm', threads: opts.threads ?? 1 });
    const worker = new Worker(file, { workerData });
    const slot: Slot = { worker };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      worker.on('message', (msg: Reply) => {
        if (msg.type === 'ready') { resolve(); this.pump(); return; }
        // Objects are sent to every thread before the jobs that use them: one not sent does not exist.
        if (msg.type === 'need') { worker.postMessage({ type: 'object-missing', key: msg.key, message: `object ${msg.key} not found` }); return; }
        const task = slot.task;
        slot.task = undefined;
        task?.resolve(msg.result);
        this.pump();
      });
      worker.on('error', (err) => {
        reject(err);
        slot.task?.reject(new QpruneError(`worker thread crashed: ${err.message}`));
        slot.task = undefined;
      });
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || !this.queue.length) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage({ type: 'job', kind: task.kind, payload: task.payload });
    }
  }

  async run(kind: JobKind, runId: string, payloads: Uint8Array[], opts: RunJobsOptions = {}): Promise<qprune.JobResult[]> {
    if (this.closed) throw new QpruneError('worker transport is closed');
    const jobs = jobsOf(kind, runId, payloads);
    const waits = jobs.map((job) => new Promise<Uint8Array>((resolve, reject) => this.queue.push({ kind, payload: job.payload, resolve, reject })));
    this.pump();
    const bytes = await untilAborted(Promise.all(waits), opts.signal, () => this.drop(payloads));
    return bytes.map((b, i) => {
      const r = qprune.JobResult.decode(b);
      Object.assign(r, { runId, jobId: jobs[i].id, worker: 'worker-thread' });
      return checkResult(kind, r);
    });
  }

  /** Jobs not yet started are dropped when their run stops; started ones finish in their thread. */
  private drop(payloads: Uint8Array[]): void {
    const mine = new Set(payloads);
    for (let i = this.queue.length - 1; i >= 0; i--) if (mine.has(this.queue[i].payload)) this.queue.splice(i, 1);
  }

  async putObject(key: string, data: Uint8Array): Promise<void> {
    for (const s of this.slots) s.worker.postMessage({ type: 'object', key, data });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new QpruneError('worker transport closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
