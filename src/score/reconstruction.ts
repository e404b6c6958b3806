/**
 * Reconstruction-grounded redundancy (ThiNet/NISP-style): how far the consumers' outputs move when a
 * set S of a group's channels is removed, each replaced by its calibration mean μ (what removal 'mean'
 * and the compensations assume). A consumer computes z_o(p) = Σ_i Σ_t W[t,i,o]·a_i(p+t) + b_o, so per
 * output position
 *   E‖Δz‖² = Σ_{i,j∈S} Σ_o Σ_{t,t'} W[t,i,o]·W[t',j,o]·E[ã_i(p+t)·ã_j(p+t')],   ã = a − μ.
 * The calibration keeps the zero-lag covariance C_ij of each consumer's input only, so the taps are
 * taken as uncorrelated (t = t' terms):
 *   R_ij = C_ij · Σ_{t,o} W[t,i,o]·W[t,j,o],   E‖Δz‖² ≈ Σ_{i,j∈S} R_ij = (1−x)ᵀR(1−x).
 * Exact for 1×1 convolutions and Dense layers, and for spatially white activations; smooth activations
 * add the cross-tap terms this leaves out. R is in (consumer output)² units, summed over every consumer
 * the group's channels feed; qubo/formulations/reconstruction.ts brings each group to loss units.
 * Where the consumer's only successor is a BatchNormalization (DnCNN-S), the change is measured after
 * it: output o is weighted by the BN's scale (γ_o/√(σ²_o+ε))², the next nonlinearity's input unit.
 * A group gets no matrix when one of its consumers is of a type not handled here (SeparableConv2D,
 * Flatten) or has more than one gated input (no single input covariance).
 */
import type * as tf from '@tensorflow/tfjs';
import type { ChannelGraph } from '../prune/graph.js';
import { createMaskedModel } from '../prune/mask.js';
import { kernelView, type InputStats } from '../prune/compensation.js';
import { gateMap } from './accumulator.js';
import { readWeights } from '../prune/slice.js';
import { bnScaleShift } from '../onnx/export.js';

/** Per output channel of the consumer: the squared scale of a BatchNormalization that alone follows it (else 1). */
function outputWeights(model: tf.LayersModel, consumer: string, cout: number): Float64Array {
  const next = model.layers.filter((l) => l.inboundNodes.some((n) => n.inboundLayers.some((x) => x.name === consumer)));
  if (next.length !== 1 || next[0].getClassName() !== 'BatchNormalization') return new Float64Array(cout).fill(1);
  const { scale } = bnScaleShift(next[0], readWeights(next[0]));
  return Float64Array.from(scale, (s) => s * s);
}

/** Per prunable group id: R (size x size, row-major), for the groups whose every consumer allows it. */
export function reconstructionMatrices(model: tf.LayersModel, graph: ChannelGraph, inputStats: ReadonlyMap<string, InputStats>): Map<string, Float32Array> {
  const masked = createMaskedModel(model, graph);
  const sums = new Map<number, Float64Array>();
  const broken = new Set<number>();
  try {
    for (const gate of masked.gates) {
      const { group, index } = gateMap(graph, gate);
      const groupsHere = new Set(Array.from(group).filter((g) => g >= 0));
      const stats = inputStats.get(gate.consumer);
      const layer = model.getLayer(gate.consumer);
      const kernel = stats?.covariance ? readWeights(layer).get('kernel') : undefined;
      const view = kernel ? kernelView(layer, kernel) : undefined;
      if (!stats?.covariance || !kernel || !view || view.cin !== group.length) {
        groupsHere.forEach((g) => broken.add(g));
        continue;
      }
      const C = stats.covariance, cg = group.length, data = kernel.data, { taps, cout, at, phases } = view;
      const ow = outputWeights(model, gate.consumer, cout);
      for (let a = 0; a < cg; a++) {
        const g = group[a];
        if (g < 0) continue;
        const n = graph.groups[g].size;
        const R = sums.get(g) ?? new Float64Array(n * n);
        sums.set(g, R);
        for (let b = 0; b < cg; b++) {
          if (group[b] !== g) continue;
          const c = C[a * cg + b];
          if (c === 0) continue;
          let k = 0;
          for (let t = 0; t < taps; t++) for (let o = 0; o < cout; o++) k += ow[o] * data[at(t, a, o)] * data[at(t, b, o)];
          R[index[a] * n + index[b]] += (c * k) / phases;
        }
      }
    }
  } finally {
    masked.dispose();
  }
  const out = new Map<string, Float32Array>();
  for (const [g, R] of sums) if (!broken.has(g)) out.set(graph.groups[g].id, Float32Array.from(R));
  return out;
}
