/**
 * JetStream layout, under a namespace (default "qprune"; tests use their own so runs never mix):
 *   <NS>_JOBS     work-queue stream, subjects <ns>.jobs.<kind>; one durable pull consumer per kind
 *                 shared by every replica of that role (explicit ack, ack_wait, max_deliver)
 *   <NS>_RESULTS  limits stream, subjects <ns>.results.<run>.<job>, one message per subject: a result
 *                 is stored once per job id (idempotent), and a resumed run finds it by subject
 *   <NS>_DLQ      payloads no handler could read, with the reason in a header
 *   <ns>-objects  object store: models and validation batches, sent once per run
 */
import { connect, NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstreamManager, JetStreamManager, RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';
import { QpruneError, describeError } from '../errors.js';
import { CLUSTER_JOB_KINDS, JobKind } from './wire.js';

export interface ClusterNames {
  ns: string;
  jobs: string;
  results: string;
  dlq: string;
  objects: string;
  jobSubject(kind: JobKind): string;
  resultSubject(runId: string, jobId: string): string;
  consumer(kind: JobKind): string;
}

export function clusterNames(ns = 'qprune'): ClusterNames {
  if (!/^[a-zA-Z0-9_-]+$/.test(ns)) throw new QpruneError(`namespace '${ns}' may hold only letters, digits, - and _`);
  const up = ns.toUpperCase().replace(/-/g, '_');
  return {
    ns, jobs: `${up}_JOBS`, results: `${up}_RESULTS`, dlq: `${up}_DLQ`, objects: `${ns}-objects`,
    jobSubject: (kind) => `${ns}.jobs.${kind}`,
    resultSubject: (runId, jobId) => `${ns}.results.${runId}.${jobId}`,
    consumer: (kind) => `${ns}-${kind}`,
  };
}

export interface ConsumerSettings {
  /** Seconds a worker may hold a job without ack or progress before it is redelivered. */
  ackWait?: number;
  maxDeliver?: number;
}

export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 5000, ...credentials() });
  } catch (err) {
    throw new QpruneError(`cannot connect to NATS at ${url}: ${describeError(err)}`);
  }
}

/** NATS_USER/NATS_PASS or NATS_TOKEN from the environment (deploy/README.md). */
function credentials(): Record<string, string> {
  const e = process.env;
  if (e.NATS_USER) return { user: e.NATS_USER, pass: e.NATS_PASS ?? '' };
  if (e.NATS_TOKEN) return { token: e.NATS_TOKEN };
  return {};
}

export async function ensureStreams(jsm: JetStreamManager, names: ClusterNames, settings: ConsumerSettings = {}): Promise<void> {
  const want = [
    { name: names.jobs, subjects: [`${names.ns}.jobs.>`], retention: RetentionPolicy.Workqueue, storage: StorageType.File, duplicate_window: 120e9 },
    { name: names.results, subjects: [`${names.ns}.results.>`], retention: RetentionPolicy.Limits, storage: StorageType.File, max_msgs_per_subject: 1, max_age: 7 * 24 * 3600e9, discard: DiscardPolicy.Old, duplicate_window: 120e9 },
    { name: names.dlq, subjects: [`${names.ns}.dlq.>`], retention: RetentionPolicy.Limits, storage: StorageType.File, max_msgs: 100000, discard: DiscardPolicy.Old },
  ];
  for (const cfg of want) {
    try {
      await jsm.streams.info(cfg.name);
    } catch {
      await jsm.streams.add(cfg);
    }
  }
  for (const kind of CLUSTER_JOB_KINDS) {
    const durable = names.consumer(kind);
    const cfg = {
      durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: names.jobSubject(kind),
      ack_wait: (settings.ackWait ?? 60) * 1e9, max_deliver: settings.maxDeliver ?? 5, max_ack_pending: 1000,
    };
    try {
      await jsm.consumers.info(names.jobs, durable);
    } catch {
      await jsm.consumers.add(names.jobs, cfg);
    }
  }
}

export async function setupCluster(nc: NatsConnection, names: ClusterNames, settings?: ConsumerSettings): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, names, settings);
  return jsm;
}
