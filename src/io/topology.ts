/** Building a LayersModel from a Keras-style topology config (Keras import, pruning surgery). */
import * as tf from '@tensorflow/tfjs';
import { registerCustomLayers } from './custom-layers.js';

/**
 * Copy of a config whose initializers are all Zeros: the caller sets every weight afterwards, and
 * Keras' Orthogonal initializer costs a QR decomposition per layer in tfjs (seconds for DnCNN).
 */
function withZeroInitializers(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withZeroInitializers);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k.endsWith('_initializer') && v !== null ? { class_name: 'Zeros', config: {} } : withZeroInitializers(v);
  }
  return out;
}

/** A model with the config's architecture and zero weights, ready for setWeights. */
export async function modelFromTopology(config: unknown): Promise<tf.LayersModel> {
  registerCustomLayers();
  return tf.models.modelFromJSON({ modelTopology: withZeroInitializers(config) as tf.serialization.ConfigDict });
}
