/**
 * bench:prune — DnCNN-17 (../shared) pruned to 50% of the filters of every prunable group: parameters,
 * FLOPs and measured forward latency before/after on the active backend (wasm by default), in this
 * thread. Goal: FLOPs 25–27% of the original, speed-up >= 2.5x on wasm.
 *   npm run bench:prune [-- --backend wasm --runs 5]
 */
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { analyzeChannels, KeepMasks } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { prunedCost } from '../src/prune/cost.js';
import { measureLatency } from '../src/prune/latency.js';
import { setLogLevel } from '../src/log.js';
import { requireShared } from './shared.js';

const { values } = parseArgs({ options: { backend: { type: 'string' }, runs: { type: 'string' } } });
setLogLevel('warn');
const modelPath = requireShared('bench:prune');
const backend = await initBackend(values.backend ?? 'wasm');
const runs = Number(values.runs ?? 5);
const { model } = await loadModel(modelPath);
const graph = analyzeChannels(model);
// Keep every other channel: 50% of each prunable group (which channels does not matter for speed).
const keep: KeepMasks = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i % 2 === 0 ? 1 : 0))]));
const t0 = performance.now();
const pruned = await prune(model, keep, graph);
const surgeryMs = performance.now() - t0;
console.log(`DnCNN-17 at 50% filter sparsity per group; backend ${backend.name}; surgery ${surgeryMs.toFixed(0)} ms; median of ${runs} runs`);
console.log('input      params before -> after      FLOPs before -> after (ratio)        latency ms before -> after   speed-up');
for (const [h, w] of [[128, 128], [321, 481]]) {
  const before = prunedCost(model, graph, new Map(), h, w);
  const after = prunedCost(model, graph, keep, h, w);
  const a = measureLatency(model, [1, h, w, 1], runs);
  const b = measureLatency(pruned, [1, h, w, 1], runs);
  console.log(
    `${`${h}x${w}`.padEnd(10)} ${String(model.countParams()).padStart(7)} -> ${String(pruned.countParams()).padEnd(9)}` +
    `   ${(before.flops / 1e9).toFixed(2).padStart(6)} -> ${(after.flops / 1e9).toFixed(2).padStart(6)} GFLOP (${(100 * after.flops / before.flops).toFixed(1)}%)` +
    `   ${a.medianMs.toFixed(1).padStart(7)} -> ${b.medianMs.toFixed(1).padEnd(7)}        ${(a.medianMs / b.medianMs).toFixed(2)}x`,
  );
}
console.log('goals: FLOPs 25-27% of the original; speed-up >= 2.5x on wasm');
