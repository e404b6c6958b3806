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

export interface HalfUNetOptions {
  /** Resolution levels (each after the first halves the size; inputs must be multiples of 2^(levels-1)). */
  levels: number;
  /** Channels at every level (Half-UNet keeps one width throughout). */
  filters: number;
  channels: 1 | 3;
  seed: number;
}

/**
 * Half-UNet (Lu et al. 2022) as a residual denoiser: an encoder of two 3x3 conv + ReLU per level with
 * max pooling between levels, every level's output upsampled (nearest) to full size and added
 * (full-scale fusion by addition, so all levels share one width), two 3x3 conv + ReLU, and a 3x3 conv
 * to the noise estimate; output = input - noise. Plain convolutions stand in for the paper's ghost
 * modules. The addition ties the levels' last convolutions into one channel group when pruning.
 */
export function buildHalfUNet({ levels, filters, channels, seed }: HalfUNetOptions): tf.LayersModel {
  if (!(Number.isInteger(levels) && levels >= 1 && levels <= 6)) throw new QpruneError(`Half-UNet levels must be 1..6, got ${levels}`);
  if (!(filters >= 1)) throw new QpruneError(`filters must be >= 1, got ${filters}`);
  registerCustomLayers();
  let layer = 0;
  const conv = (name: string, x: tf.SymbolicTensor, out = filters, zero = false) => {
    const y = tf.layers.conv2d({
      name, filters: out, kernelSize: 3, padding: 'same',
      kernelInitializer: zero ? tf.initializers.zeros() : tf.initializers.heNormal({ seed: seed * 1000 + ++layer }),
    }).apply(x) as tf.SymbolicTensor;
    return zero ? y : (tf.layers.reLU({ name: `${name}_relu` }).apply(y) as tf.SymbolicTensor);
  };
  const input = tf.input({ shape: [null, null, channels] as unknown as number[], name: 'input' });
  const features: tf.SymbolicTensor[] = [];
  let x: tf.SymbolicTensor = input;
  for (let l = 1; l <= levels; l++) {
    if (l > 1) x = tf.layers.maxPooling2d({ name: `pool${l}`, poolSize: 2, strides: 2 }).apply(x) as tf.SymbolicTensor;
    x = conv(`enc${l}b`, conv(`enc${l}a`, x));
    features.push(l === 1 ? x : (tf.layers.upSampling2d({ name: `up${l}`, size: [2 ** (l - 1), 2 ** (l - 1)] }).apply(x) as tf.SymbolicTensor));
  }
  const fused = features.length > 1 ? (tf.layers.add({ name: 'fuse' }).apply(features) as tf.SymbolicTensor) : features[0];
  const noise = conv('out', conv('dec2', conv('dec1', fused)), channels, true);
  const out = new Subtract({ name: 'subtract' }).apply([input, noise]) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: `halfunet_l${levels}_f${filters}` });
}
