/** Denoise jobs: one image through a model with tfjs on this thread's backend (qprune eval --engine tfjs). */
import type * as tf from '@tensorflow/tfjs';
import { denoise } from '../../engine/inference.js';
import { decodeDenoiseJob, denoiseResultToWire } from '../wire.js';
import type { JobHandler } from '../transport.js';
import { LoadedCache, loadModelObject } from './models.js';

export function denoiseHandler(): JobHandler {
  const models = new LoadedCache<tf.LayersModel>();
  return async (payload, objects) => {
    const job = decodeDenoiseJob(payload);
    const model = await models.get(job.modelKey, () => loadModelObject(objects, job.modelKey));
    return { denoise: denoiseResultToWire(denoise(model, job.image)) };
  };
}
