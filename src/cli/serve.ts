/** `qprune serve <role>`: run a cluster service against NATS until SIGTERM/SIGINT (then drain). */
import { parse, intOption, required } from './args.js';
import type { Command } from './command.js';
import { QpruneError } from '../errors.js';
import { handlerFor } from '../transport/handlers.js';
import { startService } from '../cluster/service.js';
import { log } from '../log.js';

export const serveHelp = `usage: qprune serve coordinator|scorer|solver|evaluator --nats <url> [options]

Runs one service replica: it takes jobs of its role from the JetStream work queue shared by all
replicas (see deploy/README.md), answers $SRV PING/INFO/STATS, sends heartbeats, and drains on SIGTERM.
  --concurrency N   jobs at once (default 1)          --id ID        instance id (default host-pid-random)
  --namespace NS    stream/subject prefix (default qprune)
  --ack-wait S      seconds before an unacked job is redelivered (default 60)
  --max-deliver N   deliveries per job at most (default 5)
  --threads N       evaluator: onnxruntime threads per job (default 1)
  --backend NAME    tfjs backend: scorer default the best available (node-gpu > node > wasm > cpu;
                    CUDA_VISIBLE_DEVICES picks the GPU), evaluator default cpu (models load only)
Roles: coordinator runs whole pruning runs (qprune prune ... --submit) and resumes a run another
coordinator left; scorer computes calibration scores; solver anneals sub-QUBOs; evaluator scores
pruned candidates on validation batches.`;

export async function runServe(argv: string[]): Promise<string> {
  const [role, ...rest] = argv;
  if (role !== 'solver' && role !== 'evaluator' && role !== 'scorer' && role !== 'coordinator') throw new QpruneError(`serve: role must be coordinator, scorer, solver or evaluator, got '${role ?? ''}'`);
  const { values } = parse(rest, {
    nats: { type: 'string' }, concurrency: { type: 'string' }, id: { type: 'string' }, namespace: { type: 'string' }, 'ack-wait': { type: 'string' },
    'max-deliver': { type: 'string' }, threads: { type: 'string' }, backend: { type: 'string' },
  });
  const kind = ({ solver: 'solve', evaluator: 'eval', scorer: 'score', coordinator: 'run' } as const)[role];
  const url = required(values.nats, 'nats');
  // Each role loads only what it needs: a solver never loads tfjs or onnxruntime, a coordinator
  // loads the pipeline (and its backend) with its first run.
  let backend: string | undefined;
  if (role === 'evaluator' || role === 'scorer') {
    const [{ initBackend }, { registerCustomLayers }] = await Promise.all([import('../engine/backend.js'), import('../io/custom-layers.js')]);
    backend = (await initBackend(values.backend ?? (role === 'evaluator' ? 'cpu' : undefined))).name;
    registerCustomLayers();
  }
  const handler = role === 'coordinator'
    ? (await import('../cluster/coordinator.js')).runHandler(url, values.namespace)
    : await handlerFor(kind, { threads: intOption(values.threads, 'threads', { min: 1, fallback: 1 }) });
  const service = await startService({
    url, role, kind, handler,
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

export const command: Command = { summary: 'run a cluster service (coordinator, scorer, solver, evaluator) against NATS', help: serveHelp, run: runServe };
