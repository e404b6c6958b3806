/**
 * Keras layers that tfjs-layers lacks. Registered once, before any model is deserialised, so Keras
 * configs that use them import (and tfjs models we save with them load again in qprune).
 */
import * as tf from '@tensorflow/tfjs';

/** Keras `Subtract`: exactly two inputs of equal shape, output `a - b` (DnCNN's `input - noise`). */
export class Subtract extends tf.layers.Layer {
  static className = 'Subtract';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shapes = inputShape as tf.Shape[];
    if (!Array.isArray(shapes[0]) || shapes.length !== 2) {
      throw new Error(`Subtract layer '${this.name}' needs exactly 2 inputs`);
    }
    return shapes[0];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const list = inputs as tf.Tensor[];
    if (!Array.isArray(list) || list.length !== 2) {
      throw new Error(`Subtract layer '${this.name}' needs exactly 2 inputs, got ${Array.isArray(list) ? list.length : 1}`);
    }
    return tf.tidy(() => tf.sub(list[0], list[1]));
  }
}

let registered = false;
export function registerCustomLayers(): void {
  if (registered) return;
  tf.serialization.registerClass(Subtract);
  registered = true;
}
