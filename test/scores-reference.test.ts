/**
 * The scores against an independent reference: on small networks, the exact loss increase of
 * removing each single filter (and each pair, in one group) is computed by brute force with
 * physical surgery on the calibration patches, and compared with what the scores predict: the
 * first-order change −ḡ_i (the signed mean), the per-sample Taylor score mean|g_n|, the Fisher diagonal and the Fisher-matrix
 * cross terms. A mis-gated or mis-indexed score drops these correlations to chance.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, tf } from '../src/engine/backend.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { analyzeChannels, ChannelGraph, KeepMasks } from '../src/prune/graph.js';
import type { CompensationSpec } from '../src/prune/compensation.js';
import { prune } from '../src/prune/surgery.js';
import { calibrate, calibrationPatches } from '../src/score/calibration.js';
import { fisherMatrix, TaylorImportance } from '../src/score/importance.js';
import { loadModel } from '../src/io/model-io.js';
import type { PatchBatch } from '../src/data/patches.js';
import { ROOT } from './helpers.js';
import path from 'node:path';

function ranks(v: number[]): number[] {
  const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(v.length);
  order.forEach(([, i], k) => (r[i] = k));
  return r;
}

function spearman(a: number[], b: number[]): number {
  const ra = ranks(a), rb = ranks(b), n = a.length, ma = (n - 1) / 2;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) { num += (ra[i] - ma) * (rb[i] - ma); da += (ra[i] - ma) ** 2; db += (rb[i] - ma) ** 2; }
  return num / Math.sqrt(da * db);
}

/** The MSE on the patches of the model with `keep`'s filters physically removed (and compensated). */
async function exactLoss(model: tf.LayersModel, graph: ChannelGraph, batches: PatchBatch[], keep: KeepMasks, compensation?: CompensationSpec): Promise<number> {
  const m = keep.size ? await prune(model, keep, graph, compensation) : model;
  let sum = 0, count = 0;
  for (const b of batches) {
    const out = tf.tidy(() => tf.mean(tf.square(tf.sub(m.predict(tf.tensor4d(b.noisy, [b.n, b.patch, b.patch, b.channels])) as tf.Tensor, tf.tensor4d(b.clean, [b.n, b.patch, b.patch, b.channels])))).dataSync()[0]);
    sum += out * b.n; count += b.n;
  }
  if (m !== model) m.dispose();
  return sum / count;
}

test('scores predict the brute-force loss increase of removing filters and pairs (trained demo denoiser)', async (t) => {
  await initBackend('wasm');
  const { model } = await loadModel(path.join(ROOT, 'models/demo-dncnn-s25'));
  const graph = analyzeChannels(model);
  const source = await openDataset('procedural:deadleaves:8:48', { noise: parseNoise('gaussian:25'), seed: 3 });
  const opts = { samples: 8, patch: 40, batch: 8, seed: 5 };
  const stats = await calibrate(model, source, opts, graph);
  const F = fisherMatrix(stats);
  // The same patches, for the exact losses.
  const batches: PatchBatch[] = [];
  for await (const b of calibrationPatches(source, opts)) batches.push(b);
  const loss = (keep: KeepMasks) => exactLoss(model, graph, batches, keep);
  const L0 = await loss(new Map());
  const without = (g: string, size: number, drop: number[]) => new Map([[g, Uint8Array.from({ length: size }, (_, i) => (drop.includes(i) ? 0 : 1))]]);
  const exact: number[] = [], firstOrder: number[] = [], fisher: number[] = [];
  const taylor = [...new TaylorImportance(stats).scores().values()].flatMap((v) => [...v]);
  for (const g of stats.groups) {
    for (let i = 0; i < g.size; i++) {
      exact.push((await loss(without(g.id, g.size, [i]))) - L0);
      firstOrder.push(-g.sumG[i] / stats.samples);
      fisher.push(g.sumG2[i] / (2 * stats.samples));
    }
  }
  const rhoFisher = spearman(exact, fisher), rhoFirst = spearman(exact, firstOrder), rhoTaylor = spearman(exact, taylor);
  t.diagnostic(`${exact.length} filters: Spearman(exact ΔL, Fisher) = ${rhoFisher.toFixed(3)}, (exact ΔL, Taylor mean|g_n|) = ${rhoTaylor.toFixed(3)}, (exact ΔL, −ḡ) = ${rhoFirst.toFixed(3)}`);
  // Pairs in the largest group: the interaction ΔL_ij − ΔL_i − ΔL_j against the Fisher cross term F_ij.
  const g = stats.groups.reduce((a, b) => (b.size > a.size ? b : a));
  const single = [];
  for (let i = 0; i < g.size; i++) single.push((await loss(without(g.id, g.size, [i]))) - L0);
  const inter: number[] = [], cross: number[] = [];
  const Fg = F.get(g.id)!;
  for (let i = 0; i < g.size; i++) for (let j = i + 1; j < g.size; j += 3) {
    inter.push((await loss(without(g.id, g.size, [i, j]))) - L0 - single[i] - single[j]);
    cross.push(Fg[i * g.size + j]);
  }
  const rhoCross = spearman(inter, cross);
  t.diagnostic(`${inter.length} pairs of ${g.id}: Spearman(exact interaction, F_ij) = ${rhoCross.toFixed(3)}`);
  assert.ok(rhoFisher > 0.5, `Fisher diagonal ranks removal costs: ${rhoFisher}`);
  assert.ok(rhoTaylor > 0.5, `per-sample Taylor ranks removal costs: ${rhoTaylor}`);
  assert.ok(rhoCross > 0.3, `Fisher cross terms rank pair interactions: ${rhoCross}`);
  // Sign: removing a filter of the trained model never helps by more than noise (no filter is harmful).
  assert.ok(exact.filter((d) => d < -1e-4 * L0).length <= exact.length / 10, 'few filters whose removal lowers the loss');
});

test('removal mean: centred scores predict the brute-force loss increase of removals compensated by the mean', async (t) => {
  await initBackend('wasm');
  const { model } = await loadModel(path.join(ROOT, 'models/demo-dncnn-s25'));
  const graph = analyzeChannels(model);
  const source = await openDataset('procedural:deadleaves:8:48', { noise: parseNoise('gaussian:25'), seed: 3 });
  const opts = { samples: 8, patch: 40, batch: 8, seed: 5 };
  const centred = await calibrate(model, source, { ...opts, removal: 'mean' }, graph);
  const plain = await calibrate(model, source, opts, graph);
  const batches: PatchBatch[] = [];
  for await (const b of calibrationPatches(source, opts)) batches.push(b);
  const compensation = { mode: 'mean' as const, inputs: centred.inputStats };
  const loss = (keep: KeepMasks) => exactLoss(model, graph, batches, keep, compensation);
  const L0 = await loss(new Map());
  const exact: number[] = [], fisherCentred: number[] = [], fisherPlain: number[] = [];
  for (const [k, g] of centred.groups.entries()) {
    for (let i = 0; i < g.size; i++) {
      exact.push((await loss(new Map([[g.id, Uint8Array.from({ length: g.size }, (_, j) => (j === i ? 0 : 1))]]))) - L0);
      fisherCentred.push(g.sumG2[i]);
      fisherPlain.push(plain.groups[k].sumG2[i]);
    }
  }
  const taylorCentred = [...new TaylorImportance(centred).scores().values()].flatMap((v) => [...v]);
  const taylorPlain = [...new TaylorImportance(plain).scores().values()].flatMap((v) => [...v]);
  const rho = { fisherCentred: spearman(exact, fisherCentred), fisherPlain: spearman(exact, fisherPlain), taylorCentred: spearman(exact, taylorCentred), taylorPlain: spearman(exact, taylorPlain) };
  t.diagnostic(`${exact.length} filters, ΔL with mean compensation: Spearman Fisher centred ${rho.fisherCentred.toFixed(3)} (plain ${rho.fisherPlain.toFixed(3)}), Taylor centred ${rho.taylorCentred.toFixed(3)} (plain ${rho.taylorPlain.toFixed(3)})`);
  // Both rank single removals about equally well on this BN network (0.78 vs 0.81 when written); the
  // centred ones are the first-order model of what is done, and must stay a good ranking of it.
  assert.ok(rho.fisherCentred > 0.6 && rho.taylorCentred > 0.6, 'centred scores rank compensated removals');
});
