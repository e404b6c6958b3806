/**
 * bench:cluster — what the NATS transport costs per job, against running the same jobs in-process.
 * Jobs are solve jobs with one read of one sweep (compute ~0), payloads ~1 KiB (n = 11) and ~1 MiB
 * (n = 360: 8n² bytes of couplings), 1 / 2 / 4 solver replicas (child processes). Per-job overhead =
 * (NATS wall - in-process wall) / jobs; compared with one evaluation job (a 50%-pruned DnCNN-17
 * candidate on 8 BSD68 crops of 96x96, 1 thread; the bundled demo model when ../shared is absent).
 * Then failover: kill -9 of a worker of each role (solver, evaluator, scorer) holding a job, a standby
 * replica pulling: seconds from the kill to the redelivery (median of 3), and the throughput of real
 * solve jobs (n = 64, 4 reads x 3,000 sweeps) with 1 and 2 solver replicas.
 *   npm run bench:cluster [-- --nats nats://127.0.0.1:4222 --jobs 200]
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { Rng } from '../src/data/rng.js';
import { Qubo } from '../src/qubo/problem.js';
import { SolveRequest } from '../src/qubo/group-solver.js';
import { DirectTransport } from '../src/transport/direct.js';
import { NatsTransport } from '../src/transport/nats.js';
import { TransportSolver } from '../src/transport/remote-solver.js';
import { clusterNames } from '../src/transport/nats-setup.js';
import { encodeEvalJob, encodeScoreJob, encodeSolveJob, packBatch } from '../src/transport/wire.js';
import { putModel } from '../src/transport/objects.js';
import { connectNats } from '../src/transport/nats-setup.js';
import { jetstream } from '@nats-io/jetstream';
import { jobId } from '../src/transport/wire.js';
import { qprune } from '../src/wire/qprune.js';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { buildValidationBatch, CandidateEvaluator } from '../src/eval/candidates.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { setLogLevel } from '../src/log.js';
import { dropNamespace, startServiceProcess, testNamespace } from '../test/nats-helper.js';
import { SHARED, DNCNN_MODEL } from './shared.js';

setLogLevel('warn');
const { values } = parseArgs({ options: { nats: { type: 'string' }, jobs: { type: 'string' } } });
const url = values.nats ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const jobs = Number(values.jobs ?? 200);

function requests(n: number, count: number): SolveRequest[] {
  const rng = Rng.derive(n);
  const Q = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.next()));
  const q = Qubo.fromUpper(Q, Math.floor(n / 2));
  return Array.from({ length: count }, (_, i) => ({ id: `b${i}`, qubo: q, sampler: 'swap' as const, params: { reads: 1, sweeps: 1, seed: i } }));
}

// One evaluation job, in-process: the yardstick for the overhead.
await initBackend('cpu');
const real = existsSync(DNCNN_MODEL);
const { model } = await loadModel(real ? DNCNN_MODEL : path.join(import.meta.dirname, '../models/demo-dncnn-s25/model.json'));
const source = real ? await openDataset(path.join(SHARED, 'data/bsd68'), { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 }) : await openDataset('procedural:deadleaves:8:96', { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 });
const batch = await buildValidationBatch(source, 8, 96);
const ev = new CandidateEvaluator(model, batch, { threads: 1, ssim: false });
const rng = Rng.derive(5);
const evalMs: number[] = [];
for (let i = 0; i < 4; i++) {
  const keep = new Map(analyzeChannels(model).groups.filter((g) => g.prunable).map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, c) => (c === 0 || rng.next() < 0.5 ? 1 : 0))]));
  const t = performance.now();
  await ev.evaluateOne(keep);
  if (i > 0) evalMs.push(performance.now() - t);
}
await ev.close();
const evalJob = evalMs.reduce((a, b) => a + b, 0) / evalMs.length;
console.log(`evaluation job (${real ? 'DnCNN-17, 50% random masks' : 'demo model'}, 8 crops 96x96, 1 thread): ${evalJob.toFixed(1)} ms`);

console.log('payload     replicas  jobs   in-process jobs/s   NATS jobs/s   overhead/job   vs eval job');
for (const n of [11, 360]) {
  const reqs = requests(n, n > 100 ? Math.min(jobs, 100) : jobs);
  const bytes = encodeSolveJob(reqs[0], 'bench').length;
  const inproc = new TransportSolver(new DirectTransport(), 'bench');
  await inproc.solveAll(reqs.slice(0, 5));
  let t = performance.now();
  await inproc.solveAll(reqs);
  const localMs = performance.now() - t;
  for (const replicas of [1, 2, 4]) {
    const ns = testNamespace();
    const procs = await Promise.all(Array.from({ length: replicas }, () => startServiceProcess('solver', url, ns, ['--concurrency', '1'])));
    const transport = await NatsTransport.connect({ url, namespace: ns });
    try {
      const solver = new TransportSolver(transport, `warm${replicas}`);
      await solver.solveAll(reqs.slice(0, replicas * 2)); // warm-up: connections, JIT on every replica
      t = performance.now();
      await new TransportSolver(transport, `run${replicas}`).solveAll(reqs);
      const natsMs = performance.now() - t;
      const over = (natsMs - localMs) / reqs.length;
      console.log(`${(bytes / 1024).toFixed(1).padStart(7)} KiB  ${String(replicas).padStart(8)}  ${String(reqs.length).padStart(4)}  ${(reqs.length / (localMs / 1000)).toFixed(0).padStart(18)}  ${(reqs.length / (natsMs / 1000)).toFixed(0).padStart(12)}  ${over.toFixed(2).padStart(10)} ms  ${((100 * over) / evalJob).toFixed(2).padStart(9)}%`);
    } finally {
      procs.forEach((p) => p.kill('SIGKILL'));
      await dropNamespace(transport.nc, ns);
      await transport.close();
    }
  }
}
console.log('overhead/job: NATS wall minus in-process wall (one thread), per job, jobs sent in one batch; with 2+ replicas the jobs also run in parallel, so it can go below zero. Goal: < 5% of an evaluation job');

// Failover: a job held by one replica, a standby pulling; kill -9 the holder, time to redelivery.
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const until = async (check: () => Promise<boolean>, seconds = 120) => {
  const end = performance.now() + seconds * 1000;
  while (!(await check())) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const demo = (await loadModel(path.join(import.meta.dirname, '../models/demo-dncnn-s25/model.json'))).model;
const groups = analyzeChannels(demo).groups.filter((g) => g.prunable);
console.log('\nrole        kill -9 to redelivery (s), 3 trials   median');
for (const [role, kind] of [['solver', 'solve'], ['evaluator', 'eval'], ['scorer', 'score']] as const) {
  const trials: number[] = [];
  for (let trial = 0; trial < 3; trial++) {
    const ns = testNamespace();
    const transport = await NatsTransport.connect({ url, namespace: ns });
    const names = clusterNames(ns);
    const procs = await Promise.all([0, 1].map(() => startServiceProcess(role, url, ns)));
    try {
      // One long job of the role's kind (several seconds of compute).
      let payload: Uint8Array;
      const run = `failover-${trial}`;
      if (kind === 'solve') payload = encodeSolveJob({ ...requests(64, 1)[0], params: { reads: 8, sweeps: 200000, seed: trial } }, run);
      else {
        const modelKey = await putModel(transport, demo);
        const src = await openDataset('procedural:deadleaves:64:64', { noise: parseNoise('gaussian:25'), seed: trial, channels: 1 });
        const b = await buildValidationBatch(src, 64, 64);
        await transport.putObject(`batch-${trial}`, packBatch(b));
        const keep = new Map(groups.map((g) => [g.id, new Uint8Array(g.size).fill(1)]));
        payload = kind === 'eval' ? encodeEvalJob(run, modelKey, `batch-${trial}`, Array.from({ length: 200 }, () => keep), false)
          : encodeScoreJob(run, { modelKey, patchesKey: `batch-${trial}`, data: 'bench', noise: '', samples: 64, patch: 64, batch: 8, seed: 0, engine: 'onnxruntime', removal: 'zero' });
      }
      const id = jobId(kind, run, payload);
      const js = jetstream(transport.nc);
      await js.publish(names.jobSubject(kind), payload, { msgID: id });
      const nc = await connectNats(url, 'bench-status');
      const busy = async (p: (typeof procs)[number]) => qprune.Heartbeat.decode((await nc.request(`${ns}.status.${role}.${p.instance}`, undefined, { timeout: 2000 })).data).busy > 0;
      let holder: (typeof procs)[number] | undefined;
      await until(async () => { for (const p of procs) if (await busy(p)) holder = p; return !!holder; });
      const jsm = await jetstreamManager(transport.nc);
      const t0 = performance.now();
      holder!.kill('SIGKILL');
      await until(async () => (await jsm.consumers.info(names.jobs, names.consumer(kind))).num_redelivered >= 1);
      trials.push((performance.now() - t0) / 1000);
      await nc.close();
    } finally {
      procs.forEach((p) => p.kill('SIGKILL'));
      await dropNamespace(transport.nc, ns);
      await transport.close();
    }
  }
  console.log(`${role.padEnd(10)}  ${trials.map((v) => v.toFixed(1)).join(', ').padEnd(34)}  ${median(trials).toFixed(1)} s`);
}

// Real solve jobs through 1 and 2 solver replicas.
console.log('\nsolve jobs (n = 64, 4 reads x 3,000 sweeps)   replicas   jobs/s   vs 1 replica');
let one = 0;
for (const replicas of [1, 2]) {
  const ns = testNamespace();
  const procs = await Promise.all(Array.from({ length: replicas }, () => startServiceProcess('solver', url, ns)));
  const transport = await NatsTransport.connect({ url, namespace: ns });
  try {
    const reqs = Array.from({ length: 40 }, (_, i) => ({ ...requests(64, 1)[0], id: `h${i}`, params: { reads: 4, sweeps: 3000, seed: i } }));
    await new TransportSolver(transport, 'warm').solveAll(reqs.slice(0, replicas * 2));
    const t = performance.now();
    await new TransportSolver(transport, 'heavy').solveAll(reqs);
    const rate = reqs.length / ((performance.now() - t) / 1000);
    if (replicas === 1) one = rate;
    console.log(`${''.padEnd(44)}  ${String(replicas).padStart(8)}  ${rate.toFixed(1).padStart(7)}  ${(rate / one).toFixed(2).padStart(10)}x`);
  } finally {
    procs.forEach((p) => p.kill('SIGKILL'));
    await dropNamespace(transport.nc, ns);
    await transport.close();
  }
}
