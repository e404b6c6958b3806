/**
 * A worker service (solver, evaluator, scorer, coordinator): pulls jobs of its kind from the shared
 * durable consumer and ends every one in exactly one of three ways:
 *  - a result, stored under the job's subject (message id = job id: stored once), then acked;
 *  - an error result (bad_request: the job is wrong; failed: it cannot be done, or it ran past its
 *    deadline, or its last allowed delivery failed) stored the same way, the job copied to the DLQ with
 *    the reason, and terminated (removed from the work queue);
 *  - a retry (nak with a delay) for a failure another attempt may not hit (an object not uploaded yet,
 *    a lost connection), while deliveries remain.
 * A computed answer whose store fails (NATS out of reach) is stored again until it lands, not
 * recomputed. A job that already has a stored result (its worker died between storing and acking,
 * or its ack was lost) is acked without running; every delivery is checked, since a failover can
 * deliver an acked job again as a first delivery. A job whose every delivery died without an answer (the worker killed each time)
 * is answered by the coordinator waiting for it (cluster/max-deliveries.ts). Jobs run in a worker
 * thread (job-runner.ts), so this thread keeps telling the server the job is in progress, and a short
 * ack_wait brings a killed worker's job back in seconds. Discoverable through the NATS services API
 * ($SRV PING/INFO/STATS), heartbeats on <ns>.heartbeat.<role>.<id>; SIGTERM drains: no new jobs,
 * in-flight ones finish and are acked, then the connection closes.
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { headers } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JsMsg, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Objm } from '@nats-io/obj';
import { Svcm } from '@nats-io/services';
import { qprune } from '../wire/qprune.js';
import { describeError, QpruneError } from '../errors.js';
import { log } from '../log.js';
import type { JobHandler, JobResultBody, ObjectSource } from '../transport/transport.js';
import { clusterNames, type ClusterNames, connectNats, ConsumerSettings, effectiveConsumer, setupCluster, storedResult, type ClusterLimits, type NatsAuth } from '../transport/nats-setup.js';
import { decodeRunId, JobKind } from '../transport/wire.js';
import { LoadedCache } from '../transport/loaded-cache.js';
import { drainOrClose, retryingNats } from '../transport/nats-retry.js';
import { DEFAULT_DEADLINES } from '../transport/limits.js';
import { inProcessRunner, ThreadRunner, type JobRunner, type ThreadRunnerOptions } from './job-runner.js';

/** Seconds a computed answer is kept and its store retried while NATS is out of reach. */
const STORE_PATIENCE_S = 120;

export interface ServiceOptions extends ConsumerSettings {
  url: string;
  role: 'solver' | 'evaluator' | 'scorer' | 'coordinator';
  kind: JobKind;
  /** Run jobs with this handler in the service's thread (the coordinator); else in worker threads. */
  handler?: JobHandler;
  /** Worker-thread jobs: tfjs backend, onnxruntime threads, work limits. */
  thread?: ThreadRunnerOptions;
  /** Seconds a job may run before it is abandoned (default per kind, transport/limits.ts; 0: none). */
  deadline?: number;
  namespace?: string;
  concurrency?: number;
  id?: string;
  heartbeatSeconds?: number;
  backend?: string;
  limits?: Partial<ClusterLimits>;
  /** Credentials and TLS (default: from the URL and the environment). */
  auth?: NatsAuth;
}

export interface ServiceStats {
  done: number;
  failed: number;
  deadLettered: number;
  /** Jobs found answered already (a worker died after storing the result): acked, not run again. */
  reused: number;
  /** Jobs handed to the handler (attempts, retries included). */
  started: number;
  retried: number;
  /** Jobs received on a second or later delivery (their worker or its connection was lost). */
  redelivered: number;
}

export interface RunningService {
  id: string;
  stop(): Promise<void>;
  done: Promise<void>;
  stats: ServiceStats;
  /** Jobs being worked on now. */
  busy(): number;
}

/**
 * The streams and consumers, set up (or resized) by this service when its credentials allow it; with
 * a role's least-privilege credentials (cluster/permissions.ts) they must exist already: a
 * coordinator creates them.
 */
async function joinCluster(nc: NatsConnection, names: ClusterNames, o: ServiceOptions): Promise<JetStreamManager> {
  try {
    return await setupWhenJetStreamIsUp(nc, names, o);
  } catch (err) {
    if (!/permissions violation/i.test(describeError(err))) throw err;
    const jsm = await jetstreamManager(nc);
    try {
      await effectiveConsumer(jsm, names, o.kind);
    } catch {
      throw new QpruneError(`the work queue ${names.jobs} has no consumer for ${o.kind} jobs yet, and this ${o.role}'s credentials may not create it: start a coordinator (qprune serve coordinator) or run qprune prune --nats first`);
    }
    return jsm;
  }
}

/**
 * JetStream answers only once its cluster has elected a meta leader and has enough peers for the
 * replicas asked for: a service started with its NATS nodes (docker compose up, a host reboot) waits
 * for that, up to NATS_PATIENCE, instead of failing. Other errors (permissions, a conflicting stream)
 * are not waited out.
 */
const jetStreamNotReady = (err: unknown) => /timeout|no responders|503|insufficient resources|temporarily unavailable|no suitable peers|not (yet )?(enabled|ready)/i.test(describeError(err));
const setupWhenJetStreamIsUp = (nc: NatsConnection, names: ClusterNames, o: ServiceOptions): Promise<JetStreamManager> =>
  retryingNats(nc, `${o.role}: setting up the streams`, () => setupCluster(nc, names, o, o.limits), { retryable: jetStreamNotReady });

export async function startService(o: ServiceOptions): Promise<RunningService> {
  const id = o.id ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const names = clusterNames(o.namespace);
  const nc = await connectNats(o.url, `qprune-${o.role}-${id}`, o.auth);
  const jsm = await joinCluster(nc, names, o);
  const js = jetstream(nc);
  const stats: ServiceStats = { done: 0, failed: 0, deadLettered: 0, reused: 0, started: 0, retried: 0, redelivered: 0 };
  let busy = 0;
  const concurrency = o.concurrency ?? 1;
  const deadline = o.deadline ?? DEFAULT_DEADLINES[o.kind];
  // What the server will do: the durable consumer's settings (another replica may have set them).
  const { ackWait, maxDeliver } = await effectiveConsumer(jsm, names, o.kind);

  // Objects (models, batches) fetched from the object store when a job needs them. A failed fetch is
  // not kept: the object may be uploaded later, and the retry must see it.
  const objm = new Objm(nc);
  const cache = new LoadedCache<Uint8Array>();
  const objects: ObjectSource = {
    get: (key) => cache.get(key, async () => {
      const store = await objm.open(names.objects);
      const data = await store.getBlob(key);
      if (!data) throw new Error(`object ${key} not found in ${names.objects}`);
      return data;
    }),
  };
  const runners: JobRunner[] = Array.from({ length: concurrency }, () => (o.handler ? inProcessRunner(o.handler) : new ThreadRunner(o.kind, o.thread)));

  // @nats-io/services (3.0.0-25, the newest) pins an older nats-core: same protocol, different type identity.
  const svc = await new Svcm(nc as unknown as ConstructorParameters<typeof Svcm>[0]).add({
    name: `qprune-${o.role}`, version: '0.1.0', description: `qprune ${o.role}: ${o.kind} jobs from ${names.jobs}`,
    metadata: { role: o.role, instance: id, concurrency: String(concurrency), backend: o.backend ?? 'n/a', namespace: names.ns },
    statsHandler: async () => ({ ...stats, busy }),
  });
  svc.addEndpoint('status', { subject: `${names.ns}.status.${o.role}.${id}`, handler: (err, m) => { if (!err) m.respond(qprune.Heartbeat.encode(heartbeat()).finish()); } });
  const heartbeat = (): qprune.IHeartbeat => ({ service: o.role, instance: id, jobsDone: stats.done, jobsFailed: stats.failed, jobsStarted: stats.started, jobsRedelivered: stats.redelivered, jobsReused: stats.reused, busy, concurrency, backend: o.backend ?? '' });
  const beat = setInterval(() => nc.publish(`${names.ns}.heartbeat.${o.role}.${id}`, qprune.Heartbeat.encode(heartbeat()).finish()), (o.heartbeatSeconds ?? 5) * 1000);

  /**
   * Stores a job's answer. An answer already computed is not thrown away because NATS is briefly out
   * of reach (a node lost, a partition, a leader election): storing is retried while the job's
   * progress acks keep it ours, for up to STORE_PATIENCE_S; only then does the job go back to the
   * queue to be computed again. The message id makes a repeated store a no-op.
   */
  const storeResult = async (subject: string, result: qprune.IJobResult, jobId: string): Promise<void> => {
    let data = qprune.JobResult.encode(result).finish();
    // An answer larger than the server takes can never be stored: say so (no retry can help) instead of retrying.
    const limit = nc.info?.max_payload ?? Infinity;
    if (data.byteLength > limit) {
      const message = `the ${o.kind} result is ${(data.byteLength / 2 ** 20).toFixed(1)} MiB, over the NATS server's max_payload of ${(limit / 2 ** 20).toFixed(1)} MiB${o.kind === 'score' ? ' (cross-group Fisher blocks: a smaller --couple-layers band, or raise max_payload)' : ''}`;
      log.warn(`${o.role} ${id}: job ${jobId}: ${message}`);
      data = qprune.JobResult.encode({ runId: result.runId, jobId: result.jobId, worker: result.worker, delivery: result.delivery, error: { code: 'bad_request', message, retryable: false } }).finish();
    }
    const end = Date.now() + STORE_PATIENCE_S * 1000;
    for (let attempt = 1; ; attempt++) {
      try {
        await js.publish(subject, data, { msgID: `result-${jobId}`, timeout: 5000 });
        if (attempt > 1) log.info(`${o.role} ${id}: result of ${o.kind} job ${jobId} stored on attempt ${attempt}`);
        return;
      } catch (err) {
        if (nc.isClosed() || Date.now() > end) throw err;
        if (attempt === 1) log.warn(`${o.role} ${id}: storing the result of ${o.kind} job ${jobId} failed (${describeError(err)}), retrying`);
        await new Promise((r) => setTimeout(r, Math.min(2000, 250 * attempt)));
      }
    }
  };

  /** Copies the job to the DLQ with the reason and removes it from the work queue. */
  const deadLetter = (m: JsMsg, reason: string) => {
    const h = headers();
    h.set('Qprune-Reason', reason.slice(0, 500));
    h.set('Qprune-Worker', id);
    h.set('Qprune-Job', m.headers?.get('Nats-Msg-Id') ?? '');
    nc.publish(`${names.ns}.dlq.${o.kind}`, m.data, { headers: h });
    stats.deadLettered++;
    m.term(); // no reason text: NATS 2.9 does not parse "+TERM <reason>" and would leave the job pending
  };

  const handle = async (m: JsMsg, runner: JobRunner) => {
    busy++;
    // Progress acks while the job runs (its thread computes; this one stays free), so ack_wait can be
    // short: a worker that dies stops them and its job comes back within ack_wait.
    const keepAlive = setInterval(() => m.working(), Math.max(250, (ackWait * 1000) / 3));
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
      // Answered already (its worker stored the result and died before acking, or an ack was lost
      // when a JetStream leader failed over): not computed twice. Looked up on every delivery, not
      // only on redeliveries: after a failover, NATS 2.9 was seen delivering an acked job again with
      // a delivery count of 1 (test/containers.test.ts).
      if (m.info.deliveryCount > 1) stats.redelivered++;
      const stored = await storedResult(jsm, names, runId, o.kind, jobId);
      if (stored && stored.result !== 'error') {
        stats.reused++;
        m.ack();
        return;
      }
      stats.started++;
      const r: JobResultBody = await runner.run(m.data, objects, deadline);
      const deliveries = m.info.deliveryCount;
      if (r.error) {
        stats.failed++;
        const last = deliveries >= maxDeliver;
        if (r.error.code !== 'bad_request' && r.error.retryable && !last) {
          stats.retried++;
          log.warn(`${o.role} ${id}: ${o.kind} job ${jobId} failed (delivery ${deliveries} of ${maxDeliver}), will be retried: ${r.error.message}`);
          m.nak(Math.min(2000, (ackWait * 1000) / 2));
          return;
        }
        const message = last && r.error.retryable ? `${r.error.message} (gave up after ${deliveries} deliveries)` : r.error.message ?? 'failed';
        const error = { ...r.error, message, retryable: false };
        // Stored as the job's result, so a waiting coordinator hears about it at once, then dead-lettered.
        await storeResult(names.resultSubject(runId, o.kind, jobId), { error, runId, jobId, worker: id, delivery: deliveries }, jobId);
        deadLetter(m, `${error.code}: ${message}`);
        return;
      }
      await storeResult(names.resultSubject(runId, o.kind, jobId), { ...r, runId, jobId, worker: id, delivery: deliveries }, jobId);
      stats.done++;
      m.ack();
    } catch (err) {
      // The answer could not be stored within STORE_PATIENCE_S: another delivery will compute it again.
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
  const slot = async (runner: JobRunner) => {
    while (!stopRequested) {
      let m: JsMsg | null = null;
      try {
        m = await consumer.next({ expires: 2000 });
      } catch (err) {
        if (stopRequested) break;
        log.warn(`${o.role} ${id}: pull failed (${describeError(err)}), retrying`);
        await new Promise((r) => setTimeout(r, 500));
      }
      if (m) await handle(m, runner);
    }
  };
  const loop = Promise.all(runners.map(slot)).then(() => undefined);
  log.info(`${o.role} ${id} serving ${o.kind} jobs on ${o.url} (namespace ${names.ns}, concurrency ${concurrency}, ack_wait ${ackWait} s, max_deliver ${maxDeliver}, deadline ${deadline || 'none'})`);

  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= (async () => {
    clearInterval(beat);
    stopRequested = true; // no new jobs; each slot ends after its in-flight one
    // In-flight jobs finish; an idle slot's pending pull ends within its 2 s expiry, or never if the
    // server is gone: then it is left behind once no job is in flight.
    for (let idle = 0; idle < 5000;) {
      if (await Promise.race([loop.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 250))])) break;
      idle = busy === 0 ? idle + 250 : 0;
    }
    await Promise.all(runners.map((r) => r.close()));
    await svc.stop();
    await drainOrClose(nc);
  })());
  return { id, stop, done: loop.then(() => nc.closed()).then(() => undefined), stats, busy: () => busy };
}
