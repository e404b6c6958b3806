/**
 * Cost model: multiply-accumulates of the compute layers for a given input size, propagated through
 * the graph with each layer's own computeOutputShape. FLOPs are counted as 2 x MACs (one multiply and
 * one add), the convention behind the GFLOP/s figures we quote. Element-wise layers (BN, ReLU, add)
 * are not counted: they are < 1% of a 3x3 conv net's work.
 */
import * as tf from '@tensorflow/tfjs';
import { depthMultiplier } from './layers.js';

export interface LayerCost {
  name: string;
  className: string;
  macs: number;
  params: number;
}

type Shape = (number | null)[];

function kernelMacs(layer: tf.layers.Layer, inShape: Shape, outShape: Shape): number {
  const cls = layer.getClassName();
  const out = outShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  const cfg = layer.getConfig() as Record<string, unknown>;
  const k = (cfg.kernelSize as number[] | undefined) ?? [1, 1];
  const cin = inShape[inShape.length - 1] ?? 0;
  switch (cls) {
    case 'Conv2D':
      return out * k[0] * k[1] * cin;
    case 'Conv2DTranspose':
      // Each input pixel scatters a KxK x Cout block.
      return inShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1) * k[0] * k[1] * (outShape[outShape.length - 1] ?? 0);
    case 'DepthwiseConv2D':
      return out * k[0] * k[1];
    case 'SeparableConv2D':
    {
      const m = depthMultiplier(layer);
      return outShape.slice(1, -1).reduce<number>((a, b) => a * (b ?? 1), 1) * (k[0] * k[1] * cin * m + cin * m * (outShape[outShape.length - 1] ?? 0));
    }
    case 'Dense':
      return out * cin;
    default:
      return 0;
  }
}

/** Per-layer MACs and parameters for one input of height x width. */
export function layerCosts(model: tf.LayersModel, height: number, width: number): LayerCost[] {
  const shapes = new Map<string, Shape[]>();
  const costs: LayerCost[] = [];
  for (const layer of model.layers) {
    let inShapes: Shape[];
    if (layer.getClassName() === 'InputLayer') {
      const s = layer.batchInputShape as Shape;
      inShapes = [[1, height, width, s[s.length - 1]]];
      shapes.set(layer.name, inShapes);
      costs.push({ name: layer.name, className: 'InputLayer', macs: 0, params: 0 });
      continue;
    }
    const node = layer.inboundNodes[0];
    inShapes = node.inboundLayers.map((l, i) => shapes.get(l.name)![node.tensorIndices[i]]);
    const raw = layer.computeOutputShape(inShapes.length === 1 ? (inShapes[0] as tf.Shape) : (inShapes as tf.Shape[]));
    const outShapes = (Array.isArray(raw[0]) ? raw : [raw]) as Shape[];
    shapes.set(layer.name, outShapes);
    costs.push({ name: layer.name, className: layer.getClassName(), macs: kernelMacs(layer, inShapes[0], outShapes[0]), params: layer.countParams() });
  }
  return costs;
}

/** Forward FLOPs (2 x MACs) of one height x width input. */
export function forwardFlops(model: tf.LayersModel, height: number, width: number): number {
  return 2 * layerCosts(model, height, width).reduce((s, c) => s + c.macs, 0);
}
