import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Rng } from '../src/data/rng.js';
import { TTDistribution } from '../src/refine/tt-distribution.js';
import { maxvol } from '../src/refine/maxvol.js';
import { TrackedObjective } from '../src/refine/objective.js';
import { ProtesRefiner } from '../src/refine/protes.js';
import { TtoptRefiner } from '../src/refine/ttopt.js';
import { RandomSearch } from '../src/refine/random-search.js';
import { chainObjective, chainOptimum, chainValue, randomChain } from './support/synthetic.js';
import { buildEncoding, candidateList } from '../src/refine/mask-encoding.js';
import { Qubo } from '../src/qubo/problem.js';
import { SwapAnnealer } from '../src/qubo/samplers.js';
import { solvePruning } from '../src/pipeline/solve.js';
import { runCli, tempDir } from './helpers.js';
import { fakeScores } from './fixtures/fake-scores.js';

test('TT distribution: ∇ NLL matches finite differences; sampling matches p(x) = T(x)²/Z', () => {
  const dims = [3, 4, 2, 3];
  const t = new TTDistribution(dims, 3, Rng.derive(1), 0.5);
  const pts = [[0, 1, 1, 2], [2, 3, 0, 0], [1, 1, 1, 1]];
  const lossOf = () => pts.reduce((l, x) => l - t.logAmplitude(x) / pts.length, 0) + t.logNormaliser();
  const { grad, loss } = t.nllGradient(pts);
  assert.ok(Math.abs(loss - lossOf()) < 1e-12);
  let worst = 0;
  for (let j = 0; j < dims.length; j++) for (let k = 0; k < t.cores[j].length; k++) {
    const v = t.cores[j][k], h = 1e-6;
    t.cores[j][k] = v + h; const a = lossOf(); t.cores[j][k] = v - h; const b = lossOf(); t.cores[j][k] = v;
    const fd = (a - b) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - grad[j][k]) / Math.max(1e-3, Math.abs(fd)));
  }
  assert.ok(worst < 1e-5, `gradient relative error ${worst}`);
  const logZ = t.logNormaliser(), S = 100000, counts = new Map<string, number>();
  for (const x of t.sample(S, Rng.derive(2))) counts.set(x.join(), (counts.get(x.join()) ?? 0) + 1);
  let tv = 0, mass = 0;
  for (let a = 0; a < 3; a++) for (let b = 0; b < 4; b++) for (let c = 0; c < 2; c++) for (let d = 0; d < 3; d++) {
    const p = Math.exp(t.logAmplitude([a, b, c, d]) - logZ);
    mass += p;
    tv += Math.abs(p - (counts.get([a, b, c, d].join()) ?? 0) / S);
  }
  assert.ok(Math.abs(mass - 1) < 1e-9, `probabilities sum to ${mass}`);
  assert.ok(tv / 2 < 0.015, `total variation ${tv / 2}`);
});

test('maxvol: every row is a combination of the chosen rows with coefficients <= 1.05', () => {
  const rng = Rng.derive(3), N = 40, r = 5;
  const A = Float64Array.from({ length: N * r }, () => rng.normal());
  const rows = maxvol(A, N, r);
  assert.equal(new Set(rows).size, r);
  // Solve X S = A by brute force (normal equations through a tiny Gauss-Jordan) and check |X| <= tol.
  const S = rows.map((i) => Array.from(A.subarray(i * r, i * r + r)));
  const inv = invert(S);
  for (let i = 0; i < N; i++) for (let j = 0; j < r; j++) {
    let x = 0;
    for (let k = 0; k < r; k++) x += A[i * r + k] * inv[k][j];
    assert.ok(Math.abs(x) <= 1.05 + 1e-9, `row ${i} coefficient ${x}`);
  }
});

function invert(M: number[][]): number[][] {
  const n = M.length, A = M.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(A[i][c]) > Math.abs(A[p][c])) p = i;
    [A[c], A[p]] = [A[p], A[c]];
    const v = A[c][c];
    A[c] = A[c].map((x) => x / v);
    for (let i = 0; i < n; i++) if (i !== c) { const f = A[i][c]; A[i] = A[i].map((x, j) => x - f * A[c][j]); }
  }
  return A.map((row) => row.slice(n));
}

test('tracked objective: cache, budget, initial points first, bad points rejected', async () => {
  const calls: number[][][] = [];
  const f = async (pts: number[][]) => { calls.push(pts); return pts.map((p) => p[0] + p[1]); };
  const t = new TrackedObjective([3, 3], f, { budget: 4, initial: [[0, 0]] });
  await t.start();
  assert.deepEqual(calls[0], [[0, 0]]);
  const v = await t.evaluate([[1, 1], [1, 1], [0, 0], [2, 2], [2, 1], [1, 2]]);
  assert.deepEqual(v.slice(0, 5), [2, 2, 0, 4, 3]);
  assert.ok(Number.isNaN(v[5]), 'beyond the budget: not evaluated');
  assert.equal(t.evaluations, 4);
  assert.deepEqual(t.bestPoint, [2, 2]);
  await assert.rejects(t.evaluate([[3, 0]]), /outside the grid/);
  assert.throws(() => new TrackedObjective([3, 0], f, { budget: 1 }), /dimension/);
});

// Weakly coupled chains (pair terms at a quarter of the unary scale): how interactions between layers
// look next to each layer's own effect. d = 10..19, 8..16 choices per dimension.
const INSTANCES = Array.from({ length: 10 }, (_, i) => randomChain(Array(10 + (i % 11)).fill(8 + (i % 9)), i, 0.25));

test('PROTES finds the dynamic-programming optimum in >= 90% of seeds within 5,000 evaluations and beats random search on every instance', async () => {
  let hits = 0, runs = 0;
  for (const p of INSTANCES) {
    const opt = chainOptimum(p);
    assert.ok(Math.abs(chainValue(p, opt.point) - opt.value) < 1e-9);
    const random = await new RandomSearch().refine(p.dims, chainObjective(p), { budget: 5000, seed: 0 });
    for (let seed = 0; seed < 5; seed++) {
      const r = await new ProtesRefiner().refine(p.dims, chainObjective(p), { budget: 5000, seed, target: opt.value - 1e-9 });
      assert.ok(r.evaluations <= 5000);
      assert.ok(r.best > random.best, `d=${p.dims.length}: PROTES ${r.best} vs random ${random.best}`);
      runs++;
      if (r.best >= opt.value - 1e-9) hits++;
    }
  }
  assert.ok(hits >= 0.9 * runs, `PROTES found the optimum in ${hits}/${runs} runs`);
});

test('PROTES and TTOpt are reproducible by seed; TTOpt beats random search', async () => {
  const p = INSTANCES[3];
  const a = await new ProtesRefiner().refine(p.dims, chainObjective(p), { budget: 1000, seed: 7 });
  const b = await new ProtesRefiner().refine(p.dims, chainObjective(p), { budget: 1000, seed: 7 });
  assert.deepEqual(a.trace, b.trace);
  assert.deepEqual(a.bestPoint, b.bestPoint);
  for (const q of INSTANCES.slice(0, 5)) {
    const t = await new TtoptRefiner().refine(q.dims, chainObjective(q), { budget: 5000, seed: 0 });
    const r = await new RandomSearch().refine(q.dims, chainObjective(q), { budget: 5000, seed: 0 });
    assert.ok(t.best > r.best, `TTOpt ${t.best} vs random ${r.best}`);
  }
});

test('mask encoding: every candidate keeps exactly k, index 0 is the QUBO answer, swaps ranked by energy', () => {
  const rng = Rng.derive(5), n = 12, k = 5;
  const Q = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal()));
  const q = Qubo.fromUpper(Q, k);
  const set = new SwapAnnealer().sample(q, { reads: 6, sweeps: 200, seed: 1 });
  const { masks, energies } = candidateList(q, set.samples[0], set.samples.slice(1), 10);
  assert.equal(masks.length, 10);
  assert.deepEqual(masks[0], set.samples[0]);
  assert.equal(new Set(masks.map((m) => m.join(''))).size, 10, 'candidates are distinct');
  for (const [i, m] of masks.entries()) {
    assert.equal(m.reduce((a, b) => a + b, 0), k);
    assert.ok(Math.abs(q.energy(m) - energies[i]) < 1e-9);
  }
  const swapPart = energies.slice(set.samples.length);
  for (let i = 1; i < swapPart.length; i++) assert.ok(swapPart[i] >= swapPart[i - 1] - 1e-12);
});


test('solve: every method keeps exactly the budget; refine on a decoded grid never loses to the QUBO answer', async () => {
  const scores = fakeScores([16, 24, 8, 32], 2);
  for (const method of ['l1', 'taylor', 'fisher', 'l1-qubo', 'hybrid']) {
    for (const perLayer of [false, true]) {
      const s = await solvePruning(scores, { method, sparsity: 0.5, perLayer, seed: 0, sweeps: 200 });
      assert.equal(s.groups.reduce((a, g) => a + g.keep.length, 0), s.budget);
      if (!perLayer) assert.equal(s.budget, 40);
      else s.groups.forEach((g) => assert.equal(g.k, g.size / 2));
    }
  }
  await assert.rejects(solvePruning(scores, { method: "hybrid", sparsity: 1 }), /sparsity must be in \(0, 1\)/);
  await assert.rejects(solvePruning(scores, { method: "magic", sparsity: 0.5 }), /method must be one of/);
  const sol = await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, seed: 0, sweeps: 200 });
  const enc = buildEncoding(sol, { kind: 'window', start: 1, length: 2 }, 6);
  assert.deepEqual(enc.groups.map((g) => g.id), ['g1', 'g2']);
  const zero = enc.decode([0, 0]);
  for (const g of sol.groups) assert.deepEqual([...zero.get(g.id)!].flatMap((v, i) => (v ? [i] : [])), g.keep);
  // A made-up objective that prefers other candidates: the refined answer must be at least the start.
  const value = (p: number[]) => p[0] * 0.3 - Math.abs(p[1] - 2);
  const r = await new ProtesRefiner({ batch: 8, elite: 3 }).refine(enc.dims, async (pts) => pts.map(value), { budget: 30, seed: 0, initial: [[0, 0]] });
  assert.ok(r.best >= value([0, 0]));
  const l1 = await solvePruning(scores, { method: "l1", sparsity: 0.5 });
  assert.throws(() => buildEncoding(l1, { kind: "all" }), /needs a QUBO method/);
});

test('qprune solve + refine on the bundled demo model: exact k, PSNR never below the QUBO answer; bad input exits 2', async (t) => {
  const dir = tempDir(t);
  const model = 'models/demo-dncnn-s25/model.json', data = 'procedural:deadleaves:6:64';
  const sc = runCli(['score', '--model', model, '--data', data, '--noise', 'gaussian:25', '--samples', '8', '--patch', '32', '--out', path.join(dir, 's.json')]);
  assert.equal(sc.code, 0, sc.stderr);
  const so = runCli(['solve', '--scores', path.join(dir, 's.json'), '--sparsity', '0.5', '--method', 'hybrid', '--sweeps', '300', '--out', path.join(dir, 'sol.json')]);
  assert.equal(so.code, 0, so.stderr);
  const rf = runCli(['refine', '--model', model, '--solution', path.join(dir, 'sol.json'), '--data', data, '--noise', 'gaussian:25', '--val', '4', '--crop', '48', '--budget', '24', '--workers', '2', '--out', path.join(dir, 'ref.json')]);
  assert.equal(rf.code, 0, rf.stderr);
  const sol = JSON.parse(readFileSync(path.join(dir, 'sol.json'), 'utf8'));
  const ref = JSON.parse(readFileSync(path.join(dir, 'ref.json'), 'utf8'));
  // A global budget: filters may move between groups (refine.moves), the total stays exact.
  const kept = (groups: { keep: number[] }[]) => groups.reduce((a, g) => a + g.keep.length, 0);
  assert.equal(kept(ref.groups), kept(sol.groups));
  assert.equal(ref.refine.moves.max, 2);
  ref.groups.forEach((g: { id: string; keep: number[] }, i: number) => assert.equal(g.keep.length, ref.refine.moves.counts[g.id]?.to ?? sol.groups[i].k));
  assert.ok(ref.refine.evaluations <= 24 && ref.refine.evaluations >= 1);
  assert.ok(ref.refine.validation.after.psnr >= ref.refine.validation.before.psnr);
  // The default start is the screen; 24 evaluations cannot cover this grid's neighbourhood, so the QUBO-energy prior stands in.
  assert.equal(ref.refine.prior.kind, 'screened');
  assert.equal(ref.refine.prior.screened, ref.refine.choices.reduce((a: number, n: number) => a + n - 1, 0) + 1 <= 24);
  assert.equal(ref.refine.split.selectionImages + ref.refine.split.checkImages, 4);
  // The other methods' keep-sets join the candidates when the scores are given; the earlier prior on request.
  const rf2 = runCli(['refine', '--model', model, '--solution', path.join(dir, 'sol.json'), '--data', data, '--noise', 'gaussian:25', '--val', '4', '--crop', '48', '--budget', '24', '--workers', '0', '--scores', path.join(dir, 's.json'), '--prior', 'steps', '--moves', '0', '--finalists', '3x64', '--out', path.join(dir, 'ref2.json')]);
  assert.equal(rf2.code, 0, rf2.stderr);
  assert.match(rf2.stdout, /check half .* dB: (accepted|not accepted, the QUBO answer stays)/);
  assert.match(rf2.stdout, /finalists on 64² crops: /);
  const ref2 = JSON.parse(readFileSync(path.join(dir, 'ref2.json'), 'utf8'));
  assert.deepEqual(ref2.refine.alternatives, ['hybrid-paper', 'fisher', 'taylor']);
  assert.deepEqual(ref2.refine.prior, { kind: 'steps', steps: 40 });
  ref2.groups.forEach((g: { keep: number[] }, i: number) => assert.equal(g.keep.length, sol.groups[i].k), '--moves 0: k per group fixed');
  assert.equal(ref2.refine.moves, undefined);
  // Successive halving: up to 3 of the search's best and the QUBO answer again on 64² crops.
  assert.equal(ref2.refine.finalists.crop, 64);
  assert.ok(ref2.refine.finalists.count >= 1 && ref2.refine.finalists.count <= 3 && ref2.refine.finalists.rank <= ref2.refine.finalists.count);
  assert.equal(ref2.refine.finalists.images, 4);
  for (const [args, message] of [[['--prior', 'magic'], /--prior must be one of boltzmann, steps/], [['--changed', '0'], /--changed must be a number > 0/], [['--moves', '-1'], /--moves must be an integer >= 0/],
    [['--noise', 'gaussian:25', '--crop', '48', '--finalists', '2x128'], /smaller than the crop 128/], [['--finalists', 'x'], /--finalists must be N or NxC/]] as const) {
    const r = runCli(['refine', '--model', model, '--solution', path.join(dir, 'sol.json'), '--data', data, '--budget', '5', ...args, '--out', path.join(dir, 'z.json')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
  const bad = runCli(['solve', '--scores', path.join(dir, 's.json'), '--sparsity', '1.5', '--method', 'hybrid', '--out', path.join(dir, 'x.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /sparsity must be in \(0, 1\)/);
  const bad2 = runCli(['refine', '--model', model, '--solution', path.join(dir, 's.json'), '--data', data, '--budget', '5', '--out', path.join(dir, 'y.json')]);
  assert.equal(bad2.code, 2);
  assert.match(bad2.stderr, /not a qprune solution/);
});

test('one name for PROTES in labels, logs and tables: tt', async () => {
  const { planLabel } = await import('../src/pipeline/run.js');
  const { methodName } = await import('../src/report/html.js');
  const refine = { method: 'protes', budget: 10, scope: { kind: 'all' as const } };
  assert.equal(planLabel({ method: 'hybrid', sparsity: 0.5, refine }), 'hybrid+tt@50%');
  assert.equal(methodName({ method: 'hybrid', refine: 'protes' }), 'hybrid+tt');
  assert.equal(planLabel({ method: 'hybrid', sparsity: 0.5, refine: { ...refine, method: 'ttopt' } }), 'hybrid+ttopt@50%');
});
