/**
 * The unary screen before PROTES (src/refine/screen.ts): gains measured exactly, the prior centred on
 * the additive optimum, infeasible choices never drawn, skipped when the budget cannot cover it, and
 * recorded by the pipeline's refinement.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/data/rng.js';
import { TrackedObjective } from '../src/refine/objective.js';
import { screenedPrior, screenUnary } from '../src/refine/screen.js';
import { refinerByName } from '../src/refine/refiners.js';
import { expectedChanged } from '../src/refine/prior.js';
import { solvePruning } from '../src/pipeline/solve.js';
import { refineSolution, refineTag } from '../src/pipeline/refine.js';
import { fakeScores } from './fixtures/fake-scores.js';
import { fakeEvaluator } from './support/fake-evaluator.js';
import type { KeepMasks } from '../src/prune/graph.js';
import { solutionMasks } from '../src/prune/solution.js';

/** f(x) = Σ_j u_j(x_j): separable, so the additive optimum is the optimum. */
function separable(dims: number[], seed: number) {
  const rng = Rng.derive(seed, 0x5c2e);
  const u = dims.map((n) => Array.from({ length: n }, () => rng.normal()));
  const value = (x: number[]) => x.reduce((a, v, j) => a + u[j][v], 0);
  const best = u.map((row) => row.indexOf(Math.max(...row)));
  return { u, value, best, optimum: value(best) };
}

test('screen: gains are the exact single-change differences; the additive optimum is evaluated next, so a separable objective is solved after one neighbourhood', async () => {
  const dims = [5, 3, 6, 4, 2, 5];
  for (let seed = 0; seed < 5; seed++) {
    const p = separable(dims, seed);
    const start = dims.map(() => 0);
    const tracked = new TrackedObjective(dims, async (pts) => pts.map(p.value), { budget: 100, initial: [start] });
    await tracked.start();
    const s = await screenUnary(tracked, start, 0);
    assert.ok(s);
    const neighbourhood = dims.reduce((a, n) => a + n - 1, 0);
    assert.equal(tracked.evaluations, 1 + neighbourhood);
    s.gains.forEach((row, j) => row.forEach((g, c) => assert.ok(Math.abs(g - (p.u[j][c] - p.u[j][0])) < 1e-12, `gain ${j},${c}`)));
    assert.deepEqual(s.additive, p.best);

    const r = await refinerByName('protes', { screen: true, batch: 8, elite: 2 }).refine(dims, async (pts) => pts.map(p.value), { budget: 100, seed, initial: [start] });
    assert.ok(r.screen, 'screened');
    assert.equal(r.screen.evaluations, 1 + neighbourhood);
    assert.deepEqual(r.screen.additive, p.best);
    assert.equal(r.best, p.optimum, 'the additive optimum is the optimum here');
    // The trace reaches the optimum right after the screen: one more evaluation.
    assert.ok(r.trace.some((t) => t.evaluations === 2 + neighbourhood && t.best === p.optimum), JSON.stringify(r.trace.slice(0, 4)));
  }
});

test('screened prior: centred on the additive optimum, the asked coordinates changed per draw, infeasible choices (−Infinity) never drawn', async () => {
  const dims = [4, 4, 4, 4, 4, 4, 4, 4];
  const rng = Rng.derive(7, 1);
  const u = dims.map((n) => Array.from({ length: n }, () => rng.normal()));
  // Choice 3 of every coordinate is infeasible (a transfer that empties a group).
  const value = (x: number[]) => (x.some((v) => v === 3) ? -Infinity : x.reduce((a, v, j) => a + u[j][v], 0));
  const start = dims.map(() => 0);
  const tracked = new TrackedObjective(dims, async (pts) => pts.map(value), { budget: 100, initial: [start] });
  await tracked.start();
  const s = (await screenUnary(tracked, start, 0))!;
  s.gains.forEach((row) => assert.equal(row[3], -Infinity));
  const prior = screenedPrior(s, 2);
  assert.ok(Math.abs(prior.expectedChanged - 2) < 1e-6, `changed ${prior.expectedChanged}`);
  assert.ok(Math.abs(expectedChanged(prior.probs, s.additive) - 2) < 1e-6);
  prior.probs.forEach((row, j) => {
    assert.ok(row[3] < 1e-12, `infeasible choice of ${j}: p = ${row[3]}`);
    assert.equal(row.indexOf(Math.max(...row)), s.additive[j], 'the mode is the best measured change');
  });
});

test('screen: skipped when the budget does not cover the neighbourhood (the search runs on without it, within budget)', async () => {
  const dims = Array(10).fill(6);
  const p = separable(dims, 3);
  const r = await refinerByName('protes', { screen: true, batch: 8, elite: 2 }).refine(dims, async (pts) => pts.map(p.value), { budget: 40, seed: 0, initial: [dims.map(() => 0)] });
  assert.equal(r.screen, undefined);
  assert.ok(r.evaluations <= 40 && r.evaluations > 1);
  // Same seed, same answer.
  const again = await refinerByName('protes', { screen: true, batch: 8, elite: 2 }).refine(dims, async (pts) => pts.map(p.value), { budget: 40, seed: 0, initial: [dims.map(() => 0)] });
  assert.deepEqual(again.bestPoint, r.bestPoint);
});

test('refine --prior screened: recorded in solution.json, its own run-state tag, never below the QUBO answer, reproducible', async () => {
  const scores = fakeScores([16, 24, 8], 2);
  const sol = await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, perLayer: true, seed: 0, sweeps: 200 });
  const answer = solutionMasks(sol);
  // Objective: filters kept in common with a fixed target keep-set (a smooth, checkable landscape).
  const target = new Map([...answer].map(([id, m]) => [id, Uint8Array.from(m, (_, i) => (i % 2 === 0 ? 1 : 0))]));
  const overlap = (k: KeepMasks) => [...k.entries()].reduce((a, [id, m]) => a + m.reduce((t, v, i) => t + (v && target.get(id)![i] ? 1 : 0), 0), 0);
  const run = () => refineSolution(sol, fakeEvaluator((k) => [overlap(k)]), { method: 'protes', budget: 120, seed: 1, scope: { kind: 'all' }, prior: 'screened', check: false });
  const r = await run();
  const info = r.refine!;
  assert.equal(info.prior?.kind, 'screened');
  if (info.prior?.kind !== 'screened') return;
  assert.equal(info.prior.screened, true);
  const neighbourhood = info.choices.reduce((a, n) => a + n - 1, 0);
  assert.equal(info.prior.evaluations, 1 + neighbourhood);
  assert.ok(info.evaluations <= 120);
  assert.ok(info.validation.after.psnr >= info.validation.before.psnr);
  assert.deepEqual((await run()).groups.map((g) => g.keep), r.groups.map((g) => g.keep));
  // A budget below the neighbourhood: no screen, PROTES starts from the QUBO-energy prior (recorded).
  const small = (await refineSolution(sol, fakeEvaluator((k) => [overlap(k)]), { method: 'protes', budget: 8, seed: 1, scope: { kind: 'all' }, prior: 'screened', check: false })).refine!;
  assert.equal(small.prior?.kind, 'screened');
  if (small.prior?.kind === 'screened') {
    assert.equal(small.prior.screened, false);
    assert.ok(small.prior.expectedChanged > 0 && small.prior.temperature !== null, 'the QUBO-energy prior stands in');
  }
  assert.ok(small.evaluations <= 8);
  const scope = { kind: 'all' } as const;
  assert.notEqual(refineTag({ prior: 'screened', scope }, true), refineTag({ prior: 'boltzmann', scope }, true));
});
