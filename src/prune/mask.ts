/**
 * Masked models: the same architecture and weights with a channel gate (x · g, g ∈ {0,1}^C) on every
 * input edge of a channel-mixing layer (Conv2D, Conv2DTranspose, SeparableConv2D, Dense, and Flatten
 * before a Dense) whose channels belong to a channel group. That is the point after the last
 * per-channel op (BN, activation, pooling, padding, merges) of the group, so a gated-off channel
 * contributes exactly what a removed one does: nothing. Hence prune(model, keep)(x) equals
 * masked(model, keep)(x). Candidates are evaluated by changing gate values, without rebuilding.
 * The gates are trainable weights, so gradients w.r.t. them give Taylor/Fisher scores.
 *
 * The masked model re-applies the original layer objects: it shares their weights. Dispose it with
 * MaskedModel.dispose(), which frees only the gates.
 */
import * as tf from '@tensorflow/tfjs';
import { analyzeChannels, ChannelGraph, KeepMasks, modelNode, resolveKeep, slotKept } from './graph.js';
import { isRole } from '../model/layer-kinds.js';

export class ChannelGate extends tf.layers.Layer {
  static className = 'QpruneChannelGate';
  private gate!: tf.LayerVariable;
  /**
   * Scoring hooks (src/score): a per-sample gate tensor [B, 1, 1, C] used instead of the weight, so
   * gradients w.r.t. it give per-sample a·dL/da sums; and a callback that sees the gate's input.
   */
  override?: tf.Tensor;
  /** Added after the gate (calibration: its gradient is Σ_positions ∂L/∂a). */
  shift?: tf.Tensor;
  /** Gate the input about its batch mean m, m + gate·(a − m) (calibration, removal 'mean'). */
  aboutBatchMean?: boolean;
  onInput?: (x: tf.Tensor) => void;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    this.gate = this.addWeight('gate', [shape[shape.length - 1]!], 'float32', tf.initializers.ones(), undefined, true);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    this.onInput?.(x);
    const gate = this.override ?? this.gate.read();
    let gated: tf.Tensor;
    if (this.aboutBatchMean) {
      const m = tf.mean(x, x.shape.map((_, i) => i).slice(0, -1), true);
      gated = tf.add(m, tf.mul(tf.sub(x, m), gate));
    } else {
      gated = tf.mul(x, gate);
    }
    return this.shift ? tf.add(gated, this.shift) : gated;
  }

  get variable(): tf.LayerVariable {
    return this.gate;
  }
}
tf.serialization.registerClass(ChannelGate);

export interface Gate {
  layer: ChannelGate;
  /** The consumer whose input it gates. */
  consumer: string;
  /** Slot (class) ids of the gated channels, in channel order. */
  slots: number[];
}

export interface MaskedModel {
  model: tf.LayersModel;
  graph: ChannelGraph;
  gates: Gate[];
  setKeep(keep: KeepMasks): void;
  dispose(): void;
}

export function createMaskedModel(base: tf.LayersModel, graph: ChannelGraph = analyzeChannels(base)): MaskedModel {
  const outputs = new Map<string, tf.SymbolicTensor>();
  for (const input of base.inputs) outputs.set(input.sourceLayer.name, input);
  const gates: Gate[] = [];
  for (const layer of base.layers) {
    if (outputs.has(layer.name)) continue;
    const node = modelNode(base, layer);
    const info = graph.layers.get(layer.name)!;
    const cls = layer.getClassName();
    const denseAfterFlatten = cls === 'Dense' && graph.layers.get(node.inboundLayers[0].name)?.flattenPositions !== undefined;
    const gated = (isRole(cls, 'producer') && !denseAfterFlatten) || isRole(cls, 'flatten');
    const inputs = node.inboundLayers.map((l, i) => {
      const t = outputs.get(l.name)!;
      const slots = info.inputs[i];
      if (!gated || !slots.some((s) => graph.classGroup[s] >= 0 && graph.groups[graph.classGroup[s]].prunable)) return t;
      const gate = new ChannelGate({ name: `${layer.name}_gate${i}` });
      gates.push({ layer: gate, consumer: layer.name, slots });
      return gate.apply(t) as tf.SymbolicTensor;
    });
    outputs.set(layer.name, layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tf.SymbolicTensor);
  }
  const model = tf.model({ inputs: base.inputs, outputs: base.outputs.map((o) => outputs.get(o.sourceLayer.name)!), name: `${base.name}_masked` });
  return {
    model,
    graph,
    gates,
    setKeep(keep: KeepMasks) {
      const masks = resolveKeep(graph, keep);
      for (const g of gates) {
        const values = Float32Array.from(g.slots, (s) => (slotKept(graph, masks, s) ? 1 : 0));
        tf.tidy(() => g.layer.setWeights([tf.tensor1d(values)]));
      }
    },
    dispose() {
      for (const g of gates) g.layer.dispose();
    },
  };
}

/** Convenience: a masked model with `keep` applied. */
export function mask(base: tf.LayersModel, keep: KeepMasks, graph?: ChannelGraph): MaskedModel {
  const m = createMaskedModel(base, graph);
  m.setKeep(keep);
  return m;
}
