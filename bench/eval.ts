/**
 * bench:eval — DnCNN-17 throughput on BSD68 crops for each tfjs backend available, with inference
 * worker pools of 1 and 2, plus forward+backward throughput with our Conv2D gradient kernels.
 * FLOPs = 2 x MACs of the conv layers (see src/model/cost.ts). Needs ../shared.
 *   npm run bench:eval [-- --crop 128 --images 8 --batch 8 --patch 64]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import os from 'node:os';
import { initBackend, hasNativeBinding, BACKEND_NAMES, BackendName, tf } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { readImage, centerCrop, Image } from '../src/data/image.js';
import { workerDenoiser } from '../src/transport/remote-denoiser.js';
import { forwardFlops, layerCosts } from '../src/model/cost.js';
import { denoise } from '../src/engine/inference.js';
import { setLogLevel } from '../src/log.js';
import { requireShared, SHARED } from './shared.js';

const { values } = parseArgs({ options: { crop: { type: 'string' }, images: { type: 'string' }, batch: { type: 'string' }, patch: { type: 'string' } } });
const crop = Number(values.crop ?? 128);
const nImages = Number(values.images ?? 8);
const batch = Number(values.batch ?? 8);
const patch = Number(values.patch ?? 64);
setLogLevel('warn');

const modelPath = requireShared('bench:eval');
const shared = SHARED;

function available(name: BackendName): boolean {
  if (name === 'node-gpu') return hasNativeBinding('@tensorflow/tfjs-node-gpu');
  if (name === 'node') return hasNativeBinding('@tensorflow/tfjs-node');
  return true;
}

const rows: string[][] = [];
const header = ['backend', 'what', 'workers', 'input', 'items', 'seconds', 'items/s', 'GFLOP/s', 'vs 1 worker'];
console.log(`DnCNN-17 (${modelPath}); ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}); node ${process.version}`);

for (const name of BACKEND_NAMES) {
  if (!available(name)) {
    rows.push([name, 'not installed', '', '', '', '', '', '', '']);
    continue;
  }
  await initBackend(name);
  const { model } = await loadModel(modelPath);
  // cpu's conv kernels are scalar JS loops: a smaller workload keeps the run short.
  const size = name === 'cpu' ? Math.min(crop, 48) : crop;
  const count = name === 'cpu' ? 2 : nImages;
  const files = Array.from({ length: count }, (_, i) => path.join(shared, 'data/bsd68', `test${String(i + 1).padStart(3, '0')}.png`));
  const images: Image[] = await Promise.all(files.map(async (f) => centerCrop(await readImage(f), size)));
  const flopsPerImage = forwardFlops(model, size, size);

  // Worker-transport threads, 1 and 2 (native backends are multi-threaded already: in-thread only).
  const pools = name === 'wasm' || name === 'cpu' ? [1, 2] : [0];
  let single = 0;
  for (const workers of pools) {
    let seconds: number;
    if (workers === 0) {
      denoise(model, images[0]);
      const t0 = performance.now();
      for (const img of images) denoise(model, img);
      seconds = (performance.now() - t0) / 1000;
    } else {
      const pool = await workerDenoiser(model, workers); // worker transport, this backend in every thread
      await Promise.all(Array.from({ length: workers }, (_, i) => pool.denoise(images[i % images.length]))); // warm-up
      const t0 = performance.now();
      await Promise.all(images.map((img) => pool.denoise(img)));
      seconds = (performance.now() - t0) / 1000;
      await pool.close();
    }
    const gflops = (count * flopsPerImage) / seconds / 1e9;
    if (workers <= 1) single = gflops;
    rows.push([name, 'forward', String(workers), `${size}x${size}`, String(count), seconds.toFixed(2), (count / seconds).toFixed(2), gflops.toFixed(1), workers > 1 ? `${(gflops / single).toFixed(2)}x` : '']);
  }

  // Forward + backward (gradients w.r.t. all weights, BN in inference mode) in this thread.
  const p = name === 'cpu' ? 16 : patch;
  const b = name === 'cpu' ? 2 : batch;
  const x = tf.randomUniform([b, p, p, 1], 0, 1, 'float32', 1);
  const target = tf.randomUniform([b, p, p, 1], 0, 1, 'float32', 2);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const step = () => {
    const { value, grads } = tf.variableGrads(() => tf.losses.meanSquaredError(target, model.apply(x, { training: false }) as tf.Tensor) as tf.Scalar, vars);
    value.dataSync();
    Object.values(grads).forEach((g) => g.dataSync());
    tf.dispose([value, ...Object.values(grads)]);
  };
  step(); // warm-up
  const reps = name === 'cpu' ? 1 : 3;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) step();
  const seconds = (performance.now() - t0) / 1000;
  // Backward = filter gradients (same MACs as forward) + input gradients of every conv but the first.
  const costs = layerCosts(model, p, p).filter((c) => c.macs > 0);
  const fwd = 2 * costs.reduce((s, c) => s + c.macs, 0);
  const bwd = fwd + (fwd - 2 * costs[0].macs);
  const gflops = (reps * b * (fwd + bwd)) / seconds / 1e9;
  rows.push([name, 'fwd+bwd', '1 (this thread)', `${b}x${p}x${p}`, String(reps), seconds.toFixed(2), (reps / seconds).toFixed(2), gflops.toFixed(1), '']);
  tf.dispose([x, target]);
  model.dispose();
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(fmt(r));
console.log('goals: wasm 2 workers >= 1.8x of 1 worker; fwd+bwd >= 10 GFLOP/s per worker');
