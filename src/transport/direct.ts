/** The direct transport: every job runs in this thread, one after another (tests, --workers 0). */
import type { qprune } from '../wire/qprune.js';
import { checkAborted } from '../errors.js';
import { HandlerSet } from './handlers.js';
import { checkResult, jobsOf, MemoryObjects, runJob, RunJobsOptions, Transport } from './transport.js';
import type { JobKind } from './wire.js';

export class DirectTransport implements Transport {
  readonly name = 'direct';
  private readonly objects = new MemoryObjects();
  private readonly handlers = new HandlerSet();

  async run(kind: JobKind, runId: string, payloads: Uint8Array[], opts: RunJobsOptions = {}): Promise<qprune.JobResult[]> {
    const handler = await this.handlers.get(kind);
    const out: qprune.JobResult[] = [];
    for (const job of jobsOf(kind, runId, payloads)) {
      checkAborted(opts.signal);
      out.push(checkResult(kind, await runJob(handler, job.payload, this.objects, { runId, jobId: job.id, worker: 'direct' })));
    }
    return out;
  }

  async putObject(key: string, data: Uint8Array): Promise<void> {
    this.objects.set(key, data);
  }

  async close(): Promise<void> {}
}
