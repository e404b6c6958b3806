/**
 * Slicing layer weights to the kept channels, on plain typed arrays. One implementation serves the
 * tfjs surgery (which then builds tensors from the slices) and the ONNX exporter (which writes them
 * straight into initializers, so a candidate can be exported without building a tfjs model).
 */
import * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import { ChannelGraph, keptPositions, modelNode } from './graph.js';
import { depthMultiplier } from '../model/layers.js';
import { compensate, CompensationSpec } from './compensation.js';
import type { Kept, Weight } from './weights.js';

export type { Kept, Weight } from './weights.js';

/** Weights of a layer by short name (kernel, bias, gamma, ...), read out of the backend. */
export function readWeights(layer: tf.layers.Layer): Map<string, Weight> {
  return new Map(layer.weights.map((w) => {
    const t = w.read();
    return [w.originalName.split('/').pop()!, { data: t.dataSync() as Float32Array, shape: t.shape as number[], size: t.size }];
  }));
}

/** Keep only `idx` along `axis` (row-major). */
export function gatherAxis(w: Weight, axis: number, idx: number[]): Weight {
  if (idx.length === w.shape[axis] && idx.every((v, i) => v === i)) return w;
  const outer = w.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const inner = w.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const n = w.shape[axis];
  const data = new Float32Array(outer * idx.length * inner);
  const src = w.data;
  if (inner === 1) {
    // Last axis (the common case: a conv kernel's output channels): plain element loop.
    let at = 0;
    for (let o = 0; o < outer; o++) {
      const base = o * n;
      for (let j = 0; j < idx.length; j++) data[at++] = src[base + idx[j]];
    }
  } else {
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < idx.length; j++) {
        const from = (o * n + idx[j]) * inner;
        data.set(src.subarray(from, from + inner), (o * idx.length + j) * inner);
      }
    }
  }
  const shape = w.shape.slice();
  shape[axis] = idx.length;
  return { data, shape, size: data.length };
}

/** Kept input/output positions of every layer under resolved masks. */
export function keptPerLayer(model: tf.LayersModel, graph: ChannelGraph, masks: Uint8Array[]): Map<string, Kept> {
  const kept = new Map<string, Kept>();
  for (const layer of model.layers) {
    const info = graph.layers.get(layer.name);
    if (!info || info.className === 'InputLayer') continue;
    const kin = info.inputs.length ? keptPositions(graph, masks, info.inputs[0]) : [];
    const k: Kept = { in: kin, out: keptPositions(graph, masks, info.output) };
    const src = modelNode(model, layer).inboundLayers[0]?.name;
    const positions = src ? graph.layers.get(src)?.flattenPositions : undefined;
    if (info.className === 'Dense' && positions !== undefined) {
      const c = info.inputs[0].length;
      k.rows = [];
      for (let p = 0; p < positions; p++) for (const i of kin) k.rows.push(p * c + i);
    }
    kept.set(layer.name, k);
  }
  return kept;
}

/**
 * A layer's weights sliced to the kept channels (same names and order as the layer's weights). With
 * `compensation` (and statistics of this layer's input channels) the removed inputs are compensated first: see
 * compensation.ts; a layer without a bias may then get one.
 */
export function sliceLayerWeights(layer: tf.layers.Layer, weights: Map<string, Weight>, k: Kept, compensation?: CompensationSpec): Map<string, Weight> {
  const input = compensation?.inputs.get(layer.name);
  if (input) weights = compensate(layer, weights, k, input, compensation!.mode);
  const cls = layer.getClassName();
  const out = new Map<string, Weight>();
  for (const [name, w] of weights) {
    let s: Weight;
    switch (cls) {
      case 'Conv2D':
        s = name === 'kernel' ? gatherAxis(gatherAxis(w, 2, k.in), 3, k.out) : gatherAxis(w, 0, k.out);
        break;
      case 'Conv2DTranspose': // kernel [kh, kw, out, in]
        s = name === 'kernel' ? gatherAxis(gatherAxis(w, 2, k.out), 3, k.in) : gatherAxis(w, 0, k.out);
        break;
      case 'DepthwiseConv2D':
        s = name === 'depthwise_kernel' ? gatherAxis(w, 2, k.in) : gatherAxis(w, 0, k.in);
        break;
      case 'SeparableConv2D': {
        const m = depthMultiplier(layer);
        if (name === 'depthwise_kernel') s = gatherAxis(w, 2, k.in);
        else if (name === 'pointwise_kernel') s = gatherAxis(gatherAxis(w, 2, k.in.flatMap((c) => Array.from({ length: m }, (_, j) => c * m + j))), 3, k.out);
        else s = gatherAxis(w, 0, k.out);
        break;
      }
      case 'Dense':
        s = name === 'kernel' ? gatherAxis(gatherAxis(w, 0, k.rows ?? k.in), 1, k.out) : gatherAxis(w, 0, k.out);
        break;
      case 'BatchNormalization':
        s = gatherAxis(w, 0, k.in);
        break;
      case 'PReLU':
        s = gatherAxis(w, w.shape.length - 1, k.in);
        break;
      case 'QpruneChannelGate':
        s = gatherAxis(w, 0, k.in);
        break;
      default:
        throw new QpruneError(`layer '${layer.name}' (${cls}) has weights the surgery does not know how to slice`);
    }
    out.set(name, s);
  }
  return out;
}
