// pm2 ecosystem for one node: `npx pm2 start deploy/ecosystem.config.cjs` (from the repository root).
//   QPRUNE_NATS   NATS URL (default nats://127.0.0.1:4222); NATS_USER/NATS_PASS or NATS_TOKEN for auth
//   QPRUNE_GPUS   comma-separated GPU ids: one scorer and one evaluator per GPU, with CUDA_VISIBLE_DEVICES
//                 (default: none -> one CPU scorer and one CPU evaluator)
//   QPRUNE_SOLVERS  solver processes (default: CPU cores minus one per evaluator, at least 1)
//   QPRUNE_COORDINATORS  coordinator processes (default 1; more take over runs a dead one left)
// Every process drains on SIGTERM (pm2 stop/reload), so in-flight jobs finish and are acked.
const os = require('node:os');

const nats = process.env.QPRUNE_NATS || 'nats://127.0.0.1:4222';
const gpus = (process.env.QPRUNE_GPUS || '').split(',').filter(Boolean);
const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
const evaluators = gpus.length ? gpus : [null];
const solvers = Number(process.env.QPRUNE_SOLVERS || Math.max(1, cores - evaluators.length));
const coordinators = Number(process.env.QPRUNE_COORDINATORS || 1);
const common = { cwd: __dirname + '/..', interpreter: 'node', kill_timeout: 120000, autorestart: true, max_restarts: 50, time: true };

module.exports = {
  apps: [
    {
      ...common,
      name: 'qprune-coordinator',
      script: 'bin/qprune.js',
      args: ['serve', 'coordinator', '--nats', nats],
      instances: coordinators,
      exec_mode: 'fork',
    },
    // One scorer and one evaluator per GPU (or one of each on the CPU).
    ...[['scorer', 'score'], ['evaluator', 'eval']].flatMap(([role, tag]) => evaluators.map((gpu, i) => ({
      ...common,
      name: gpu === null ? `qprune-${role}` : `qprune-${role}-gpu${gpu}`,
      script: 'bin/qprune.js',
      args: ['serve', role, '--nats', nats, '--id', `${os.hostname()}-${tag}${i}`],
      env: gpu === null ? {} : { CUDA_VISIBLE_DEVICES: gpu },
    }))),
    {
      ...common,
      name: 'qprune-solver',
      script: 'bin/qprune.js',
      args: ['serve', 'solver', '--nats', nats],
      instances: solvers,
      exec_mode: 'fork',
    },
  ],
};
