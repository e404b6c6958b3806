/**
 * Predicted cost of a pruned model, computed from the channel graph and the masks alone (no model is
 * built): per layer, parameters and MACs follow from the kept input/output channel counts. The
 * surgery's real parameter count must equal this prediction (tested).
 */
import * as tf from '@tensorflow/tfjs';
import { layerCosts, LayerCost } from '../model/cost.js';
import { ChannelGraph, KeepMasks, keptPositions, resolveKeep } from './graph.js';
import { depthMultiplier } from '../model/layers.js';

export interface CostSummary {
  params: number;
  flops: number;
  layers: (LayerCost & { paramsBefore: number; macsBefore: number })[];
}

/** `unpruned`: the model's own layerCosts at this size, when the caller evaluates many masks. */
export function prunedCost(model: tf.LayersModel, graph: ChannelGraph, keep: KeepMasks, height: number, width: number, unpruned: LayerCost[] = layerCosts(model, height, width)): CostSummary {
  const masks = resolveKeep(graph, keep);
  const before = new Map(unpruned.map((c) => [c.name, c]));
  const layers: CostSummary['layers'] = [];
  for (const layer of model.layers) {
    const base = before.get(layer.name)!;
    const info = graph.layers.get(layer.name);
    if (!info || info.className === 'InputLayer') {
      layers.push({ ...base, paramsBefore: base.params, macsBefore: base.macs });
      continue;
    }
    const cin = info.inputs[0]?.length ?? 0;
    const cout = info.output.length;
    const kin = info.inputs[0] ? keptPositions(graph, masks, info.inputs[0]).length : 0;
    const kout = keptPositions(graph, masks, info.output).length;
    const cfg = layer.getConfig() as { kernelSize?: number[]; useBias?: boolean };
    const k = (cfg.kernelSize ?? [1, 1]).reduce((a, b) => a * b, 1);
    const bias = cfg.useBias === false ? 0 : 1;
    let params = base.params;
    let macs = base.macs;
    switch (info.className) {
      case 'Conv2D':
      case 'Conv2DTranspose':
        params = k * kin * kout + bias * kout;
        macs = base.macs * ((kin * kout) / (cin * cout));
        break;
      case 'DepthwiseConv2D':
        params = k * kin + bias * kin;
        macs = base.macs * (kin / cin);
        break;
      case 'SeparableConv2D': {
        const m = depthMultiplier(layer);
        params = k * kin * m + kin * m * kout + bias * kout;
        const pixels = base.macs / (k * cin * m + cin * m * cout);
        macs = pixels * (k * kin * m + kin * m * kout);
        break;
      }
      case 'Dense': {
        const rows = (base.params - bias * cout) / cout; // positions x channels, or channels
        const keptRows = (rows / cin) * kin;
        params = keptRows * kout + bias * kout;
        macs = keptRows * kout;
        break;
      }
      case 'BatchNormalization':
      case 'PReLU':
        params = (base.params / cin) * kin;
        break;
    }
    layers.push({ name: layer.name, className: info.className, params, macs, paramsBefore: base.params, macsBefore: base.macs });
  }
  return { params: layers.reduce((s, l) => s + l.params, 0), flops: 2 * layers.reduce((s, l) => s + l.macs, 0), layers };
}
