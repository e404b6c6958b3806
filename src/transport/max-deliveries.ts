/**
 * Jobs whose every delivery ended without an answer (the worker was killed, or hung past ack_wait,
 * each time): the server stops redelivering them after max_deliver and says so in a MAX_DELIVERIES
 * advisory, but leaves them in the work queue. The coordinator waiting for the run answers each of
 * its jobs: an error result under the job's subject (so the run fails with a message instead of
 * waiting, and a resumed run sees it), a copy in the DLQ, and the job deleted from the work queue.
 * Workers need no right to delete jobs for this: only coordinators manage the streams.
 */
import { headers, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { JetStreamManager } from '@nats-io/jetstream';
import { qprune } from '../wire/qprune.js';
import { log } from '../log.js';
import { describeError } from '../errors.js';
import { storedResult, type ClusterNames } from './nats-setup.js';
import { decodeRunId, type JobKind } from './wire.js';

interface MaxDeliveriesAdvisory { stream: string; consumer: string; stream_seq: number; deliveries: number }

/** Answers the exhausted jobs of one run and kind while subscribed (the error result reaches the waiting run through the results stream). */
export function watchMaxDeliveries(nc: NatsConnection, jsm: JetStreamManager, names: ClusterNames, kind: JobKind, runId: string): Subscription {
  const subject = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${names.jobs}.${names.consumer(kind)}`;
  return nc.subscribe(subject, {
    callback: (err, m) => {
      if (err) return;
      void (async () => {
        const a = JSON.parse(new TextDecoder().decode(m.data)) as MaxDeliveriesAdvisory;
        const job = await jsm.streams.getMessage(names.jobs, { seq: a.stream_seq }).catch(() => null);
        if (!job) return; // answered and removed meanwhile
        let jobRun = '';
        try {
          jobRun = decodeRunId(job.data);
        } catch {
          return; // not a job of ours: a worker dead-letters unreadable ones
        }
        if (jobRun !== runId) return; // another run's coordinator answers it
        const jobId = job.header?.get('Nats-Msg-Id') ?? '';
        const message = `no ${kind} worker finished this job in ${a.deliveries} deliveries: each attempt died or ran past ack_wait`;
        if (!(await storedResult(jsm, names, runId, kind, jobId))) {
          const r = qprune.JobResult.create({ error: { code: 'failed', message, retryable: false }, runId, jobId, worker: 'max-deliveries' });
          await jsm.jetstream().publish(names.resultSubject(runId, kind, jobId), qprune.JobResult.encode(r).finish(), { msgID: `result-${jobId}` });
        }
        const h = headers();
        h.set('Qprune-Reason', message);
        h.set('Qprune-Job', jobId);
        nc.publish(`${names.ns}.dlq.${kind}`, job.data, { headers: h });
        await jsm.streams.deleteMessage(names.jobs, a.stream_seq, false);
        log.warn(`${kind} job ${jobId} of run ${runId}: ${message}; dead-lettered`);
      })().catch((e) => log.warn(`max-deliveries advisory for ${kind} jobs: ${describeError(e)}`));
    },
  });
}
