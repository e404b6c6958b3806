/**
 * The coordinator service: takes whole runs (`qprune prune ... --submit`, or a library user's
 * RunSpec) from the work queue, decodes the PruneJob, and runs it with runPruneJob: scoring, solving
 * and evaluation go to the scorer, solver and evaluator services, the run state to JetStream KV. If a
 * coordinator dies, the run's job is redelivered after ack_wait to another one, which finds the job
 * in the run state and resumes it: finished stages and evaluated candidates are not recomputed.
 * A run writes only under the coordinator's output root (out-root.ts); the report names the output
 * relative to it.
 */
import { QpruneError } from '../errors.js';
import { errorResult, JobHandler, type JobResultBody } from '../transport/transport.js';
import { NatsTransport } from '../transport/nats.js';
import { decodeRunSpec } from '../transport/wire.js';
import { NatsRunStore } from './nats-run-store.js';
import { resolveUnderRoot } from './out-root.js';
import path from 'node:path';

export interface CoordinatorOptions {
  /** Where runs write their output directories (default ./qprune-runs of the service's working directory). */
  outRoot?: string;
}

export function runHandler(url: string, namespace?: string, opts: CoordinatorOptions = {}): JobHandler {
  const root = path.resolve(opts.outRoot ?? 'qprune-runs');
  return async (payload) => {
    try {
      return await run(payload);
    } catch (err) {
      if (err instanceof QpruneError) return errorResult(err); // bad job or data: not worth retrying
      throw err; // anything else (lost connection, a crash): retried, and the retry resumes
    }
  };
  async function run(payload: Uint8Array): Promise<JobResultBody> {
    const spec = decodeRunSpec(payload);
    // The pipeline (tfjs, onnxruntime, ...) is loaded with the first run, not while the service idles.
    const [{ jobFromSpec }, { runPruneJob }, { pruneSummary }] = await Promise.all([import('../pipeline/job.js'), import('../pipeline/prune-job.js'), import('../pipeline/report.js')]);
    const asked = jobFromSpec(spec.job);
    const job = { ...asked, out: resolveUnderRoot(root, asked.out) };
    const transport = await NatsTransport.connect({ url, namespace });
    try {
      const store = await NatsRunStore.open(transport, spec.runId);
      const done = await store.get('done');
      if (done) return { run: { out: asked.out, summary: `run ${spec.runId} had already finished` } };
      // A redelivered run (its coordinator died) finds this job in the store: runPruneJob resumes it.
      const report = await runPruneJob(job, { stages: transport, store });
      return { run: { out: asked.out, summary: pruneSummary(report) } };
    } finally {
      await transport.close();
    }
  }
}
