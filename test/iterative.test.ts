/**
 * Iterative pruning (src/pipeline/iterative.ts) cuts its intermediate models the way the final one is
 * cut: with the run's compensation, from the statistics of the model being cut. The model re-scored
 * before step 2 must be exactly the compensated surgery of step 1's answer, not the bare one (with
 * bare intermediate cuts, the re-scored importances describe a network the run never builds).
 * Refinement of an iterative answer searches around it with the original model's QUBOs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { dncnnLike } from './fixtures/prune-models.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { compensationOf } from '../src/prune/compensation.js';
import { indicesOf, maskOf, quboFromJson, solutionMasks } from '../src/prune/solution.js';
import { buildEncoding } from '../src/refine/mask-encoding.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { localScorer, type Scorer } from '../src/score/scorer.js';
import { perLayerCounts, solvePruning } from '../src/pipeline/solve.js';
import { iterativeAlternatives, solveIteratively } from '../src/pipeline/iterative.js';
import { NoRunStore } from '../src/pipeline/run-store.js';
import { silentProgress } from '../src/ui/progress.js';
import { localSolver } from '../src/qubo/group-solver.js';
import { maxDiff } from './support/arrays.js';

await initBackend('wasm');

/** A small DnCNN-like model, its scores, and the iterative context around them (linear compensation). */
async function iterativeContext(scorer: Scorer, store: string) {
  const model = dncnnLike();
  const graph = analyzeChannels(model);
  const data = await openDataset('procedural:deadleaves:6:32', { noise: parseNoise('gaussian:25'), seed: 1 });
  const calibration = { samples: 12, patch: 16, batch: 4, seed: 2, removal: 'mean' as const };
  const scores = await localScorer.score(model, data, calibration, graph);
  return {
    model, graph, scores, data, batch: { height: 16, width: 16 }, scorer, calibration,
    solver: localSolver, store: new NoRunStore(store), progress: silentProgress, compensation: { mode: 'linear' as const },
  };
}

test('iterative pruning re-scores the compensated model of the previous step (linear), not the bare cut', async () => {
  const x = tf.randomUniform([1, 16, 16, 1], 0, 1, 'float32', 5);
  // The scorer sees every re-scored model: keep its output on x.
  const seen: Float32Array[] = [];
  const recording: Scorer = {
    name: 'recording',
    score: async (m, source, opts, g) => {
      seen.push((m.predict(x) as tf.Tensor).dataSync() as Float32Array);
      return localScorer.score(m, source, opts, g);
    },
  };
  const plan = { method: 'fisher', sparsity: 0.5, perLayer: true, steps: 2, seed: 0 };
  const ctx = await iterativeContext(recording, 'iterative-test');
  const { model, graph, scores } = ctx;
  const solution = await solveIteratively(ctx, plan, (t) => `scores-step${t}`);
  assert.equal(seen.length, 1, 'two steps re-score once');
  assert.deepEqual(solution.groups.map((g) => g.k), [...perLayerCounts(scores, 0.5).values()], 'per layer: the one-step k per group');

  // Step 1 as the loop computes it: half the sparsity per layer, seed as given.
  const finalK = perLayerCounts(scores, 0.5);
  const prunable = graph.groups.filter((g) => g.prunable);
  const perLayerKeep = new Map(prunable.map((g) => [g.id, Math.max(finalK.get(g.id)!, Math.round(0.75 * g.size))]));
  const kept = [...perLayerKeep.values()].reduce((a, b) => a + b, 0), total = prunable.reduce((a, g) => a + g.size, 0);
  const step1 = await solvePruning(scores, { method: 'fisher', sparsity: 1 - kept / total, perLayer: true, perLayerKeep, seed: 0 });
  const compensated = await prune(model, solutionMasks(step1), graph, compensationOf(scores, 'linear'));
  const bare = await prune(model, solutionMasks(step1), graph);
  const c = (compensated.predict(x) as tf.Tensor).dataSync(), b = (bare.predict(x) as tf.Tensor).dataSync();
  const scale = Math.max(...Array.from(c, Math.abs));
  assert.ok(maxDiff(seen[0], c) <= 1e-5 * scale, `the re-scored model is the compensated cut (max diff ${maxDiff(seen[0], c)})`);
  assert.ok(maxDiff(b, c) > 1e-2 * scale, `the bare cut is a different network (max diff ${maxDiff(b, c)}), so the check above can fail`);
  compensated.dispose();
  bare.dispose();
});

test('an iterative answer that is refined gets the original model\'s QUBOs at its k, and the search starts from it', async () => {
  const ctx = await iterativeContext(localScorer, 'iterative-refine-test');
  const { scores } = ctx;
  const plan = { method: 'hybrid', sparsity: 0.7, perLayer: false, steps: 3, seed: 0 };
  const bare = await solveIteratively(ctx, plan, (t) => `scores-step${t}`);
  const refined = await solveIteratively(ctx, { ...plan, refine: { method: 'protes', budget: 10, scope: { kind: 'all' as const } } }, (t) => `scores-step${t}`);
  assert.deepEqual(refined.groups.map((g) => g.keep), bare.groups.map((g) => g.keep), 'the same iterative answer');
  assert.ok(bare.groups.every((g) => !g.qubo), 'without refinement no QUBO is attached');
  const oneStep = await solvePruning(scores, { method: 'hybrid', sparsity: 0.7, perLayer: true, perLayerKeep: new Map(bare.groups.map((g) => [g.id, g.k])), seed: 0 });
  let differs = 0;
  for (const [i, g] of refined.groups.entries()) {
    assert.deepEqual(g.qubo, oneStep.groups[i].qubo, `${g.id}: the original model's QUBO`);
    assert.equal(g.energy, quboFromJson(g.qubo!, g.k).energy(maskOf(g.size, g.keep)));
    assert.ok(g.samples!.length > 0 && g.samples!.every((s) => s.keep.length === g.k), `${g.id}: exact-k reads as candidates`);
    if (g.samples![0].keep.join() !== g.keep.join()) differs++;
  }
  assert.ok(differs > 0, 'the one-step answers at k differ from the iterative one somewhere (else the test proves little)');
  // The refinement grid's origin (every coordinate 0) is the iterative answer.
  const enc = buildEncoding(refined, { kind: 'all' });
  const origin = enc.decode(enc.dims.map(() => 0));
  for (const g of refined.groups) assert.deepEqual(indicesOf(origin.get(g.id)!), g.keep);
});

test('a refined iterative answer is searched beside the other methods\' iterative answers at its k per group', async () => {
  const ctx = await iterativeContext(localScorer, 'iterative-alternatives-test');
  const keys = { solution: (m: string) => `alt-${m}`, scores: (m: string, t: number) => `alt-${m}-scores-step${t}` };
  // Global: the hybrid's counts per group differ from the per-layer ones, and each alternative keeps exactly them.
  const plan = { method: 'hybrid', sparsity: 0.6, perLayer: false, steps: 3, seed: 0 };
  const solved = await solveIteratively(ctx, plan, (t) => `scores-step${t}`);
  const counts = new Map(solved.groups.map((g) => [g.id, g.k]));
  assert.notDeepEqual([...counts.values()], [...perLayerCounts(ctx.scores, 0.6).values()], 'a global answer (else the counts test proves little)');
  const alternatives = await iterativeAlternatives(ctx, plan, solved, ['fisher', 'taylor'], keys);
  assert.deepEqual(alternatives.map((a) => a.label), ['fisherx3', 'taylorx3']);
  const oneStep = solutionMasks(await solvePruning(ctx.scores, { method: 'fisher', sparsity: 0.6, perLayer: true, perLayerKeep: counts, seed: 0 }));
  let differs = 0;
  for (const g of solved.groups) {
    for (const a of alternatives) assert.equal(indicesOf(a.masks.get(g.id)!).length, g.k, `${a.label} ${g.id}: the answer's k`);
    if (indicesOf(alternatives[0].masks.get(g.id)!).join() !== indicesOf(oneStep.get(g.id)!).join()) differs++;
  }
  assert.ok(differs > 0, 're-scored greedy Fisher differs from one-step greedy Fisher at these counts somewhere');
  // They reach the search's candidates (the refined plan carries the original QUBOs).
  const refined = await solveIteratively(ctx, { ...plan, refine: { method: 'ea', budget: 10, scope: { kind: 'all' as const } } }, (t) => `scores-step${t}`);
  const enc = buildEncoding(refined, { kind: 'all' }, 8, alternatives);
  assert.ok(enc.groups.some((g) => g.origins.includes('fisherx3')), 'greedy Fisher x3 keep-sets are candidates');
  // Per layer: the alternative is that method's own iterative plan.
  const perLayer = { ...plan, perLayer: true };
  const solvedPL = await solveIteratively(ctx, perLayer, (t) => `pl-scores-step${t}`);
  const [fisherPL] = await iterativeAlternatives(ctx, perLayer, solvedPL, ['fisher'], keys);
  const own = solutionMasks(await solveIteratively(ctx, { ...perLayer, method: 'fisher' }, (t) => `own-scores-step${t}`));
  for (const g of solvedPL.groups) assert.deepEqual(indicesOf(fisherPL.masks.get(g.id)!), indicesOf(own.get(g.id)!), `${g.id}: fisher x3 per layer`);
  // A one-step plan has none (its alternatives are the one-step answers).
  assert.deepEqual(await iterativeAlternatives(ctx, { ...plan, steps: 1 }, solved, ['fisher'], keys), []);
});
