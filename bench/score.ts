/**
 * bench:score — the scorer's per-sample gate gradients (g_n,i = Σ a·∂L_n/∂a at every channel gate,
 * the pass behind Taylor, Fisher and the Fisher matrix) on the real DnCNN-S (../shared), σ=25, 256
 * patches of 64x64 from train400, batches of 8:
 *   tfjs-wasm (the earlier scorer; timed on the first --tfjs-samples patches, default 32),
 *   onnxruntime with 1 and 2 threads (the exported gate-gradient graph), and
 *   PyTorch (Debian's python3-torch, /usr/bin/python3) computing the same gradients and the same
 *   per-batch input moments (mean, centred Gram per gate) on the same patches with the same threads,
 *   when it is installed (else the row says how to get it).
 * Each row runs in its own process (so its peak RSS is its own); samples/s, GFLOP/s (forward plus the
 * activation-gradient backward, counted as 2x the forward FLOPs: no filter gradients are formed) and
 * the ratios to tfjs-wasm and to PyTorch come from this one run. Σ_n |g_n| of onnxruntime and PyTorch
 * are compared as a cross-check of what was timed.
 *   npm run bench:score [-- --samples N --tfjs-samples N]
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { calibrationPatches, calibrateOnTfjs } from '../src/score/calibration.js';
import { calibrateOnOrt } from '../src/score/ort-calibration.js';
import type { CalibrationStats } from '../src/score/accumulator.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { layerCosts } from '../src/model/cost.js';
import { readWeights } from '../src/prune/slice.js';
import type { PatchBatch } from '../src/data/patches.js';
import { setLogLevel } from '../src/log.js';
import { requireShared, SHARED } from './shared.js';

setLogLevel('warn');
const { values } = parseArgs({ options: { row: { type: 'string' }, threads: { type: 'string' }, samples: { type: 'string' }, 'tfjs-samples': { type: 'string' }, dir: { type: 'string' } } });
const PATCH = 64, BATCH = 8;
const modelPath = requireShared('bench:score');

interface RowResult { engine: string; threads: number; samples: number; seconds: number; maxRssMB: number; sumAbs: number[][]; blas?: string }

/** The patches file: n, then noisy and clean float32 [n, 64, 64, 1]. */
function readPatches(dir: string, limit: number): { n: number; noisy: Float32Array; clean: Float32Array } {
  const buf = readFileSync(path.join(dir, 'patches.bin'));
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const total = all[0], size = PATCH * PATCH, n = Math.min(limit, total);
  return { n, noisy: all.slice(1, 1 + n * size), clean: all.slice(1 + total * size, 1 + total * size + n * size) };
}

async function* batchesOf(p: { n: number; noisy: Float32Array; clean: Float32Array }): AsyncGenerator<PatchBatch> {
  const size = PATCH * PATCH;
  for (let i = 0; i < p.n; i += BATCH) {
    const m = Math.min(BATCH, p.n - i);
    yield { noisy: p.noisy.slice(i * size, (i + m) * size), clean: p.clean.slice(i * size, (i + m) * size), n: m, patch: PATCH, channels: 1 };
  }
}

if (values.row) {
  // One row, in its own process.
  await initBackend('wasm');
  const { model } = await loadModel(modelPath);
  const graph = analyzeChannels(model);
  const patches = readPatches(values.dir!, Number(values.samples));
  const opts = { samples: patches.n, patch: PATCH, batch: BATCH, seed: 0 };
  const threads = Number(values.threads ?? 1);
  const t0 = performance.now();
  let stats: CalibrationStats;
  if (values.row === 'onnxruntime') stats = (await calibrateOnOrt(model, batchesOf(patches), opts, graph, { threads })).stats!;
  else stats = await calibrateOnTfjs(model, batchesOf(patches), opts, graph);
  const seconds = (performance.now() - t0) / 1000;
  const row: RowResult = { engine: values.row === 'onnxruntime' ? 'onnxruntime' : 'tfjs-wasm', threads, samples: stats.samples, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024, sumAbs: stats.groups.map((g) => Array.from(g.sumAbsG)) };
  process.stdout.write(`${JSON.stringify(row)}\n`);
  process.exit(0);
}

// ---- The run: draw the patches once, write them and the weights, run every row. ----
const samples = Number(values.samples ?? 256), tfjsSamples = Math.min(samples, Number(values['tfjs-samples'] ?? 32));
await initBackend('wasm');
const { model } = await loadModel(modelPath);
const dir = mkdtempSync(path.join(os.tmpdir(), 'qprune-bench-score-'));
try {
  const source = await openDataset(path.join(SHARED, 'data/train400'), { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 });
  const noisy: Float32Array[] = [], clean: Float32Array[] = [];
  let n = 0;
  for await (const b of calibrationPatches(source, { samples, patch: PATCH, batch: BATCH, seed: 0 })) { noisy.push(b.noisy); clean.push(b.clean); n += b.n; }
  const join = (parts: Float32Array[]) => { const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0)); let o = 0; for (const p of parts) { out.set(p, o); o += p.length; } return out; };
  const file = new Float32Array(1 + 2 * n * PATCH * PATCH);
  file[0] = n;
  file.set(join(noisy), 1);
  file.set(join(clean), 1 + n * PATCH * PATCH);
  writeFileSync(path.join(dir, 'patches.bin'), file);
  // The weights for the PyTorch peer: the layer chain with BN as its inference-time affine.
  const chain: Record<string, unknown>[] = [];
  const blobs: Float32Array[] = [];
  let offset = 0;
  const put = (a: Float32Array) => { blobs.push(a); const at = offset; offset += a.length; return at; };
  for (const layer of model.layers.slice(1)) {
    const cls = layer.getClassName(), w = readWeights(layer), cfg = layer.getConfig() as { activation?: string; epsilon?: number };
    if (cls === 'Conv2D') {
      const k = w.get('kernel')!;
      chain.push({ type: 'conv', shape: k.shape, kernel: put(k.data), bias: w.get('bias') ? put(w.get('bias')!.data) : null, relu: cfg.activation === 'relu' });
    } else if (cls === 'BatchNormalization') {
      const mean = w.get('moving_mean')!.data, variance = w.get('moving_variance')!.data, gamma = w.get('gamma')?.data, beta = w.get('beta')?.data;
      const scale = Float32Array.from(mean, (_, c) => (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + cfg.epsilon!));
      chain.push({ type: 'affine', channels: mean.length, scale: put(scale), shift: put(Float32Array.from(mean, (m, c) => (beta ? beta[c] : 0) - m * scale[c])) });
    } else if (cls === 'Activation' && cfg.activation === 'relu') chain.push({ type: 'relu' });
    else if (cls === 'Subtract') chain.push({ type: 'residual' });
    else throw new Error(`bench:score: the PyTorch peer does not know ${cls}`);
  }
  writeFileSync(path.join(dir, 'weights.bin'), join(blobs));
  writeFileSync(path.join(dir, 'chain.json'), JSON.stringify({ chain, patch: PATCH, batch: BATCH }));

  const flopsPerSample = 2 * 2 * layerCosts(model, PATCH, PATCH).reduce((s, c) => s + c.macs, 0); // (fwd + bwd) x 2 FLOP per MAC
  const self = import.meta.filename;
  const runRow = (argv: string[], cmd = process.execPath, pre = ['--import', 'tsx', self]): RowResult | string => {
    const r = spawnSync(cmd, [...pre, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) return (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(-3).join(' | ');
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as RowResult;
  };
  const rows: (RowResult | { engine: string; threads: number; missing: string })[] = [];
  const add = (r: RowResult | string, engine: string, threads: number) => rows.push(typeof r === 'string' ? { engine, threads, missing: r } : r);
  add(runRow(['--row', 'tfjs', '--samples', String(tfjsSamples), '--dir', dir]), 'tfjs-wasm', 1);
  for (const t of [1, 2]) add(runRow(['--row', 'onnxruntime', '--threads', String(t), '--samples', String(n), '--dir', dir]), 'onnxruntime', t);
  const python = '/usr/bin/python3';
  const hasTorch = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
  for (const t of [1, 2]) {
    if (!hasTorch) { rows.push({ engine: 'pytorch', threads: t, missing: 'not installed: apt-get install python3-torch libopenblas0-pthread (Debian), then rerun' }); continue; }
    add(runRow([path.join(import.meta.dirname, 'torch_gate_gradients.py'), '--dir', dir, '--threads', String(t), '--samples', String(n)], python, []), 'pytorch', t);
  }

  const blas = rows.find((r): r is RowResult => 'blas' in r && !!r.blas)?.blas;
  const rate = (r: RowResult) => r.samples / r.seconds;
  const ok = rows.filter((r): r is RowResult => !('missing' in r));
  const tfjs = ok.find((r) => r.engine === 'tfjs-wasm');
  const torchAt = (t: number) => ok.find((r) => r.engine === 'pytorch' && r.threads === t);
  console.log(`DnCNN-S (17 conv, 64 ch), per-sample gate gradients at all 16 gates: ${n} patches of ${PATCH}x${PATCH} (train400, σ=25), batches of ${BATCH}; ${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores`);
  console.log(`FLOPs per sample: ${(flopsPerSample / 1e9).toFixed(2)} GFLOP (forward + activation-gradient backward)`);
  console.log('engine            threads  samples   seconds  samples/s  GFLOP/s  peak RSS MB  vs tfjs-wasm  vs PyTorch (same threads)');
  for (const r of rows) {
    if ('missing' in r) { console.log(`${r.engine.padEnd(17)} ${String(r.threads).padStart(7)}  ${r.missing}`); continue; }
    const torch = torchAt(r.threads);
    console.log(`${r.engine.padEnd(17)} ${String(r.threads).padStart(7)} ${String(r.samples).padStart(8)} ${r.seconds.toFixed(1).padStart(9)} ${rate(r).toFixed(2).padStart(10)} ${((rate(r) * flopsPerSample) / 1e9).toFixed(1).padStart(8)} ${r.maxRssMB.toFixed(0).padStart(12)} ${tfjs ? `${(rate(r) / rate(tfjs)).toFixed(2)}x`.padStart(13) : '            -'} ${torch ? `${(rate(r) / rate(torch)).toFixed(2)}x`.padStart(12) : '           -'}`);
  }
  // Cross-check: the same patches through onnxruntime and PyTorch give the same Σ_n |g_n|.
  const ort = ok.find((r) => r.engine === 'onnxruntime'), torch = torchAt(2) ?? torchAt(1);
  if (ort && torch) {
    let worst = 0;
    ort.sumAbs.forEach((g, k) => { const m = Math.max(...torch.sumAbs[k]); g.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - torch.sumAbs[k][i]) / m); }); });
    console.log(`cross-check: Σ_n |g_n| per gate channel, onnxruntime vs PyTorch: largest difference ${worst.toExponential(2)} of the gate's largest`);
  }
  if (blas) console.log(`PyTorch's BLAS (its Gram products): ${blas}${blas.includes('/blas/') ? ' (the reference BLAS: slow; apt-get install libopenblas0-pthread for a fair peer)' : ''}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
