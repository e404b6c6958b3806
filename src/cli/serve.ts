/** `qprune serve <role>`: run a cluster service against NATS until SIGTERM/SIGINT (then drain). */
import { parse, intOption, required } from './args.js';
import type { Command } from './command.js';
import { QpruneError } from '../errors.js';
import { parseLimits } from '../transport/limits.js';
import { parseClusterLimits } from '../transport/nats-setup.js';
import { startService } from '../cluster/service.js';
import { log } from '../log.js';

export const serveHelp = `usage: qprune serve coordinator|scorer|solver|evaluator --nats <url> [options]

Runs one service replica: it takes jobs of its role from the JetStream work queue shared by all
replicas (see deploy/README.md), answers $SRV PING/INFO/STATS, sends heartbeats, and drains on SIGTERM.
  --concurrency N   jobs at once (default 1)          --id ID        instance id (default host-pid-random)
  --namespace NS    stream/subject prefix (default qprune)
  --ack-wait S      seconds without progress before a job is redelivered (default 6; coordinator 60):
                    jobs run in a worker thread and this one reports progress every ack_wait/3
  --max-deliver N   deliveries per job at most (default 5); then an error result and the DLQ
  --deadline S      seconds a job may run before it is abandoned with an error result (default solver
                    120, evaluator 600, scorer 1800, coordinator none; 0 = none)
  --max-work LIST   what one job may ask, e.g. solveWork=2e10,evalPixels=2e8,scorePixels=4e8 (the
                    defaults: reads x sweeps x n², candidates x pixels, patches x pixels); more is a bad request
  --storage LIST    retention of the streams and objects, e.g. jobTtl=86400,resultTtl=604800,
                    objectTtl=604800,resultBytes=1073741824,dlqBytes=268435456,jobBytes=...,objectBytes=...
                    and replicas=3 on a JetStream cluster (seconds, bytes, copies; deploy/README.md). Only the
                    limits named change existing streams; the others stay as the cluster has them
  --out-root DIR    coordinator: where submitted runs write (their --out is relative to it; default
                    ./qprune-runs); absolute paths, '..' out of it and symbolic links are refused
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
    'max-deliver': { type: 'string' }, threads: { type: 'string' }, backend: { type: 'string' }, deadline: { type: 'string' }, 'max-work': { type: 'string' },
    storage: { type: 'string' }, 'out-root': { type: 'string' },
  });
  const kind = ({ solver: 'solve', evaluator: 'eval', scorer: 'score', coordinator: 'run' } as const)[role];
  const url = required(values.nats, 'nats');
  // Nothing a service does needs root; a coordinator running as root could be steered at any file.
  if (process.getuid?.() === 0) log.warn(`serve ${role}: running as root; run services as an unprivileged user (deploy/README.md)`);
  // Jobs run in worker threads that load only what their kind needs (a solver never loads tfjs or
  // onnxruntime); a coordinator runs the pipeline in its own thread, loaded with its first run.
  const backend = role === 'evaluator' ? values.backend ?? 'cpu' : role === 'scorer' ? values.backend : undefined;
  const limits = parseLimits(values['max-work']);
  const handler = role === 'coordinator' ? (await import('../cluster/coordinator.js')).runHandler(url, values.namespace, { outRoot: values['out-root'] }) : undefined;
  const service = await startService({
    url, role, kind, handler, thread: { backend, threads: intOption(values.threads, 'threads', { min: 1, fallback: 1 }), limits },
    deadline: intOption(values.deadline, 'deadline', { min: 0 }), limits: parseClusterLimits(values.storage),
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
