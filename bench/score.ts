/**
 * bench:score — the scorer on the real DnCNN-17 (../shared), σ=25:
 *  1. calibration time for 64 patches of 64x64 from train400 (goal < 60 s on this 2-core machine);
 *  2. usefulness: for 3 layers, zero each channel in turn and measure the loss (MSE) increase on 16
 *     held-out BSD68 crops (64x64, onnxruntime); Spearman correlation of Taylor, Fisher and L1 with it.
 *   npm run bench:score
 */
import path from 'node:path';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { scoreModel } from '../src/score/scores.js';
import { analyzeChannels, KeepMasks } from '../src/prune/graph.js';
import { buildValidationBatch, CandidateEvaluator } from '../src/eval/candidates.js';
import { setLogLevel } from '../src/log.js';
import { requireShared, SHARED } from './shared.js';

setLogLevel('warn');
const modelPath = requireShared('bench:score');
const backend = await initBackend(process.env.QPRUNE_BACKEND ?? 'wasm');
const { model } = await loadModel(modelPath);
const graph = analyzeChannels(model);
const noise = parseNoise('gaussian:25');
const calib = await openDataset(path.join(SHARED, 'data/train400'), { noise, seed: 0, channels: 1 });
const result = await scoreModel(model, calib, { samples: 64, patch: 64, batch: 8, seed: 0 }, graph);
console.log(`calibration: 64 patches 64x64 (train400, σ=25) on ${backend.name}: ${result.meta.seconds.toFixed(1)} s, ${(64 / result.meta.seconds).toFixed(2)} samples/s (goal < 60 s)`);
console.log(`dead channels: ${result.groups.map((g) => g.dead.length ? `${g.id}:[${g.dead.join(',')}]` : '').filter(Boolean).join(' ') || 'none'}`);

/** Spearman rank correlation (average ranks for ties). */
function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const rank = (v: ArrayLike<number>) => {
    const idx = Array.from({ length: v.length }, (_, i) => i).sort((i, j) => v[i] - v[j]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < idx.length;) {
      let j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
      for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a), rb = rank(b);
  const mean = (ra.length - 1) / 2;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - mean) * (rb[i] - mean);
    da += (ra[i] - mean) ** 2;
    db += (rb[i] - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

const held = await openDataset(path.join(SHARED, 'data/bsd68'), { noise, seed: 1, channels: 1 });
const batch = await buildValidationBatch(held, 16, 64);
const evaluator = new CandidateEvaluator(model, batch, { ssim: false, sessionCache: 1 }, graph);
const mse = (psnrs: number[]) => psnrs.reduce((s, p) => s + 10 ** (-p / 10), 0) / psnrs.length;
const base = mse((await evaluator.evaluateOne(new Map())).perImagePsnr);
const t0 = performance.now();
console.log('layer (group)        Spearman vs loss increase:  Taylor   Fisher   L1');
for (const id of ['g1', 'g7', 'g13']) {
  const g = result.groups.find((x) => x.id === id)!;
  const increase = new Float64Array(g.size);
  for (let c = 0; c < g.size; c++) {
    const m = new Uint8Array(g.size).fill(1);
    m[c] = 0;
    const keep: KeepMasks = new Map([[id, m]]);
    increase[c] = mse((await evaluator.evaluateOne(keep)).perImagePsnr) - base;
  }
  const producers = graph.groups.find((x) => x.id === id)!.producers.join('+');
  console.log(`${`${producers} (${id})`.padEnd(20)} ${' '.repeat(27)}${spearman(g.taylor, increase).toFixed(3).padStart(6)}   ${spearman(g.fisher, increase).toFixed(3).padStart(6)}   ${spearman(g.l1, increase).toFixed(3).padStart(6)}`);
}
await evaluator.close();
console.log(`(${evaluator.evaluations} single-channel ablations on 16 BSD68 crops 64x64 in ${((performance.now() - t0) / 1000).toFixed(1)} s; base MSE ${base.toExponential(3)})`);
