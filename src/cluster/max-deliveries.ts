/**
 * Jobs whose every delivery ended without an answer (the worker was killed, or hung past ack_wait,
 * each time): the server stops redelivering them after max_deliver and says so in a MAX_DELIVERIES
 * advisory, but leaves them in the work queue. One replica of the role (a queue group) answers each:
 * an error result under the job's subject (so the waiting coordinator fails the run with a message
 * instead of waiting), a copy in the DLQ, and the job deleted from the work queue.
 */
import { headers, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { JetStreamManager } from '@nats-io/jetstream';
import { qprune } from '../wire/qprune.js';
import { log } from '../log.js';
import { describeError } from '../errors.js';
import { storedResult, type ClusterNames } from '../transport/nats-setup.js';
import { decodeRunId, type JobKind } from '../transport/wire.js';

interface MaxDeliveriesAdvisory { stream: string; consumer: string; stream_seq: number; deliveries: number }

export function watchMaxDeliveries(nc: NatsConnection, jsm: JetStreamManager, names: ClusterNames, kind: JobKind, role: string): Subscription {
  const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${names.jobs}.${names.consumer(kind)}`;
  return nc.subscribe(subject, {
    queue: `${names.ns}-max-deliveries-${kind}`,
    callback: (err, m) => {
      if (err) return;
      void (async () => {
        const a = JSON.parse(new TextDecoder().decode(m.data)) as MaxDeliveriesAdvisory;
        const job = await jsm.streams.getMessage(names.jobs, { seq: a.stream_seq }).catch(() => null);
        if (!job) return; // answered and removed meanwhile
        const jobId = job.header?.get('Nats-Msg-Id') ?? '';
        let runId = '';
        try {
          runId = decodeRunId(job.data);
        } catch {
          // an unreadable job has no one waiting for it: only the DLQ copy below
        }
        const message = `no ${role} finished this ${kind} job in ${a.deliveries} deliveries: each attempt died or ran past ack_wait`;
        if (runId && /^[0-9a-f]{32}$/.test(jobId) && !(await storedResult(jsm, names, runId, kind, jobId))) {
          const result = qprune.JobResult.encode({ error: { code: 'failed', message, retryable: false }, runId, jobId, worker: 'max-deliveries' }).finish();
          await jsm.jetstream().publish(names.resultSubject(runId, kind, jobId), result, { msgID: `result-${jobId}` });
        }
        const h = headers();
        h.set('Qprune-Reason', message);
        h.set('Qprune-Job', jobId);
        nc.publish(`${names.ns}.dlq.${kind}`, job.data, { headers: h });
        await jsm.streams.deleteMessage(names.jobs, a.stream_seq, false);
        log.warn(`${kind} job ${jobId} of run ${runId || '?'}: ${message}; dead-lettered`);
      })().catch((e) => log.warn(`max-deliveries advisory for ${kind} jobs: ${describeError(e)}`));
    },
  });
}
