/**
 * bench:cluster — what the NATS transport costs per job, against running the same jobs in-process.
 * Jobs are solve jobs with one read of one sweep (compute ~0), payloads ~1 KiB (n = 11) and ~1 MiB
 * (n = 360: 8n² bytes of couplings), 1 / 2 / 4 solver replicas (child processes). Per-job overhead =
 * (NATS wall - in-process wall) / jobs; compared with one evaluation job (a 50%-pruned DnCNN-17
 * candidate on 8 BSD68 crops of 96x96, 1 thread; the bundled demo model when ../shared is absent).
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
import { encodeSolveJob } from '../src/transport/wire.js';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { buildValidationBatch, CandidateEvaluator } from '../src/eval/candidates.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { setLogLevel } from '../src/log.js';
import { startServiceProcess, testNamespace } from '../test/nats-helper.js';
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
      const jsm = await jetstreamManager(transport.nc);
      const names = clusterNames(ns);
      for (const s of [names.jobs, names.results, names.dlq]) await jsm.streams.delete(s).catch(() => {});
      await transport.close();
    }
  }
}
console.log('overhead/job: NATS wall minus in-process wall (one thread), per job, jobs sent in one batch; with 2+ replicas the jobs also run in parallel, so it can go below zero. Goal: < 5% of an evaluation job');
