/**
 * The gate-gradient graph: the masked model's forward pass and its backward pass to every channel
 * gate, as one ONNX graph for onnxruntime (the scorer's fast path; src/score/ort-calibration.ts).
 * Inputs: `noisy` and `clean` NHWC batches and `grad_scale` = 2 / (H·W·C), so that the seed
 * ∂L/∂out = grad_scale·(out − clean) is the gradient of L = Σ_n mean over pixels of (out_n − clean_n)².
 * The loss is a sum over samples, so one batched backward pass gives every sample's own gradients.
 * Outputs per gate k (in MaskedModel.gates order):
 *   gate_grad_k [N, C]  g_n,i = Σ_positions a_i·∂L_n/∂a_i (the gate's gradient at gate = 1);
 *   gate_cgrad_k, gate_dsum_k [N, C]  Σ_positions (a_i − m_i)·∂L_n/∂a_i about the batch mean m, and
 *                       Σ_positions ∂L_n/∂a_i (removal 'mean': score/removal.ts);
 *   gate_mean_k [1, C]  and gate_m2_k [C, C]: the mean of the gate's input over the batch's positions
 *                       and its sum of centred products (combined across batches in float64);
 *   gate_shape_k        the gate input's shape (its positions per sample).
 * No filter gradients are formed: the backward pass only carries activation gradients.
 */
import type * as tf from '@tensorflow/tfjs';
import type { onnx as Onnx } from 'onnx-proto';
import { QpruneError } from '../errors.js';
import type { MaskedModel } from '../prune/mask.js';
import { readWeights, Weight } from '../prune/slice.js';
import { Adjoint, buildForward, encodeModel, floatInput, int64Output } from './export.js';

export interface GateGradientGraph {
  bytes: Uint8Array;
  /** Per gate: its channel count and whether its input is rank 4 (NCHW inside the graph). */
  gates: { layer: string; channels: number; spatial: boolean }[];
}

export function exportGateGradientGraph(masked: MaskedModel, opts: { foldBatchNorm?: boolean } = {}): GateGradientGraph {
  const model = masked.model;
  if (model.outputs.length !== 1 || model.inputs.length !== 1) throw new QpruneError('the gradient graph needs a model with one input and one output');
  if (model.outputs[0].shape.length !== 4) throw new QpruneError('the gradient graph needs an image-to-image model (its output is not an image)');
  const cache = new Map<string, Map<string, Weight>>();
  const weightsOf = (layer: tf.layers.Layer) => {
    let w = cache.get(layer.name);
    if (!w) cache.set(layer.name, (w = readWeights(layer)));
    return w;
  };
  const tape: Adjoint[] = [];
  const { g, out, rank, inputs } = buildForward(model, weightsOf, opts.foldBatchNorm ?? true, tape, true);
  const outLayer = model.outputs[0].sourceLayer.name;
  const outRank = rank.get(outLayer)!;
  const clean = outRank === 4 ? g.node('Transpose', ['clean'], 'clean_nchw', { perm: [0, 3, 1, 2] }) : 'clean';
  const seed = g.node('Mul', [g.node('Sub', [out.get(outLayer)!, clean], 'loss'), 'grad_scale'], 'loss');

  // Gradients w.r.t. each layer's output (keyed by layer: identity layers share their input's tensor).
  const grads = new Map<string, string>([[outLayer, seed]]);
  const inputLayer = model.inputs[0].sourceLayer.name;
  const gateGrad = new Map<string, { x: string; dy: string | undefined }>();
  for (const entry of [...tape].reverse()) {
    const dy = grads.get(entry.layer);
    if (entry.className === 'QpruneChannelGate') gateGrad.set(entry.layer, { x: entry.inputs[0], dy });
    if (!dy) continue;
    entry.back(dy).forEach((dx, i) => {
      const src = entry.inputLayers[i];
      if (!dx || src === inputLayer) return;
      const prev = grads.get(src);
      grads.set(src, prev ? g.node('Add', [prev, dx], `${src}_gradsum`) : dx);
    });
  }

  const outputs: Onnx.IValueInfoProto[] = [];
  const gates = masked.gates.map((gate, k) => {
    const c = gate.slots.length;
    const found = gateGrad.get(gate.layer.name);
    if (!found) throw new QpruneError(`gate '${gate.layer.name}' is not in the gradient graph`);
    const spatial = (rank.get(gate.layer.name) ?? 4) === 4;
    const { x, dy } = found;
    const prod = dy ? g.node('Mul', [x, dy], `gate${k}`) : g.node('Mul', [x, g.constFloat(g.fresh('zero'), [], [0])], `gate${k}`);
    const name = (s: string) => `gate_${s}_${k}`;
    if (spatial) g.node('ReduceSum', [prod, g.constInt64(g.fresh('hw'), [2, 3])], `gate${k}`, { keepdims: 0 }, name('grad'));
    else g.node('Identity', [prod], `gate${k}`, {}, name('grad'));
    // Moments of the gate's input over the batch's positions. Channels as rows [C, N·H·W] (moving whole
    // H·W planes, not single values), so the centred Gram is one Gemm with transB and no element transpose.
    const mean = g.node('ReduceMean', [x], `gate${k}`, { axes: spatial ? [0, 2, 3] : [0], keepdims: 1 });
    g.node('Reshape', [mean, g.constInt64(g.fresh('row'), [1, c])], `gate${k}`, {}, name('mean'));
    const centred = g.node('Sub', [x, mean], `gate${k}`);
    // For removal 'mean' (score/removal.ts): Σ (a − m_b)·∂L/∂a about the batch mean m_b and Σ ∂L/∂a, so
    // the accumulator's g − μ·s = cgrad − (μ − m_b)·s never subtracts two large float32 sums.
    const dyOr0 = dy ?? g.node('Mul', [x, g.constFloat(g.fresh('zero'), [], [0])], `gate${k}`);
    const cprod = g.node('Mul', [centred, dyOr0], `gate${k}`);
    if (spatial) {
      g.node('ReduceSum', [cprod, g.constInt64(g.fresh('hw'), [2, 3])], `gate${k}`, { keepdims: 0 }, name('cgrad'));
      g.node('ReduceSum', [dyOr0, g.constInt64(g.fresh('hw'), [2, 3])], `gate${k}`, { keepdims: 0 }, name('dsum'));
    } else {
      g.node('Identity', [cprod], `gate${k}`, {}, name('cgrad'));
      g.node('Identity', [dyOr0], `gate${k}`, {}, name('dsum'));
    }
    const channelRows = g.node('Reshape', [g.node('Transpose', [centred], `gate${k}`, { perm: spatial ? [1, 0, 2, 3] : [1, 0] }), g.constInt64(g.fresh('rows'), [c, -1])], `gate${k}`);
    g.node('Gemm', [channelRows, channelRows], `gate${k}`, { transB: 1 }, name('m2'));
    g.node('Shape', [x], `gate${k}`, {}, name('shape'));
    outputs.push(floatInput(name('grad'), ['batch', c]), floatInput(name('cgrad'), ['batch', c]), floatInput(name('dsum'), ['batch', c]), floatInput(name('mean'), [1, c]), floatInput(name('m2'), [c, c]), int64Output(name('shape'), [spatial ? 4 : 2]));
    return { layer: gate.layer.name, channels: c, spatial };
  });
  // Calibration patches need not be the declared input size (tfjs accepts them too): image dims are free.
  const outShape = model.outputs[0].shape;
  const cleanDims = outShape.map((d, i) => (i === 0 ? 'batch' : outShape.length === 4 && (i === 1 || i === 2) ? `clean_d${i}` : d ?? `clean_d${i}`));
  return { bytes: encodeModel(`${model.name}_gate_gradients`, g, [...inputs, floatInput('clean', cleanDims), floatInput('grad_scale', [1])], outputs), gates };
}

