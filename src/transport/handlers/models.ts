/**
 * Models and batches that handlers load from objects, kept per key. A failed load is not kept: the
 * next job tries again (the object may have been uploaded since).
 */
import * as tf from '@tensorflow/tfjs';
import type { ObjectSource } from '../transport.js';
import { unpackModel } from '../wire.js';

export class LoadedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  get(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.entries.get(key);
    if (!hit) {
      hit = load();
      this.entries.set(key, hit);
      hit.catch(() => this.entries.delete(key));
    }
    return hit;
  }
}

export async function loadModelObject(objects: ObjectSource, key: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(unpackModel(await objects.get(key))));
}
