/**
 * Compensation of removed channels (src/prune/compensation.ts): a channel that is an exact linear
 * function of the kept ones is restored by 'linear' (and is not by 'none'); the compensated surgery,
 * the compensated export and the export of the compensated model compute the same function on every
 * fixture kind (conv without bias + BN, concat skips, transposed conv); the statistics travel intact,
 * and a request that cannot be met says why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { dncnnLike, unet } from './fixtures/prune-models.js';
import { analyzeChannels, KeepMasks } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { exportOnnx } from '../src/onnx/export.js';
import { OrtModel } from '../src/onnx/ort-engine.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { calibrate } from '../src/score/calibration.js';
import { Rng } from '../src/data/rng.js';
import { maxDiff } from './support/arrays.js';
import { compensationOf, type ActiveCompensation, type CompensationSpec } from '../src/prune/compensation.js';
import { decodeEvalJob, encodeEvalJob, packInputStats, unpackInputStats } from '../src/transport/wire.js';
import { BadRequest } from '../src/errors.js';
import { jobFromSpec, jobToSpec, parsePruneJob } from '../src/pipeline/job.js';
import { qprune } from '../src/wire/qprune.js';

await initBackend('wasm');

const data = await openDataset('procedural:deadleaves:6:32', { noise: parseNoise('gaussian:25'), seed: 1 });

async function specFor(model: tf.LayersModel, mode: ActiveCompensation): Promise<CompensationSpec> {
  const stats = await calibrate(model, data, { samples: 12, patch: 16, batch: 4, seed: 2 });
  return { mode, inputs: stats.inputStats };
}

/** Max |a − b| over pixels at least `margin` from the border of [n, h, w, 1] outputs. */
function interiorDiff(a: ArrayLike<number>, b: ArrayLike<number>, h: number, w: number, margin: number): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const y = Math.floor(i / w) % h, x = i % w;
    if (y >= margin && y < h - margin && x >= margin && x < w - margin) m = Math.max(m, Math.abs(a[i] - b[i]));
  }
  return m;
}

test('linear compensation restores a removed channel that is a linear function of the kept ones; none does not', async () => {
  const input = tf.input({ shape: [null, null, 1], name: 'in' });
  const a = tf.layers.conv2d({ name: 'a', filters: 4, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor;
  const b = tf.layers.conv2d({ name: 'b', filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(a) as tf.SymbolicTensor;
  const out = tf.layers.conv2d({ name: 'c', filters: 1, kernelSize: 3, padding: 'same' }).apply(b) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  const rng = new Rng(4);
  const [k, bias] = model.getLayer('a').getWeights().map((w) => Float32Array.from(w.dataSync(), () => rng.normal() * 0.5));
  // Filter 3 = 2·filter 0 − filter 1, bias offset 0.3: a_3 = 2a_0 − a_1 + 0.3 at every pixel.
  for (let t = 0; t < 9; t++) k[t * 4 + 3] = 2 * k[t * 4] - k[t * 4 + 1];
  bias[3] = 2 * bias[0] - bias[1] + 0.3;
  model.getLayer('a').setWeights([tf.tensor(k, [3, 3, 1, 4]), tf.tensor(bias)]);
  const graph = analyzeChannels(model);
  const groupA = graph.groups.find((g) => g.producers.includes('a'))!;
  const keep: KeepMasks = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, new Uint8Array(g.size).fill(1)]));
  keep.set(groupA.id, Uint8Array.from([1, 1, 1, 0]));
  const x = tf.randomUniform([2, 20, 20, 1], 0, 1, 'float32', 9);
  const full = (model.predict(x) as tf.Tensor).dataSync();
  const scale = Math.max(...full.map(Math.abs));
  const errors: Record<string, number> = {};
  for (const mode of ['none', 'mean', 'linear'] as const) {
    const pruned = await prune(model, keep, graph, mode === 'none' ? undefined : await specFor(model, mode));
    assert.equal(pruned.getLayer('b').getWeights()[0].shape[2], 3, 'the channel is physically gone');
    // Zero padding sees the removed channel's constant part differently at the border: the two
    // convs after it reach 2 pixels in.
    errors[mode] = interiorDiff((pruned.predict(x) as tf.Tensor).dataSync(), full, 20, 20, 2) / scale;
  }
  assert.ok(errors.linear < 5e-3, `linear: relative error ${errors.linear}`);
  assert.ok(errors.none > 20 * errors.linear, `none ${errors.none} vs linear ${errors.linear}`);
});

test('compensated surgery, compensated export and the export of the compensated model agree (BN without conv bias, concat skips, transposed conv)', async () => {
  for (const [name, model] of [['dncnn-like', dncnnLike()], ['unet', unet()]] as const) {
    const graph = analyzeChannels(model);
    const rng = new Rng(7);
    const keep: KeepMasks = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i === 0 || rng.next() < 0.6 ? 1 : 0))]));
    const x = tf.randomUniform([2, 16, 16, 1], 0, 1, 'float32', 3);
    const plain = ((await prune(model, keep, graph)).predict(x) as tf.Tensor).dataSync();
    for (const mode of ['mean', 'linear'] as const) {
      const spec = await specFor(model, mode);
      const pruned = await prune(model, keep, graph, spec);
      const want = (pruned.predict(x) as tf.Tensor).dataSync();
      assert.ok(maxDiff(want, plain) > 1e-3, `${name} ${mode}: compensation changed nothing`);
      for (const bytes of [exportOnnx(model, { keep, compensation: spec }), exportOnnx(pruned)]) {
        const ort = await OrtModel.create(bytes, { threads: 1 });
        const got = await ort.runBatch(x.dataSync() as Float32Array, [2, 16, 16, 1]);
        await ort.release();
        const m = maxDiff(got.data, want);
        assert.ok(m < 1e-4, `${name} ${mode}: ONNX vs tfjs max difference ${m}`);
      }
    }
  }
});

test('input statistics and compensation travel intact; wrong requests are named', async () => {
  const model = dncnnLike();
  const spec = await specFor(model, 'linear');
  const back = unpackInputStats(packInputStats(spec.inputs));
  assert.deepEqual([...back.keys()], [...spec.inputs.keys()]);
  for (const [layer, s] of spec.inputs) {
    assert.deepEqual(back.get(layer)!.mean, s.mean);
    assert.deepEqual(back.get(layer)!.covariance, s.covariance);
    const c = s.mean.length;
    // A covariance matrix: symmetric, non-negative diagonal.
    for (let i = 0; i < c; i++) {
      assert.ok(s.covariance![i * c + i] >= -1e-9);
      for (let j = 0; j < i; j++) assert.ok(Math.abs(s.covariance![i * c + j] - s.covariance![j * c + i]) < 1e-9);
    }
  }
  const keep: KeepMasks = new Map([['g', Uint8Array.from([1, 0])]]);
  const job = decodeEvalJob(encodeEvalJob('run', 'm', 'b', [keep], false, { mode: 'linear', statsKey: 'input-stats-1' }));
  assert.deepEqual(job.compensation, { mode: 'linear', statsKey: 'input-stats-1' });
  assert.equal(decodeEvalJob(encodeEvalJob('run', 'm', 'b', [keep], false)).compensation, undefined);
  const bogus = qprune.EvalJob.encode({ runId: 'run', modelKey: 'm', batchKey: 'b', candidates: [{ masks: [{ group: 'g', mask: Uint8Array.from([1]) }] }], compensation: 'cubic', inputStatsKey: 'k' }).finish();
  assert.throws(() => decodeEvalJob(bogus), (e: unknown) => e instanceof BadRequest && /compensation must be mean or linear, got 'cubic'/.test(String(e)));
  assert.throws(() => unpackInputStats(qprune.InputStatsSet.encode({ inputs: [{ layer: 'x', mean: new Uint8Array(8), covariance: new Uint8Array(16) }] }).finish()), /input covariance of x: expected 1 float64/);

  const base = { model: 'm', data: 'd', sparsity: 0.5, method: 'fisher', out: 'o' };
  assert.equal(parsePruneJob(base).compensate, 'none');
  assert.equal(jobFromSpec(qprune.PruneJobSpec.decode(qprune.PruneJobSpec.encode(jobToSpec(parsePruneJob({ ...base, compensate: 'linear' }))).finish())).compensate, 'linear');
  assert.throws(() => parsePruneJob({ ...base, compensate: 'cubic' as never }), /compensate/);
  const old = { groups: [], meta: { samples: 1, patch: 8, seed: 0, backend: 'wasm', seconds: 0, data: 'old.json' } };
  assert.equal(compensationOf(old, 'none'), undefined);
  assert.throws(() => compensationOf(old, 'mean'), /compensate mean needs the input statistics .*score again/);
});
