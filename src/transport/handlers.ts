/**
 * The job handlers by kind: decode a job, run the core, encode the answer. The same functions serve
 * every transport (direct, worker threads, the NATS services). Each kind's module is loaded on first
 * use, so a solver process never loads tfjs or onnxruntime.
 */
import { QpruneError } from '../errors.js';
import type { JobHandler } from './transport.js';
import type { JobKind } from './wire.js';
import { LoadedCache } from './loaded-cache.js';
import type { WorkLimits } from './limits.js';

export interface HandlerOptions {
  /** eval: onnxruntime threads per job (default 1). */
  threads?: number;
  /** What one job may ask (default DEFAULT_LIMITS): a job over them is a bad request. */
  limits?: WorkLimits;
}

export async function handlerFor(kind: JobKind, opts: HandlerOptions = {}): Promise<JobHandler> {
  switch (kind) {
    case 'solve': return (await import('./handlers/solve.js')).solveHandler(opts.limits);
    case 'eval': return (await import('./handlers/eval.js')).evalHandler(opts.threads ?? 1, opts.limits);
    case 'score': return (await import('./handlers/score.js')).scoreHandler(opts.limits);
    case 'denoise': return (await import('./handlers/denoise.js')).denoiseHandler();
    case 'run': throw new QpruneError('run jobs are handled by the coordinator service (src/cluster/coordinator.ts)');
  }
}

/** The handlers of one process (direct transport, a worker thread): each kind's built once, on first use. */
export class HandlerSet {
  private readonly cache = new LoadedCache<JobHandler>();
  constructor(private readonly opts: HandlerOptions = {}) {}
  get(kind: JobKind): Promise<JobHandler> {
    return this.cache.get(kind, () => handlerFor(kind, this.opts));
  }
}
