/**
 * The onnxruntime scoring engine: the masked model's gate-gradient graph (src/onnx/gradient.ts) run
 * batch by batch on onnxruntime (CPU threads = cores, or CUDA where installed), its outputs fed to
 * the same accumulator as the tfjs engine, so both produce the same statistics (to float rounding).
 */
import type * as tf from '@tensorflow/tfjs';
import '../onnx/ort-telemetry.js';
import * as ort from 'onnxruntime-node';
import type { PatchBatch } from '../data/patches.js';
import { createMaskedModel } from '../prune/mask.js';
import type { ChannelGraph } from '../prune/graph.js';
import { QpruneError } from '../errors.js';
import { exportGateGradientGraph, GateGradientGraph } from '../onnx/gradient.js';
import { OrtModel, OrtOptions } from '../onnx/ort-engine.js';
import { CalibrationAccumulator, CalibrationStats, centredGates } from './accumulator.js';
import type { Removal } from './removal.js';

/** Statistics, or why this model's gradient graph cannot be built (the caller then uses tfjs). */
export async function calibrateOnOrt(model: tf.LayersModel, batches: AsyncIterable<PatchBatch>, opts: { samples: number; patch: number; seed: number; removal?: Removal; coupleLayers?: number; onBatch?: (done: number, total: number) => void }, graph: ChannelGraph, ortOptions: OrtOptions = {}): Promise<{ stats?: CalibrationStats; unsupported?: string }> {
  const start = performance.now();
  const masked = createMaskedModel(model, graph);
  try {
    if (masked.gates.length === 0) throw new QpruneError('the model has no prunable channel groups to score');
    let exported: GateGradientGraph;
    try {
      exported = exportGateGradientGraph(masked);
    } catch (err) {
      if (err instanceof QpruneError) return { unsupported: err.message };
      throw err;
    }
    const session = await OrtModel.create(exported.bytes, ortOptions);
    try {
      const centred = centredGates(masked.gates, opts.removal ?? 'zero', (name) => model.getLayer(name).getClassName());
      const acc = new CalibrationAccumulator(graph, masked.gates, centred, opts.coupleLayers ?? 0);
      const inputName = session.session.inputNames[0];
      for await (const batch of batches) {
        const { n, patch: p, channels: c } = batch;
        const shape = [n, p, p, c];
        const result = await session.session.run({
          [inputName]: new ort.Tensor('float32', batch.noisy, shape),
          clean: new ort.Tensor('float32', batch.clean, shape),
          grad_scale: new ort.Tensor('float32', Float32Array.of(2 / (p * p * c)), [1]),
        });
        const data = (name: string) => result[name].data as Float32Array;
        acc.add({
          n,
          gateGrads: exported.gates.map((_, k) => data(`gate_grad_${k}`)),
          centred: { grads: exported.gates.map((_, k) => data(`gate_cgrad_${k}`)), dsums: exported.gates.map((_, k) => data(`gate_dsum_${k}`)) },
          moments: exported.gates.map((gate, k) => {
            const dims = Array.from(result[`gate_shape_${k}`].data as BigInt64Array, Number); // NCHW or NC
            const positions = gate.spatial ? dims[2] * dims[3] : 1;
            return { mean: data(`gate_mean_${k}`), m2: data(`gate_m2_${k}`), count: n * positions, positions };
          }),
        });
        opts.onBatch?.(acc.samples, opts.samples);
      }
      return { stats: acc.finish({ patch: opts.patch, seed: opts.seed, seconds: (performance.now() - start) / 1000 }) };
    } finally {
      await session.release();
    }
  } finally {
    masked.dispose();
  }
}
