/**
 * The reconstruction-grounded quadratic (issue #15's third formulation): its matrix is the expected
 * energy a removal takes out of the next layer's output, checked against that energy computed by
 * convolution; real scores carry it for every group of a conv chain, through JSON and the wire; the
 * formulation refuses scores without it by name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { dncnnLike } from './fixtures/prune-models.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { reconstructionMatrices } from '../src/score/reconstruction.js';
import { scoreModel, scoresFromJson, scoresToJson } from '../src/score/scores.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { scoreResultFromWire, scoreResultToWire } from '../src/transport/wire.js';
import { qprune } from '../src/wire/qprune.js';
import { solvePruning } from '../src/pipeline/solve.js';
import { Rng } from '../src/data/rng.js';

await initBackend('wasm');

test('R is the energy a removal takes out of the next conv\'s output after its BatchNorm (channel-correlated, spatially white activations)', (t) => {
  const model = dncnnLike();
  const graph = analyzeChannels(model);
  const n = 12, side = 120, rng = new Rng(4);
  // a(p) = μ + M·u(p), u i.i.d. over positions and channels: channels correlate, positions do not.
  const M = Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0) + 0.6 * rng.normal());
  const mu = Float64Array.from({ length: n }, () => 1 + rng.next());
  const a = new Float32Array(side * side * n);
  for (let p = 0; p < side * side; p++) {
    const u = Array.from({ length: n }, () => rng.normal());
    for (let i = 0; i < n; i++) {
      let v = mu[i];
      for (let j = 0; j < n; j++) v += M[i * n + j] * u[j];
      a[p * n + i] = v;
    }
  }
  const P = side * side, mean = new Float64Array(n), cov = new Float64Array(n * n);
  for (let p = 0; p < P; p++) for (let i = 0; i < n; i++) mean[i] += a[p * n + i] / P;
  for (let p = 0; p < P; p++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cov[i * n + j] += ((a[p * n + i] - mean[i]) * (a[p * n + j] - mean[j])) / P;
  const R = reconstructionMatrices(model, graph, new Map([['conv2', { mean, covariance: cov }]])).get('g0');
  assert.ok(R, 'the group feeding conv2 gets a matrix');
  const kernel = model.getLayer('conv2').getWeights()[0];
  // conv2 feeds bn2: the change counts in bn2's output unit, z·γ/√(σ²+ε).
  const [gamma, , , variance] = model.getLayer('bn2').getWeights().map((w) => w.dataSync());
  const eps = (model.getLayer('bn2').getConfig() as { epsilon: number }).epsilon;
  const bnScale = tf.tensor1d(Float32Array.from(gamma, (g, o) => g / Math.sqrt(variance[o] + eps)));
  for (const removed of [[3], [0, 5, 7], [1, 2, 4, 8, 9, 11]]) {
    // Δz = W ⊛ (ã on the removed channels), measured where the whole kernel lies inside the map.
    const energy = tf.tidy(() => {
      const sel = Float32Array.from({ length: n }, (_, i) => (removed.includes(i) ? 1 : 0));
      const delta = tf.mul(tf.sub(tf.tensor4d(a, [1, side, side, n]), tf.tensor1d(Float32Array.from(mean))), tf.tensor1d(sel));
      const dz = tf.conv2d(delta as tf.Tensor4D, kernel as tf.Tensor4D, 1, 'valid');
      return tf.sum(tf.square(tf.mul(dz, bnScale))).dataSync()[0] / ((side - 2) * (side - 2));
    });
    let predicted = 0;
    for (const i of removed) for (const j of removed) predicted += R![i * n + j];
    t.diagnostic(`removing ${removed}: predicted / measured ${(predicted / energy).toFixed(4)}`);
    assert.ok(Math.abs(predicted - energy) / energy < 0.05, `removing ${removed}: (1−x)ᵀR(1−x) = ${predicted.toFixed(4)}, measured ${energy.toFixed(4)}`);
  }
  // A consumer without input statistics leaves its group without a matrix (never a partial one).
  assert.equal(reconstructionMatrices(model, graph, new Map()).size, 0);
  model.dispose();
});

test('scores carry R for every group of a conv chain, through JSON and the wire; the formulation solves and refuses scores without it', async () => {
  const model = dncnnLike();
  const source = await openDataset('procedural:deadleaves:4:32', { noise: parseNoise('gaussian:25'), seed: 1 });
  const scores = await scoreModel(model, source, { samples: 6, patch: 24, batch: 3, seed: 2, removal: 'mean' });
  for (const g of scores.groups) {
    const R = g.reconstruction;
    assert.ok(R, `${g.id} has a reconstruction matrix`);
    for (let i = 0; i < g.size; i++) {
      assert.ok(R[i * g.size + i] >= 0, `${g.id}: R_ii >= 0`);
      for (let j = 0; j < g.size; j++) assert.ok(Math.abs(R[i * g.size + j] - R[j * g.size + i]) <= 1e-6 * Math.abs(R[i * g.size + j]) + 1e-12, `${g.id}: symmetric at ${i},${j}`);
    }
  }
  const back = scoresFromJson(scoresToJson(scores));
  assert.deepEqual(back.groups.map((g) => Array.from(g.reconstruction!)), scores.groups.map((g) => Array.from(g.reconstruction!)));
  const wire = qprune.ScoreResult.decode(qprune.ScoreResult.encode(scoreResultToWire(scores)).finish());
  const fromWire = scoreResultFromWire(wire, { patch: 24, seed: 2 });
  assert.deepEqual(fromWire.groups.map((g) => Array.from(g.reconstruction!)), scores.groups.map((g) => Array.from(g.reconstruction!)));
  for (const perLayer of [true, false]) {
    const sol = await solvePruning(scores, { method: 'reconstruction', sparsity: 0.5, perLayer, seed: 1, reads: 4, sweeps: 300 });
    assert.equal(sol.groups.reduce((s, g) => s + g.keep.length, 0), Math.round(scores.groups.reduce((s, g) => s + g.size, 0) / 2));
  }
  const old = { ...scores, groups: scores.groups.map(({ reconstruction: _, ...g }) => g) };
  await assert.rejects(solvePruning(old, { method: 'reconstruction', sparsity: 0.5, perLayer: true, seed: 1 }), /reconstruction matrices: re-score/);
  model.dispose();
});
