/**
 * Transport: how the pipeline's jobs reach the code that runs them. One interface, two
 * implementations: in this process (the embedded default: handlers called directly) and over NATS
 * JetStream (nats-transport.ts: work-queue streams, solver/evaluator services). Jobs and results are
 * the protobuf messages of proto/qprune.proto, so both paths run the same bytes through the same
 * handlers (handlers.ts).
 */
import { qprune } from '../wire/qprune.js';
import { QpruneError } from '../errors.js';
import { JobKind, jobId } from './wire.js';

export interface Job {
  id: string;
  payload: Uint8Array;
}

export interface Transport {
  readonly name: string;
  /** Runs jobs of one kind; resolves with one result per job, in order. An error result rejects. */
  run(kind: JobKind, runId: string, payloads: Uint8Array[]): Promise<qprune.JobResult[]>;
  /** Makes a blob (model, validation batch) available to workers under a key; once per run. */
  putObject(key: string, data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What a worker does with one job: the decoded result, or an ErrorReply. */
export type JobHandler = (payload: Uint8Array, objects: ObjectSource) => Promise<Omit<qprune.IJobResult, 'runId' | 'jobId' | 'worker'>>;
export interface ObjectSource {
  get(key: string): Promise<Uint8Array>;
}

export function jobsOf(kind: JobKind, runId: string, payloads: Uint8Array[]): Job[] {
  return payloads.map((payload) => ({ id: jobId(kind, runId, payload), payload }));
}

export function checkResult(kind: JobKind, r: qprune.JobResult): qprune.JobResult {
  if (r.result === 'error') throw new QpruneError(`${kind} job ${r.jobId} failed on ${r.worker || 'a worker'}: ${r.error?.message}`);
  return r;
}

export class InProcessTransport implements Transport {
  readonly name = 'in-process';
  private readonly objects = new Map<string, Uint8Array>();
  constructor(private readonly handlers: Partial<Record<JobKind, JobHandler>>) {}

  async run(kind: JobKind, runId: string, payloads: Uint8Array[]): Promise<qprune.JobResult[]> {
    const handler = this.handlers[kind];
    if (!handler) throw new QpruneError(`no ${kind} handler in this process`);
    const source: ObjectSource = { get: async (k) => { const v = this.objects.get(k); if (!v) throw new QpruneError(`object ${k} not found`); return v; } };
    const out: qprune.JobResult[] = [];
    for (const job of jobsOf(kind, runId, payloads)) {
      const r = await handler(job.payload, source);
      out.push(checkResult(kind, qprune.JobResult.create({ ...r, runId, jobId: job.id, worker: 'in-process' })));
    }
    return out;
  }

  async putObject(key: string, data: Uint8Array): Promise<void> {
    this.objects.set(key, data);
  }

  async close(): Promise<void> {}
}
