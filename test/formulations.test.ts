/**
 * QUBO formulations: every one removes dead channels first; the paper's is unit-free (rescaling
 * Taylor or Fisher scores network-wide changes nothing) and without its redundancy term it is the
 * greedy ranking of its relevance; undeclared or negative weights are refused by name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { solvePruning } from '../src/pipeline/solve.js';
import { METHOD_REGISTRY } from '../src/pipeline/methods/registry.js';
import { parsePruneJob } from '../src/pipeline/job.js';
import type { GroupScore, ScoreResult } from '../src/score/scores.js';
import { fakeScores } from './fixtures/fake-scores.js';
import { l1Qubo, secondOrderMatrix } from '../src/qubo/formulate.js';
import { ExhaustiveSampler } from '../src/qubo/samplers.js';

/** Fake scores with a Fisher matrix and dead channels: no gradient, no activation (zero rows everywhere). */
function withDead(seed: number, dead: number[][]): ScoreResult {
  const s = fakeScores(dead.map(() => 12), seed);
  s.groups.forEach((g, gi) => {
    const n = g.size;
    const F = new Float32Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) F[i * n + j] = i === j ? g.fisher[i] : 0.3 * Math.sqrt(g.fisher[i] * g.fisher[j]) * g.similarity[i * n + j];
    g.fisherMatrix = F;
    g.pearson = Float32Array.from(g.similarity);
    // Next-layer reconstruction: another PSD-like matrix in its own unit (the formulation rescales it).
    g.reconstruction = Float32Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 50 * (0.2 + g.l2[k % n]) : 10 * g.similarity[k] * ((k % 3) / 2)));
    for (const d of dead[gi]) {
      g.fisher[d] = 0; g.taylor[d] = 0;
      for (let j = 0; j < n; j++) {
        F[d * n + j] = F[j * n + d] = 0;
        g.reconstruction![d * n + j] = g.reconstruction![j * n + d] = 0;
        if (j !== d) g.similarity[d * n + j] = g.similarity[j * n + d] = g.pearson![d * n + j] = g.pearson![j * n + d] = 0;
      }
    }
    g.dead = dead[gi];
  });
  // Cross-group Fisher blocks (cross-layer): non-negative like the in-group terms, zero on dead channels.
  s.cross = [];
  for (let a = 0; a < s.groups.length; a++) for (let b = a + 1; b < s.groups.length; b++) {
    const A = s.groups[a], B = s.groups[b];
    s.cross.push({ a: A.id, b: B.id, matrix: Float32Array.from({ length: A.size * B.size }, (_, k) => 0.2 * Math.sqrt(A.fisher[Math.floor(k / B.size)] * B.fisher[k % B.size]) * (((k * 7) % 5) / 4)) });
  }
  return s;
}

const kept = (sol: { groups: { id: string; keep: number[] }[] }, id: string) => new Set(sol.groups.find((g) => g.id === id)!.keep);

test('every QUBO formulation removes dead channels first, per layer and under a global budget', async () => {
  const dead = [[0, 5], [3], [7, 8, 11]];
  const scores = withDead(3, dead);
  const qubo = [...METHOD_REGISTRY.values()].filter((m) => m.qubo).map((m) => m.name);
  assert.deepEqual(qubo, ['l1-qubo', 'hybrid', 'hybrid-paper', 'reconstruction', 'cross-layer']);
  // L1-QUBO's formulation gives dead channels no relevance: its exact-k optimum drops them. (Its
  // penalty annealer, the classic baseline we keep as it is, does not always reach that optimum.)
  for (const [gi, g] of scores.groups.entries()) {
    const q = l1Qubo(g, g.size - dead[gi].length);
    const x = new ExhaustiveSampler().sample(q.withK(g.size - dead[gi].length)).samples[0];
    dead[gi].forEach((d) => assert.equal(x[d], 0, `l1-qubo optimum keeps dead channel ${d} of g${gi}`));
  }
  for (const method of qubo.filter((m) => m !== 'l1-qubo')) {
    for (const perLayer of [true, false]) {
      // 25% removed: at least as many filters go as there are dead ones in each group (12 -> 9 kept).
      const sol = await solvePruning(scores, { method, sparsity: 0.25, perLayer, seed: 1, reads: 4, sweeps: 300 });
      dead.forEach((ds, gi) => ds.forEach((d) => assert.ok(!kept(sol, `g${gi}`).has(d), `${method}${perLayer ? ' per layer' : ''}: dead channel ${d} of g${gi} kept`)));
    }
  }
});

test('hybrid-paper is unit-free, and without redundancy it is the greedy ranking of its relevance', async () => {
  const scores = withDead(5, [[], [], []]);
  const scaled: ScoreResult = { ...scores, groups: scores.groups.map((g): GroupScore => ({ ...g, taylor: g.taylor.map((v) => v * 37), fisher: g.fisher.map((v) => v * 1e-4) })) };
  const opts = { method: 'hybrid-paper', sparsity: 0.5, seed: 2, reads: 4, sweeps: 300 };
  for (const perLayer of [true, false]) {
    const a = await solvePruning(scores, { ...opts, perLayer }), b = await solvePruning(scaled, { ...opts, perLayer });
    assert.deepEqual(b.groups.map((g) => g.keep), a.groups.map((g) => g.keep), 'rescaled scores, same keep-sets');
  }
  // γ = 0, α = 0: the QUBO keeps the top filters by Fisher alone, as greedy Fisher does per layer.
  const fisherOnly = await solvePruning(scores, { ...opts, perLayer: true, formulation: { alpha: 0, beta: 1, gamma: 0 } });
  const greedy = await solvePruning(scores, { method: 'fisher', sparsity: 0.5, perLayer: true });
  assert.deepEqual(fisherOnly.groups.map((g) => g.keep), greedy.groups.map((g) => g.keep));
  assert.deepEqual(fisherOnly.info?.weights, { alpha: 0, beta: 1, gamma: 0 }, 'the weights are recorded in the solution');
});

test('formulation weights: defaults recorded, unknown or negative ones refused by name', async () => {
  const sol = await solvePruning(withDead(1, [[], []]), { method: 'hybrid-paper', sparsity: 0.5, perLayer: true, reads: 2, sweeps: 100 });
  assert.deepEqual(sol.info?.weights, { alpha: 1, beta: 0, gamma: 0.2 });
  await assert.rejects(solvePruning(withDead(1, [[]]), { method: 'hybrid', sparsity: 0.5, formulation: { gamma: 1 } }), /hybrid has no weight 'gamma'/);
  const job = { model: 'm', data: 'd', sparsity: 0.5, out: 'o' };
  assert.throws(() => parsePruneJob({ ...job, method: 'hybrid-paper', formulation: { taylor: 1 } }), /formulation weight 'taylor' is not one of hybrid-paper's \(alpha, beta, gamma\)/);
  assert.throws(() => parsePruneJob({ ...job, method: 'hybrid-paper', formulation: { gamma: -1 } }), /gamma must be in 0\.\.inf, got -1/);
  assert.throws(() => parsePruneJob({ ...job, method: 'fisher', formulation: { alpha: 1 } }), /not one of fisher's \(it has none\)/);
  assert.deepEqual(parsePruneJob({ ...job, method: 'hybrid-paper', formulation: { gamma: 0.2 } }).formulation, { gamma: 0.2 });
});

test('hybrid taylorScale: 0 is the Fisher matrix, 1 puts T²/2 on the diagonal and keeps the Fisher correlations', () => {
  const [g] = withDead(4, [[]]).groups;
  const n = g.size, F = g.fisherMatrix!;
  const f0 = secondOrderMatrix(g, 0), f1 = secondOrderMatrix(g, 1);
  for (let i = 0; i < n; i++) {
    assert.ok(Math.abs(f1(i, i) - g.taylor[i] ** 2 / 2) <= 1e-12 * f1(i, i));
    for (let j = 0; j < n; j++) {
      assert.equal(f0(i, j), F[i * n + j]);
      if (i === j) continue;
      const rho = F[i * n + j] / Math.sqrt(F[i * n + i] * F[j * n + j]);
      assert.ok(Math.abs(f1(i, j) / Math.sqrt(f1(i, i) * f1(j, j)) - rho) < 1e-9, 'same correlation');
    }
  }
  assert.throws(() => parsePruneJob({ model: 'm', data: 'd', sparsity: 0.5, out: 'o', method: 'hybrid', formulation: { taylorScale: 2 } }), /taylorScale must be in 0\.\.1, got 2/);
});

test('hybrid shrinkage: 0 keeps the Fisher matrix, λ scales its cross terms by 1−λ, 1 is the greedy Fisher ranking', async () => {
  const scores = withDead(6, [[], [], []]);
  const [g] = scores.groups;
  const n = g.size, F = g.fisherMatrix!;
  const half = secondOrderMatrix(g, 0, 0.5), none = secondOrderMatrix(g, 0, 0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    assert.equal(none(i, j), F[i * n + j]);
    assert.equal(half(i, j), i === j ? F[i * n + j] : 0.5 * F[i * n + j]);
  }
  const opts = { method: 'hybrid', sparsity: 0.5, perLayer: true, seed: 3, reads: 4, sweeps: 300 };
  // The cross terms matter on these scores (else λ = 1 would prove nothing)...
  const full = await solvePruning(scores, opts);
  const diagonal = await solvePruning(scores, { ...opts, formulation: { shrinkage: 1 } });
  const greedy = await solvePruning(scores, { method: 'fisher', sparsity: 0.5, perLayer: true });
  assert.notDeepEqual(full.groups.map((x) => x.keep), greedy.groups.map((x) => x.keep), 'the full Fisher matrix changes some keep-set');
  // ...and without them the QUBO keeps the top filters by Fisher, as greedy Fisher does.
  assert.deepEqual(diagonal.groups.map((x) => x.keep), greedy.groups.map((x) => x.keep));
  assert.equal((diagonal.info?.weights as Record<string, number> | undefined)?.shrinkage, 1, 'recorded in the solution');
  assert.throws(() => parsePruneJob({ model: 'm', data: 'd', sparsity: 0.5, out: 'o', method: 'hybrid', formulation: { shrinkage: 1.5 } }), /shrinkage must be in 0\.\.1, got 1\.5/);
});

test('marginal allocation: a global budget spread by each filter removed alone (hybrid: greedy Fisher’s counts), couplings choosing within groups', async () => {
  const scores = withDead(6, [[], [], []]);
  const opts = { method: 'hybrid', sparsity: 0.5, seed: 2, reads: 4, sweeps: 300 };
  const greedy = await solvePruning(scores, { method: 'fisher', sparsity: 0.5 });
  const marginal = await solvePruning(scores, { ...opts, allocation: 'marginal' });
  const joint = await solvePruning(scores, opts);
  const counts = (s: typeof greedy) => s.groups.map((g) => g.k);
  // Removing filter i alone costs s·F_ii in the hybrid energy, so the counts are greedy Fisher's...
  assert.deepEqual(counts(marginal), counts(greedy));
  assert.equal(marginal.budget, greedy.budget);
  assert.equal(marginal.info?.allocation, 'marginal');
  // ...while which filters each group keeps still comes from the Fisher matrix (else this proves nothing).
  assert.notDeepEqual(marginal.groups.map((g) => g.keep), greedy.groups.map((g) => g.keep));
  assert.equal(joint.info?.allocation, 'joint');
  assert.notDeepEqual(counts(joint), counts(greedy), 'the joint search spreads the budget otherwise on these scores');
  // Per layer there is nothing to spread: the same answer either way.
  const perLayer = await solvePruning(scores, { ...opts, perLayer: true, allocation: 'marginal' });
  assert.deepEqual(perLayer.groups.map((g) => g.keep), (await solvePruning(scores, { ...opts, perLayer: true })).groups.map((g) => g.keep));
  await assert.rejects(solvePruning(scores, { ...opts, allocation: 'even' as 'joint' }), /allocation must be one of joint, marginal, got 'even'/);
});
