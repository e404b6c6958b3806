/**
 * What each supported Keras layer type does to channels: the one table the pruning graph, the masked
 * model and the importance scores read. Per-concern code that is naturally a switch on the type
 * (weight slicing in prune/slice.ts, MACs in model/cost.ts and prune/cost.ts, ONNX ops in
 * onnx/export.ts) keeps one switch each; a type missing there is refused by name.
 */
export type ChannelRole =
  /** Makes new (prunable) output channels from a mix of its input channels. */
  | 'producer'
  /** Output channel i depends on input channel i only. */
  | 'per-channel'
  /** Combines same-sized inputs channel by channel (their channels are one group). */
  | 'merge'
  | 'concat'
  | 'flatten'
  | 'input';

export interface LayerKind {
  role: ChannelRole;
  /** per-channel: it holds weights of its own per channel (sliced with the channel, count as its input). */
  channelWeights?: boolean;
  /** per-channel: elementwise with no weights, so it may also follow a Flatten. */
  elementwise?: boolean;
  /** producer: axis of the output channels in its kernel (default: the last). */
  kernelOutAxis?: number;
}

const producer: LayerKind = { role: 'producer' };
const perChannel: LayerKind = { role: 'per-channel' };
const elementwise: LayerKind = { role: 'per-channel', elementwise: true };
const weighted: LayerKind = { role: 'per-channel', channelWeights: true };
const merge: LayerKind = { role: 'merge' };

export const LAYER_KINDS: Readonly<Record<string, LayerKind>> = {
  Conv2D: producer, SeparableConv2D: producer, Dense: producer,
  Conv2DTranspose: { role: 'producer', kernelOutAxis: 2 }, // kernel [kh, kw, out, in]
  BatchNormalization: weighted, PReLU: weighted, DepthwiseConv2D: weighted,
  Activation: elementwise, ReLU: elementwise, LeakyReLU: elementwise, ELU: elementwise, Dropout: elementwise,
  ThresholdedReLU: perChannel, Softmax: perChannel, SpatialDropout2D: perChannel, GaussianNoise: perChannel, GaussianDropout: perChannel,
  AlphaDropout: perChannel, UpSampling2D: perChannel, MaxPooling2D: perChannel, AveragePooling2D: perChannel, ZeroPadding2D: perChannel,
  Cropping2D: perChannel,
  Add: merge, Subtract: merge, Multiply: merge, Average: merge, Maximum: merge, Minimum: merge,
  Concatenate: { role: 'concat' }, Flatten: { role: 'flatten' }, InputLayer: { role: 'input' },
};

export function layerKind(className: string): LayerKind | undefined {
  return Object.hasOwn(LAYER_KINDS, className) ? LAYER_KINDS[className] : undefined;
}

export const isRole = (className: string, role: ChannelRole): boolean => layerKind(className)?.role === role;

/** Every supported type, for error messages. */
export const SUPPORTED_LAYERS = Object.keys(LAYER_KINDS);
