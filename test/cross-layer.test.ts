/**
 * The cross-layer QUBO: cross-group Fisher blocks from calibration (checked against brute-force
 * removals across layers), the network QUBO's expansion, the decomposition solver (never worse than
 * its start, every k held, block-optimal at its fixpoint, the same answer on 1 and 3 solver replicas)
 * and the method end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { initBackend, tf } from '../src/engine/backend.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { analyzeChannels, ChannelGraph, KeepMasks } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { calibrationPatches, COUPLE_ALL } from '../src/score/calibration.js';
import { scoreModel, scoresFromJson, scoresToJson, type ScoreResult } from '../src/score/scores.js';
import { scoreResultFromWire, scoreResultToWire } from '../src/transport/wire.js';
import { qprune } from '../src/wire/qprune.js';
import { loadModel } from '../src/io/model-io.js';
import type { PatchBatch } from '../src/data/patches.js';
import { networkQubo } from '../src/pipeline/methods/cross-layer.js';
import { parseCoupling } from '../src/pipeline/methods/coupling.js';
import { NetworkQubo } from '../src/qubo/network-qubo.js';
import { Qubo } from '../src/qubo/problem.js';
import { decompose } from '../src/qubo/decompose.js';
import { localSolver } from '../src/qubo/group-solver.js';
import { annealBlockSwap, geometricSchedule } from '../src/qubo/anneal.js';
import { Rng } from '../src/data/rng.js';
import { TransportSolver } from '../src/transport/remote-solver.js';
import { WorkerTransport } from '../src/transport/worker.js';
import { ROOT, runCli, tempDir } from './helpers.js';

function spearman(a: number[], b: number[]): number {
  const ranks = (v: number[]) => { const r = new Array<number>(v.length); v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]).forEach(([, i], k) => (r[i] = k)); return r; };
  const ra = ranks(a), rb = ranks(b), m = (a.length - 1) / 2;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < a.length; i++) { num += (ra[i] - m) * (rb[i] - m); da += (ra[i] - m) ** 2; db += (rb[i] - m) ** 2; }
  return num / Math.sqrt(da * db);
}

async function demoScores(coupleLayers: number): Promise<{ model: tf.LayersModel; graph: ChannelGraph; scores: ScoreResult; batches: PatchBatch[] }> {
  await initBackend('wasm');
  const { model } = await loadModel(path.join(ROOT, 'models/demo-dncnn-s25'));
  const graph = analyzeChannels(model);
  const source = await openDataset('procedural:deadleaves:8:48', { noise: parseNoise('gaussian:25'), seed: 3 });
  const opts = { samples: 8, patch: 40, batch: 8, seed: 5, coupleLayers };
  const scores = await scoreModel(model, source, opts, graph);
  const batches: PatchBatch[] = [];
  for await (const b of calibrationPatches(source, opts)) batches.push(b);
  return { model, graph, scores, batches };
}

test('cross-group Fisher blocks: the band asked for, consistent with the groups, and predicting brute-force interactions across layers', async (t) => {
  const all = await demoScores(COUPLE_ALL);
  const band = await demoScores(1);
  const none = await demoScores(0);
  const G = all.scores.groups;
  assert.ok(G.length >= 3, 'the demo model has several prunable groups');
  assert.equal(all.scores.cross!.length, (G.length * (G.length - 1)) / 2, 'every pair of groups');
  assert.equal(band.scores.cross!.length, G.length - 1, 'neighbouring groups only');
  assert.equal(none.scores.cross, undefined, 'no blocks unless asked');
  const ofPair = (s: ScoreResult, a: string, b: string) => s.cross!.find((c) => c.a === a && c.b === b)!.matrix;
  assert.deepEqual(ofPair(band.scores, G[0].id, G[1].id), ofPair(all.scores, G[0].id, G[1].id), 'a block does not depend on the band');
  // F = GGᵀ/2N over all gates, so every cross entry obeys Cauchy–Schwarz with the two diagonals.
  for (const c of all.scores.cross!) {
    const a = G.find((g) => g.id === c.a)!, b = G.find((g) => g.id === c.b)!;
    for (let i = 0; i < a.size; i++) for (let j = 0; j < b.size; j++) {
      assert.ok(Math.abs(c.matrix[i * b.size + j]) <= Math.sqrt(a.fisher[i] * b.fisher[j]) * (1 + 1e-4) + 1e-12, `|F_ab(${i},${j})| within sqrt(F_ii F_jj)`);
    }
  }
  // Round trips: scores.json and the wire carry the blocks unchanged; a mis-sized block is refused.
  assert.deepEqual(scoresFromJson(scoresToJson(all.scores)).cross, all.scores.cross);
  const wire = qprune.ScoreResult.decode(qprune.ScoreResult.encode(scoreResultToWire(all.scores)).finish());
  assert.deepEqual(scoreResultFromWire(wire, all.scores.meta).cross, all.scores.cross);
  wire.cross[0].matrix!.data = wire.cross[0].matrix!.data!.subarray(4);
  assert.throws(() => scoreResultFromWire(wire, all.scores.meta), /cross-group Fisher block .* expected \d+x\d+ float32/);

  // Brute force: removing filter i of one group and j of the next, the exact interaction
  // ΔL_ij − ΔL_i − ΔL_j against the cross term F_ab(i, j).
  const { model, graph, batches } = all;
  const loss = async (keep: KeepMasks) => {
    const m = keep.size ? await prune(model, keep, graph) : model;
    let sum = 0, count = 0;
    for (const b of batches) {
      sum += b.n * tf.tidy(() => tf.mean(tf.square(tf.sub(m.predict(tf.tensor4d(b.noisy, [b.n, b.patch, b.patch, b.channels])) as tf.Tensor, tf.tensor4d(b.clean, [b.n, b.patch, b.patch, b.channels])))).dataSync()[0]);
      count += b.n;
    }
    if (m !== model) m.dispose();
    return sum / count;
  };
  const drop = (g: { id: string; size: number }, i: number) => [g.id, Uint8Array.from({ length: g.size }, (_, k) => (k === i ? 0 : 1))] as const;
  const L0 = await loss(new Map());
  const inter: number[] = [], cross: number[] = [];
  for (let p = 0; p + 1 < G.length; p++) {
    const a = G[p], b = G[p + 1], F = ofPair(all.scores, a.id, b.id);
    const sa = await Promise.all(Array.from({ length: a.size }, async (_, i) => (await loss(new Map([drop(a, i)]))) - L0));
    const sb = await Promise.all(Array.from({ length: b.size }, async (_, j) => (await loss(new Map([drop(b, j)]))) - L0));
    for (let i = 0; i < a.size; i += 2) for (let j = i % 3; j < b.size; j += 3) {
      inter.push((await loss(new Map([drop(a, i), drop(b, j)]))) - L0 - sa[i] - sb[j]);
      cross.push(F[i * b.size + j]);
    }
  }
  const rho = spearman(inter, cross);
  // The strongest predicted couplings: does the interaction have the predicted sign?
  const strong = cross.map((c, k) => k).sort((p, q) => Math.abs(cross[q]) - Math.abs(cross[p])).slice(0, Math.ceil(cross.length / 10));
  const agree = strong.filter((k) => Math.sign(inter[k]) === Math.sign(cross[k])).length / strong.length;
  t.diagnostic(`${inter.length} cross-layer pairs: Spearman(exact interaction, F_ab) = ${rho.toFixed(3)}; sign agreement on the 10% largest |F_ab|: ${(100 * agree).toFixed(0)}%`);
  assert.ok(rho > 0.2, `cross-group Fisher terms rank interactions across layers: ${rho}`);
  assert.ok(agree > 0.7, `the strongest cross terms predict the interaction's sign: ${agree}`);
  model.dispose();
});

test('the network QUBO is s·(1−x)ᵀF(1−x) over all gates, and couple 0 is the hybrid', async () => {
  const { scores, model } = await demoScores(COUPLE_ALL);
  model.dispose();
  const G = scores.groups, offsets: number[] = [];
  let n = 0;
  for (const g of G) { offsets.push(n); n += g.size; }
  // The full gate Fisher matrix assembled from the per-group matrices and the cross blocks.
  const F = new Float64Array(n * n);
  G.forEach((g, k) => { for (let i = 0; i < g.size; i++) for (let j = 0; j < g.size; j++) F[(offsets[k] + i) * n + offsets[k] + j] = g.fisherMatrix![i * g.size + j]; });
  for (const c of scores.cross!) {
    const a = G.findIndex((g) => g.id === c.a), b = G.findIndex((g) => g.id === c.b), nb = G[b].size;
    for (let i = 0; i < G[a].size; i++) for (let j = 0; j < nb; j++) F[(offsets[a] + i) * n + offsets[b] + j] = F[(offsets[b] + j) * n + offsets[a] + i] = c.matrix[i * nb + j];
  }
  const s = 1 / Math.max(...G.map((g) => Math.max(...g.fisher)));
  const net = networkQubo(scores, 1);
  const rng = Rng.derive(11);
  for (let trial = 0; trial < 5; trial++) {
    const xs = G.map((g) => Uint8Array.from({ length: g.size }, () => (rng.nextU32() & 1)));
    const r = xs.flatMap((x) => Array.from(x, (v) => 1 - v));
    let direct = 0;
    for (let i = 0; i < n; i++) if (r[i]) for (let j = 0; j < n; j++) if (r[j]) direct += F[i * n + j];
    direct *= s;
    assert.ok(Math.abs(net.energy(xs) - direct) <= 1e-6 * Math.max(1, Math.abs(direct)), `network energy ${net.energy(xs)} = s·rᵀFr ${direct}`);
    // The dense form and the block form agree (without the constant).
    const { qubo } = net.dense();
    const flat = new Uint8Array(n);
    xs.forEach((x, k) => flat.set(x, offsets[k]));
    assert.ok(Math.abs(qubo.energy(flat) + net.offset - net.energy(xs)) <= 1e-6 * Math.max(1, Math.abs(direct)));
  }
  assert.ok(Math.abs(net.energy(G.map((g) => new Uint8Array(g.size).fill(1)))) < 1e-9, 'nothing removed costs nothing');
  const zero = networkQubo(scores, 0);
  assert.equal(zero.couplings.every((c) => c.C.every((v) => v === 0)), true, 'couple 0 adds no couplings');
  assert.equal(parseCoupling('all'), COUPLE_ALL);
  assert.equal(parseCoupling('2'), 2);
  assert.throws(() => parseCoupling('-1'), /--couple-layers must be 'all' or an integer/);
});

/** A random network QUBO: `groups` groups of `size` filters, couplings between all pairs. */
function randomNetwork(groups: number, size: number, seed: number): NetworkQubo {
  const rng = Rng.derive(seed);
  const u = () => rng.nextU32() / 2 ** 32 - 0.5;
  const qubos = Array.from({ length: groups }, () => {
    const W = new Float64Array(size * size);
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) W[i * size + j] = W[j * size + i] = u();
    return new Qubo(size, Float64Array.from({ length: size }, u), W, size / 2);
  });
  const couplings = [];
  for (let a = 0; a < groups; a++) for (let b = a + 1; b < groups; b++) couplings.push({ a, b, C: Float64Array.from({ length: size * size }, () => 0.5 * u()) });
  return new NetworkQubo(qubos.map((_, g) => `g${g}`), qubos, couplings);
}

const startOf = (net: NetworkQubo) => net.groups.map((q) => Uint8Array.from({ length: q.n }, (_, i) => (i < q.n / 2 ? 1 : 0)));
const count = (x: Uint8Array) => x.reduce((s, v) => s + v, 0);

test('decomposition: never worse than its start, every k held, and no single group can improve at its fixpoint', async () => {
  const net = randomNetwork(4, 8, 3);
  const start = startOf(net);
  const r = await decompose(net, start, localSolver, { reads: 8, sweeps: 200, seed: 1, maxRounds: 30 });
  assert.ok(r.energy < r.startEnergy, `energy ${r.startEnergy} -> ${r.energy}`);
  r.xs.forEach((x, g) => assert.equal(count(x), count(start[g]), `group ${g} keeps its k`));
  for (let i = 1; i < r.rounds.length; i++) assert.ok(r.rounds[i].energy <= r.rounds[i - 1].energy + 1e-12, 'energy never rises between rounds');
  assert.equal(r.rounds.at(-1)!.kept, 0, 'stopped at a fixpoint, not at the round limit');
  assert.ok(Math.abs(r.energy - net.energy(r.xs)) < 1e-9);
  // Exhaustive over each group's C(8,4) = 70 keep-sets with the others fixed: none is better.
  for (let g = 0; g < net.groups.length; g++) {
    const q = net.folded(g, r.xs), here = q.energy(r.xs[g]);
    for (let m = 0; m < 256; m++) {
      const x = Uint8Array.from({ length: 8 }, (_, i) => (m >> i) & 1);
      if (count(x) === 4) assert.ok(q.energy(x) >= here - 1e-9, `group ${g}: keep-set ${m} beats the fixpoint`);
    }
  }
});

test('decomposition gives the same answer on 1 and 3 solver replicas (and in this thread)', async () => {
  const net = randomNetwork(5, 10, 8);
  const opts = { reads: 4, sweeps: 100, seed: 2, maxRounds: 6 };
  const here = await decompose(net, startOf(net), localSolver, opts);
  for (const workers of [1, 3]) {
    const transport = await WorkerTransport.create({ workers });
    try {
      const r = await decompose(net, startOf(net), new TransportSolver(transport, `decompose-${workers}`), opts);
      assert.deepEqual(r.xs, here.xs, `${workers} replicas`);
      assert.deepEqual(r.rounds.map((x) => [x.energy, x.kept]), here.rounds.map((x) => [x.energy, x.kept]));
    } finally {
      await transport.close();
    }
  }
});

test('block swap SA keeps every block count and lowers the energy of the dense network QUBO', () => {
  const net = randomNetwork(3, 8, 5);
  const { qubo, offsets } = net.dense();
  const blockOf = Int32Array.from({ length: qubo.n }, (_, i) => offsets.filter((o) => o <= i).length - 1);
  const x = new Uint8Array(qubo.n);
  startOf(net).forEach((s, g) => x.set(s, offsets[g]));
  const before = qubo.energy(x);
  annealBlockSwap(qubo, x, blockOf, geometricSchedule(0.5, 20, 200), Rng.derive(4));
  for (let g = 0; g < 3; g++) assert.equal(count(x.subarray(offsets[g], offsets[g] + 8)), 4);
  assert.ok(qubo.energy(x) < before);
});

test('prune --method cross-layer: scores with cross blocks by default, holds the budget, records the network energy; hybrid scores alone are refused', async (t) => {
  const dir = tempDir(t);
  const common = ['--model', path.join(ROOT, 'models/demo-dncnn-s25'), '--data', 'procedural:deadleaves:6:96', '--noise', 'gaussian:25', '--calib', '16', '--patch', '40', '--val', '4', '--crop', '48', '--sweep', 'none', '--seed', '1', '--workers', '1', '--state-dir', path.join(dir, 'state')];
  const out = path.join(dir, 'cl');
  const r = await runCli(['prune', ...common, '--sparsity', '0.5', '--method', 'cross-layer', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const sol = JSON.parse(readFileSync(path.join(out, 'solution.json'), 'utf8'));
  const hyb = path.join(dir, 'hy');
  assert.equal((await runCli(['prune', ...common, '--sparsity', '0.5', '--method', 'hybrid', '--out', hyb])).code, 0);
  const hsol = JSON.parse(readFileSync(path.join(hyb, 'solution.json'), 'utf8'));
  assert.deepEqual(sol.groups.map((g: { k: number }) => g.k), hsol.groups.map((g: { k: number }) => g.k), 'each group keeps the hybrid answer\'s k');
  const e = sol.info.networkEnergy;
  assert.ok(e.final <= e.hybrid && e.final >= 0, `network loss estimate ${e.hybrid} -> ${e.final}`);
  assert.ok(sol.info.couplingBlocks > 0);
  const refused = await runCli(['prune', ...common, '--couple-layers', '0', '--sparsity', '0.5', '--method', 'cross-layer', '--out', path.join(dir, 'no')]);
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /cross-layer needs the cross-group Fisher blocks/);
});
