/**
 * Transport: how the pipeline's jobs reach the code that runs them. One interface, three
 * implementations, all running the same handlers (handlers.ts) on the same protobuf bytes
 * (proto/qprune.proto, codecs in wire.ts):
 *   direct   this thread (direct.ts)
 *   worker   worker threads of this process: the embedded default (worker.ts)
 *   nats     JetStream work queues served by `qprune serve` replicas (nats.ts)
 */
import { qprune } from '../wire/qprune.js';
import { Aborted, BadRequest, describeError, QpruneError } from '../errors.js';
import { JobKind, jobId } from './wire.js';

export type { JobKind } from './wire.js';

export interface Job {
  id: string;
  payload: Uint8Array;
}

export interface RunJobsOptions {
  /** Stop waiting when it fires (the run is being stopped): run() rejects with Aborted. */
  signal?: AbortSignal;
}

export interface Transport {
  readonly name: string;
  /** Runs jobs of one kind; resolves with one result per job, in order. An error result rejects. */
  run(kind: JobKind, runId: string, payloads: Uint8Array[], opts?: RunJobsOptions): Promise<qprune.JobResult[]>;
  /** Makes a blob (model, validation batch) available to workers under a key; once per run. */
  putObject(key: string, data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** What a worker does with one job: the decoded result, or an ErrorReply. */
export type JobResultBody = Omit<qprune.IJobResult, 'runId' | 'jobId' | 'worker'>;
export type JobHandler = (payload: Uint8Array, objects: ObjectSource) => Promise<JobResultBody>;
export interface ObjectSource {
  get(key: string): Promise<Uint8Array>;
}

export function jobsOf(kind: JobKind, runId: string, payloads: Uint8Array[]): Job[] {
  return payloads.map((payload) => ({ id: jobId(kind, runId, payload), payload }));
}

export function checkResult(kind: JobKind, r: qprune.JobResult): qprune.JobResult {
  if (r.result === 'error') {
    const text = `${kind} job ${r.jobId} failed on ${r.worker || 'a worker'}: ${r.error?.message}`;
    throw r.error?.code === 'bad_request' ? new BadRequest(text) : new QpruneError(text);
  }
  return r;
}

/**
 * An ErrorReply: bad_request (the job itself is wrong: never retried) for QpruneErrors, failed
 * otherwise; `retryable` says whether another attempt may succeed (a service retries those).
 */
export function errorResult(err: unknown, retryable = false): { error: qprune.IErrorReply } {
  return { error: { code: err instanceof QpruneError ? 'bad_request' : 'failed', message: describeError(err), retryable } };
}

/** Runs a handler on one job and stamps the result with its ids (shared by the direct and worker transports). */
export async function runJob(handler: JobHandler, payload: Uint8Array, objects: ObjectSource, ids: { runId: string; jobId: string; worker: string }): Promise<qprune.JobResult> {
  let body: JobResultBody;
  try {
    body = await handler(payload, objects);
  } catch (err) {
    // Anything but a QpruneError (a lost connection, an object not uploaded yet) may pass on a retry.
    body = errorResult(err, !(err instanceof QpruneError));
  }
  return qprune.JobResult.create({ ...body, ...ids });
}

/** Objects kept in this process's memory (direct and worker transports). */
export class MemoryObjects implements ObjectSource {
  private readonly map = new Map<string, Uint8Array>();
  set(key: string, data: Uint8Array): void {
    this.map.set(key, data);
  }
  async get(key: string): Promise<Uint8Array> {
    const v = this.map.get(key);
    if (!v) throw new BadRequest(`object ${key} not found`);
    return v;
  }
}

/** `work`, or Aborted as soon as the signal fires (then `onAbort` runs); no listener outlives the call. */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void = () => {}): Promise<T> {
  if (!signal) return work;
  let listener: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    listener = () => { onAbort(); reject(signal.reason instanceof Aborted ? signal.reason : new Aborted()); };
    if (signal.aborted) listener();
    else signal.addEventListener('abort', listener, { once: true });
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    signal.removeEventListener('abort', listener!);
    work.catch(() => {}); // a job that fails after the abort has no one left to tell
  }
}
