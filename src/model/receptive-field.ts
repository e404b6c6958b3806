/**
 * The receptive field of a model's output, from its layer graph: for every layer, the side of the
 * input window one output pixel sees and the input-pixel distance between neighbouring output pixels
 * (the jump). A k x k conv with dilation d adds (k-1)·d·jump; strides multiply the jump, upsampling
 * and transposed convs divide it; merges and concatenations take the widest input. Calibration
 * patches smaller than this make most gradients see zero padding instead of image.
 */
import type * as tf from '@tensorflow/tfjs';
import { log } from '../log.js';

type Field = { rf: number; jump: number };

const pair = (v: unknown, fallback: number): [number, number] => (Array.isArray(v) ? [v[0], v[1] ?? v[0]] : typeof v === 'number' ? [v, v] : [fallback, fallback]);

function through(layer: tf.layers.Layer, f: Field): Field {
  const cfg = layer.getConfig() as Record<string, unknown>;
  const cls = layer.getClassName();
  if (cls === 'Dense') return { rf: Infinity, jump: f.jump };
  const window = cfg.kernelSize ?? cfg.poolSize;
  if (window === undefined) {
    if (cls === 'UpSampling2D') return { rf: f.rf, jump: f.jump / pair(cfg.size, 2)[0] };
    return f;
  }
  const k = Math.max(...pair(window, 1)), d = Math.max(...pair(cfg.dilationRate, 1));
  const s = Math.max(...pair(cfg.strides, cls.endsWith('Pooling2D') ? k : 1));
  if (cls === 'Conv2DTranspose') {
    const jump = f.jump / s;
    return { rf: f.rf + (k - 1) * d * jump, jump };
  }
  return { rf: f.rf + (k - 1) * d * f.jump, jump: f.jump * s };
}

/**
 * Every layer's field, in layer order; where inputs merge, `wider` picks the one carried on (the
 * widest window for the receptive field, the deepest downsampling for the size multiple).
 */
function fieldsOf(model: tf.LayersModel, wider: (a: Field, b: Field) => boolean): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const layer of model.layers) {
    const node = layer.inboundNodes[0];
    const inputs = node?.inboundLayers.map((l) => fields.get(l.name)).filter((x): x is Field => !!x) ?? [];
    const f = inputs.length ? inputs.reduce((a, b) => (wider(b, a) ? b : a)) : { rf: 1, jump: 1 };
    fields.set(layer.name, inputs.length ? through(layer, f) : f);
  }
  return fields;
}

/** Side in input pixels of the window one output pixel depends on (Infinity with a Dense layer). */
export function receptiveField(model: tf.LayersModel): number {
  const fields = fieldsOf(model, (a, b) => a.rf > b.rf);
  const outs = model.outputs.map((o) => fields.get(o.sourceLayer.name)?.rf ?? 1);
  return Math.ceil(Math.max(...outs));
}

/**
 * The factor by which the model downsamples on its deepest path (1 for DnCNN; 2^(levels−1) for a U-Net):
 * image sides must be multiples of it for the skip connections to line up.
 */
export function sizeMultiple(model: tf.LayersModel): number {
  const jumps = [...fieldsOf(model, (a, b) => a.jump > b.jump).values()].map((f) => f.jump).filter(Number.isFinite);
  return Math.round(Math.max(1, ...jumps));
}

/** Default calibration patch: at least twice the receptive field (a multiple of 8), and at least 64. */
export function calibrationPatchFor(model: tf.LayersModel): number {
  const rf = receptiveField(model);
  return Number.isFinite(rf) ? Math.max(64, Math.ceil((2 * rf) / 8) * 8) : 64;
}

/** Patches under twice the receptive field: most gate gradients then see zero padding, not image. */
export function warnSmallPatches(model: tf.LayersModel, patch: number): void {
  const rf = receptiveField(model);
  if (Number.isFinite(rf) && patch < 2 * rf) log.warn(`calibration patches of ${patch}x${patch} are under twice the model's receptive field (${rf} px): its scores then mostly see zero padding; use a patch of ${calibrationPatchFor(model)} or more`);
}
