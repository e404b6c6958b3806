/**
 * JetStream layout, under a namespace (default "qprune"; tests use their own so runs never mix):
 *   <NS>_JOBS     work-queue stream, subjects <ns>.jobs.<kind>; one durable pull consumer per kind
 *                 shared by every replica of that role (explicit ack, ack_wait, max_deliver)
 *   <NS>_RESULTS  limits stream, subjects <ns>.results.<run>.<kind>.<job>, one message per subject: a result
 *                 is stored once per job id (idempotent), and a resumed run finds it by subject
 *   <NS>_DLQ      payloads no handler could read, with the reason in a header
 *   <ns>-objects  object store: models and validation batches, sent once per run
 */
import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator, nkeyAuthenticator, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import { qprune } from '../wire/qprune.js';
import { Objm } from '@nats-io/obj';
import { Kvm } from '@nats-io/kv';
import { AckPolicy, DeliverPolicy, jetstreamManager, JetStreamManager, RetentionPolicy, StorageType, DiscardPolicy, type StreamConfig } from '@nats-io/jetstream';
import { QpruneError, describeError } from '../errors.js';
import { CLUSTER_JOB_KINDS, JobKind } from './wire.js';

export interface ClusterNames {
  ns: string;
  jobs: string;
  results: string;
  dlq: string;
  objects: string;
  /** KV bucket of the run state (cluster/nats-run-store.ts). */
  runs: string;
  jobSubject(kind: JobKind): string;
  /** A job's result: the kind in the subject, so a role's credentials can be limited to its own results. */
  resultSubject(runId: string, kind: JobKind, jobId: string): string;
  consumer(kind: JobKind): string;
}

export function clusterNames(ns = 'qprune'): ClusterNames {
  if (!/^[a-zA-Z0-9_-]+$/.test(ns)) throw new QpruneError(`namespace '${ns}' may hold only letters, digits, - and _`);
  const up = ns.toUpperCase().replace(/-/g, '_');
  return {
    ns, jobs: `${up}_JOBS`, results: `${up}_RESULTS`, dlq: `${up}_DLQ`, objects: `${ns}-objects`, runs: `${ns}-runs`,
    jobSubject: (kind) => `${ns}.jobs.${kind}`,
    resultSubject: (runId, kind, jobId) => `${ns}.results.${runId}.${kind}.${jobId}`,
    consumer: (kind) => `${ns}-${kind}`,
  };
}

export interface ConsumerSettings {
  /** Seconds a worker may hold a job without ack or progress before it is redelivered (default per kind: CONSUMER_DEFAULTS). */
  ackWait?: number;
  maxDeliver?: number;
}

/**
 * Consumer defaults. Workers send progress every ack_wait/3 from a thread that never computes
 * (cluster/job-runner.ts), so a short ack_wait only costs a message every 2 s and brings a dead
 * worker's job back within 6 s; a coordinator runs the pipeline in its own thread, which may be busy
 * for seconds, so its run jobs keep 60 s.
 */
export const CONSUMER_DEFAULTS = { ackWait: (kind: JobKind) => (kind === 'run' ? 60 : 6), maxDeliver: 5 };

/** Retention of what the cluster stores (deploy/README.md); every one configurable. */
export interface ClusterLimits {
  /** Jobs nobody took are dropped after this long (seconds). */
  jobTtl: number;
  /** Results are kept this long (seconds): a resumed run finds them within it. */
  resultTtl: number;
  /** Bytes the results, DLQ and work streams and the object store may hold (the oldest go first). */
  resultBytes: number;
  dlqBytes: number;
  jobBytes: number;
  objectBytes: number;
  /** Models, patches and batches are kept this long (seconds). */
  objectTtl: number;
  /** Copies JetStream keeps of every stream, the object store and the run KV (1, or 3/5 on a cluster). */
  replicas: number;
}

export const DEFAULT_CLUSTER_LIMITS: ClusterLimits = {
  jobTtl: 24 * 3600, resultTtl: 7 * 24 * 3600, resultBytes: 2 ** 30, dlqBytes: 2 ** 28, jobBytes: 2 ** 30, objectBytes: 2 ** 32, objectTtl: 7 * 24 * 3600, replicas: 1,
};

/**
 * "jobTtl=3600,replicas=3": the limits named (only those: what is not named is left as the cluster has
 * it, or the default when a stream is created); unknown names and bad values named.
 */
export function parseClusterLimits(text: string | undefined): Partial<ClusterLimits> {
  const out: Partial<ClusterLimits> = {};
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!Object.hasOwn(DEFAULT_CLUSTER_LIMITS, k)) throw new QpruneError(`--storage: unknown limit '${k}' (${Object.keys(DEFAULT_CLUSTER_LIMITS).join(', ')})`);
    const n = Number(v);
    if (!(n > 0 && Number.isFinite(n))) throw new QpruneError(`--storage: ${k} must be a positive number, got '${v}'`);
    if (k === 'replicas' && !(Number.isInteger(n) && n <= 5)) throw new QpruneError(`--storage: replicas must be an integer from 1 to 5 (JetStream's limit), got '${v}'`);
    out[k as keyof ClusterLimits] = n;
  }
  return out;
}

/** How a client reaches NATS: credentials and TLS, from the URL and the environment (deploy/README.md). */
export interface NatsAuth {
  user?: string;
  pass?: string;
  token?: string;
  /** A .creds file (JWT + nkey seed) or an nkey seed file. */
  credsFile?: string;
  nkeyFile?: string;
  /** TLS: the CA that signed the server's certificate, and this client's certificate and key. */
  tls?: { ca?: string; cert?: string; key?: string };
}

/** Credentials in the URL (nats://user:pass@host) win over NATS_USER/NATS_PASS, NATS_TOKEN, NATS_CREDS, NATS_NKEY; TLS from QPRUNE_NATS_CA/CERT/KEY. */
export function natsAuth(url: string, env: NodeJS.ProcessEnv = process.env): { servers: string; auth: NatsAuth } {
  const auth: NatsAuth = {};
  let servers = url;
  const m = /^([a-z]+:\/\/)([^@/]*)@(.*)$/i.exec(url);
  if (m) {
    servers = `${m[1]}${m[3]}`;
    const [user, pass] = m[2].split(':').map((p) => decodeURIComponent(p));
    if (pass === undefined) auth.token = user;
    else Object.assign(auth, { user, pass });
  } else if (env.NATS_USER) Object.assign(auth, { user: env.NATS_USER, pass: env.NATS_PASS ?? '' });
  else if (env.NATS_TOKEN) auth.token = env.NATS_TOKEN;
  if (env.NATS_CREDS) auth.credsFile = env.NATS_CREDS;
  if (env.NATS_NKEY) auth.nkeyFile = env.NATS_NKEY;
  if (env.QPRUNE_NATS_CA || env.QPRUNE_NATS_CERT || /^tls:/i.test(servers)) auth.tls = { ca: env.QPRUNE_NATS_CA, cert: env.QPRUNE_NATS_CERT, key: env.QPRUNE_NATS_KEY };
  return { servers, auth };
}

function pingSeconds(text: string | undefined): number {
  if (text === undefined || text === '') return 10;
  const n = Number(text);
  if (!(n >= 0.5 && n <= 600)) throw new QpruneError(`QPRUNE_NATS_PING must be seconds between 0.5 and 600, got '${text}'`);
  return n;
}

/** `given` (a library user's or a test's) replaces what the environment says; URL credentials still apply. */
export async function connectNats(url: string, name: string, given?: NatsAuth): Promise<NatsConnection> {
  const fromUrl = natsAuth(url, given ? {} : process.env);
  const servers = fromUrl.servers, auth: NatsAuth = { ...given, ...fromUrl.auth, ...(given?.tls ? { tls: given.tls } : {}) };
  // A comma-separated list names the nodes of a cluster: any one that answers will do. A partition
  // leaves a connection open with nothing arriving: pings find it (QPRUNE_NATS_PING seconds apart,
  // three unanswered) instead of nats.js' default of 2 minutes apart.
  const ping = pingSeconds(process.env.QPRUNE_NATS_PING);
  const options: ConnectionOptions = {
    servers: servers.split(',').map((s) => s.trim()).filter(Boolean), name, maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 5000,
    pingInterval: ping * 1000, maxPingOut: 3,
  };
  try {
    if (auth.user !== undefined) Object.assign(options, { user: auth.user, pass: auth.pass });
    if (auth.token) options.token = auth.token;
    if (auth.credsFile) options.authenticator = credsAuthenticator(readFileSync(auth.credsFile));
    else if (auth.nkeyFile) options.authenticator = nkeyAuthenticator(new TextEncoder().encode(readFileSync(auth.nkeyFile, 'utf8').trim()));
    if (auth.tls) options.tls = { ...(auth.tls.ca ? { caFile: auth.tls.ca } : {}), ...(auth.tls.cert ? { certFile: auth.tls.cert, keyFile: auth.tls.key } : {}) };
    return await connect(options);
  } catch (err) {
    // The URL without its credentials: a password is never echoed.
    throw new QpruneError(`cannot connect to NATS at ${servers}: ${describeError(err)}`);
  }
}

const ns = (seconds: number) => Math.round(seconds * 1e9);

/** Updates an existing stream's age, size and replicas where `limits` names them and they differ. */
async function applyNamedLimits(jsm: JetStreamManager, stream: string, config: StreamConfig, want: { max_age: number; max_bytes: number; num_replicas: number }, limits: Partial<ClusterLimits>, keys: (keyof ClusterLimits)[]): Promise<void> {
  const [ageKey, bytesKey] = keys;
  const change: Partial<StreamConfig> = {};
  if (limits[ageKey] !== undefined && config.max_age !== want.max_age) change.max_age = want.max_age;
  if (limits[bytesKey] !== undefined && config.max_bytes !== want.max_bytes) change.max_bytes = want.max_bytes;
  if (limits.replicas !== undefined && config.num_replicas !== want.num_replicas) change.num_replicas = want.num_replicas;
  if (Object.keys(change).length) await jsm.streams.update(stream, { ...config, ...change });
}

/**
 * The streams and consumers, created when missing (the defaults under what `limits` names). Of an
 * existing stream only the limits named in `limits` are changed: a coordinator or a replica started
 * without `--storage` leaves what the operator configured.
 */
export async function ensureStreams(jsm: JetStreamManager, names: ClusterNames, settings: ConsumerSettings = {}, limits: Partial<ClusterLimits> = {}): Promise<void> {
  const l = { ...DEFAULT_CLUSTER_LIMITS, ...limits };
  const want = [
    { name: names.jobs, subjects: [`${names.ns}.jobs.>`], retention: RetentionPolicy.Workqueue, storage: StorageType.File, duplicate_window: 120e9, max_age: ns(l.jobTtl), max_bytes: l.jobBytes, discard: DiscardPolicy.New, num_replicas: l.replicas },
    { name: names.results, subjects: [`${names.ns}.results.>`], retention: RetentionPolicy.Limits, storage: StorageType.File, max_msgs_per_subject: 1, max_age: ns(l.resultTtl), max_bytes: l.resultBytes, discard: DiscardPolicy.Old, duplicate_window: 120e9, num_replicas: l.replicas },
    { name: names.dlq, subjects: [`${names.ns}.dlq.>`], retention: RetentionPolicy.Limits, storage: StorageType.File, max_msgs: 100000, max_bytes: l.dlqBytes, max_age: ns(l.resultTtl), discard: DiscardPolicy.Old, num_replicas: l.replicas },
  ];
  const named = { [names.jobs]: ['jobTtl', 'jobBytes'], [names.results]: ['resultTtl', 'resultBytes'], [names.dlq]: ['resultTtl', 'dlqBytes'] } as Record<string, (keyof ClusterLimits)[]>;
  for (const cfg of want) {
    const info = await jsm.streams.info(cfg.name).catch(() => null);
    if (!info) await jsm.streams.add(cfg);
    else await applyNamedLimits(jsm, cfg.name, info.config, { max_age: cfg.max_age, max_bytes: cfg.max_bytes, num_replicas: cfg.num_replicas }, limits, named[cfg.name]);
  }
  for (const kind of CLUSTER_JOB_KINDS) {
    const durable = names.consumer(kind);
    const ackWait = settings.ackWait ?? CONSUMER_DEFAULTS.ackWait(kind), maxDeliver = settings.maxDeliver ?? CONSUMER_DEFAULTS.maxDeliver;
    const info = await jsm.consumers.info(names.jobs, durable).catch(() => null);
    if (!info) {
      await jsm.consumers.add(names.jobs, {
        durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: names.jobSubject(kind),
        ack_wait: ns(ackWait), max_deliver: maxDeliver, max_ack_pending: 1000,
      });
    } else if ((settings.ackWait !== undefined && info.config.ack_wait !== ns(ackWait)) || (settings.maxDeliver !== undefined && info.config.max_deliver !== maxDeliver)) {
      // Given explicitly: the shared consumer takes them (a replica started without them keeps what is there).
      await jsm.consumers.update(names.jobs, durable, { ack_wait: ns(ackWait), max_deliver: maxDeliver });
    }
  }
}

/** ack_wait (seconds) and max_deliver of the durable consumer of a kind, as the server has them. */
export async function effectiveConsumer(jsm: JetStreamManager, names: ClusterNames, kind: JobKind): Promise<{ ackWait: number; maxDeliver: number }> {
  const c = (await jsm.consumers.info(names.jobs, names.consumer(kind))).config;
  return { ackWait: (c.ack_wait ?? ns(CONSUMER_DEFAULTS.ackWait(kind))) / 1e9, maxDeliver: c.max_deliver && c.max_deliver > 0 ? c.max_deliver : Infinity };
}

/** The result stored for a job, if any. */
export async function storedResult(jsm: JetStreamManager, names: ClusterNames, runId: string, kind: JobKind, jobId: string): Promise<qprune.JobResult | undefined> {
  try {
    const m = await jsm.streams.getMessage(names.results, { last_by_subj: names.resultSubject(runId, kind, jobId) });
    return m ? qprune.JobResult.decode(m.data) : undefined;
  } catch {
    return undefined;
  }
}

export async function setupCluster(nc: NatsConnection, names: ClusterNames, settings?: ConsumerSettings, limits: Partial<ClusterLimits> = {}): Promise<JetStreamManager> {
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, names, settings, limits);
  // The object store (models, patches, batches, run-state values) and the run KV: created with their
  // lifetime, size and replicas; of existing ones only what `limits` names is changed (create() keeps an old config).
  const l = { ...DEFAULT_CLUSTER_LIMITS, ...limits };
  await new Objm(nc).create(names.objects, { ttl: ns(l.objectTtl), max_bytes: l.objectBytes, replicas: l.replicas });
  await new Kvm(nc).create(names.runs, { history: 1, ttl: l.resultTtl * 1000, max_bytes: l.resultBytes, replicas: l.replicas });
  const objects = `OBJ_${names.objects}`, runs = `KV_${names.runs}`;
  await applyNamedLimits(jsm, objects, (await jsm.streams.info(objects)).config, { max_age: ns(l.objectTtl), max_bytes: l.objectBytes, num_replicas: l.replicas }, limits, ['objectTtl', 'objectBytes']);
  await applyNamedLimits(jsm, runs, (await jsm.streams.info(runs)).config, { max_age: ns(l.resultTtl), max_bytes: l.resultBytes, num_replicas: l.replicas }, limits, ['resultTtl', 'resultBytes']);
  return jsm;
}
