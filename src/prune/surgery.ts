/**
 * Physical pruning: a new, smaller LayersModel whose layers keep only the channels the masks keep.
 * The architecture is rebuilt from the model's own config (filters/units reduced), and every weight
 * is sliced along its channel axes with the surviving positions of its input and output slots.
 * The result is a plain tfjs model: it saves, loads and runs with stock tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import { modelFromTopology } from '../io/topology.js';
import { analyzeChannels, ChannelGraph, KeepMasks, resolveKeep } from './graph.js';
import { depthMultiplier } from '../model/layers.js';
import type { CompensationSpec } from './compensation.js';
import { keptPerLayer, readWeights, sliceLayerWeights, Weight } from './slice.js';

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

/**
 * Prune `model` to the channels the masks keep. `graph` may be passed when already computed.
 * The input model is left untouched. With `compensation`, removed channels are folded into their
 * consumers (prune/compensation.ts; a consumer without a bias may get one).
 */
export async function prune(model: tf.LayersModel, keep: KeepMasks, graph: ChannelGraph = analyzeChannels(model), compensation?: CompensationSpec): Promise<tf.LayersModel> {
  const masks = resolveKeep(graph, keep);
  const kept = keptPerLayer(model, graph, masks);
  const sliced = new Map<string, Map<string, Weight>>();
  for (const layer of model.layers) {
    const k = kept.get(layer.name);
    if (k && layer.weights.length) sliced.set(layer.name, sliceLayerWeights(layer, readWeights(layer), k, compensation));
  }
  const topology = model.toJSON(null, false) as unknown;
  for (const entry of layerEntries(topology)) {
    const k = kept.get(entry.config.name);
    if (!k) continue;
    if (sliced.get(entry.config.name)?.has('bias')) entry.config.use_bias = true;
    if ('filters' in entry.config && entry.class_name !== 'DepthwiseConv2D') entry.config.filters = k.out.length;
    if (entry.class_name === 'Dense') entry.config.units = k.out.length;
    // tfjs-layers' SeparableConv2D.getConfig() drops depthMultiplier; put it back.
    if (entry.class_name === 'SeparableConv2D') entry.config.depth_multiplier = depthMultiplier(model.getLayer(entry.config.name));
  }
  const pruned = await modelFromTopology(topology);
  for (const [name, weights] of sliced) {
    const target = pruned.getLayer(name);
    // Fresh tensors from the sliced arrays: never share the source model's buffers.
    const tensors = target.weights.map((w) => {
      const s = weights.get(w.originalName.split('/').pop()!)!;
      return tf.tensor(s.data, s.shape);
    });
    target.setWeights(tensors);
    tf.dispose(tensors);
  }
  return pruned;
}
