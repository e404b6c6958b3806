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

type Attr = number | number[] | string | { floats: number[] };

class GraphBuilder {
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

  constInt64(name: string, values: number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  node(opType: string, inputs: string[], name: string, attrs: Record<string, Attr> = {}, output = this.fresh(name)): string {
    const attribute: Onnx.IAttributeProto[] = Object.entries(attrs).map(([k, v]) => {
      if (typeof v === 'string') return { name: k, type: A.STRING, s: new TextEncoder().encode(v) };
      if (typeof v === 'number') return Number.isInteger(v) && !k.startsWith('alpha') && k !== 'epsilon' && k !== 'beta' && k !== 'min' && k !== 'max'
        ? { name: k, type: A.INT, i: v } : { name: k, type: A.FLOAT, f: v };
      if (Array.isArray(v)) return { name: k, type: A.INTS, ints: v };
      return { name: k, type: A.FLOATS, floats: v.floats };
    });
    this.nodes.push({ opType, input: inputs, output: [output], name: this.fresh(name), attribute });
    return output;
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
function bnScaleShift(bn: tf.layers.Layer, w: Map<string, Weight>): { scale: Float32Array; shift: Float32Array } {
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

function buildOnnx(model: tf.LayersModel, weightsOf: (layer: tf.layers.Layer) => Map<string, Weight>, fold: boolean): Uint8Array {
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
    const dims = t.shape.map((d, k) => (k === t.shape.length - 1 ? { dimValue: c as number } : d == null ? { dimParam: ['batch', 'height', 'width'][k] ?? `d${k}` } : { dimValue: d }));
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
      return g.node(op, [ins[0], wName, bName], name, attrs);
    };
    const k2 = (cfg.kernelSize as number[]) ?? [1, 1];
    const strides = (cfg.strides as number[]) ?? [1, 1];
    const dil = (cfg.dilationRate as number[] | number | undefined);
    const dilations = Array.isArray(dil) ? dil : dil ? [dil, dil] : [1, 1];
    switch (cls) {
      case 'Conv2D': {
        const k = w.get('kernel')!; // [kh, kw, in, out] -> [out, in, kh, kw]
        y = conv(permute(k.data, k.shape, [3, 2, 0, 1]), [k.shape[3], k.shape[2], k.shape[0], k.shape[1]], w.get('bias')?.data,
          { kernel_shape: k2, strides, dilations, auto_pad: autoPad(cfg.padding as string) });
        y = activation(g, y, cfg.activation as string, name);
        break;
      }
      case 'DepthwiseConv2D': {
        const k = w.get('depthwise_kernel')!; // [kh, kw, in, mult] -> [in*mult, 1, kh, kw]
        const [kh, kw, cin, m] = k.shape;
        y = conv(permute(k.data, k.shape, [2, 3, 0, 1]), [cin * m, 1, kh, kw], w.get('bias')?.data,
          { kernel_shape: k2, strides, dilations, group: cin, auto_pad: autoPad(cfg.padding as string) });
        y = activation(g, y, cfg.activation as string, name);
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
        y = conv(permute(k.data, k.shape, [3, 2, 0, 1]), [cin, cout, kh, kw], w.get('bias')?.data,
          { kernel_shape: k2, strides, dilations, pads, output_padding: outPad }, 'ConvTranspose');
        y = activation(g, y, cfg.activation as string, name);
        break;
      }
      case 'BatchNormalization': {
        if (foldedBns.has(name)) {
          y = ins[0];
          break;
        }
        const { scale, shift } = bnScaleShift(layer, w);
        const shape = inRank === 4 ? [scale.length, 1, 1] : [scale.length];
        y = g.node('Add', [g.node('Mul', [ins[0], g.constFloat(g.fresh(`${name}_scale`), shape, scale)], name), g.constFloat(g.fresh(`${name}_shift`), shape, shift)], name);
        break;
      }
      case 'Activation':
        y = activation(g, ins[0], cfg.activation as string, name);
        break;
      case 'ReLU': {
        const max = cfg.maxValue as number | null | undefined;
        y = max == null ? g.node('Relu', [ins[0]], name) : g.node('Clip', [ins[0], g.constFloat(g.fresh(`${name}_min`), [], [0]), g.constFloat(g.fresh(`${name}_max`), [], [max])], name);
        break;
      }
      case 'LeakyReLU':
        y = g.node('LeakyRelu', [ins[0]], name, { alpha: (cfg.alpha as number) ?? 0.3 });
        break;
      case 'ELU':
        y = g.node('Elu', [ins[0]], name, { alpha: (cfg.alpha as number) ?? 1 });
        break;
      case 'PReLU': {
        // tfjs alpha is [H?, W?, C] (1 on shared axes); ONNX PRelu broadcasts a [C, H?, W?] slope.
        const alpha = w.get('alpha')!;
        const slope = alpha.shape.length === 3 && inRank === 4
          ? g.constFloat(g.fresh(`${name}_slope`), [alpha.shape[2], alpha.shape[0], alpha.shape[1]], permute(alpha.data, alpha.shape, [2, 0, 1]))
          : g.constFloat(g.fresh(`${name}_slope`), inRank === 4 ? [alpha.size, 1, 1] : [alpha.size], alpha.data);
        y = g.node('PRelu', [ins[0], slope], name);
        break;
      }
      case 'Dropout': case 'SpatialDropout2D': case 'GaussianNoise': case 'GaussianDropout': case 'AlphaDropout':
        y = ins[0]; // inference: identity
        break;
      case 'Add': case 'Multiply': case 'Maximum': case 'Minimum': {
        const op = { Add: 'Add', Multiply: 'Mul', Maximum: 'Max', Minimum: 'Min' }[cls]!;
        y = op === 'Max' || op === 'Min' ? g.node(op, ins, name) : ins.slice(1).reduce((acc, t) => g.node(op, [acc, t], name), ins[0]);
        break;
      }
      case 'Subtract':
        y = g.node('Sub', ins, name);
        break;
      case 'Average':
        y = g.node('Mul', [ins.slice(1).reduce((acc, t) => g.node('Add', [acc, t], name), ins[0]), g.constFloat(g.fresh(`${name}_n`), [], [1 / ins.length])], name);
        break;
      case 'Concatenate':
        y = g.node('Concat', ins, name, { axis: inRank === 4 ? 1 : -1 });
        break;
      case 'UpSampling2D': {
        const size = cfg.size as number[];
        if ((cfg.interpolation ?? 'nearest') !== 'nearest') throw new QpruneError(`layer '${name}' (UpSampling2D): only nearest interpolation is supported by the ONNX exporter`);
        y = g.node('Resize', [ins[0], '', g.constFloat(g.fresh(`${name}_scales`), [4], [1, 1, size[0], size[1]])], name,
          { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
        break;
      }
      case 'MaxPooling2D': case 'AveragePooling2D': {
        const pool = cfg.poolSize as number[];
        y = g.node(cls === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool', [ins[0]], name, { kernel_shape: pool, strides: (cfg.strides as number[]) ?? pool, auto_pad: autoPad(cfg.padding as string) });
        break;
      }
      case 'ZeroPadding2D': {
        const [[t, b], [l, r]] = cfg.padding as number[][];
        y = g.node('Pad', [ins[0], g.constInt64(g.fresh(`${name}_pads`), [0, 0, t, l, 0, 0, b, r])], name, { mode: 'constant' });
        break;
      }
      case 'Cropping2D': {
        const [[t, b], [l, r]] = cfg.cropping as number[][];
        const big = Number.MAX_SAFE_INTEGER;
        y = g.node('Slice', [ins[0], g.constInt64(g.fresh(`${name}_starts`), [t, l]), g.constInt64(g.fresh(`${name}_ends`), [b ? -b : big, r ? -r : big]), g.constInt64(g.fresh(`${name}_axes`), [2, 3])], name);
        break;
      }
      case 'Flatten': {
        // Keras flattens NHWC: go back to NHWC first so Dense rows line up.
        const nhwc = inRank === 4 ? g.node('Transpose', [ins[0]], `${name}_nhwc`, { perm: [0, 2, 3, 1] }) : ins[0];
        y = g.node('Flatten', [nhwc], name, { axis: 1 });
        yRank = 2;
        break;
      }
      case 'Dense': {
        if (inRank !== 2) throw new QpruneError(`layer '${name}' (Dense) on a rank-${inRank} input is not supported by the ONNX exporter`);
        const k = w.get('kernel')!;
        const units = k.shape[1];
        const bias = w.get('bias')?.data ?? new Float32Array(units);
        y = g.node('Gemm', [ins[0], g.constFloat(g.fresh(`${name}_W`), k.shape, k.data), g.constFloat(g.fresh(`${name}_B`), [units], bias)], name);
        y = activation(g, y, cfg.activation as string, name);
        yRank = 2;
        break;
      }
      case 'QpruneChannelGate': {
        const gate = w.get('gate')!;
        y = g.node('Mul', [ins[0], g.constFloat(g.fresh(`${name}_gate`), inRank === 4 ? [gate.size, 1, 1] : [gate.size], gate.data)], name);
        break;
      }
      default:
        throw new QpruneError(`layer '${name}' of type ${cls} is not supported by the ONNX exporter`);
    }
    out.set(name, y);
    rank.set(name, yRank);
  }

  const outputs: Onnx.IValueInfoProto[] = model.outputs.map((t, i) => {
    const src = t.sourceLayer.name;
    const name = i === 0 ? 'output' : `output_${i}`;
    if (rank.get(src) === 4) g.node('Transpose', [out.get(src)!], 'to_nhwc', { perm: [0, 2, 3, 1] }, name);
    else g.node('Identity', [out.get(src)!], 'out', {}, name);
    const c = t.shape[t.shape.length - 1];
    const dims = t.shape.map((d, k) => (k === t.shape.length - 1 ? { dimValue: c as number } : d == null ? { dimParam: ['batch', 'out_height', 'out_width'][k] ?? `o${k}` } : { dimValue: d }));
    return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims } } } };
  });

  const graph: Onnx.IGraphProto = { name: model.name, node: g.nodes, initializer: g.initializers, input: graphInputs, output: outputs };
  const proto: Onnx.IModelProto = { irVersion: 7, opsetImport: [{ domain: '', version: OPSET }], producerName: 'qprune', producerVersion: '0.1.0', graph };
  return onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
}
