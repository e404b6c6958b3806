/**
 * Moves of filters between groups in the refinement grid (issue 18, Deliver 1): transfers along the
 * chain of groups keep the filter total exactly, grow or shrink a group by its own QUBO, and under a
 * cost budget every decoded point keeps to the limit; refinement can change the allocation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../src/data/rng.js';
import { buildEncoding } from '../src/refine/mask-encoding.js';
import { countChanges, fitBudget, resizeMask, transferOf } from '../src/refine/count-moves.js';
import { Qubo } from '../src/qubo/problem.js';
import { solvePruning } from '../src/pipeline/solve.js';
import { refineSolution } from '../src/pipeline/refine.js';
import { indicesOf, quboFromJson, solutionMasks } from '../src/prune/solution.js';
import type { KeepMasks } from '../src/prune/graph.js';
import { fakeScores } from './fixtures/fake-scores.js';
import { fakeEvaluator } from './support/fake-evaluator.js';

const total = (m: KeepMasks) => [...m.values()].reduce((a, x) => a + x.reduce((t, v) => t + v, 0), 0);

test('transfer coordinates: 0, +1, -1, +2, -2; the net changes sum to zero', () => {
  assert.deepEqual([0, 1, 2, 3, 4].map(transferOf), [0, 1, -1, 2, -2]);
  const rng = Rng.derive(4);
  for (let t = 0; t < 50; t++) {
    const values = Array.from({ length: 7 }, () => rng.int(5));
    const d = countChanges(values, 8);
    assert.equal(d.reduce((a, b) => a + b, 0), 0);
    assert.equal(d[0], transferOf(values[0]));
  }
});

test('resizeMask adds or removes the cheapest filters by the QUBO; refuses to leave fewer than min or more than all', () => {
  // Linear terms only: filter i costs lin[i] to keep; removing the kept filter with the most positive lin is cheapest.
  const lin = Float64Array.from([-5, -1, 3, -4, 2, -2]);
  const q = new Qubo(6, lin, new Float64Array(36));
  const x = Uint8Array.from([1, 1, 1, 0, 0, 0]);
  assert.deepEqual([...resizeMask(q, x, -1)!], [1, 1, 0, 0, 0, 0]);
  assert.deepEqual([...resizeMask(q, x, 2)!], [1, 1, 1, 1, 0, 1]);
  assert.equal(resizeMask(q, x, -3), null);
  assert.equal(resizeMask(q, x, 4), null);
  assert.deepEqual([...x], [1, 1, 1, 0, 0, 0], 'the input is not changed');
});

test('mask encoding with moves: every feasible point keeps the filter total; the zero point is the answer; per layer refuses', async () => {
  const scores = fakeScores([16, 24, 8, 12], 2);
  const sol = await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, seed: 0, sweeps: 200 });
  const enc = buildEncoding(sol, { kind: 'all' }, 6, [], { max: 2 });
  assert.equal(enc.transfers.length, 3);
  assert.equal(enc.dims.length, enc.groups.length + 3);
  assert.deepEqual(enc.dims.slice(enc.groups.length), [5, 5, 5]);
  const zero = enc.dims.map(() => 0);
  assert.deepEqual(enc.decode(zero), solutionMasks(sol));
  const rng = Rng.derive(9);
  let changedCounts = 0;
  for (let t = 0; t < 200; t++) {
    const p = enc.dims.map((n) => rng.int(n));
    const m = enc.tryDecode(p);
    if (!m) continue;
    assert.equal(total(m), sol.budget);
    if (sol.groups.some((g) => indicesOf(m.get(g.id)!).length !== g.k)) changedCounts++;
  }
  assert.ok(changedCounts > 100, `${changedCounts} of 200 points moved filters`);
  // The transfers' prior energies: value 0 (no move) is the answer itself.
  for (const tr of enc.transfers) assert.equal(tr.energies[0], 0);
  const perLayer = await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, perLayer: true, seed: 0, sweeps: 200 });
  assert.throws(() => buildEncoding(perLayer, { kind: 'all' }, 6, [], { max: 2 }), /global budget/);
  assert.throws(() => buildEncoding(sol, { kind: 'window', start: 0, length: 2 }, 6, [], { max: 2 }), /scope all/);
});

test('fitBudget and moves under a cost budget: every decoded point keeps to the limit, and ends within one filter of it', async () => {
  const scores = fakeScores([16, 24, 8, 12], 3);
  const sol = await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, seed: 0, sweeps: 200 });
  const perFilter = [1, 3, 2, 5];
  const of = (counts: number[]) => counts.reduce((a, c, g) => a + c * perFilter[g], 0);
  const counts = sol.groups.map((g) => g.k);
  const budget = { of, limit: of(counts) + 0.5, perFilter };
  const enc = buildEncoding({ ...sol, budgetBy: { unit: 'flops', limit: budget.limit, kept: of(counts), full: of(sol.groups.map((g) => g.size)) } }, { kind: 'all' }, 6, [], { max: 2, budget });
  const rng = Rng.derive(2);
  let fitted = 0;
  for (let t = 0; t < 200; t++) {
    const m = enc.tryDecode(enc.dims.map((n) => rng.int(n)));
    if (!m) continue;
    fitted++;
    const c = of(sol.groups.map((g) => m.get(g.id)!.reduce((a, v) => a + v, 0)));
    assert.ok(c <= budget.limit, `cost ${c} over ${budget.limit}`);
    assert.ok(c > budget.limit - Math.max(...perFilter), `cost ${c}: room for another filter of the cheapest group left unused?`);
  }
  assert.ok(fitted > 150);
  // fitBudget alone: an over-limit allocation comes back within it.
  const qubos = sol.groups.map((g) => quboFromJson(g.qubo!, g.k));
  const masks = sol.groups.map((g) => Uint8Array.from({ length: g.size }, () => 1));
  assert.ok(fitBudget(qubos, masks, budget));
  assert.ok(of(masks.map((x) => x.reduce((a, v) => a + v, 0))) <= budget.limit);
  assert.equal(fitBudget(qubos, sol.groups.map((g) => Uint8Array.from({ length: g.size }, () => 1)), { of, limit: 1, perFilter }), false);
});

/** Both validation images reward keeping filters in one group. */
const evaluatorFavouring = (groupId: string) => fakeEvaluator((k) => { const v = 20 + k.get(groupId)!.reduce((a, b) => a + b, 0); return [v, v]; });

test('refine with moves: the allocation moves towards what the objective rewards, total kept; reproducible; per layer has no moves', async () => {
  const scores = fakeScores([16, 24, 8, 12], 2);
  const sol = await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, seed: 0, sweeps: 200 });
  const first = sol.groups[0];
  const run = () => refineSolution(sol, evaluatorFavouring(first.id), { method: 'local', budget: 120, seed: 1, scope: { kind: 'all' } });
  const r = await run();
  assert.ok(r.refine!.moves, 'global budget: moves by default');
  assert.equal(r.refine!.moves!.max, 2);
  assert.ok(r.groups[0].k > first.k, `group ${first.id}: ${first.k} -> ${r.groups[0].k}`);
  assert.equal(r.groups.reduce((a, g) => a + g.k, 0), sol.budget);
  assert.equal(r.budget, sol.budget);
  assert.deepEqual(r.refine!.moves!.counts[first.id], { from: first.k, to: r.groups[0].k });
  assert.deepEqual((await run()).groups.map((g) => g.keep), r.groups.map((g) => g.keep));
  const fixed = await refineSolution(sol, evaluatorFavouring(first.id), { method: 'local', budget: 60, seed: 1, scope: { kind: 'all' }, moves: 0 });
  assert.equal(fixed.refine!.moves, undefined);
  assert.deepEqual(fixed.groups.map((g) => g.k), sol.groups.map((g) => g.k));
  await assert.rejects(refineSolution({ ...sol, budgetBy: { unit: 'flops', limit: 1, kept: 1, full: 2 } }, evaluatorFavouring(first.id), { method: 'local', budget: 10, scope: { kind: 'all' } }), /cost model/);
});
