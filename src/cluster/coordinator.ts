/**
 * The coordinator service: takes whole runs (`qprune prune ... --submit`) from the work queue and
 * runs the same pipeline as `qprune prune --nats`, its scoring, solving and evaluation going to the
 * scorer, solver and evaluator services, its run state in JetStream KV. If a coordinator dies, the
 * run's job is redelivered after ack_wait to another one, which resumes from the run state: finished
 * stages and evaluated candidates are not recomputed.
 */
import { qprune } from '../wire/qprune.js';
import { QpruneError } from '../errors.js';
import { errorResult } from './handlers.js';
import type { JobHandler } from './transport.js';
import { NatsTransport } from './nats-transport.js';
import { NatsRunStore } from './nats-run-store.js';

/** Options the coordinator sets itself (a submitted argv may not carry them). */
const OWN = new Set(['--nats', '--namespace', '--run', '--resume', '--state-dir', '--submit']);

export function encodeRunSpec(runId: string, argv: string[]): Uint8Array {
  return qprune.RunSpec.encode({ runId, argv }).finish();
}

export function runHandler(url: string, namespace?: string): JobHandler {
  return async (payload) => {
    let spec: qprune.RunSpec;
    try {
      spec = qprune.RunSpec.decode(payload);
      if (!spec.argv.length) throw new QpruneError('run job without options');
      const own = spec.argv.find((a) => OWN.has(a.split('=')[0]));
      if (own) throw new QpruneError(`run job options may not include ${own} (the coordinator sets it)`);
    } catch (err) {
      return errorResult(err);
    }
    const conn = ['--nats', url, ...(namespace ? ['--namespace', namespace] : [])];
    // Resume when an earlier coordinator started this run (its spec is in the run state).
    const probe = await NatsTransport.connect({ url, namespace });
    let started = false, finished: string | undefined;
    try {
      const store = await NatsRunStore.open(probe, spec.runId);
      started = !!(await store.get('spec'));
      finished = await store.get('done');
    } finally {
      await probe.close();
    }
    if (finished) return { run: { out: JSON.parse(finished).out, summary: `run ${spec.runId} had already finished` } };
    const { runPrune } = await import('../cli/prune.js'); // the CLI module, loaded on first use
    try {
      const summary = await runPrune(started ? ['--resume', spec.runId, ...conn] : [...spec.argv, '--run', spec.runId, ...conn], { signals: false });
      const out = spec.argv[spec.argv.indexOf('--out') + 1] ?? '';
      return { run: { out, summary } };
    } catch (err) {
      if (err instanceof QpruneError) return errorResult(err); // bad options or data: not worth retrying
      throw err; // anything else (lost connection, a crash): retried, and the retry resumes
    }
  };
}
