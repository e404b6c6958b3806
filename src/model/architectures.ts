/**
 * Denoiser architectures we build ourselves (for `qprune train`, fixtures and the demo). All are
 * residual: the network predicts the noise and the output is `input - noise`, as in DnCNN.
 * Initial weights are seeded per layer, so the same seed builds the same model.
 */
import * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import { Subtract, registerCustomLayers } from '../io/custom-layers.js';

export interface DnCNNOptions {
  /** Number of conv layers (DnCNN-S: 17). */
  depth: number;
  filters: number;
  channels: 1 | 3;
  batchNorm: boolean;
  seed: number;
}

export function buildDnCNN({ depth, filters, channels, batchNorm, seed }: DnCNNOptions): tf.LayersModel {
  if (!(depth >= 2)) throw new QpruneError(`DnCNN depth must be >= 2, got ${depth}`);
  if (!(filters >= 1)) throw new QpruneError(`filters must be >= 1, got ${filters}`);
  registerCustomLayers();
  const init = (i: number) => tf.initializers.heNormal({ seed: seed * 1000 + i });
  const input = tf.input({ shape: [null, null, channels] as unknown as number[], name: 'input' });
  let x: tf.SymbolicTensor = input;
  for (let i = 1; i <= depth; i++) {
    const last = i === depth;
    const mid = i > 1 && !last;
    x = tf.layers.conv2d({
      name: `conv${i}`,
      filters: last ? channels : filters,
      kernelSize: 3,
      padding: 'same',
      useBias: !(mid && batchNorm),
      // The last layer starts at zero so a new model is the identity (predicts no noise) and training
      // starts from the noisy-input loss instead of a random residual's much larger one.
      kernelInitializer: last ? tf.initializers.zeros() : init(i),
    }).apply(x) as tf.SymbolicTensor;
    if (mid && batchNorm) x = tf.layers.batchNormalization({ name: `bn${i}`, epsilon: 1e-4 }).apply(x) as tf.SymbolicTensor;
    if (!last) x = tf.layers.reLU({ name: `relu${i}` }).apply(x) as tf.SymbolicTensor;
  }
  const out = new Subtract({ name: 'subtract' }).apply([input, x]) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: `dncnn_d${depth}_f${filters}` });
}
