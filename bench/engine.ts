/**
 * bench:engine — DnCNN-17 (../shared) inference: tfjs-wasm (one worker, this thread) vs onnxruntime
 * with 1 and 2 intra-op threads on BSD68 images (321x481); the 50%-pruned model vs the original on
 * onnxruntime; and the per-candidate overhead of evaluating pruning candidates (export + session
 * creation) against running one candidate on 8 crops of 128x128.
 *   npm run bench:engine
 */
import path from 'node:path';
import { initBackend, tf } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { readImage } from '../src/data/image.js';
import { forwardFlops } from '../src/model/cost.js';
import { denoise } from '../src/engine/inference.js';
import { exportOnnx } from '../src/onnx/export.js';
import { OrtModel } from '../src/onnx/ort-engine.js';
import { analyzeChannels, KeepMasks } from '../src/prune/graph.js';
import { prunedCost } from '../src/prune/cost.js';
import { buildValidationBatch, CandidateEvaluator } from '../src/eval/candidates.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { Rng } from '../src/data/rng.js';
import { setLogLevel } from '../src/log.js';
import { requireShared, SHARED } from './shared.js';

setLogLevel('warn');
const modelPath = requireShared('bench:engine');
await initBackend('wasm');
const { model } = await loadModel(modelPath);
const images = await Promise.all([1, 2, 3, 4].map((i) => readImage(path.join(SHARED, `data/bsd68/test00${i}.png`))));
const flops = (img: { height: number; width: number }) => forwardFlops(model, img.height, img.width);

const rows: string[] = [];
const line = (what: string, n: number, seconds: number, gflop: number) =>
  rows.push(`${what.padEnd(34)} ${String(n).padStart(3)} images  ${seconds.toFixed(2).padStart(6)} s  ${(gflop / seconds).toFixed(1).padStart(6)} GFLOP/s`);

// tfjs-wasm, one single-threaded backend (one pool worker does the same).
denoise(model, images[0]);
let t0 = performance.now();
for (const img of images.slice(0, 2)) denoise(model, img);
const tfjsS = (performance.now() - t0) / 1000;
const tfjsRate = (flops(images[0]) + flops(images[1])) / 1e9 / tfjsS;
line('tfjs-wasm, 1 thread', 2, tfjsS, (flops(images[0]) + flops(images[1])) / 1e9);

const bytes = exportOnnx(model);
const ortRate: Record<number, number> = {};
for (const threads of [1, 2]) {
  const ort = await OrtModel.create(bytes, { threads });
  await ort.denoise(images[0]);
  t0 = performance.now();
  for (const img of images) await ort.denoise(img);
  const s = (performance.now() - t0) / 1000;
  const g = images.reduce((a, img) => a + flops(img), 0) / 1e9;
  ortRate[threads] = g / s;
  line(`onnxruntime, ${threads} thread${threads > 1 ? 's' : ''}`, images.length, s, g);
  await ort.release();
}

// Pruned 50% vs original on onnxruntime (2 threads).
const graph = analyzeChannels(model);
const half: KeepMasks = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i % 2 === 0 ? 1 : 0))]));
const prunedOrt = await OrtModel.create(exportOnnx(model, { keep: half }), { threads: 2 });
await prunedOrt.denoise(images[0]);
t0 = performance.now();
for (const img of images) await prunedOrt.denoise(img);
const prunedS = (performance.now() - t0) / 1000;
const prunedG = images.reduce((a, img) => a + prunedCost(model, graph, half, img.height, img.width).flops, 0) / 1e9;
line('onnxruntime 2 threads, 50% pruned', images.length, prunedS, prunedG);
await prunedOrt.release();
const origS = images.reduce((a, img) => a + flops(img), 0) / 1e9 / ortRate[2];

// Candidate evaluation overhead: random 50% candidates on 8 crops of 128x128 (BSD68, sigma 25).
const source = await openDataset(path.join(SHARED, 'data/bsd68'), { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 });
const batch = await buildValidationBatch(source, 8, 128);
const evaluator = new CandidateEvaluator(model, batch, { threads: 2 }, graph);
const rng = new Rng(1);
const candidate = (): KeepMasks => new Map(graph.groups.filter((g) => g.prunable).map((g) => {
  const order = rng.shuffle(Array.from({ length: g.size }, (_, i) => i)).slice(0, g.size / 2);
  const m = new Uint8Array(g.size);
  order.forEach((i) => (m[i] = 1));
  return [g.id, m];
}));
for (let i = 0; i < 3; i++) await evaluator.evaluateOne(candidate()); // warm-up (JIT, allocator)
const scores = await evaluator.evaluate(Array.from({ length: 12 }, candidate));
const mean = (f: (s: (typeof scores)[number]) => number) => scores.reduce((a, s) => a + f(s), 0) / scores.length;
await evaluator.close();

console.log(`DnCNN-17 on BSD68 (${images.map((i) => `${i.height}x${i.width}`).join(', ')}); ${(await import('node:os')).cpus().length} cores`);
rows.forEach((r) => console.log(r));
console.log(`onnxruntime vs tfjs-wasm (1 thread each): ${(ortRate[1] / tfjsRate).toFixed(2)}x; 2 threads: ${ortRate[2].toFixed(1)} GFLOP/s (${(ortRate[2] / 62).toFixed(2)}x PyTorch's 62 GFLOP/s measured here, see ../shared/README.md)`);
console.log(`50%-pruned vs original on onnxruntime: ${(origS / prunedS).toFixed(2)}x faster`);
console.log(`candidate evaluation (50% random masks, 8 crops 128x128): export ${mean((s) => s.exportMs).toFixed(1)} ms + session ${mean((s) => s.sessionMs).toFixed(1)} ms vs run+metrics ${mean((s) => s.runMs).toFixed(1)} ms -> overhead ${(100 * mean((s) => s.exportMs + s.sessionMs) / mean((s) => s.runMs)).toFixed(1)}%`);
console.log('goals: >= 90 GFLOP/s on 2 threads; pruned >= 3x faster; overhead < 10%');
tf.disposeVariables();
