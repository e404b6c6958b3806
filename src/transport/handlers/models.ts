/** A model from the objects, as handlers load it (kept per key in a LoadedCache by each handler). */
import * as tf from '@tensorflow/tfjs';
import type { ObjectSource } from '../transport.js';
import { unpackModel } from '../wire.js';

export { LoadedCache } from '../loaded-cache.js';

export async function loadModelObject(objects: ObjectSource, key: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(unpackModel(await objects.get(key))));
}
