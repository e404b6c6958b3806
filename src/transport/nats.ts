/**
 * The coordinator's side of the NATS transport: jobs go to the work-queue stream (message id = job
 * id, so a re-sent job is dropped by the stream's duplicate window), results come back through an
 * ordered consumer on this run's result subjects. Jobs whose result is already stored (a resumed run)
 * are not sent again.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Objm, ObjectStore } from '@nats-io/obj';
import { qprune } from '../wire/qprune.js';
import { checkAborted, QpruneError } from '../errors.js';
import { checkResult, jobsOf, type Job, RunJobsOptions, Transport, untilAborted } from './transport.js';
import { drainOrClose, retryingNats } from './nats-retry.js';
import { watchMaxDeliveries } from './max-deliveries.js';
import { ClusterNames, clusterNames, connectNats, ConsumerSettings, setupCluster, storedResult, type NatsAuth } from './nats-setup.js';
import type { JobKind } from './wire.js';

/** Default run id of a CLI command: derived from its output path, so rerunning the same command resumes the same run. */
export function runIdFor(command: string, out: string): string {
  return `${command}-${createHash('sha256').update(path.resolve(out)).digest('hex').slice(0, 12)}`;
}

export interface NatsTransportOptions extends ConsumerSettings {
  url: string;
  namespace?: string;
  /** Give up on a batch after this many seconds without any new result (default 600). */
  idleTimeout?: number;
  /** Seconds to wait for NATS to come back when it is down (default NATS_PATIENCE). */
  patience?: number;
  /** Credentials and TLS (default: from the URL and the environment, nats-setup.ts natsAuth). */
  auth?: NatsAuth;
}

/** Seconds without a result after which a waiting run looks its missing results up itself. */
const POLL_SECONDS = 3;

export class NatsTransport implements Transport {
  readonly name = 'nats';
  /** Jobs found already finished in the results stream (not sent again). */
  reused = 0;
  sent = 0;
  /** Jobs published by this transport (a pass after a NATS restart re-publishes; they count once). */
  private readonly published = new Set<string>();
  private store?: ObjectStore;

  /** Waiting passes, told when the connection comes back after a loss (their consumers may be stale). */
  private readonly onReconnect = new Set<() => void>();

  private constructor(readonly nc: NatsConnection, private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, readonly names: ClusterNames, private readonly opts: NatsTransportOptions) {
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'reconnect') for (const f of [...this.onReconnect]) f();
    })().catch(() => {});
  }

  static async connect(opts: NatsTransportOptions): Promise<NatsTransport> {
    const nc = await connectNats(opts.url, 'qprune-coordinator', opts.auth);
    const names = clusterNames(opts.namespace);
    const jsm = await setupCluster(nc, names, opts);
    return new NatsTransport(nc, jetstream(nc), jsm, names, opts);
  }

  async run(kind: JobKind, runId: string, payloads: Uint8Array[], opts: RunJobsOptions = {}): Promise<qprune.JobResult[]> {
    checkAborted(opts.signal);
    if (!/^[a-zA-Z0-9_-]+$/.test(runId)) throw new QpruneError(`run id '${runId}' may hold only letters, digits, - and _`);
    const jobs = jobsOf(kind, runId, payloads);
    const results = new Map<string, qprune.JobResult>();
    // Across a NATS restart: each pass looks up what is stored, re-sends what is not (the stream drops
    // a job id it holds; a worker acks a job whose result is stored without running it) and waits.
    await retryingNats(this.nc, `${kind} jobs of run ${runId}`, () => this.pass(kind, runId, jobs, results, opts), { signal: opts.signal, patience: this.opts.patience });
    // An error result ends the wait early: report it rather than the jobs still unanswered.
    for (const r of results.values()) checkResult(kind, r);
    return jobs.map((j) => {
      const r = results.get(j.id);
      if (!r) throw new QpruneError(`${kind} job ${j.id} of run ${runId} has no result`);
      return r;
    });
  }

  private async pass(kind: JobKind, runId: string, jobs: Job[], results: Map<string, qprune.JobResult>, opts: RunJobsOptions): Promise<void> {
    const wanted = new Set(jobs.map((j) => j.id));
    const missing = () => jobs.filter((j) => !results.has(j.id));
    // Look up stored results concurrently: one round trip each, not one after another.
    const todo = missing();
    const stored = await Promise.all(todo.map((j) => storedResult(this.jsm, this.names, runId, kind, j.id)));
    todo.forEach((j, i) => {
      const r = stored[i];
      if (r && r.result !== 'error') { results.set(j.id, r); this.reused++; }
    });
    const pending = missing();
    if (!pending.length) return;
    // One subject as a string: NATS 2.9 has no filter_subjects list.
    const consumer = await this.js.consumers.get(this.names.results, { filter_subjects: `${this.names.ns}.results.${runId}.${kind}.>` });
    const messages = await consumer.consume();
    // Jobs of this run that no worker could finish in max_deliver attempts come back as error results.
    const exhausted = watchMaxDeliveries(this.nc, this.jsm, this.names, kind, runId);
    const done = (async () => {
      for await (const m of messages) {
        let r: qprune.JobResult;
        try {
          r = qprune.JobResult.decode(m.data);
        } catch {
          continue;
        }
        if (!wanted.has(r.jobId)) continue;
        results.set(r.jobId, r); // idempotent: a repeated result for a job id replaces an equal one
        if (r.result === 'error' || [...wanted].every((id) => results.has(id))) break;
      }
    })();
    const idle = (this.opts.idleTimeout ?? 600) * 1000;
    let last = results.size, timer: NodeJS.Timeout | undefined, poll: NodeJS.Timeout | undefined;
    try {
      for (let i = 0; i < pending.length; i += 256) {
        const part = pending.slice(i, i + 256);
        await Promise.all(part.map((j) => this.js.publish(this.names.jobSubject(kind), j.payload, { msgID: j.id })));
        for (const j of part) {
          if (!this.published.has(`${runId}/${j.id}`)) this.sent++;
          this.published.add(`${runId}/${j.id}`);
        }
      }
      // A consumer made while the server was still recovering its streams may never deliver: when no
      // result came for a few seconds, the stored results of the missing jobs are looked up directly.
      let seen = results.size;
      const polled = new Promise<void>((resolve) => {
        poll = setInterval(() => {
          if (results.size !== seen) { seen = results.size; return; }
          const ask = missing();
          void Promise.all(ask.map((j) => storedResult(this.jsm, this.names, runId, kind, j.id))).then((found) => {
            found.forEach((r, i) => { if (r) results.set(ask[i].id, r); });
            seen = results.size;
            if (!missing().length || [...results.values()].some((r) => r.result === 'error')) resolve();
          });
        }, POLL_SECONDS * 1000);
      });
      const watchdog = new Promise<never>((_, reject) => {
        timer = setInterval(() => {
          if (results.size === last) { clearInterval(timer); reject(new QpruneError(`no ${kind} results for ${idle / 1000} s: are ${kind} services running on ${this.opts.url}?`)); }
          last = results.size;
        }, idle);
      });
      // After a NATS restart the ordered consumer may take its idle-heartbeat period to notice: a new
      // pass at once finds what was stored meanwhile and follows a fresh consumer.
      let reconnected!: () => void;
      const restarted = new Promise<never>((_, reject) => { reconnected = () => reject(new Error('NATS reconnected')); });
      restarted.catch(() => {});
      this.onReconnect.add(reconnected);
      // A stopped run stops waiting; its jobs stay queued and a resumed run finds their results.
      await untilAborted(Promise.race([done, polled, watchdog, restarted]), opts.signal).finally(() => this.onReconnect.delete(reconnected));
      // The result stream ended before every job was answered (the server went away): another pass.
      if (![...results.values()].some((r) => r.result === 'error') && missing().length) throw new Error(`the results of run ${runId} stopped arriving with ${missing().length} ${kind} jobs unanswered`);
    } finally {
      clearInterval(timer);
      clearInterval(poll);
      exhausted.unsubscribe();
      await messages.close().catch(() => {});
    }
  }

  async putObject(key: string, data: Uint8Array): Promise<void> {
    this.store ??= await new Objm(this.nc).open(this.names.objects);
    const info = await this.store.info(key).catch(() => null);
    if (info && info.size === data.length && !info.deleted) return; // content-keyed: already there
    await this.store.putBlob({ name: key }, data);
  }

  async close(): Promise<void> {
    await drainOrClose(this.nc);
  }
}
