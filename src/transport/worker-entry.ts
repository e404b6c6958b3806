/**
 * A worker thread of the worker transport: the standard handlers on job bytes, objects kept in
 * memory. Messages in: {type:'object', key, data} and {type:'job', kind, payload}; out: {type:'ready'}
 * once, then one {type:'result', result: JobResult bytes} per job, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { qprune } from '../wire/qprune.js';
import { initBackend } from '../engine/backend.js';
import { registerCustomLayers } from '../io/custom-layers.js';
import { describeError } from '../errors.js';
import { HandlerSet } from './handlers.js';
import { MemoryObjects, runJob } from './transport.js';
import type { JobKind } from './wire.js';

type Request = { type: 'object'; key: string; data: Uint8Array } | { type: 'job'; kind: JobKind; payload: Uint8Array };

const port = parentPort!;
const objects = new MemoryObjects();
const { backend, threads } = workerData as { backend: string; threads: number };
const handlers = new HandlerSet({ threads });

try {
  await initBackend(backend);
  registerCustomLayers();
  port.postMessage({ type: 'ready' });
} catch (err) {
  port.postMessage({ type: 'fatal', message: describeError(err) });
}

// Jobs run one at a time, in arrival order (the transport sends a worker one job at a time).
let chain = Promise.resolve();
port.on('message', (msg: Request) => {
  if (msg.type === 'object') return objects.set(msg.key, msg.data);
  chain = chain.then(async () => {
    const r = await runJob(await handlers.get(msg.kind), msg.payload, objects, { runId: '', jobId: '', worker: '' })
      .catch((err) => qprune.JobResult.create({ error: { code: 'failed', message: describeError(err), retryable: false } }));
    // Copied, not transferred: protobufjs may encode small messages into a shared slab.
    port.postMessage({ type: 'result', result: qprune.JobResult.encode(r).finish() });
  });
});
