/**
 * A worker thread running the standard handlers on job bytes: the worker transport's threads and a
 * service's job thread (cluster/job-runner.ts). Objects are kept in memory: the worker transport
 * sends them ahead; one that is not here is asked of the parent (a service fetches it from the
 * object store). Messages in: {type:'object', key, data}, {type:'object-missing', key, message} and
 * {type:'job', kind, payload}; out: {type:'ready'} once, {type:'need', key}, and one
 * {type:'result', result: JobResult bytes} per job, in order. The tfjs backend starts with the first
 * job that needs it, so a solver thread never loads tfjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { qprune } from '../wire/qprune.js';
import { describeError } from '../errors.js';
import { HandlerSet, type HandlerOptions } from './handlers.js';
import { runJob, type ObjectSource } from './transport.js';
import type { JobKind } from './wire.js';

type Request = { type: 'object'; key: string; data: Uint8Array } | { type: 'object-missing'; key: string; message: string } | { type: 'job'; kind: JobKind; payload: Uint8Array };

const port = parentPort!;
const { backend, threads, limits } = workerData as { backend: string; threads: number; limits?: HandlerOptions['limits'] };
const handlers = new HandlerSet({ threads, limits });

/** Objects held here, and the requests for missing ones that the parent has yet to answer. */
const held = new Map<string, Uint8Array>();
const asked = new Map<string, { resolve: (d: Uint8Array) => void; reject: (e: Error) => void }[]>();
const objects: ObjectSource = {
  get: (key) => {
    const hit = held.get(key);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const waiting = asked.get(key);
      if (waiting) return waiting.push({ resolve, reject });
      asked.set(key, [{ resolve, reject }]);
      port.postMessage({ type: 'need', key });
    });
  },
};

let backendReady: Promise<void> | undefined;
const needsBackend = (kind: JobKind) => kind === 'eval' || kind === 'score' || kind === 'denoise';
const startBackend = () => (backendReady ??= (async () => {
  const [{ initBackend }, { registerCustomLayers }] = await Promise.all([import('../engine/backend.js'), import('../io/custom-layers.js')]);
  await initBackend(backend);
  registerCustomLayers();
})());

port.postMessage({ type: 'ready' });

// Jobs run one at a time, in arrival order (a worker is sent one job at a time).
let chain = Promise.resolve();
port.on('message', (msg: Request) => {
  if (msg.type === 'object' || msg.type === 'object-missing') {
    if (msg.type === 'object') held.set(msg.key, msg.data);
    const waiting = asked.get(msg.key) ?? [];
    asked.delete(msg.key);
    for (const w of waiting) {
      // Not a QpruneError: a missing object is retried (it may be uploaded yet).
      if (msg.type === 'object') w.resolve(msg.data);
      else w.reject(new Error(msg.message));
    }
    return;
  }
  chain = chain.then(async () => {
    let r: qprune.JobResult;
    try {
      if (needsBackend(msg.kind)) await startBackend();
      r = await runJob(await handlers.get(msg.kind), msg.payload, objects, { runId: '', jobId: '', worker: '' });
    } catch (err) {
      r = qprune.JobResult.create({ error: { code: 'failed', message: describeError(err), retryable: true } });
    }
    // Copied, not transferred: protobufjs may encode small messages into a shared slab.
    port.postMessage({ type: 'result', result: qprune.JobResult.encode(r).finish() });
  });
});
