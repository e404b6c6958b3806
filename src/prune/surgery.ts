/**
 * Physical pruning: a new, smaller LayersModel whose layers keep only the channels the masks keep.
 * The architecture is rebuilt from the model's own config (filters/units reduced), and every weight
 * is sliced along its channel axes with the surviving positions of its input and output slots.
 * The result is a plain tfjs model: it saves, loads and runs with stock tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import { modelFromTopology } from '../io/topology.js';
import { analyzeChannels, ChannelGraph, KeepMasks, keptPositions, LayerChannels, modelNode, resolveKeep, depthMultiplier } from './graph.js';

interface LayerConfigEntry {
  class_name: string;
  config: Record<string, unknown> & { name: string };
}

function layerEntries(topology: unknown): LayerConfigEntry[] {
  const cfg = (topology as { config: { layers?: LayerConfigEntry[] } | LayerConfigEntry[] }).config;
  const layers = Array.isArray(cfg) ? cfg : cfg.layers;
  if (!layers) throw new Error('model config has no layer list');
  return layers;
}

/** Positions kept along each relevant axis of one layer. */
interface Kept {
  in: number[];
  out: number[];
  /** Dense after Flatten: kept input rows (position-major, channel-minor). */
  rows?: number[];
}

function keptFor(graph: ChannelGraph, masks: Uint8Array[], info: LayerChannels, sourceOf: (name: string) => LayerChannels | undefined, inputLayer: string | undefined): Kept {
  const kin = info.inputs.length ? keptPositions(graph, masks, info.inputs[0]) : [];
  const kept: Kept = { in: kin, out: keptPositions(graph, masks, info.output) };
  const positions = inputLayer ? sourceOf(inputLayer)?.flattenPositions : undefined;
  if (info.className === 'Dense' && positions !== undefined) {
    const c = info.inputs[0].length;
    kept.rows = [];
    for (let p = 0; p < positions; p++) for (const k of kin) kept.rows.push(p * c + k);
  }
  return kept;
}

/**
 * A fresh copy of the kept slices. Not `clone()`: a clone shares the source variable's data, and
 * disposing the pruned model would free the source's weights. Not the gather output itself either:
 * the wasm backend records the shape a buffer was created with, and its Gather kernel creates a
 * higher-rank buffer that it reshapes, which its FusedConv2D then rejects as a bias.
 */
function gather(t: tf.Tensor, idx: number[], axis: number): tf.Tensor {
  const g = tf.gather(t, tf.tensor1d(idx, 'int32'), axis);
  return tf.tensor(g.dataSync(), g.shape, g.dtype);
}

/** Sliced copies of a layer's weights. */
function sliceWeights(layer: tf.layers.Layer, k: Kept): tf.Tensor[] {
  const cls = layer.getClassName();
  return tf.tidy(() => layer.weights.map((w) => {
    const t = w.read();
    const wname = w.originalName.split('/').pop()!;
    switch (cls) {
      case 'Conv2D':
        return wname === 'kernel' ? gather(gather(t, k.in, 2), k.out, 3) : gather(t, k.out, 0);
      case 'Conv2DTranspose': // kernel [kh, kw, out, in]
        return wname === 'kernel' ? gather(gather(t, k.out, 2), k.in, 3) : gather(t, k.out, 0);
      case 'DepthwiseConv2D':
        return wname === 'depthwise_kernel' ? gather(t, k.in, 2) : gather(t, k.in, 0);
      case 'SeparableConv2D': {
        if (wname === 'depthwise_kernel') return gather(t, k.in, 2);
        if (wname === 'pointwise_kernel') {
          const mult = depthMultiplier(layer);
          const rows = k.in.flatMap((c) => Array.from({ length: mult }, (_, m) => c * mult + m));
          return gather(gather(t, rows, 2), k.out, 3);
        }
        return gather(t, k.out, 0);
      }
      case 'Dense':
        return wname === 'kernel' ? gather(gather(t, k.rows ?? k.in, 0), k.out, 1) : gather(t, k.out, 0);
      case 'BatchNormalization':
        return gather(t, k.in, 0);
      case 'PReLU':
        return gather(t, k.in, t.rank - 1);
      default:
        throw new QpruneError(`layer '${layer.name}' (${cls}) has weights the surgery does not know how to slice`);
    }
  }));
}

/**
 * Prune `model` to the channels the masks keep. `graph` may be passed when already computed.
 * The input model is left untouched.
 */
export async function prune(model: tf.LayersModel, keep: KeepMasks, graph: ChannelGraph = analyzeChannels(model)): Promise<tf.LayersModel> {
  const masks = resolveKeep(graph, keep);
  const topology = model.toJSON(null, false) as unknown;
  const kept = new Map<string, Kept>();
  for (const layer of model.layers) {
    const info = graph.layers.get(layer.name);
    if (!info || info.className === 'InputLayer') continue;
    const inbound = modelNode(model, layer).inboundLayers[0]?.name;
    kept.set(layer.name, keptFor(graph, masks, info, (n) => graph.layers.get(n), inbound));
  }
  for (const entry of layerEntries(topology)) {
    const k = kept.get(entry.config.name);
    if (!k) continue;
    if ('filters' in entry.config && entry.class_name !== 'DepthwiseConv2D') entry.config.filters = k.out.length;
    if (entry.class_name === 'Dense') entry.config.units = k.out.length;
    if (entry.class_name === 'SeparableConv2D') entry.config.depth_multiplier = depthMultiplier(model.getLayer(entry.config.name));
  }
  const pruned = await modelFromTopology(topology);
  for (const layer of model.layers) {
    const k = kept.get(layer.name);
    if (!k || layer.weights.length === 0) continue;
    const weights = sliceWeights(layer, k);
    pruned.getLayer(layer.name).setWeights(weights);
    tf.dispose(weights);
  }
  return pruned;
}
