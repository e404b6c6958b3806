/** `qprune serve <role>`: run a cluster service against NATS until SIGTERM/SIGINT (then drain). */
import { parse, intOption, required } from './args.js';
import { QpruneError } from '../errors.js';
import { initBackend } from '../engine/backend.js';
import { registerCustomLayers } from '../io/custom-layers.js';
import { handlerFor } from '../cluster/handlers.js';
import { startService } from '../cluster/service.js';
import { log } from '../log.js';

export const serveHelp = `usage: qprune serve solver|evaluator --nats <url> [options]

Runs one service replica: it takes jobs of its role from the JetStream work queue shared by all
replicas (see deploy/README.md), answers $SRV PING/INFO/STATS, sends heartbeats, and drains on SIGTERM.
  --concurrency N   jobs at once (default 1)          --id ID        instance id (default host-pid-random)
  --namespace NS    stream/subject prefix (default qprune)
  --ack-wait S      seconds before an unacked job is redelivered (default 60)
  --max-deliver N   deliveries per job at most (default 5)
  --threads N       evaluator: onnxruntime threads per job (default 1)
  --backend NAME    evaluator: tfjs backend for model loading (default cpu)
(coordinator and scorer services are not implemented yet: the coordinator is the qprune solve/refine
process given --nats; scoring runs in that process.)`;

export async function runServe(argv: string[]): Promise<string> {
  const [role, ...rest] = argv;
  if (role !== 'solver' && role !== 'evaluator') throw new QpruneError(`serve: role must be solver or evaluator, got '${role ?? ''}'${role === 'coordinator' || role === 'scorer' ? ' (not implemented yet)' : ''}`);
  const { values } = parse(rest, {
    nats: { type: 'string' }, concurrency: { type: 'string' }, id: { type: 'string' }, namespace: { type: 'string' }, 'ack-wait': { type: 'string' },
    'max-deliver': { type: 'string' }, threads: { type: 'string' }, backend: { type: 'string' },
  });
  const kind = role === 'solver' ? 'solve' : 'eval';
  let backend: string | undefined;
  if (role === 'evaluator') {
    backend = (await initBackend(values.backend ?? 'cpu')).name;
    registerCustomLayers();
  }
  const service = await startService({
    url: required(values.nats, 'nats'), role, kind, handler: handlerFor(kind, intOption(values.threads, 'threads', { min: 1, fallback: 1 })),
    namespace: values.namespace, concurrency: intOption(values.concurrency, 'concurrency', { min: 1, fallback: 1 }), id: values.id,
    ackWait: intOption(values['ack-wait'], 'ack-wait', { min: 1 }), maxDeliver: intOption(values['max-deliver'], 'max-deliver', { min: 1 }), backend,
  });
  const onSignal = (sig: string) => {
    log.info(`${role} ${service.id}: ${sig}, draining`);
    void service.stop();
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.stdout.write(`ready ${role} ${service.id}\n`);
  await service.done;
  return `${role} ${service.id} stopped: ${service.stats.done} jobs done, ${service.stats.failed} failed, ${service.stats.deadLettered} dead-lettered`;
}
