/**
 * Ledoit–Wolf shrinkage of the Fisher-matrix cross terms: the calibration's variance of each cross term
 * agrees with the spread of that term over independent calibration sets (Monte Carlo), and the chosen
 * intensity pulls noise-only cross terms to the target and leaves well-estimated ones alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CalibrationAccumulator } from '../src/score/accumulator.js';
import { fisherMatrix, fisherMatrixVariance } from '../src/score/importance.js';
import type { ChannelGraph } from '../src/prune/graph.js';
import type { Gate } from '../src/prune/mask.js';
import type { GroupScore, ScoreResult } from '../src/score/scores.js';
import { scoresFromJson, scoresToJson } from '../src/score/scores.js';
import { scoreResultFromWire, scoreResultToWire } from '../src/transport/wire.js';
import { ledoitWolfIntensity } from '../src/qubo/shrinkage.js';
import { hybridQubo, secondOrderMatrix } from '../src/qubo/formulate.js';
import { solvePruning } from '../src/pipeline/solve.js';
import { Rng } from '../src/data/rng.js';

/** A one-group graph of `n` channels behind one gate: enough for the accumulator's bookkeeping. */
function oneGroup(n: number): { graph: ChannelGraph; gates: Gate[] } {
  const slots = Array.from({ length: n }, (_, i) => i);
  const graph = { groups: [{ id: 'g', size: n, prunable: true }], classGroup: Int32Array.from(slots, () => 0), classIndex: Int32Array.from(slots) } as unknown as ChannelGraph;
  return { graph, gates: [{ slots, consumer: 'next' } as unknown as Gate] };
}

/** Statistics of N samples g_n = A·z_n (z standard normal), streamed through the accumulator in two batches. */
function calibrateOn(n: number, samples: number, mix: number[][], rng: Rng) {
  const { graph, gates } = oneGroup(n);
  const acc = new CalibrationAccumulator(graph, gates);
  const moments = { mean: new Float64Array(n), m2: new Float64Array(n * n), count: 1, positions: 1 };
  for (const part of [Math.floor(samples / 2), samples - Math.floor(samples / 2)]) {
    const grads = new Float64Array(part * n);
    for (let s = 0; s < part; s++) {
      const z = Array.from({ length: mix[0].length }, () => rng.normal());
      for (let i = 0; i < n; i++) grads[s * n + i] = mix[i].reduce((sum, a, k) => sum + a * z[k], 0);
    }
    acc.add({ n: part, gateGrads: [grads], moments: [moments] });
  }
  return acc.finish({ patch: 1, seed: 0, seconds: 0 });
}

test('the variance of each Fisher-matrix cross term matches its spread over independent calibration sets', () => {
  const n = 4, samples = 40, replicates = 1500, rng = new Rng(11);
  const mix = [[1, 0, 0, 0], [0.6, 0.8, 0, 0], [0, 0.3, 1, 0], [0.2, 0, 0, 0.5]];
  const sum = new Float64Array(n * n), sumSq = new Float64Array(n * n), estimated = new Float64Array(n * n);
  for (let r = 0; r < replicates; r++) {
    const stats = calibrateOn(n, samples, mix, rng);
    const F = fisherMatrix(stats).get('g')!, V = fisherMatrixVariance(stats).get('g')!;
    for (let k = 0; k < n * n; k++) { sum[k] += F[k]; sumSq[k] += F[k] * F[k]; estimated[k] += V[k] / replicates; }
  }
  let spread = 0, predicted = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i === j) continue;
    const k = i * n + j, mean = sum[k] / replicates;
    // F = ½·A·Aᵀ on average.
    const exact = 0.5 * mix[i].reduce((s, a, c) => s + a * mix[j][c], 0);
    assert.ok(Math.abs(mean - exact) < 0.02, `F[${i},${j}] averages ${mean.toFixed(4)}, expected ${exact}`);
    spread += sumSq[k] / replicates - mean * mean;
    predicted += estimated[k];
  }
  const ratio = predicted / spread;
  assert.ok(ratio > 0.85 && ratio < 1.15, `estimated / observed variance of the cross terms = ${ratio.toFixed(3)}`);
});

/** A group score from calibration statistics (what scoreOn builds), with an activation similarity given. */
function groupOf(n: number, samples: number, mix: number[][], seed: number, pearson?: Float32Array): GroupScore {
  const stats = calibrateOn(n, samples, mix, new Rng(seed));
  const F = fisherMatrix(stats).get('g')!;
  return {
    id: 'g', size: n, dead: [], l1: new Float64Array(n).fill(1), l2: new Float64Array(n).fill(1), taylor: new Float64Array(n).fill(1),
    fisher: Float64Array.from({ length: n }, (_, i) => F[i * n + i]), fisherMatrix: F, fisherVariance: fisherMatrixVariance(stats).get('g')!,
    similarity: pearson ?? new Float32Array(n * n), ...(pearson ? { pearson } : {}),
  };
}

const identity = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
/** Every channel a mix of one shared signal (weight c) and its own. */
const shared = (n: number, c: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n + 1 }, (_, k) => (k === n ? c : k === i ? 1 : 0)));

test('Ledoit–Wolf: noise-only cross terms shrink to the target, well-estimated ones are kept', () => {
  const n = 8;
  // Pure noise: E[F̂_ij²] = Var(F̂_ij), so λ ≈ 1 on average (one draw of 28 pairs scatters: mean of 10).
  const seeds = Array.from({ length: 10 }, (_, s) => s + 1);
  const noise = seeds.reduce((sum, s) => sum + ledoitWolfIntensity(groupOf(n, 30, identity(n), s), 'diagonal'), 0) / seeds.length;
  const signal = ledoitWolfIntensity(groupOf(n, 2000, shared(n, 1), 2), 'diagonal');
  assert.ok(noise > 0.8, `independent gradients on 30 samples: mean λ = ${noise.toFixed(3)}`);
  assert.ok(signal < 0.05, `strongly correlated gradients on 2000 samples: λ = ${signal.toFixed(3)}`);
  // A target that already holds the true correlations (½ on every pair of `shared(n, 1)`) is shrunk to
  // more than the diagonal is, on few samples.
  const truth = Float32Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0.5));
  const g = groupOf(n, 30, shared(n, 1), 3, truth);
  assert.ok(ledoitWolfIntensity(g, 'activation') > ledoitWolfIntensity(g, 'diagonal') + 0.2, 'the true target is preferred');
});

test('shrinkage toward the activation target interpolates each cross term to √(F_ii F_jj)·R_ij; the diagonal is kept', () => {
  const n = 5, R = Float32Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : ((k * 7) % 10) / 10));
  const g = groupOf(n, 50, shared(n, 0.7), 4, R), F = g.fisherMatrix!;
  const f = secondOrderMatrix(g, 0, 0.3, 'activation');
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const want = i === j ? F[i * n + i] : 0.7 * F[i * n + j] + 0.3 * Math.sqrt(F[i * n + i] * F[j * n + j]) * R[i * n + j];
    assert.ok(Math.abs(f(i, j) - want) <= 1e-6 * Math.abs(want) + 1e-12, `(${i},${j}) ${f(i, j)} vs ${want}`);
  }
});

test('the constant-correlation target keeps the group\'s mean Fisher correlation and shrinks the scatter around it by 1−λ', () => {
  const n = 6, g = groupOf(n, 40, shared(n, 0.8), 8), lambda = 0.4;
  const correlations = (f: (i: number, j: number) => number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) out.push(f(i, j) / Math.sqrt(f(i, i) * f(j, j)));
    return out;
  };
  const before = correlations(secondOrderMatrix(g, 0, 0)), after = correlations(secondOrderMatrix(g, 0, lambda, 'constant'));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const spread = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));
  assert.ok(mean(before) > 0.2, 'the fixture has correlated gradients');
  assert.ok(Math.abs(mean(after) - mean(before)) < 1e-6, `mean correlation ${mean(before)} -> ${mean(after)}`);
  assert.ok(Math.abs(spread(after) - (1 - lambda) * spread(before)) < 1e-6, `scatter ${spread(before)} -> ${spread(after)}`);
});

test('hybrid with ledoitWolf=1 builds each group with its own Ledoit–Wolf intensity; scores without variances are refused by name', async () => {
  const groups = [groupOf(6, 25, shared(6, 0.5), 5), { ...groupOf(6, 400, shared(6, 1.5), 6), id: 'h' }];
  const lambdas = groups.map((g) => ledoitWolfIntensity(g, 'diagonal'));
  assert.ok(Math.abs(lambdas[0] - lambdas[1]) > 0.1, `the two groups differ (λ = ${lambdas.map((l) => l.toFixed(3))})`);
  for (const [gi, g] of groups.entries()) {
    const auto = hybridQubo(g, { ledoitWolf: true, scale: 1 }), fixed = hybridQubo(g, { shrinkage: lambdas[gi], scale: 1 });
    assert.deepEqual([...auto.lin, ...auto.W], [...fixed.lin, ...fixed.W]);
  }
  const scores: ScoreResult = { groups, meta: { samples: 25, patch: 8, seed: 0, backend: 'test', seconds: 0 } };
  const solved = await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, perLayer: true, seed: 1, reads: 2, sweeps: 100, formulation: { ledoitWolf: 1, shrinkTarget: 1 } });
  assert.deepEqual((solved.info?.weights as Record<string, number>).ledoitWolf, 1, 'recorded in the solution');
  const old = { ...scores, groups: groups.map(({ fisherVariance: _, ...g }) => g) };
  await assert.rejects(solvePruning(old, { method: 'hybrid', sparsity: 0.5, perLayer: true, formulation: { ledoitWolf: 1 } }), /Ledoit–Wolf shrinkage needs the Fisher matrix and its sampling variances.*group 'g'/);
});

test('the variances travel in scores.json and on the wire', () => {
  const g = groupOf(4, 20, shared(4, 1), 7);
  const scores: ScoreResult = { groups: [g], meta: { samples: 20, patch: 8, seed: 0, backend: 'test', seconds: 0 } };
  assert.deepEqual(Array.from(scoresFromJson(scoresToJson(scores)).groups[0].fisherVariance!), Array.from(g.fisherVariance!));
  const back = scoreResultFromWire(scoreResultToWire(scores), { patch: 8, seed: 0 });
  assert.deepEqual(Array.from(back.groups[0].fisherVariance!), Array.from(g.fisherVariance!));
});
