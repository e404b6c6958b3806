import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Qubo, withCardinalityPenalty } from '../src/qubo/problem.js';
import { ExhaustiveSampler, FlipAnnealer, GreedySampler, SwapAnnealer } from '../src/qubo/samplers.js';
import { capacitySolve, globalCapacity } from '../src/qubo/capacity.js';
import { randomPruningQubo } from '../src/qubo/generate.js';
import { hybridQubo, l1Qubo } from '../src/qubo/formulate.js';
import { globalTopK, topK } from '../src/qubo/baselines.js';
import { Rng } from '../src/data/rng.js';
import { runCli, tempDir } from './helpers.js';

const ones = (x: Uint8Array) => x.reduce((a, b) => a + b, 0);

test('energy and local fields agree with the definition; JSON round trip', () => {
  const q = Qubo.fromUpper([[-1, 2, 0.5], [9, -2, -1], [9, 9, 0.3]], 2);
  const x = Uint8Array.from([1, 1, 0]);
  assert.equal(q.energy(x), -1 - 2 + 2);
  const f = q.localFields(x);
  // Flipping 2 on: E changes by f_2 = 0.3 + 0.5 - 1.
  assert.ok(Math.abs(f[2] - (0.3 + 0.5 - 1)) < 1e-12);
  const back = Qubo.fromJson(q.toJson());
  assert.equal(back.k, 2);
  assert.equal(back.energy(x), q.energy(x));
  const pen = withCardinalityPenalty(q, 2, 3);
  for (const s of [[0, 0, 0], [1, 0, 0], [1, 1, 1], [0, 1, 1]]) {
    const xs = Uint8Array.from(s);
    assert.ok(Math.abs(pen.energy(xs) - (q.energy(xs) + 3 * (ones(xs) - 2) ** 2 - 3 * 4)) < 1e-9);
  }
});

test('swap SA finds the exhaustive exact-k optimum on >= 99% of 200 random instances (n <= 20); capacity always hits k', (t) => {
  const rng = new Rng(42);
  let hits = 0, capacityExact = 0;
  const swap = new SwapAnnealer();
  const exhaustive = new ExhaustiveSampler();
  for (let t = 0; t < 200; t++) {
    const n = 4 + rng.int(17);
    const k = rng.int(n + 1);
    const q = randomPruningQubo(n, 1000 + t, k, 0.05 + rng.next());
    const opt = exhaustive.sample(q).energies[0];
    const got = swap.sample(q, { seed: t });
    assert.equal(ones(got.samples[0]), k);
    if (got.energies[0] <= opt + 1e-9) hits++;
    const cap = capacitySolve(q, k, { seed: t, reads: 2, sweeps: 200 });
    if (ones(cap.set.samples[0]) === k) capacityExact++;
  }
  t.diagnostic(`swap SA optimal on ${hits}/200 instances; capacity exact k on ${capacityExact}/200`);
  assert.ok(hits >= 198, `swap SA optimal on ${hits}/200`);
  assert.equal(capacityExact, 200);
});

test('samplers are seeded (same seed, same SampleSet) and flip SA solves small unconstrained problems', () => {
  const q = randomPruningQubo(18, 7);
  const a = new FlipAnnealer().sample(q, { seed: 3, reads: 5, sweeps: 300 });
  const b = new FlipAnnealer().sample(q, { seed: 3, reads: 5, sweeps: 300 });
  assert.deepEqual(a.energies, b.energies);
  assert.deepEqual(a.samples, b.samples);
  assert.ok(Math.abs(a.energies[0] - new ExhaustiveSampler().sample(q).energies[0]) < 1e-9);
  assert.ok(a.occurrences.reduce((x, y) => x + y, 0) === 5);
  const greedy = new GreedySampler().sample(q.withK(9));
  assert.equal(ones(greedy.samples[0]), 9);
});

test('global capacity spreads an exact budget with per-group minimums', async () => {
  const groups = [0, 1, 2].map((i) => ({ id: `g${i}`, qubo: randomPruningQubo(16 + 8 * i, 50 + i), min: 3 }));
  for (const budget of [9, 30, 50]) {
    const r = await globalCapacity(groups, budget, { seed: 1, reads: 2, sweeps: 200 });
    assert.equal(r.groups.reduce((s, g) => s + ones(g.x), 0), budget);
    r.groups.forEach((g) => { assert.equal(ones(g.x), g.k); assert.ok(g.k >= 3); });
  }
  await assert.rejects(globalCapacity(groups, 8, {}), /outside 9\.\.72/);
});

test('formulations and greedy baselines', () => {
  const size = 6;
  const g = {
    id: 'g0', size, dead: [],
    l1: Float64Array.from([5, 1, 3, 2, 4, 0.5]), l2: new Float64Array(size),
    taylor: Float64Array.from([0.1, 0.9, 0.3, 0.2, 0.8, 0]), fisher: Float64Array.from([0.2, 1.0, 0.1, 0.3, 0.7, 0]),
    similarity: Float32Array.from({ length: size * size }, (_, i) => (Math.floor(i / size) === i % size ? 1 : 0.2)),
  };
  // Hybrid: energy = scaled Σ_{i,j∈removed} F_ij (+ a constant), so for each k its optimum is the
  // removal set with the smallest second-order loss estimate (checked by brute force).
  const gv = [[0.5, 0.2, -0.1, 0.3, 0.1, 0], [0.1, 1.0, 0.4, -0.2, 0.3, 0], [0.2, 0.3, 0.4, 0.1, -0.3, 0]];
  const F = new Float32Array(size * size);
  for (const v of gv) for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) F[i * size + j] += (v[i] * v[j]) / (2 * gv.length);
  const gf = { ...g, fisher: Float64Array.from({ length: size }, (_, i) => F[i * size + i]), fisherMatrix: F };
  const h = hybridQubo(gf, { scale: 1 }, 3);
  assert.ok(Math.abs(h.W[0 * size + 1] - 2 * F[1]) < 1e-7, 'W_ij = 2 F_ij');
  assert.ok(Math.abs(h.lin[0] - -(F[0] + 2 * (F[1] + F[2] + F[3] + F[4] + F[5]))) < 1e-7, 'lin_i = -(F_ii + 2 Σ_j F_ij)');
  let bestLoss = Infinity, bestSet = -1;
  for (let m = 0; m < 1 << size; m++) {
    let ones = 0;
    for (let i = 0; i < size; i++) ones += (m >> i) & 1;
    if (ones !== 3) continue;
    let loss = 0;
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) if (!((m >> i) & 1) && !((m >> j) & 1)) loss += F[i * size + j];
    if (loss < bestLoss - 1e-12) { bestLoss = loss; bestSet = m; }
  }
  const best = new ExhaustiveSampler().sample(h).samples[0];
  assert.deepEqual(Array.from(best), Array.from({ length: size }, (_, i) => (bestSet >> i) & 1));
  // Without a Fisher matrix the hybrid is greedy Fisher: the top-k Fisher channels.
  const diag = hybridQubo(g, {}, 3);
  assert.deepEqual(Array.from(new ExhaustiveSampler().sample(diag).samples[0]), Array.from(topK(g.fisher, 3)));
  // The similarity term (opt-in) penalises keeping similar pairs: with one very similar pair among equals, one of the two goes.
  const eq = { ...g, fisher: new Float64Array(size).fill(1), similarity: Float32Array.from({ length: size * size }, (_, i) => { const a = Math.floor(i / size), b = i % size; return a === b ? 1 : (a === 0 && b === 1) || (a === 1 && b === 0) ? 0.95 : 0.1; }) };
  const hs = new ExhaustiveSampler().sample(hybridQubo(eq, { similarity: 1 }, 5)).samples[0];
  assert.equal(hs[0] + hs[1], 1, 'a near-duplicate pair loses one member');
  const l1 = l1Qubo(g, 3);
  assert.deepEqual(Array.from(new ExhaustiveSampler().sample(l1).samples[0]), [1, 0, 1, 0, 1, 0]);
  assert.deepEqual(Array.from(topK(g.taylor, 2)), [0, 1, 0, 0, 1, 0]);
  const glob = globalTopK([{ id: 'a', scores: Float64Array.from([1, 0.9, 0.1]) }, { id: 'b', scores: Float64Array.from([10, 1, 8]) }], 4);
  assert.deepEqual(Array.from(glob.get('a')!), [1, 1, 0]);
  assert.deepEqual(Array.from(glob.get('b')!), [1, 0, 1]);
  // Unnormalised (scores in loss units): the larger scores win network-wide, one per group minimum.
  const raw = globalTopK([{ id: 'a', scores: Float64Array.from([1, 0.9, 0.1]) }, { id: 'b', scores: Float64Array.from([10, 1, 8]) }], 4, false);
  assert.deepEqual(Array.from(raw.get('a')!), [1, 0, 0]);
  assert.deepEqual(Array.from(raw.get('b')!), [1, 1, 1]);
});

test('invalid instances are rejected with clear errors (CLI exit 2)', (t) => {
  assert.throws(() => Qubo.fromUpper([[1, 2], [3]]), /must be square/);
  assert.throws(() => Qubo.fromUpper([[1, NaN], [0, 1]]), /not a finite number/);
  assert.throws(() => Qubo.fromUpper([[1]], 2), /k = 2 exceeds n = 1/);
  assert.throws(() => Qubo.fromUpper([[1]], -1), /k must be >= 0/);
  const dir = tempDir(t);
  const cases: [string, RegExp][] = [
    ['{"n": 2, "k": 3, "Q": [[1, 0], [0, 1]]}', /k = 3 exceeds n = 2/],
    ['{"n": 2, "Q": [[1, 0, 0], [0, 1, 0]]}', /must be square/],
    ['{"n": 2, "Q": [[1, "x"], [0, 1]]}', /not a finite number/],
    ['{"n": 3, "Q": [[1]]}', /"n" is 3 but Q has 1 rows/],
    ['{"Q": ', /not valid JSON/],
  ];
  for (const [text, pattern] of cases) {
    writeFileSync(path.join(dir, 'q.json'), text);
    const r = runCli(['qubo', 'solve', '--instance', path.join(dir, 'q.json')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
  }
  const gen = runCli(['qubo', 'gen', '--n', '12', '--k', '5', '--seed', '3', '--out', path.join(dir, 'g.json')]);
  assert.equal(gen.code, 0, gen.stderr);
  const solved = JSON.parse(runCli(['qubo', 'solve', '--instance', path.join(dir, 'g.json'), '--sampler', 'capacity', '--json']).stdout);
  assert.equal(solved.ones, 5);
});

test('wasm SIMD kernels give the same samples as the reference JS kernels; the committed .wasm is current', async () => {
  for (const n of [15, 64]) {
    const q = randomPruningQubo(n, 77 + n, Math.floor(n / 3));
    const wasm = new SwapAnnealer(false, 'wasm').sample(q, { seed: 5, reads: 3, sweeps: 200 });
    const js = new SwapAnnealer(false, 'js').sample(q, { seed: 5, reads: 3, sweeps: 200 });
    assert.deepEqual(wasm.samples, js.samples);
    assert.deepEqual(wasm.energies, js.energies);
    const fw = new FlipAnnealer('wasm').sample(q, { seed: 6, reads: 3, sweeps: 200 });
    const fj = new FlipAnnealer('js').sample(q, { seed: 6, reads: 3, sweeps: 200 });
    assert.deepEqual(fw.samples, fj.samples);
  }
  const { spawnSync } = await import('node:child_process');
  const check = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: path.resolve(import.meta.dirname, '..'), encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test('parallel replicas over worker threads give the single-thread SampleSet', async () => {
  const { sampleParallel } = await import('../src/transport/parallel-reads.js');
  const q = randomPruningQubo(40, 5, 20);
  const single = new SwapAnnealer().sample(q, { seed: 2, reads: 6, sweeps: 300 });
  const par = await sampleParallel(q, 'swap', { seed: 2, reads: 6, sweeps: 300 }, 2);
  assert.deepEqual(par.energies, single.energies);
  assert.deepEqual(par.occurrences, single.occurrences);
  assert.deepEqual(par.samples.map((x) => Array.from(x)), single.samples.map((x) => Array.from(x)));
  assert.equal(par.info.workers, 2);
});
