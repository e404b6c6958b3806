/** The transport that --nats / --namespace / --workers name: the cluster, worker threads (default), or this thread (--workers 0). */
import type { Transport } from '../transport/transport.js';
import { NatsTransport } from '../transport/nats.js';
import { DirectTransport } from '../transport/direct.js';
import { WorkerTransport } from '../transport/worker.js';

export async function openTransport(o: { nats?: string; namespace?: string; workers: number }): Promise<Transport> {
  if (o.nats) return NatsTransport.connect({ url: o.nats, namespace: o.namespace });
  return o.workers === 0 ? new DirectTransport() : WorkerTransport.create({ workers: o.workers });
}
