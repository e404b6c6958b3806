import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../src/engine/backend.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { patchBatches } from '../src/data/patches.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { createMaskedModel } from '../src/prune/mask.js';
import { calibrate } from '../src/score/calibration.js';
import { TaylorImportance } from '../src/score/importance.js';
import { centredGates } from '../src/score/accumulator.js';
import { scoreModel, scoresFromJson, scoresToJson } from '../src/score/scores.js';
import { halfUnet, dncnnLike } from './fixtures/prune-models.js';

await initBackend('wasm');

// Removal 'zero': the derivative of L_n w.r.t. a channel's gate (a -> t·a at t = 1). Removal 'mean': w.r.t. t in
// a -> μ + t·(a − μ) on the gates compensation folds into (the removal that leaves the mean), i.e. g − μ·Σ∂L/∂a.
for (const removal of ['zero', 'mean'] as const) test(`Taylor and Fisher equal per-sample finite differences of the loss w.r.t. channel gates, removal ${removal} (1e-3 relative)`, async (t) => {
  const model = halfUnet(); // a group whose channels pass three gates (l1b, l2, l3 added at full resolution)
  const graph = analyzeChannels(model);
  const source = await openDataset('procedural:deadleaves:3:32', { noise: parseNoise('gaussian:25'), seed: 4 });
  const opts = { samples: 4, patch: 16, batch: 2, seed: 7, removal };
  const stats = await calibrate(model, source, opts, graph);
  // Finite differences in float32 err by an absolute amount: errors are relative to the plain (removal
  // zero) scores, which the centred ones undercut by up to 100x where a channel's mean carries its effect.
  const plain = removal === 'zero' ? stats : await calibrate(model, source, { ...opts, removal: 'zero' }, graph);
  const [{ noisy, clean, n, patch: p, channels: c }] = await (async () => {
    const all = [];
    for await (const b of patchBatches(source, { patch: 16, batch: 4, mode: 'random', count: 4, seed: 7 })) all.push(b);
    return all;
  })();
  assert.equal(n, 4);
  const masked = createMaskedModel(model, graph);
  const x = tf.tensor4d(noisy, [n, p, p, c]), y = tf.tensor4d(clean, [n, p, p, c]);
  const centred = centredGates(masked.gates, removal, (name) => model.getLayer(name).getClassName());
  if (removal === 'mean') assert.ok(centred.filter(Boolean).length >= 3, 'the fixture has compensated gates');
  const meanOf = (gate: number) => stats.inputStats.get(masked.gates[gate].consumer)!.mean;
  const lossPerSample = (gateValues: Float32Array[], shifts: Float32Array[]) => tf.tidy(() => {
    masked.gates.forEach((g, i) => (g.layer.override = tf.tensor4d(gateValues[i], [n, 1, 1, g.slots.length])));
    masked.gates.forEach((g, i) => (g.layer.shift = tf.tensor4d(shifts[i], [n, 1, 1, g.slots.length])));
    const out = masked.model.predict(x) as tf.Tensor;
    return tf.mean(tf.square(tf.sub(out, y)), [1, 2, 3]).dataSync();
  });
  // Central differences in float32: h = 3e-4 balances truncation (ReLU/pooling kinks) against rounding.
  const h = removal === 'zero' ? 3e-4 : 1e-3;
  let checked = 0;
  for (const gs of stats.groups) {
    const gi = graph.groups.findIndex((g) => g.id === gs.id);
    const gN: number[][] = Array.from({ length: gs.size }, () => new Array(n).fill(0));
    for (let ch = 0; ch < gs.size; ch++) {
      for (const sign of [1, -1]) {
        const hit = (slot: number) => graph.classGroup[slot] === gi && graph.classIndex[slot] === ch;
        const values = masked.gates.map((g) => {
          const v = new Float32Array(n * g.slots.length).fill(1);
          g.slots.forEach((slot, k) => { if (hit(slot)) for (let s = 0; s < n; s++) v[s * g.slots.length + k] = 1 + sign * h; });
          return v;
        });
        // μ + (1 ± h)(a − μ) = (1 ± h)·a ∓ h·μ on a centred gate.
        const shifts = masked.gates.map((g, gate) => {
          const v = new Float32Array(n * g.slots.length);
          if (centred[gate]) g.slots.forEach((slot, k) => { if (hit(slot)) for (let s = 0; s < n; s++) v[s * g.slots.length + k] = -sign * h * meanOf(gate)[k]; });
          return v;
        });
        const l = lossPerSample(values, shifts);
        for (let s = 0; s < n; s++) gN[ch][s] += (sign * l[s]) / (2 * h);
      }
    }
    const taylor = gN.map((v) => v.reduce((a, b) => a + Math.abs(b), 0) / n);
    const fisher = gN.map((v) => v.reduce((a, b) => a + b * b, 0) / (2 * n));
    const rel = (got: ArrayLike<number>, want: ArrayLike<number>, scale: ArrayLike<number>) => Math.sqrt(Array.from(want).reduce((s, w, i) => s + (got[i] - w) ** 2, 0) / Array.from(scale).reduce((s, w) => s + w * w, 0));
    const gotT = new TaylorImportance(stats).scores().get(gs.id)!;
    const gotF = gs.sumG2.map((v) => v / (2 * n));
    const plainGroup = plain.groups.find((g) => g.id === gs.id)!;
    const plainT = new TaylorImportance(plain).scores().get(gs.id)!, plainF = plainGroup.sumG2.map((v) => v / (2 * n));
    if (removal === 'mean' && gs.id === 'g0') assert.ok(rel(gotT, plainT, plainT) > 0.05, `${gs.id}: centring changes the Taylor scores (${rel(gotT, plainT, plainT)})`);
    const errT = rel(gotT, taylor, plainT), errF = rel(gotF, fisher, plainF);
    t.diagnostic(`${removal}: ${gs.id} (${graph.groups[gi].producers.join('+')}): Taylor rel err ${errT.toExponential(2)}, Fisher ${errF.toExponential(2)}`);
    assert.ok(errT < 1e-3, `${gs.id} Taylor: ${errT}`);
    assert.ok(errF < 1e-3, `${gs.id} Fisher: ${errF}`);
    checked++;
  }
  assert.ok(checked >= 3);
  masked.gates.forEach((g) => { g.layer.override = undefined; g.layer.shift = undefined; });
  masked.dispose();
  tf.dispose([x, y]);
});

test('similarity matrices are symmetric, unit-diagonal, in [0,1], NaN-free; dead channels are reported', async () => {
  const model = dncnnLike();
  // Kill channel 3 of conv1 (no BN after conv1): zero filter and bias -> ReLU output is all zero.
  const conv1 = model.getLayer('conv1');
  const [k, b] = conv1.getWeights();
  const kd = k.dataSync().slice(), bd = b.dataSync().slice();
  for (let i = 3; i < kd.length; i += 12) kd[i] = 0;
  bd[3] = -1;
  conv1.setWeights([tf.tensor(kd, k.shape), tf.tensor(bd, b.shape)]);
  const source = await openDataset('procedural:deadleaves:4:32', { noise: parseNoise('gaussian:25'), seed: 1 });
  const result = await scoreModel(model, source, { samples: 6, patch: 24, batch: 3, seed: 2 });
  const roundTrip = scoresFromJson(scoresToJson(result));
  assert.deepEqual(roundTrip.groups.map((g) => Array.from(g.fisher)), result.groups.map((g) => Array.from(g.fisher)));
  for (const g of result.groups) {
    for (const m of [g.similarity, g.pearson!]) {
      for (let i = 0; i < g.size; i++) {
        assert.equal(m[i * g.size + i], 1);
        for (let j = 0; j < g.size; j++) {
          const v = m[i * g.size + j];
          assert.ok(Number.isFinite(v) && v >= 0 && v <= 1, `${g.id}[${i},${j}] = ${v}`);
          assert.equal(v, m[j * g.size + i]);
        }
      }
    }
    for (const arr of [g.l1, g.l2, g.taylor, g.fisher]) assert.ok(arr.every(Number.isFinite));
  }
  const g0 = result.groups.find((g) => g.id === 'g0')!;
  assert.deepEqual(g0.dead, [3]);
  assert.equal(g0.taylor[3], 0);
  assert.equal(g0.fisher[3], 0);
  assert.ok(result.groups.every((g) => g.id === 'g0' || !g.dead.includes(3) || g.dead.length >= 0));
  assert.equal(result.meta.samples, 6);
});

test('importance interface: per-group L2 normalisation gives unit-norm score vectors', async () => {
  const { WeightNormImportance, normalized } = await import('../src/score/importance.js');
  const model = dncnnLike();
  const scores = normalized(new WeightNormImportance(model, analyzeChannels(model), 1)).scores();
  assert.ok(scores.size >= 4);
  for (const v of scores.values()) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-9);
});

test('receptive field from the layer graph: convs, dilation, strides, pooling, upsampling, merges; default patch >= 2x RF', async () => {
  const { receptiveField, calibrationPatchFor } = await import('../src/model/receptive-field.js');
  await initBackend('cpu');
  const conv = (k: number, o: Partial<{ strides: number; dilationRate: number }> = {}) => tf.layers.conv2d({ filters: 2, kernelSize: k, padding: 'same', ...o });
  const chain = (...layers: tf.layers.Layer[]) => {
    const input = tf.input({ shape: [32, 32, 1] });
    return tf.model({ inputs: input, outputs: layers.reduce<tf.SymbolicTensor>((t, l) => l.apply(t) as tf.SymbolicTensor, input) });
  };
  assert.equal(receptiveField(chain(conv(3), conv(3), conv(3))), 7);
  assert.equal(receptiveField(chain(conv(3, { dilationRate: 2 }), conv(3))), 7);
  assert.equal(receptiveField(chain(conv(3, { strides: 2 }), conv(3))), 7); // 3, then +2 steps of 2
  assert.equal(receptiveField(chain(tf.layers.maxPooling2d({ poolSize: 2 }), conv(3), tf.layers.upSampling2d({ size: [2, 2] }), conv(3))), 8); // 2, +2·2, then +2·1
  // Two branches added: the wider one counts.
  const input = tf.input({ shape: [32, 32, 1] });
  const a = conv(5).apply(input) as tf.SymbolicTensor, b = conv(3).apply(conv(3).apply(input)) as tf.SymbolicTensor;
  assert.equal(receptiveField(tf.model({ inputs: input, outputs: tf.layers.add().apply([a, b]) as tf.SymbolicTensor })), 5);
  const deep = chain(...Array.from({ length: 17 }, () => conv(3))); // DnCNN-17: 35 px
  assert.equal(receptiveField(deep), 35);
  assert.equal(calibrationPatchFor(deep), 72);
  assert.equal(calibrationPatchFor(chain(conv(3))), 64);
});
