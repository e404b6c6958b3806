/**
 * Export of a tfjs LayersModel (original, pruned or masked) to ONNX (opset 13), written with the
 * onnx-proto schema package. tfjs works in NHWC, ONNX operators in NCHW: the graph takes and returns
 * NHWC tensors and transposes once at each boundary; everything inside is NCHW. Batch, height and
 * width are dynamic. BatchNormalization that directly follows a convolution (and is its only
 * consumer) is folded into the convolution's weights. Unsupported layers are refused by name.
 */
import * as tf from '@tensorflow/tfjs';
import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

// onnx-proto is CommonJS: take the namespace off the default export.
const { onnx } = onnxProto;
import { QpruneError } from '../errors.js';
import { modelNode, analyzeChannels, ChannelGraph, KeepMasks, resolveKeep } from '../prune/graph.js';
import { depthMultiplier } from '../model/layers.js';
import type { CompensationSpec } from '../prune/compensation.js';
import { keptPerLayer, readWeights, sliceLayerWeights, Weight } from '../prune/slice.js';

export const OPSET = 13;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const A = onnx.AttributeProto.AttributeType;

export type Attr = number | number[] | string | { floats: number[] };

export class GraphBuilder {
  readonly nodes: Onnx.INodeProto[] = [];
  readonly initializers: Onnx.ITensorProto[] = [];
  private counter = 0;

  fresh(base: string): string {
    return `${base}__${this.counter++}`;
  }

  constFloat(name: string, dims: number[], values: Float32Array | number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) });
    return name;
  }

  /**
   * The kernel of dx = conv(dy, W') for a stride-1 Conv kernel W [out, in/group, kh, kw]: each group's
   * in/out swapped and the taps flipped, [in, out/group, kh, kw]. (onnxruntime's Conv is several times
   * faster than its ConvTranspose, which would take W as it is.)
   */
  adjointKernel(w: string, group: number): string {
    const init = this.initializers.find((t) => t.name === w);
    if (!init?.rawData) throw new Error(`no float initializer '${w}'`);
    const [co, cig, kh, kw] = init.dims!.map(Number);
    const raw = init.rawData;
    const src = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const cog = co / group, taps = kh * kw, out = new Float32Array(src.length);
    for (let j = 0; j < group; j++)
      for (let b = 0; b < cog; b++)
        for (let a = 0; a < cig; a++)
          for (let t = 0; t < taps; t++) out[((j * cig + a) * cog + b) * taps + (taps - 1 - t)] = src[((j * cog + b) * cig + a) * taps + t];
    return this.constFloat(this.fresh(`${w}_adjoint`), [cig * group, cog, kh, kw], out);
  }

  constInt64(name: string, values: number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  node(opType: string, inputs: string[], name: string, attrs: Record<string, Attr> = {}, output = this.fresh(name)): string {
    return this.nodeOutputs(opType, inputs, name, attrs, [output])[0];
  }

  /** A node with several outputs (e.g. MaxPool's values and indices). */
  nodeOutputs(opType: string, inputs: string[], name: string, attrs: Record<string, Attr>, outputs: string[]): string[] {
    const attribute: Onnx.IAttributeProto[] = Object.entries(attrs).map(([k, v]) => {
      if (typeof v === 'string') return { name: k, type: A.STRING, s: new TextEncoder().encode(v) };
      if (typeof v === 'number') return Number.isInteger(v) && !k.startsWith('alpha') && k !== 'epsilon' && k !== 'beta' && k !== 'min' && k !== 'max'
        ? { name: k, type: A.INT, i: v } : { name: k, type: A.FLOAT, f: v };
      if (Array.isArray(v)) return { name: k, type: A.INTS, ints: v };
      return { name: k, type: A.FLOATS, floats: v.floats };
    });
    this.nodes.push({ opType, input: inputs, output: outputs, name: this.fresh(name), attribute });
    return outputs;
  }
}

/** tfjs 'same'/'valid' to ONNX auto_pad. */
function autoPad(padding: string): string {
  return padding === 'same' ? 'SAME_UPPER' : 'VALID';
}

function activation(g: GraphBuilder, x: string, act: string | undefined, name: string): string {
  switch (act ?? 'linear') {
    case 'linear': return x;
    case 'relu': return g.node('Relu', [x], name);
    case 'sigmoid': return g.node('Sigmoid', [x], name);
    case 'tanh': return g.node('Tanh', [x], name);
    case 'elu': return g.node('Elu', [x], name, { alpha: 1.0 });
    case 'selu': return g.node('Selu', [x], name);
    case 'softplus': return g.node('Softplus', [x], name);
    case 'relu6': return g.node('Clip', [x, g.constFloat(g.fresh(`${name}_min`), [], [0]), g.constFloat(g.fresh(`${name}_max`), [], [6])], name);
    case 'swish': return g.node('Mul', [x, g.node('Sigmoid', [x], name)], name);
    default: throw new QpruneError(`layer '${name}': activation '${act}' is not supported by the ONNX exporter`);
  }
}

/** Per-channel BN as scale/shift: y = x·scale + shift. */
export function bnScaleShift(bn: tf.layers.Layer, w: Map<string, Weight>): { scale: Float32Array; shift: Float32Array } {
  const eps = (bn.getConfig() as { epsilon: number }).epsilon;
  const mean = w.get('moving_mean')!.data;
  const variance = w.get('moving_variance')!.data;
  const gamma = w.get('gamma')?.data;
  const beta = w.get('beta')?.data;
  const scale = new Float32Array(mean.length);
  const shift = new Float32Array(mean.length);
  for (let c = 0; c < mean.length; c++) {
    scale[c] = (gamma ? gamma[c] : 1) / Math.sqrt(variance[c] + eps);
    shift[c] = (beta ? beta[c] : 0) - mean[c] * scale[c];
  }
  return { scale, shift };
}

/** Permute a row-major array of `shape` by `perm` (like np.transpose); rank <= 4. */
function permute(data: Float32Array, shape: number[], perm: number[]): Float32Array {
  // Pad to rank 4 so one loop nest serves every case (export time matters per pruning candidate).
  const pad = 4 - shape.length;
  const s4 = [...new Array(pad).fill(1), ...shape];
  const p4 = [...Array.from({ length: pad }, (_, i) => i), ...perm.map((p) => p + pad)];
  const strides = [s4[1] * s4[2] * s4[3], s4[2] * s4[3], s4[3], 1];
  const [d0, d1, d2, d3] = p4.map((p) => s4[p]);
  const [t0, t1, t2, t3] = p4.map((p) => strides[p]);
  const out = new Float32Array(data.length);
  let o = 0;
  for (let a = 0; a < d0; a++)
    for (let b = 0; b < d1; b++)
      for (let c = 0; c < d2; c++) {
        const base = a * t0 + b * t1 + c * t2;
        for (let d = 0; d < d3; d++) out[o++] = data[base + d * t3];
      }
  return out;
}

export interface ExportOptions {
  /** Fold BN into a preceding conv (default true). */
  foldBatchNorm?: boolean;
  /** Export the model pruned to these channels (weights sliced on the fly, no tfjs model built). */
  keep?: KeepMasks;
  /** With `keep`: how removed channels are compensated (prune/compensation.ts; default none). */
  compensation?: CompensationSpec;
}

/**
 * Exports one model many times (e.g. one pruning candidate after another): the base weights are
 * read out of the backend once and sliced per export.
 */
export class OnnxExporter {
  private readonly weights = new Map<string, Map<string, Weight>>();
  private graph?: ChannelGraph;

  constructor(readonly model: tf.LayersModel) {}

  private baseWeights(layer: tf.layers.Layer): Map<string, Weight> {
    let w = this.weights.get(layer.name);
    if (!w) this.weights.set(layer.name, (w = readWeights(layer)));
    return w;
  }

  export(opts: ExportOptions = {}): Uint8Array {
    let weightsOf = (layer: tf.layers.Layer) => this.baseWeights(layer);
    if (opts.keep) {
      this.graph ??= analyzeChannels(this.model);
      const kept = keptPerLayer(this.model, this.graph, resolveKeep(this.graph, opts.keep));
      weightsOf = (layer) => {
        const k = kept.get(layer.name);
        return k && layer.weights.length ? sliceLayerWeights(layer, this.baseWeights(layer), k, opts.compensation) : this.baseWeights(layer);
      };
    }
    return buildOnnx(this.model, weightsOf, opts.foldBatchNorm ?? true);
  }
}

export function exportOnnx(model: tf.LayersModel, opts: ExportOptions = {}): Uint8Array {
  return new OnnxExporter(model).export(opts);
}

/**
 * One forward layer's adjoint, recorded when a gradient graph is built (src/onnx/gradient.ts): the
 * vector–Jacobian product of the layer, emitted into the same graph. Kept beside each layer's forward
 * ops below so that one table says how a layer type is computed and differentiated.
 */
export interface Adjoint {
  layer: string;
  className: string;
  /** The inbound layers, their forward output tensors (NCHW for rank 4) and this layer's output tensor. */
  inputLayers: string[];
  inputs: string[];
  output: string;
  /** Gradients w.r.t. each input from the gradient `dy` w.r.t. the output (undefined: none flows). */
  back(dy: string): (string | undefined)[];
}

export interface ForwardGraph {
  g: GraphBuilder;
  /** Layer name -> its output tensor (NCHW for rank 4) and rank. */
  out: Map<string, string>;
  rank: Map<string, number>;
  /** Graph inputs (NHWC) and the NCHW tensors they become. */
  inputs: Onnx.IValueInfoProto[];
}

function buildOnnx(model: tf.LayersModel, weightsOf: (layer: tf.layers.Layer) => Map<string, Weight>, fold: boolean): Uint8Array {
  const { g, out, rank, inputs: graphInputs } = buildForward(model, weightsOf, fold);
  const outputs: Onnx.IValueInfoProto[] = model.outputs.map((t, i) => {
    const src = t.sourceLayer.name;
    const name = i === 0 ? 'output' : `output_${i}`;
    if (rank.get(src) === 4) g.node('Transpose', [out.get(src)!], 'to_nhwc', { perm: [0, 2, 3, 1] }, name);
    else g.node('Identity', [out.get(src)!], 'out', {}, name);
    const c = t.shape[t.shape.length - 1];
    const dims = t.shape.map((d, k) => (k === t.shape.length - 1 ? { dimValue: c as number } : d == null ? { dimParam: ['batch', 'out_height', 'out_width'][k] ?? `o${k}` } : { dimValue: d }));
    return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims } } } };
  });
  return encodeModel(model.name, g, graphInputs, outputs);
}

export function encodeModel(name: string, g: GraphBuilder, inputs: Onnx.IValueInfoProto[], outputs: Onnx.IValueInfoProto[]): Uint8Array {
  const graph: Onnx.IGraphProto = { name, node: g.nodes, initializer: g.initializers, input: inputs, output: outputs };
  const proto: Onnx.IModelProto = { irVersion: 7, opsetImport: [{ domain: '', version: OPSET }], producerName: 'qprune', producerVersion: '0.1.0', graph };
  return onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
}

export function int64Output(name: string, dims: number[]): Onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: INT64, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } };
}

/** A float tensor input of the graph with these dims (numbers fixed, strings symbolic). */
export function floatInput(name: string, dims: (number | string)[]): Onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } } };
}

/**
 * The forward graph of `model`; with `tape`, every layer's adjoint is recorded in forward order (a
 * layer type without one is refused by name), and gates are identities (scoring runs at gate = 1).
 */
export function buildForward(model: tf.LayersModel, weightsOf: (layer: tf.layers.Layer) => Map<string, Weight>, fold: boolean, tape?: Adjoint[], anyImageSize = false): ForwardGraph {
  const g = new GraphBuilder();
  const out = new Map<string, string>(); // layer name -> ONNX tensor (NCHW for rank 4)
  const rank = new Map<string, number>();
  const consumers = new Map<string, number>();
  const inputs = model.inputs.map((t) => t.sourceLayer.name);
  for (const layer of model.layers) {
    if (inputs.includes(layer.name)) continue;
    for (const l of modelNode(model, layer).inboundLayers) consumers.set(l.name, (consumers.get(l.name) ?? 0) + 1);
  }
  for (const o of model.outputs) consumers.set(o.sourceLayer.name, (consumers.get(o.sourceLayer.name) ?? 0) + 1);

  const graphInputs: Onnx.IValueInfoProto[] = model.inputs.map((t, i) => {
    const c = t.shape[t.shape.length - 1];
    // anyImageSize: a fully convolutional model runs at any patch size, whatever size it was declared with.
    const free = (d: number | null, k: number) => d == null || (anyImageSize && t.shape.length === 4 && (k === 1 || k === 2));
    const dims = t.shape.map((d, k) => (k === t.shape.length - 1 ? { dimValue: c as number } : free(d, k) ? { dimParam: ['batch', 'height', 'width'][k] ?? `d${k}` } : { dimValue: d as number }));
    const name = i === 0 ? 'input' : `input_${i}`;
    out.set(t.sourceLayer.name, t.shape.length === 4 ? g.node('Transpose', [name], 'to_nchw', { perm: [0, 3, 1, 2] }) : name);
    rank.set(t.sourceLayer.name, t.shape.length);
    return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims } } } };
  });

  /** A conv whose output only feeds a BN: the BN is folded into it. */
  const foldedInto = new Map<string, tf.layers.Layer>(); // conv name -> bn layer
  if (fold) {
    for (const layer of model.layers) {
      if (layer.getClassName() !== 'BatchNormalization' || inputs.includes(layer.name)) continue;
      const src = modelNode(model, layer).inboundLayers[0];
      const act = (src.getConfig() as { activation?: string }).activation ?? 'linear';
      if (['Conv2D', 'DepthwiseConv2D', 'Conv2DTranspose'].includes(src.getClassName()) && act === 'linear' && consumers.get(src.name) === 1) {
        foldedInto.set(src.name, layer);
      }
    }
  }
  const foldedBns = new Set([...foldedInto.values()].map((l) => l.name));

  for (const layer of model.layers) {
    const name = layer.name;
    if (inputs.includes(name)) continue;
    const cls = layer.getClassName();
    const node = modelNode(model, layer);
    const ins = node.inboundLayers.map((l) => out.get(l.name)!);
    const inRank = rank.get(node.inboundLayers[0].name)!;
    const cfg = layer.getConfig() as Record<string, unknown>;
    const w = weightsOf(layer);
    let y: string;
    let yRank = inRank;
    let convW: string | undefined; // the (BN-folded) weight initializer of the layer's conv
    const conv = (weight: Float32Array, wShape: number[], bias: Float32Array | undefined, attrs: Record<string, Attr>, op = 'Conv') => {
      const bn = foldedInto.get(name);
      const cout = op === 'ConvTranspose' ? wShape[1] * ((attrs.group as number) ?? 1) : wShape[0];
      let b = bias ?? new Float32Array(cout);
      if (bn) {
        const { scale, shift } = bnScaleShift(bn, weightsOf(bn));
        const per = weight.length / cout;
        weight = weight.slice();
        if (op === 'ConvTranspose') {
          // W [in, out, kh, kw]: scale along axis 1.
          const kk = wShape[2] * wShape[3];
          for (let i = 0; i < wShape[0]; i++) for (let o = 0; o < wShape[1]; o++) for (let k = 0; k < kk; k++) weight[(i * wShape[1] + o) * kk + k] *= scale[o];
        } else {
          for (let o = 0; o < cout; o++) for (let k = 0; k < per; k++) weight[o * per + k] *= scale[o];
        }
        b = b.map((v, o) => v * scale[o] + shift[o]);
      }
      const wName = g.constFloat(g.fresh(`${name}_W`), wShape, weight);
      const bName = g.constFloat(g.fresh(`${name}_B`), [cout], b);
      convW = wName;
      return g.node(op, [ins[0], wName, bName], name, attrs);
    };
    const k2 = (cfg.kernelSize as number[]) ?? [1, 1];
    const strides = (cfg.strides as number[]) ?? [1, 1];
    const dil = (cfg.dilationRate as number[] | number | undefined);
    const dilations = Array.isArray(dil) ? dil : dil ? [dil, dil] : [1, 1];
    const grad = !!tape;
    // The adjoint of this layer (set by each case when a gradient graph is built).
    let back: Adjoint['back'] | undefined;
    const convAttrs = { kernel_shape: k2, strides, dilations, padding: cfg.padding as string };
    switch (cls) {
      case 'Conv2D': {
        const k = w.get('kernel')!; // [kh, kw, in, out] -> [out, in, kh, kw]
        const pre = conv(permute(k.data, k.shape, [3, 2, 0, 1]), [k.shape[3], k.shape[2], k.shape[0], k.shape[1]], w.get('bias')?.data,
          { kernel_shape: k2, strides, dilations, auto_pad: autoPad(cfg.padding as string) });
        y = activation(g, pre, cfg.activation as string, name);
        const W = convW!, out1 = y;
        back = (dy) => [convInputAdjoint(g, activationAdjoint(g, out1, cfg.activation as string, dy, name), W, { ...convAttrs, group: 1 }, ins[0], name)];
        break;
      }
      case 'DepthwiseConv2D': {
        const k = w.get('depthwise_kernel')!; // [kh, kw, in, mult] -> [in*mult, 1, kh, kw]
        const [kh, kw, cin, m] = k.shape;
        const pre = conv(permute(k.data, k.shape, [2, 3, 0, 1]), [cin * m, 1, kh, kw], w.get('bias')?.data,
          { kernel_shape: k2, strides, dilations, group: cin, auto_pad: autoPad(cfg.padding as string) });
        y = activation(g, pre, cfg.activation as string, name);
        const W = convW!, out1 = y;
        back = (dy) => [convInputAdjoint(g, activationAdjoint(g, out1, cfg.activation as string, dy, name), W, { ...convAttrs, group: cin }, ins[0], name)];
        break;
      }
      case 'SeparableConv2D': {
        const dk = w.get('depthwise_kernel')!;
        const pk = w.get('pointwise_kernel')!; // [1, 1, in*mult, out]
        const [kh, kw, cin] = dk.shape;
        const m = depthMultiplier(layer);
        const dwW = g.constFloat(g.fresh(`${name}_dW`), [cin * m, 1, kh, kw], permute(dk.data, dk.shape, [2, 3, 0, 1]));
        const dwB = g.constFloat(g.fresh(`${name}_dB`), [cin * m], new Float32Array(cin * m));
        const mid = g.node('Conv', [ins[0], dwW, dwB], `${name}_dw`, { kernel_shape: k2, strides, dilations, group: cin, auto_pad: autoPad(cfg.padding as string) });
        const cout = pk.shape[3];
        const pwW = g.constFloat(g.fresh(`${name}_pW`), [cout, cin * m, 1, 1], permute(pk.data, pk.shape, [3, 2, 0, 1]));
        const pwB = g.constFloat(g.fresh(`${name}_pB`), [cout], w.get('bias')?.data ?? new Float32Array(cout));
        y = activation(g, g.node('Conv', [mid, pwW, pwB], name, { kernel_shape: [1, 1] }), cfg.activation as string, name);
        const out1 = y;
        back = (dy) => {
          const dMid = convInputAdjoint(g, activationAdjoint(g, out1, cfg.activation as string, dy, name), pwW, { kernel_shape: [1, 1], strides: [1, 1], dilations: [1, 1], padding: 'valid', group: 1 }, mid, name);
          return [convInputAdjoint(g, dMid, dwW, { ...convAttrs, group: cin }, ins[0], name)];
        };
        break;
      }
      case 'Conv2DTranspose': {
        const k = w.get('kernel')!; // [kh, kw, out, in] -> [in, out, kh, kw]
        const [kh, kw, cout, cin] = k.shape;
        const pads: number[] = [0, 0, 0, 0];
        const outPad: number[] = [0, 0];
        [kh, kw].forEach((kk, i) => {
          const s = strides[i];
          const total = cfg.padding === 'same' ? Math.max(kk - s, 0) : 0;
          pads[i] = Math.floor(total / 2);
          pads[i + 2] = total - pads[i];
          outPad[i] = Math.max(s - kk, 0);
        });
        const pre = conv(permute(k.data, k.shape, [3, 2, 0, 1]), [cin, cout, kh, kw], w.get('bias')?.data,
          { kernel_shape: k2, strides, dilations, pads, output_padding: outPad }, 'ConvTranspose');
        y = activation(g, pre, cfg.activation as string, name);
        const W = convW!, out1 = y;
        // The adjoint of a transposed conv is the conv with the same weights, strides and pads.
        back = (dy) => [g.node('Conv', [activationAdjoint(g, out1, cfg.activation as string, dy, name), W], `${name}_grad`, { kernel_shape: k2, strides, dilations, pads })];
        break;
      }
      case 'BatchNormalization': {
        if (foldedBns.has(name)) {
          y = ins[0];
          back = (dy) => [dy];
          break;
        }
        const { scale, shift } = bnScaleShift(layer, w);
        const shape = inRank === 4 ? [scale.length, 1, 1] : [scale.length];
        const scaleName = g.constFloat(g.fresh(`${name}_scale`), shape, scale);
        y = g.node('Add', [g.node('Mul', [ins[0], scaleName], name), g.constFloat(g.fresh(`${name}_shift`), shape, shift)], name);
        back = (dy) => [g.node('Mul', [dy, scaleName], `${name}_grad`)];
        break;
      }
      case 'Activation': {
        y = activation(g, ins[0], cfg.activation as string, name);
        const out1 = y;
        back = (dy) => [activationAdjoint(g, out1, cfg.activation as string, dy, name)];
        break;
      }
      case 'ReLU': {
        const max = cfg.maxValue as number | null | undefined;
        y = max == null ? g.node('Relu', [ins[0]], name) : g.node('Clip', [ins[0], g.constFloat(g.fresh(`${name}_min`), [], [0]), g.constFloat(g.fresh(`${name}_max`), [], [max])], name);
        back = (dy) => [maskedBy(g, dy, ins[0], 0, max ?? undefined, name)];
        break;
      }
      case 'LeakyReLU': {
        const alpha = (cfg.alpha as number) ?? 0.3;
        y = g.node('LeakyRelu', [ins[0]], name, { alpha });
        back = (dy) => [g.node('Mul', [dy, slopeWhere(g, ins[0], g.constFloat(g.fresh(`${name}_alpha`), [], [alpha]), name)], `${name}_grad`)];
        break;
      }
      case 'ELU': {
        const alpha = (cfg.alpha as number) ?? 1;
        y = g.node('Elu', [ins[0]], name, { alpha });
        const out1 = y;
        // d/dx elu = 1 for x > 0, elu(x) + α otherwise.
        back = (dy) => [g.node('Mul', [dy, slopeWhere(g, ins[0], g.node('Add', [out1, g.constFloat(g.fresh(`${name}_alpha`), [], [alpha])], `${name}_grad`), name)], `${name}_grad`)];
        break;
      }
      case 'PReLU': {
        // tfjs alpha is [H?, W?, C] (1 on shared axes); ONNX PRelu broadcasts a [C, H?, W?] slope.
        const alpha = w.get('alpha')!;
        const slope = alpha.shape.length === 3 && inRank === 4
          ? g.constFloat(g.fresh(`${name}_slope`), [alpha.shape[2], alpha.shape[0], alpha.shape[1]], permute(alpha.data, alpha.shape, [2, 0, 1]))
          : g.constFloat(g.fresh(`${name}_slope`), inRank === 4 ? [alpha.size, 1, 1] : [alpha.size], alpha.data);
        y = g.node('PRelu', [ins[0], slope], name);
        back = (dy) => [g.node('Mul', [dy, slopeWhere(g, ins[0], slope, name)], `${name}_grad`)];
        break;
      }
      case 'Dropout': case 'SpatialDropout2D': case 'GaussianNoise': case 'GaussianDropout': case 'AlphaDropout':
        y = ins[0]; // inference: identity
        back = (dy) => [dy];
        break;
      case 'Add': case 'Multiply': case 'Maximum': case 'Minimum': {
        const op = { Add: 'Add', Multiply: 'Mul', Maximum: 'Max', Minimum: 'Min' }[cls]!;
        y = op === 'Max' || op === 'Min' ? g.node(op, ins, name) : ins.slice(1).reduce((acc, t) => g.node(op, [acc, t], name), ins[0]);
        if (op === 'Add') back = (dy) => ins.map(() => dy);
        // ∂(x_1·…·x_n)/∂x_i = the product of the others.
        if (op === 'Mul') back = (dy) => ins.map((_, i) => g.node('Mul', [dy, ins.filter((_t, j) => j !== i).reduce((acc, t) => g.node('Mul', [acc, t], `${name}_grad`))], `${name}_grad`));
        break;
      }
      case 'Subtract':
        y = g.node('Sub', ins, name);
        back = (dy) => [dy, g.node('Neg', [dy], `${name}_grad`)];
        break;
      case 'Average': {
        const inv = g.constFloat(g.fresh(`${name}_n`), [], [1 / ins.length]);
        y = g.node('Mul', [ins.slice(1).reduce((acc, t) => g.node('Add', [acc, t], name), ins[0]), inv], name);
        back = (dy) => { const d = g.node('Mul', [dy, inv], `${name}_grad`); return ins.map(() => d); };
        break;
      }
      case 'Concatenate': {
        const axis = inRank === 4 ? 1 : -1;
        y = g.node('Concat', ins, name, { axis });
        const sizes = node.inboundLayers.map((l) => (l.outputShape as number[]).at(-1)!);
        back = (dy) => g.nodeOutputs('Split', [dy, g.constInt64(g.fresh(`${name}_split`), sizes)], `${name}_grad`, { axis }, ins.map(() => g.fresh(`${name}_grad`)));
        break;
      }
      case 'UpSampling2D': {
        const size = cfg.size as number[];
        if ((cfg.interpolation ?? 'nearest') !== 'nearest') throw new QpruneError(`layer '${name}' (UpSampling2D): only nearest interpolation is supported by the ONNX exporter`);
        y = g.node('Resize', [ins[0], '', g.constFloat(g.fresh(`${name}_scales`), [4], [1, 1, size[0], size[1]])], name,
          { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
        // Each input pixel was copied to a size[0] x size[1] block: its gradient is the block's sum.
        back = (dy) => [g.node('Mul', [g.node('AveragePool', [dy], `${name}_grad`, { kernel_shape: size, strides: size }), g.constFloat(g.fresh(`${name}_area`), [], [size[0] * size[1]])], `${name}_grad`)];
        break;
      }
      case 'MaxPooling2D': case 'AveragePooling2D': {
        const pool = cfg.poolSize as number[];
        const poolStrides = (cfg.strides as number[]) ?? pool;
        const attrs = { kernel_shape: pool, strides: poolStrides, auto_pad: autoPad(cfg.padding as string) };
        if (grad && (poolStrides[0] !== pool[0] || poolStrides[1] !== pool[1])) throw new QpruneError(`layer '${name}' (${cls}): overlapping pooling windows have no gradient in the ONNX gradient graph (score it with --score-engine tfjs)`);
        if (cls === 'MaxPooling2D' && grad) {
          // The indices output says which input pixel each maximum came from (flat NCHW index).
          const [values, indices] = g.nodeOutputs('MaxPool', [ins[0]], name, attrs, [g.fresh(name), g.fresh(`${name}_idx`)]);
          y = values;
          back = (dy) => [maxPoolAdjoint(g, dy, indices, ins[0], name)];
        } else {
          y = g.node(cls === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool', [ins[0]], name, attrs);
          if (cls === 'AveragePooling2D') back = (dy) => [avgPoolAdjoint(g, dy, ins[0], pool, cfg.padding as string, name)];
        }
        break;
      }
      case 'ZeroPadding2D': {
        const [[t, b], [l, r]] = cfg.padding as number[][];
        y = zeroPad(g, ins[0], t, b, l, r, name);
        back = (dy) => [crop(g, dy, t, b, l, r, `${name}_grad`)];
        break;
      }
      case 'Cropping2D': {
        const [[t, b], [l, r]] = cfg.cropping as number[][];
        y = crop(g, ins[0], t, b, l, r, name);
        back = (dy) => [zeroPad(g, dy, t, b, l, r, `${name}_grad`)];
        break;
      }
      case 'Flatten': {
        // Keras flattens NHWC: go back to NHWC first so Dense rows line up.
        const nhwc = inRank === 4 ? g.node('Transpose', [ins[0]], `${name}_nhwc`, { perm: [0, 2, 3, 1] }) : ins[0];
        y = g.node('Flatten', [nhwc], name, { axis: 1 });
        yRank = 2;
        back = (dy) => {
          const d = g.node('Reshape', [dy, g.node('Shape', [nhwc], `${name}_grad`)], `${name}_grad`);
          return [inRank === 4 ? g.node('Transpose', [d], `${name}_grad`, { perm: [0, 3, 1, 2] }) : d];
        };
        break;
      }
      case 'Dense': {
        if (inRank !== 2) throw new QpruneError(`layer '${name}' (Dense) on a rank-${inRank} input is not supported by the ONNX exporter`);
        const k = w.get('kernel')!;
        const units = k.shape[1];
        const bias = w.get('bias')?.data ?? new Float32Array(units);
        y = g.node('Gemm', [ins[0], g.constFloat(g.fresh(`${name}_W`), k.shape, k.data), g.constFloat(g.fresh(`${name}_B`), [units], bias)], name);
        y = activation(g, y, cfg.activation as string, name);
        const out1 = y;
        back = (dy) => [g.node('MatMul', [activationAdjoint(g, out1, cfg.activation as string, dy, name), g.constFloat(g.fresh(`${name}_WT`), [k.shape[1], k.shape[0]], permute(k.data, k.shape, [1, 0]))], `${name}_grad`)];
        break;
      }
      case 'QpruneChannelGate': {
        if (grad) {
          // Scoring differentiates at gate = 1: the gate is the identity, its gradient read in gradient.ts.
          y = ins[0];
          back = (dy) => [dy];
          break;
        }
        const gate = w.get('gate')!;
        y = g.node('Mul', [ins[0], g.constFloat(g.fresh(`${name}_gate`), inRank === 4 ? [gate.size, 1, 1] : [gate.size], gate.data)], name);
        break;
      }
      default:
        throw new QpruneError(`layer '${name}' of type ${cls} is not supported by the ONNX exporter`);
    }
    out.set(name, y);
    rank.set(name, yRank);
    if (tape) {
      if (!back) throw new QpruneError(`layer '${name}' of type ${cls} has no gradient in the ONNX gradient graph (score it with --score-engine tfjs)`);
      tape.push({ layer: name, className: cls, inputLayers: node.inboundLayers.map((l) => l.name), inputs: ins, output: y, back });
    }
  }
  return { g, out, rank, inputs: graphInputs };
}

// ---- Adjoints (vector–Jacobian products) of the ops above, NCHW; used by the gradient graph. ----

const float = (g: GraphBuilder, v: number, name: string) => g.constFloat(g.fresh(name), [], [v]);

/** dy masked to where lo < x (< hi): ReLU and its clipped forms. */
function maskedBy(g: GraphBuilder, dy: string, x: string, lo: number, hi: number | undefined, name: string): string {
  let mask = g.node('Greater', [x, float(g, lo, `${name}_lo`)], `${name}_grad`);
  if (hi !== undefined) mask = g.node('And', [mask, g.node('Less', [x, float(g, hi, `${name}_hi`)], `${name}_grad`)], `${name}_grad`);
  return g.node('Mul', [dy, g.node('Cast', [mask], `${name}_grad`, { to: FLOAT })], `${name}_grad`);
}

/** 1 where x > 0, else `slope` (broadcast): the derivative of LeakyReLU/PReLU/ELU-like units. */
function slopeWhere(g: GraphBuilder, x: string, slope: string, name: string): string {
  return g.node('Where', [g.node('Greater', [x, float(g, 0, `${name}_zero`)], `${name}_grad`), float(g, 1, `${name}_one`), slope], `${name}_grad`);
}

/** ∂/∂(pre-activation) from ∂/∂y, y the activation's output (every activation used here has a derivative in y). */
function activationAdjoint(g: GraphBuilder, y: string, act: string | undefined, dy: string, name: string): string {
  const one = () => float(g, 1, `${name}_one`);
  switch (act ?? 'linear') {
    case 'linear': return dy;
    case 'relu': return maskedBy(g, dy, y, 0, undefined, name);
    case 'relu6': return maskedBy(g, dy, y, 0, 6, name);
    case 'sigmoid': return g.node('Mul', [dy, g.node('Mul', [y, g.node('Sub', [one(), y], `${name}_grad`)], `${name}_grad`)], `${name}_grad`);
    case 'tanh': return g.node('Mul', [dy, g.node('Sub', [one(), g.node('Mul', [y, y], `${name}_grad`)], `${name}_grad`)], `${name}_grad`);
    default: throw new QpruneError(`layer '${name}': activation '${act}' has no gradient in the ONNX gradient graph (score it with --score-engine tfjs)`);
  }
}

interface ConvGeometry { kernel_shape: number[]; strides: number[]; dilations: number[]; padding: string; group: number }

/**
 * ∂L/∂x of y = conv(x, W) from dy: the transposed conv with the same weights (ONNX ConvTranspose
 * takes Conv's [out, in/group, kh, kw] weight as its own [in, out/group, kh, kw]). At stride 1 the
 * 'same'/'valid' pads are static; with strides, where the pads depend on the input size, the full
 * transposed conv is padded and sliced to x's size with the forward's begin pad computed in the graph.
 */
function convInputAdjoint(g: GraphBuilder, dy: string, W: string, c: ConvGeometry, x: string, name: string): string {
  const ke = c.kernel_shape.map((k, i) => (k - 1) * c.dilations[i] + 1);
  if (c.strides.every((s) => s === 1)) {
    const begin = ke.map((k) => (c.padding === 'same' ? Math.floor((k - 1) / 2) : 0));
    const end = ke.map((k, i) => (c.padding === 'same' ? k - 1 - begin[i] : 0));
    // dx[i] = Σ_t dy[i + begin − t·d]·W[t]: a conv with the flipped kernel, padded ke−1−begin before and ke−1−end after.
    return g.node('Conv', [dy, g.adjointKernel(W, c.group)], `${name}_grad`, {
      kernel_shape: c.kernel_shape, dilations: c.dilations, group: c.group, pads: [...ke.map((k, i) => k - 1 - begin[i]), ...ke.map((k, i) => k - 1 - end[i])],
    });
  }
  const full = g.node('ConvTranspose', [dy, W], `${name}_grad`, { kernel_shape: c.kernel_shape, strides: c.strides, dilations: c.dilations, group: c.group });
  const i64 = (v: number[]) => g.constInt64(g.fresh(`${name}_c`), v);
  const H = spatialSize(g, x, name), Hy = spatialSize(g, dy, name);
  // Full length (H' − 1)·s + ke; 'same' (SAME_UPPER) pads max(full − H, 0) in all, half of it (rounded down) before.
  const fullLen = g.node('Add', [g.node('Mul', [g.node('Sub', [Hy, i64([1, 1])], `${name}_grad`), i64(c.strides)], `${name}_grad`), i64(ke)], `${name}_grad`);
  const begin = c.padding === 'same'
    ? g.node('Div', [g.node('Max', [g.node('Sub', [fullLen, H], `${name}_grad`), i64([0, 0])], `${name}_grad`), i64([2, 2])], `${name}_grad`)
    : i64([0, 0]);
  return spatialWindow(g, full, fullLen, begin, H, name);
}

/**
 * Rows/columns [begin, begin + size) of NCHW `t` (spatial extent `extent`), zero-padded at the end
 * where t is shorter; begin, size, extent are int64 [2] tensors (dynamic input sizes).
 */
function spatialWindow(g: GraphBuilder, t: string, extent: string, begin: string, size: string, name: string): string {
  const stop = g.node('Add', [begin, size], `${name}_grad`);
  const padEnd = g.node('Max', [g.node('Sub', [stop, extent], `${name}_grad`), g.constInt64(g.fresh(`${name}_z`), [0, 0])], `${name}_grad`);
  const padded = g.node('Pad', [t, g.node('Concat', [g.constInt64(g.fresh(`${name}_z6`), [0, 0, 0, 0, 0, 0]), padEnd], `${name}_grad`, { axis: 0 })], `${name}_grad`, { mode: 'constant' });
  return g.node('Slice', [padded, begin, stop, g.constInt64(g.fresh(`${name}_hw`), [2, 3])], `${name}_grad`);
}

/** The spatial extent (H, W) of NCHW `t` as an int64 [2] tensor. */
function spatialSize(g: GraphBuilder, t: string, name: string): string {
  return g.node('Gather', [g.node('Shape', [t], `${name}_grad`), g.constInt64(g.fresh(`${name}_hw`), [2, 3])], `${name}_grad`);
}

/** Non-overlapping max pooling: each output's gradient goes to the input pixel its maximum came from. */
function maxPoolAdjoint(g: GraphBuilder, dy: string, indices: string, x: string, name: string): string {
  const shape = g.node('Shape', [x], `${name}_grad`);
  const flat = g.constInt64(g.fresh(`${name}_flat`), [-1]);
  const zeros = g.node('Reshape', [g.node('Mul', [x, float(g, 0, `${name}_zero`)], `${name}_grad`), flat], `${name}_grad`);
  const scattered = g.node('ScatterElements', [zeros, g.node('Reshape', [indices, flat], `${name}_grad`), g.node('Reshape', [dy, flat], `${name}_grad`)], `${name}_grad`, { axis: 0 });
  return g.node('Reshape', [scattered, shape], `${name}_grad`);
}

/**
 * Non-overlapping average pooling: each input pixel gets its window's gradient over the window's
 * count (ONNX's default excludes padding, so a border window of a 'same' pooling counts fewer).
 */
function avgPoolAdjoint(g: GraphBuilder, dy: string, x: string, pool: number[], padding: string, name: string): string {
  let d = dy;
  if (padding === 'same') {
    const ones = g.node('Add', [g.node('Mul', [x, float(g, 0, `${name}_zero`)], `${name}_grad`), float(g, 1, `${name}_one`)], `${name}_grad`);
    // The window's count of real pixels: the window sum of ones.
    const count = g.node('Mul', [g.node('AveragePool', [ones], `${name}_grad`, { kernel_shape: pool, strides: pool, auto_pad: 'SAME_UPPER', count_include_pad: 1 }), float(g, pool[0] * pool[1], `${name}_area`)], `${name}_grad`);
    d = g.node('Div', [dy, count], `${name}_grad`);
  } else {
    d = g.node('Mul', [dy, float(g, 1 / (pool[0] * pool[1]), `${name}_inv`)], `${name}_grad`);
  }
  const up = g.node('Resize', [d, '', g.constFloat(g.fresh(`${name}_scales`), [4], [1, 1, pool[0], pool[1]])], `${name}_grad`, { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
  // Up-sampled to the windows' extent: cut to x (same) or pad the pixels no window covered (valid).
  return spatialWindow(g, up, spatialSize(g, up, name), g.constInt64(g.fresh(`${name}_z`), [0, 0]), spatialSize(g, x, name), name);
}

/** x with t/b zero rows and l/r zero columns (ZeroPadding2D; the adjoint of Cropping2D). */
function zeroPad(g: GraphBuilder, x: string, t: number, b: number, l: number, r: number, name: string): string {
  return g.node('Pad', [x, g.constInt64(g.fresh(`${name}_pads`), [0, 0, t, l, 0, 0, b, r])], name, { mode: 'constant' });
}

/** x without t/b rows and l/r columns (Cropping2D; the adjoint of ZeroPadding2D). */
function crop(g: GraphBuilder, x: string, t: number, b: number, l: number, r: number, name: string): string {
  const big = Number.MAX_SAFE_INTEGER;
  return g.node('Slice', [x, g.constInt64(g.fresh(`${name}_starts`), [t, l]), g.constInt64(g.fresh(`${name}_ends`), [b ? -b : big, r ? -r : big]), g.constInt64(g.fresh(`${name}_axes`), [2, 3])], name);
}
