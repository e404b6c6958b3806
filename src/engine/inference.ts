/** Running a denoiser on images in the current thread's backend. */
import * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import { Image, makeImage } from '../data/image.js';

/** Input channels the model expects (last dim of its input shape). */
export function modelChannels(model: tf.LayersModel): number {
  const shape = model.inputs[0].shape;
  const c = shape[shape.length - 1];
  if (c == null) throw new QpruneError('model input has no fixed channel count');
  return c;
}

export function denoise(model: tf.LayersModel, img: Image): Image {
  const want = modelChannels(model);
  if (img.channels !== want) throw new QpruneError(`model expects ${want}-channel images, got ${img.channels}`);
  const out = tf.tidy(() => {
    const x = tf.tensor4d(img.data, [1, img.height, img.width, img.channels]);
    return model.predict(x) as tf.Tensor;
  });
  try {
    const [, h, w, c] = out.shape;
    return makeImage(h!, w!, c!, out.dataSync() as Float32Array);
  } finally {
    out.dispose();
  }
}

/** Serialise a model to in-memory artifacts (for shipping to workers or other processes). */
export async function modelArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return saved!;
}
