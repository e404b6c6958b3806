/**
 * Where a service runs its jobs. In a worker thread (solver, evaluator, scorer): the service's own
 * thread stays free for NATS (progress acks, heartbeats) however long a job computes, and a job past
 * its deadline is abandoned by terminating its thread; the next job gets a fresh one. Or in the
 * service's thread (the coordinator, whose runs await other services and have no deadline).
 */
import { Worker } from 'node:worker_threads';
import { qprune } from '../wire/qprune.js';
import { describeError } from '../errors.js';
import { workerScript } from '../transport/worker-script.js';
import { runJob, type JobHandler, type JobResultBody, type ObjectSource } from '../transport/transport.js';
import type { JobKind } from '../transport/wire.js';
import type { WorkLimits } from '../transport/limits.js';

export interface JobRunner {
  /** The job's result or error result; past `deadlineSeconds` (> 0) an error result that says so. */
  run(payload: Uint8Array, objects: ObjectSource, deadlineSeconds: number): Promise<JobResultBody>;
  close(): Promise<void>;
}

/** Error result of a job abandoned at its deadline: final (the same job would take as long again). */
export function deadlineResult(kind: JobKind, seconds: number): JobResultBody {
  return { error: { code: 'failed', message: `${kind} job exceeded the ${seconds} s deadline of its worker and was abandoned (qprune serve --deadline)`, retryable: false } };
}

export function inProcessRunner(handler: JobHandler): JobRunner {
  return {
    run: (payload, objects) => runJob(handler, payload, objects, { runId: '', jobId: '', worker: '' }),
    close: async () => {},
  };
}

type Reply = { type: 'ready' } | { type: 'result'; result: Uint8Array } | { type: 'need'; key: string };

export interface ThreadRunnerOptions { backend?: string; threads?: number; limits?: WorkLimits }

export class ThreadRunner implements JobRunner {
  private worker?: Worker;
  private ready?: Promise<void>;
  private current?: { resolve: (r: JobResultBody) => void; objects: ObjectSource };

  constructor(private readonly kind: JobKind, private readonly opts: ThreadRunnerOptions = {}) {}

  private start(): Promise<void> {
    const { file, workerData } = workerScript(new URL('../transport/worker-entry.ts', import.meta.url), { backend: this.opts.backend, threads: this.opts.threads ?? 1, limits: this.opts.limits });
    const worker = new Worker(file, { workerData });
    this.worker = worker;
    return (this.ready = new Promise((resolve, reject) => {
      worker.on('message', (msg: Reply) => {
        if (msg.type === 'ready') return resolve();
        if (msg.type === 'need') {
          const objects = this.current?.objects;
          if (!objects) return;
          objects.get(msg.key).then(
            (data) => worker.postMessage({ type: 'object', key: msg.key, data }),
            (err) => worker.postMessage({ type: 'object-missing', key: msg.key, message: describeError(err) }),
          );
          return;
        }
        const r = qprune.JobResult.decode(msg.result);
        this.finish({ ...(r.result ? { [r.result]: r[r.result] } : {}) });
      });
      worker.on('error', (err) => {
        reject(err);
        this.finish({ error: { code: 'failed', message: `job thread crashed: ${describeError(err)}`, retryable: true } });
        this.worker = undefined;
      });
    }));
  }

  private finish(r: JobResultBody): void {
    const c = this.current;
    this.current = undefined;
    c?.resolve(r);
  }

  async run(payload: Uint8Array, objects: ObjectSource, deadlineSeconds: number): Promise<JobResultBody> {
    if (this.current) throw new Error('internal: a ThreadRunner runs one job at a time');
    if (!this.worker) await this.start();
    else await this.ready;
    const result = new Promise<JobResultBody>((resolve) => (this.current = { resolve, objects }));
    this.worker!.postMessage({ type: 'job', kind: this.kind, payload });
    if (!(deadlineSeconds > 0)) return result;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineSeconds * 1000)));
    try {
      const r = await Promise.race([result, late]);
      if (r !== 'late') return r;
      // Abandoned: the thread is stopped mid-computation; the next job starts a new one.
      this.current = undefined;
      const w = this.worker;
      this.worker = undefined;
      await w?.terminate();
      return deadlineResult(this.kind, deadlineSeconds);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}
