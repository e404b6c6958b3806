/**
 * Budgets in FLOPs and parameters: the cost model is exact (the pruned model's own cost, whichever
 * channels are kept), every method stays within the limit and close below it (within one filter), a
 * filter budget is still met exactly, and the job refuses what cannot be meant.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/engine/backend.js';
import { unet } from './fixtures/prune-models.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { prunedCost } from '../src/prune/cost.js';
import { costModel } from '../src/prune/cost-model.js';
import { prune } from '../src/prune/surgery.js';
import { forwardFlops } from '../src/model/cost.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { scoreModel } from '../src/score/scores.js';
import { METHODS, solvePruning } from '../src/pipeline/solve.js';
import { COUPLE_ALL } from '../src/score/calibration.js';
import { solutionMasks } from '../src/prune/solution.js';
import { jobFromSpec, jobToSpec, parsePruneJob } from '../src/pipeline/job.js';
import { qprune } from '../src/wire/qprune.js';
import { Rng } from '../src/data/rng.js';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { runCli, tempDir } from './helpers.js';

await initBackend('wasm');

test('cost model: exact FLOPs and parameters of the pruned model from per-group counts alone', async () => {
  const model = unet(); // concat skips: a group's channels feed several layers
  const graph = analyzeChannels(model);
  const groups = graph.groups.filter((g) => g.prunable);
  const flops = costModel(model, graph, 'flops', 32, 32), params = costModel(model, graph, 'params', 32, 32);
  assert.equal(flops.full, forwardFlops(model, 32, 32));
  assert.equal(params.full, model.countParams());
  const rng = new Rng(2);
  for (let trial = 0; trial < 3; trial++) {
    // Random masks: the cost model sees only their counts, the surgery the masks themselves.
    const keep = new Map(groups.map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i === 0 || rng.next() < 0.5 ? 1 : 0))]));
    const counts = new Map([...keep].map(([id, m]) => [id, m.reduce((a, b) => a + b, 0)]));
    const pruned = await prune(model, keep, graph);
    assert.equal(params.of(counts), pruned.countParams(), 'parameters');
    assert.equal(flops.of(counts), forwardFlops(pruned, 32, 32), 'FLOPs');
    assert.equal(flops.of(counts), prunedCost(model, graph, keep, 32, 32).flops);
    pruned.dispose();
  }
  for (const g of groups) assert.ok(flops.perFilter.get(g.id)! > 0 && params.perFilter.get(g.id)! > 0, `${g.id}: a filter costs something`);
  model.dispose();
});

test('global FLOPs and parameter budgets: every method within the limit, within one filter below it; filters still exact', async () => {
  const model = unet();
  const graph = analyzeChannels(model);
  const data = await openDataset('procedural:deadleaves:4:32', { noise: parseNoise('gaussian:25'), seed: 1 });
  const scores = await scoreModel(model, data, { samples: 4, patch: 32, batch: 4, seed: 0, coupleLayers: COUPLE_ALL }, graph);
  for (const unit of ['flops', 'params'] as const) {
    const cost = costModel(model, graph, unit, 32, 32);
    const biggest = Math.max(...cost.perFilter.values());
    for (const method of METHODS) {
      const sol = await solvePruning(scores, { method, sparsity: 0.4, seed: 0, reads: 2, sweeps: 100, cost });
      const masks = solutionMasks(sol);
      const real = unit === 'flops' ? prunedCost(model, graph, masks, 32, 32).flops : prunedCost(model, graph, masks, 32, 32).params;
      const limit = 0.6 * cost.full;
      assert.equal(sol.budgetBy?.unit, unit);
      assert.equal(sol.budgetBy?.kept, real, `${method}/${unit}: the recorded cost is the model's`);
      assert.ok(real <= limit, `${method}/${unit}: ${real} within ${limit}`);
      assert.ok(real > limit - 2 * biggest, `${method}/${unit}: ${real} close below ${limit} (a filter costs at most ${biggest})`);
    }
  }
  const byFilters = await solvePruning(scores, { method: 'hybrid', sparsity: 0.4, seed: 0, reads: 2, sweeps: 100, cost: costModel(model, graph, 'filters', 32, 32) });
  assert.equal(byFilters.budget, Math.round(0.6 * byFilters.total));
  assert.equal(byFilters.budgetBy, undefined);
  await assert.rejects(solvePruning(scores, { method: 'fisher', sparsity: 0.4, perLayer: true, cost: costModel(model, graph, 'flops', 32, 32) }), /a flops budget is global/);
  model.dispose();
});

test('job: budgetBy, selection and tune validated and carried over the wire', () => {
  const job = { model: 'm', data: 'd', sparsity: 0.5, out: 'o' };
  assert.throws(() => parsePruneJob({ ...job, method: 'fisher', budget: 'per-layer', budgetBy: 'flops' }), /budgetBy flops needs the global budget/);
  assert.throws(() => parsePruneJob({ ...job, method: 'fisher', budgetBy: 'watts' }), /budgetBy/);
  assert.throws(() => parsePruneJob({ ...job, method: 'fisher', tune: true }), /tune needs a method with a QUBO formulation/);
  assert.throws(() => parsePruneJob({ ...job, method: 'hybrid-paper', tune: true, formulation: { gamma: 1 } }), /give tune or formulation weights, not both/);
  const full = parsePruneJob({ ...job, method: 'hybrid-paper', budgetBy: 'flops', selection: 'sel', tune: true });
  const wire = qprune.PruneJobSpec.decode(qprune.PruneJobSpec.encode(jobToSpec(full)).finish());
  const plainJson = (j: unknown) => JSON.parse(JSON.stringify(j)); // absent and undefined fields alike
  assert.deepEqual(plainJson(jobFromSpec(wire)), plainJson(full));
  const plain = parsePruneJob({ ...job, method: 'l1' });
  assert.deepEqual(plainJson(jobFromSpec(qprune.PruneJobSpec.decode(qprune.PruneJobSpec.encode(jobToSpec(plain)).finish()))), plainJson(plain));
  assert.equal(plain.budgetBy, 'filters');
  assert.equal(plain.tune, false);
  // validation.margin: 0 by default, carried over the wire, negative or fractional refused.
  assert.equal(plain.validation.margin, 0);
  const margined = parsePruneJob({ ...job, method: 'l1', validation: { count: 4, crop: 48, margin: 17 } });
  assert.equal(jobFromSpec(qprune.PruneJobSpec.decode(qprune.PruneJobSpec.encode(jobToSpec(margined)).finish())).validation?.margin, 17);
  for (const margin of [-1, 2.5]) assert.throws(() => parsePruneJob({ ...job, method: 'l1', validation: { count: 4, crop: 48, margin } }), /margin/);
  // refine.moves: absent (the default), 0 (k per group fixed) and 3 all survive the wire as they were; so do finalists.
  for (const refine of [{ method: 'protes' }, { method: 'protes', moves: 0 }, { method: 'local', moves: 3 }, { method: 'protes', finalists: { count: 8, crop: 128 } }, { method: 'random', finalists: { count: 2 } }]) {
    const j = parsePruneJob({ ...job, method: 'hybrid', refine });
    assert.deepEqual(plainJson(jobFromSpec(qprune.PruneJobSpec.decode(qprune.PruneJobSpec.encode(jobToSpec(j)).finish()))), plainJson(j));
  }
  assert.throws(() => parsePruneJob({ ...job, method: 'hybrid', refine: { method: 'protes', moves: -1 } }), /moves/);
  assert.throws(() => parsePruneJob({ ...job, method: 'hybrid', refine: { method: 'protes', finalists: { count: 17 } } }), /finalists/);
});

test('qprune solve --budget-by flops: within the budget, needs the model', (t) => {
  const dir = tempDir(t);
  const scores = path.join(dir, 'scores.json'), out = path.join(dir, 'sol.json');
  const s = runCli(['score', '--model', 'models/demo-dncnn-s25', '--data', 'procedural:deadleaves:4:64', '--noise', 'gaussian:25', '--samples', '8', '--patch', '32', '--out', scores]);
  assert.equal(s.code, 0, s.stderr);
  const r = runCli(['solve', '--scores', scores, '--sparsity', '0.5', '--method', 'hybrid', '--budget-by', 'flops', '--model', 'models/demo-dncnn-s25', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const sol = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(sol.budgetBy.unit, 'flops');
  assert.ok(sol.budgetBy.kept <= sol.budgetBy.limit && sol.budgetBy.limit === 0.5 * sol.budgetBy.full);
  const bad = runCli(['solve', '--scores', scores, '--sparsity', '0.5', '--method', 'hybrid', '--budget-by', 'flops', '--out', path.join(dir, 'bad.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--budget-by flops needs --model/);
  assert.ok(!existsSync(path.join(dir, 'bad.json')));
});
