/**
 * Blobs for workers (models, validation batches, calibration patches) go to the object store under a
 * content-derived key: the same bytes get the same key, so a blob is stored once and a resumed run
 * finds it. One place for the key scheme, used by every remote stage.
 */
import { createHash } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs';
import { modelArtifacts } from '../engine/inference.js';
import type { Transport } from './transport.js';
import { packModel } from './wire.js';

/** Stores `data` as `<prefix>-<sha256 prefix>` and returns the key. */
export async function putContent(transport: Transport, prefix: string, data: Uint8Array): Promise<string> {
  const key = `${prefix}-${createHash('sha256').update(data).digest('hex').slice(0, 40)}`;
  await transport.putObject(key, data);
  return key;
}

export async function putModel(transport: Transport, model: tf.LayersModel): Promise<string> {
  return putContent(transport, 'model', packModel(await modelArtifacts(model)));
}
