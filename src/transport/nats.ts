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
import { checkResult, jobsOf, RunJobsOptions, Transport, untilAborted } from './transport.js';
import { ClusterNames, clusterNames, connectNats, ConsumerSettings, setupCluster } from './nats-setup.js';
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
}

export class NatsTransport implements Transport {
  readonly name = 'nats';
  /** Jobs found already finished in the results stream (not sent again). */
  reused = 0;
  sent = 0;
  private store?: ObjectStore;

  private constructor(readonly nc: NatsConnection, private readonly js: JetStreamClient, private readonly jsm: JetStreamManager, readonly names: ClusterNames, private readonly opts: NatsTransportOptions) {}

  static async connect(opts: NatsTransportOptions): Promise<NatsTransport> {
    const nc = await connectNats(opts.url, 'qprune-coordinator');
    const names = clusterNames(opts.namespace);
    const jsm = await setupCluster(nc, names, opts);
    return new NatsTransport(nc, jetstream(nc), jsm, names, opts);
  }

  private async stored(runId: string, jobId: string): Promise<qprune.JobResult | undefined> {
    try {
      const m = await this.jsm.streams.getMessage(this.names.results, { last_by_subj: this.names.resultSubject(runId, jobId) });
      return m ? qprune.JobResult.decode(m.data) : undefined;
    } catch {
      return undefined;
    }
  }

  async run(kind: JobKind, runId: string, payloads: Uint8Array[], opts: RunJobsOptions = {}): Promise<qprune.JobResult[]> {
    checkAborted(opts.signal);
    if (!/^[a-zA-Z0-9_-]+$/.test(runId)) throw new QpruneError(`run id '${runId}' may hold only letters, digits, - and _`);
    const jobs = jobsOf(kind, runId, payloads);
    const results = new Map<string, qprune.JobResult>();
    const wanted = new Set(jobs.map((j) => j.id));
    // Look up stored results and publish jobs concurrently: one round trip each, not one after another.
    const stored = await Promise.all(jobs.map((j) => this.stored(runId, j.id)));
    jobs.forEach((j, i) => {
      const r = stored[i];
      if (r && r.result !== 'error') { results.set(j.id, r); this.reused++; }
    });
    const pending = jobs.filter((j) => !results.has(j.id));
    if (pending.length) {
      // One subject as a string: NATS 2.9 has no filter_subjects list.
      const consumer = await this.js.consumers.get(this.names.results, { filter_subjects: `${this.names.ns}.results.${runId}.>` });
      const messages = await consumer.consume();
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
      for (let i = 0; i < pending.length; i += 256) {
        await Promise.all(pending.slice(i, i + 256).map((j) => this.js.publish(this.names.jobSubject(kind), j.payload, { msgID: j.id })));
        this.sent += Math.min(256, pending.length - i);
      }
      const idle = (this.opts.idleTimeout ?? 600) * 1000;
      let last = results.size, timer: NodeJS.Timeout | undefined;
      const watchdog = new Promise<never>((_, reject) => {
        timer = setInterval(() => {
          if (results.size === last) { clearInterval(timer); reject(new QpruneError(`no ${kind} results for ${idle / 1000} s: are ${kind} services running on ${this.opts.url}?`)); }
          last = results.size;
        }, idle);
      });
      // A stopped run stops waiting; its jobs stay queued and a resumed run finds their results.
      try {
        await untilAborted(Promise.race([done, watchdog]), opts.signal);
      } finally {
        clearInterval(timer);
        await messages.close();
      }
    }
    // An error result ends the wait early: report it rather than the jobs still unanswered.
    for (const r of results.values()) checkResult(kind, r);
    return jobs.map((j) => {
      const r = results.get(j.id);
      if (!r) throw new QpruneError(`${kind} job ${j.id} of run ${runId} has no result`);
      return r;
    });
  }

  async putObject(key: string, data: Uint8Array): Promise<void> {
    this.store ??= await new Objm(this.nc).create(this.names.objects);
    const info = await this.store.info(key).catch(() => null);
    if (info && info.size === data.length && !info.deleted) return; // content-keyed: already there
    await this.store.putBlob({ name: key }, data);
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
