/** Layer facts that tfjs-layers does not expose cleanly. */
import * as tf from '@tensorflow/tfjs';

/**
 * Depth multiplier of a (separable) depthwise conv. Read from the layer object: tfjs-layers'
 * SeparableConv2D.getConfig() omits it, so configs and saved models lose it (surgery writes it back).
 */
export function depthMultiplier(layer: tf.layers.Layer): number {
  return (layer as unknown as { depthMultiplier?: number }).depthMultiplier ?? 1;
}
