/**
 * A worker service (solver, evaluator): pulls jobs of its kind from the shared durable consumer,
 * runs the handler, stores the result under the job's subject (message id = job id, so a result
 * published twice is stored once), then acks. A worker that dies before its ack leaves the job to be
 * redelivered after ack_wait; a payload no handler can read is dead-lettered (term, never retried);
 * an unexpected failure is nak'ed with a delay and retried up to max_deliver. Discoverable through
 * the NATS services API ($SRV PING/INFO/STATS), heartbeats on <ns>.heartbeat.<role>.<id>, and SIGTERM
 * drains: no new jobs, in-flight ones finish and are acked, then the connection closes.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { headers } from '@nats-io/transport-node';
import { jetstream, JsMsg } from '@nats-io/jetstream';
import { Objm } from '@nats-io/obj';
import { Svcm } from '@nats-io/services';
import { qprune } from '../wire/qprune.js';
import { describeError, QpruneError } from '../errors.js';
import { log } from '../log.js';
import { errorResult, JobHandler, ObjectSource } from '../transport/transport.js';
import { clusterNames, connectNats, ConsumerSettings, setupCluster } from '../transport/nats-setup.js';
import { decodeRunId, JobKind } from '../transport/wire.js';
import { LoadedCache } from '../transport/loaded-cache.js';

export interface ServiceOptions extends ConsumerSettings {
  url: string;
  role: 'solver' | 'evaluator' | 'scorer' | 'coordinator';
  kind: JobKind;
  handler: JobHandler;
  namespace?: string;
  concurrency?: number;
  id?: string;
  heartbeatSeconds?: number;
  backend?: string;
}

export interface RunningService {
  id: string;
  stop(): Promise<void>;
  done: Promise<void>;
  stats: { done: number; failed: number; deadLettered: number };
}

export async function startService(o: ServiceOptions): Promise<RunningService> {
  const id = o.id ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const names = clusterNames(o.namespace);
  const nc = await connectNats(o.url, `qprune-${o.role}-${id}`);
  await setupCluster(nc, names, o);
  const js = jetstream(nc);
  const stats = { done: 0, failed: 0, deadLettered: 0 };
  let busy = 0;
  const concurrency = o.concurrency ?? 1;

  // Objects (models, batches) fetched once from the object store and kept.
  const objm = new Objm(nc);
  const cache = new LoadedCache<Uint8Array>(); // a failed fetch is not kept: the object may be uploaded later
  const objects: ObjectSource = {
    get: (key) => cache.get(key, async () => {
      const store = await objm.open(names.objects);
      const data = await store.getBlob(key);
      if (!data) throw new Error(`object ${key} not found in ${names.objects}`);
      return data;
    }),
  };

  // @nats-io/services (3.0.0-25, the newest) pins an older nats-core: same protocol, different type identity.
  const svc = await new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]).add({
    name: `qprune-${o.role}`, version: '0.1.0', description: `qprune ${o.role}: ${o.kind} jobs from ${names.jobs}`,
    metadata: { role: o.role, instance: id, concurrency: String(concurrency), backend: o.backend ?? 'n/a', namespace: names.ns },
    statsHandler: async () => ({ ...stats, busy }),
  });
  svc.addEndpoint('status', { subject: `${names.ns}.status.${o.role}.${id}`, handler: (err, m) => { if (!err) m.respond(qprune.Heartbeat.encode(heartbeat()).finish()); } });
  const heartbeat = (): qprune.IHeartbeat => ({ service: o.role, instance: id, jobsDone: stats.done, jobsFailed: stats.failed, busy, concurrency, backend: o.backend ?? '' });
  const beat = setInterval(() => nc.publish(`${names.ns}.heartbeat.${o.role}.${id}`, qprune.Heartbeat.encode(heartbeat()).finish()), (o.heartbeatSeconds ?? 5) * 1000);

  const deadLetter = (m: JsMsg, reason: string) => {
    const h = headers();
    h.set('Qprune-Reason', reason.slice(0, 500));
    h.set('Qprune-Worker', id);
    nc.publish(`${names.ns}.dlq.${o.kind}`, m.data, { headers: h });
    stats.deadLettered++;
    m.term(); // no reason text: NATS 2.9 does not parse "+TERM <reason>" and would leave the job pending
  };

  const handle = async (m: JsMsg) => {
    busy++;
    // Long jobs: tell the server we are alive so ack_wait does not expire under us.
    const keepAlive = setInterval(() => m.working(), Math.max(1000, ((o.ackWait ?? 60) * 1000) / 3));
    try {
      let runId = '';
      try {
        runId = decodeRunId(m.data);
      } catch (err) {
        return deadLetter(m, `undecodable ${o.kind} job: ${describeError(err)}`);
      }
      if (!/^[a-zA-Z0-9_-]+$/.test(runId)) return deadLetter(m, `${o.kind} job with invalid run id '${runId.slice(0, 40)}'`);
      const jobId = m.headers?.get('Nats-Msg-Id') ?? '';
      if (!/^[0-9a-f]{32}$/.test(jobId)) return deadLetter(m, `${o.kind} job without a valid Nats-Msg-Id job id`);
      // A QpruneError (BadRequest included) says the job itself is wrong: answered and dead-lettered.
      // Anything else (a lost connection, an object not uploaded yet) is retried.
      const r = await o.handler(m.data, objects).catch((err) => { if (err instanceof QpruneError) return errorResult(err); throw err; });
      if (r.error && r.error.code === 'bad_request') {
        // Stored as the job's result too, so a waiting coordinator hears about it at once.
        stats.failed++;
        deadLetter(m, r.error.message ?? 'bad request');
      } else stats.done++;
      const result = qprune.JobResult.encode({ ...r, runId, jobId, worker: id }).finish();
      await js.publish(names.resultSubject(runId, jobId), result, { msgID: `result-${jobId}` });
      if (!(r.error && r.error.code === 'bad_request')) m.ack();
    } catch (err) {
      stats.failed++;
      log.warn(`${o.role} ${id}: job failed, will be retried: ${describeError(err)}`);
      m.nak(2000);
    } finally {
      clearInterval(keepAlive);
      busy--;
    }
  };

  // One pull loop per concurrency slot, one job at a time each: a replica never holds jobs it is not
  // working on (they stay available to the other replicas).
  const consumer = await js.consumers.get(names.jobs, names.consumer(o.kind));
  let stopRequested = false;
  const slot = async () => {
    while (!stopRequested) {
      let m: JsMsg | null = null;
      try {
        m = await consumer.next({ expires: 2000 });
      } catch (err) {
        if (stopRequested) break;
        log.warn(`${o.role} ${id}: pull failed (${describeError(err)}), retrying`);
        await new Promise((r) => setTimeout(r, 500));
      }
      if (m) await handle(m);
    }
  };
  const loop = Promise.all(Array.from({ length: concurrency }, slot)).then(() => undefined);
  log.info(`${o.role} ${id} serving ${o.kind} jobs on ${o.url} (namespace ${names.ns}, concurrency ${concurrency})`);

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    clearInterval(beat);
    stopRequested = true; // no new jobs; each slot ends after its in-flight one
    await loop;
    await svc.stop();
    await nc.drain();
  })());
  return { id, stop, done: loop.then(() => nc.closed()).then(() => undefined), stats };
}
