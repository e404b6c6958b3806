// pm2 ecosystem for one node: `npx pm2 start deploy/ecosystem.config.cjs` (from the repository root).
//   QPRUNE_NATS   NATS URL (default nats://127.0.0.1:4222); NATS_USER/NATS_PASS or NATS_TOKEN for auth
//   QPRUNE_GPUS   comma-separated GPU ids: one scorer and one evaluator per GPU, with CUDA_VISIBLE_DEVICES
//                 (default: none -> one CPU scorer and one CPU evaluator)
//   QPRUNE_SOLVERS  solver processes (default: CPU cores minus one per evaluator, at least 1)
//   QPRUNE_COORDINATORS  coordinator processes (default 1; more take over runs a dead one left)
//   QPRUNE_KEYS   folder of the role nkeys from `qprune cluster-keys` (default deploy/keys when it
//                 exists): each process gets only its role's seed as NATS_NKEY
//   QPRUNE_OUT_ROOT  where coordinators write submitted runs (default ~/qprune-runs); nothing outside it
// Every process drains on SIGTERM (pm2 stop/reload), so in-flight jobs finish and are acked. Run pm2 as
// an unprivileged user: a service never needs root.
const os = require('node:os');
const fs = require('node:fs');
const path = require('node:path');

const nats = process.env.QPRUNE_NATS || 'nats://127.0.0.1:4222';
const gpus = (process.env.QPRUNE_GPUS || '').split(',').filter(Boolean);
const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
const evaluators = gpus.length ? gpus : [null];
const solvers = Number(process.env.QPRUNE_SOLVERS || Math.max(1, cores - evaluators.length));
const coordinators = Number(process.env.QPRUNE_COORDINATORS || 1);
const common = { cwd: __dirname + '/..', interpreter: 'node', kill_timeout: 120000, autorestart: true, max_restarts: 50, time: true };
const keys = process.env.QPRUNE_KEYS || (fs.existsSync(path.join(__dirname, 'keys/users.conf')) ? path.join(__dirname, 'keys') : '');
/** The role's nkey seed, and the TLS files when the keys folder holds them. */
const auth = (role) => {
  if (!keys) return {};
  const env = { NATS_NKEY: path.join(keys, `${role}.nk`) };
  if (fs.existsSync(path.join(keys, 'ca.pem'))) Object.assign(env, { QPRUNE_NATS_CA: path.join(keys, 'ca.pem'), QPRUNE_NATS_CERT: path.join(keys, 'client-cert.pem'), QPRUNE_NATS_KEY: path.join(keys, 'client-key.pem') });
  return env;
};
const outRoot = process.env.QPRUNE_OUT_ROOT || path.join(os.homedir(), 'qprune-runs');

module.exports = {
  apps: [
    {
      ...common,
      name: 'qprune-coordinator',
      script: 'bin/qprune.js',
      args: ['serve', 'coordinator', '--nats', nats, '--out-root', outRoot],
      env: auth('coordinator'),
      instances: coordinators,
      exec_mode: 'fork',
    },
    // One scorer and one evaluator per GPU (or one of each on the CPU).
    ...[['scorer', 'score'], ['evaluator', 'eval']].flatMap(([role, tag]) => evaluators.map((gpu, i) => ({
      ...common,
      name: gpu === null ? `qprune-${role}` : `qprune-${role}-gpu${gpu}`,
      script: 'bin/qprune.js',
      args: ['serve', role, '--nats', nats, '--id', `${os.hostname()}-${tag}${i}`],
      env: { ...auth(role), ...(gpu === null ? {} : { CUDA_VISIBLE_DEVICES: gpu }) },
    }))),
    {
      ...common,
      name: 'qprune-solver',
      script: 'bin/qprune.js',
      args: ['serve', 'solver', '--nats', nats],
      env: auth('solver'),
      instances: solvers,
      exec_mode: 'fork',
    },
  ],
};
