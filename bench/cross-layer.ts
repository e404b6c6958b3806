/**
 * bench:cross-layer — the cross-layer QUBO of DnCNN-S (../shared), σ=25: one network QUBO over its
 * 1,024 gates (16 groups of 64, every pair of groups coupled, ~1M couplings) from train400 patches.
 * At per-layer 36% and 50% (each group's k fixed), starting from the hybrid answer (per-group QUBOs
 * alone), it reports the network energy (the second-order loss estimate, in units of the largest
 * single-filter Fisher score) reached against wall time by
 *  - the monolithic block-swap SA on the dense n = 1,024 QUBO, at increasing sweeps;
 *  - the decomposition solver (qubo/decompose.ts) on 1, 2 and 4 solver replicas (worker threads),
 *    with the energy after each round; and checks the three give the same answer;
 * then ratios in the same run: replicas' speed-up, and the monolithic time to match the decomposition.
 *   npm run bench:cross-layer [-- --samples 64 --reads 8 --sweeps 500 --couple 0.5]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { scoreModel } from '../src/score/scores.js';
import { COUPLE_ALL } from '../src/score/calibration.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { crossLayerFormulation, networkQubo } from '../src/pipeline/methods/cross-layer.js';
import { secondOrder } from '../src/qubo/formulations/second-order.js';
import { decompose, type DecomposeResult } from '../src/qubo/decompose.js';
import { localSolver } from '../src/qubo/group-solver.js';
import { TransportSolver } from '../src/transport/remote-solver.js';
import { WorkerTransport } from '../src/transport/worker.js';
import { annealBlockSwap, defaultBetaRange, geometricSchedule } from '../src/qubo/anneal.js';
import { best } from '../src/qubo/sampleset.js';
import { Rng } from '../src/data/rng.js';
import { setLogLevel } from '../src/log.js';
import { requireShared, SHARED } from './shared.js';

const { values } = parseArgs({ options: { samples: { type: 'string' }, reads: { type: 'string' }, sweeps: { type: 'string' }, couple: { type: 'string' } } });
const samples = Number(values.samples ?? 64), reads = Number(values.reads ?? 8), sweeps = Number(values.sweeps ?? 500);
const couple = Number(values.couple ?? crossLayerFormulation.parameters.couple.default);
setLogLevel('warn');
requireShared('bench:cross-layer');
await initBackend('wasm');
const { model } = await loadModel(path.join(SHARED, 'models/dncnn-keras-sigma25/model.json'));
const graph = analyzeChannels(model);
const data = await openDataset(path.join(SHARED, 'data/train400'), { noise: parseNoise('gaussian:25'), seed: 0 });
let t = performance.now();
const scores = await scoreModel(model, data, { samples, patch: 72, batch: 8, seed: 0, coupleLayers: COUPLE_ALL }, graph);
const net = networkQubo(scores, couple);
console.log(`DnCNN-S: ${scores.groups.length} groups, ${net.n} gates, ${net.couplings.length} coupling blocks at couple ${couple}; scored ${samples} patches of 72x72 in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const fmt = (e: number) => e.toFixed(4).padStart(10);
for (const sparsity of [0.36, 0.5]) {
  const k = (g: { size: number }) => Math.max(1, Math.round((1 - sparsity) * g.size));
  // The hybrid answer: each group's own QUBO (the diagonal block), exact k.
  const blocks = secondOrder.build(scores.groups, {});
  const sets = await localSolver.solveAll(scores.groups.map((g, i) => ({ id: g.id, qubo: blocks[i].withK(k(g)), sampler: 'swap' as const, params: { reads, sweeps, seed: i } })));
  const start = sets.map((s) => best(s).x);
  const e0 = net.energy(start);
  console.log(`\nper layer ${sparsity * 100}% (k = ${k(scores.groups[0])} of 64 per group): hybrid answer ${fmt(e0)}`);

  // Decomposition on 1, 2, 4 replicas.
  const runs: { replicas: number; r: DecomposeResult; seconds: number }[] = [];
  for (const replicas of [1, 2, 4]) {
    const transport = await WorkerTransport.create({ workers: replicas });
    try {
      const solver = new TransportSolver(transport, `bench-cross-${replicas}`);
      t = performance.now();
      const r = await decompose(net, start, solver, { reads, sweeps, seed: 1 });
      runs.push({ replicas, r, seconds: (performance.now() - t) / 1000 });
    } finally {
      await transport.close();
    }
  }
  for (const { replicas, r, seconds } of runs) {
    console.log(`  decomposition, ${replicas} replica(s): ${fmt(r.energy)} in ${seconds.toFixed(2)} s, ${r.rounds.length} rounds, ${r.subproblems} sub-QUBOs; by round: ${r.rounds.map((x) => `${x.energy.toFixed(4)}@${x.seconds.toFixed(2)}s`).join(' ')}`);
  }
  const same = runs.every(({ r }) => r.xs.every((x, g) => x.every((v, i) => v === runs[0].r.xs[g][i])));
  console.log(`  same answer on 1, 2 and 4 replicas: ${same ? 'yes' : 'NO'}`);

  // Monolithic block-swap SA on the dense QUBO, from the same start, dwave-style β range.
  const { qubo, offsets } = net.dense();
  const blockOf = Int32Array.from({ length: qubo.n }, (_, i) => offsets.filter((o) => o <= i).length - 1);
  const [b0, b1] = defaultBetaRange(qubo);
  const mono: { sweeps: number; energy: number; seconds: number }[] = [];
  for (const s of [50, 200, 1000, 3000]) {
    const x = new Uint8Array(qubo.n);
    start.forEach((v, g) => x.set(v, offsets[g]));
    t = performance.now();
    annealBlockSwap(qubo, x, blockOf, geometricSchedule(b0, b1, s), Rng.derive(3, s));
    const seconds = (performance.now() - t) / 1000;
    const xs = offsets.map((o, g) => x.slice(o, o + scores.groups[g].size));
    mono.push({ sweeps: s, energy: net.energy(xs), seconds });
    console.log(`  monolithic block-swap SA, ${String(s).padStart(4)} sweeps: ${fmt(net.energy(xs))} in ${seconds.toFixed(2)} s`);
  }
  const d1 = runs[0], d2 = runs[1], d4 = runs[2];
  const target = d1.r.energy;
  const reach = mono.find((m) => m.energy <= target + 1e-4 * Math.abs(target));
  console.log(`  ratios: 2 replicas ${(d1.seconds / d2.seconds).toFixed(2)}x, 4 replicas ${(d1.seconds / d4.seconds).toFixed(2)}x faster than 1 (this machine has 2 cores); ` +
    `decomposition lowers the hybrid's estimate by ${(100 * (e0 - target) / e0).toFixed(1)}%; ` +
    (reach ? `monolithic SA matches it at ${reach.sweeps} sweeps, ${(reach.seconds / d1.seconds).toFixed(2)}x the 1-replica decomposition's time` : `monolithic SA does not reach it within ${mono.at(-1)!.sweeps} sweeps (best ${mono.reduce((a, m) => Math.min(a, m.energy), Infinity).toFixed(4)})`));
}
model.dispose();
