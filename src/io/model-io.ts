/**
 * One entry point for loading and saving models, with the format detected from the path:
 *  - a directory: its model.json (tfjs or Keras config);
 *  - model.json with modelTopology + weightsManifest: tfjs LayersModel;
 *  - a JSON Keras config (class_name/config): Keras, weights from the .h5 beside it;
 *  - .h5/.hdf5: a full Keras model (config inside) or Keras weights with a JSON config beside it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { QpruneError, describeError, describeJsonError } from '../errors.js';
import { readFileOrFail, requirePath } from '../fsutil.js';
import { registerCustomLayers } from './custom-layers.js';
import { fileSystemLoader, fileSystemSaver, isTfjsModelJson } from './tfjs-format.js';
import { findKerasWeights, importKeras, isKerasConfig, readKerasConfigFromH5 } from './keras.js';

export type ModelFormat = 'tfjs' | 'keras';

export interface LoadedModel {
  model: tf.LayersModel;
  format: ModelFormat;
  /** Files actually read. */
  files: string[];
}

async function readJson(p: string): Promise<unknown> {
  const bytes = await readFileOrFail(p, 'model file');
  // An ONNX file is a protobuf whose first field is ir_version (tag 0x08).
  if (/\.onnx$/i.test(p) || (bytes[0] === 0x08 && bytes.length > 1 && bytes[1] < 0x20)) {
    throw new QpruneError(`${p} is an ONNX model: ONNX models are not accepted here; give the tfjs or Keras model it was exported from`);
  }
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new QpruneError(`model file ${p} is not valid JSON: ${describeJsonError(err)}`);
  }
}

export async function loadModel(modelPath: string): Promise<LoadedModel> {
  registerCustomLayers();
  const stat = await requirePath(modelPath, 'model');
  let p = modelPath;
  if (stat.isDirectory()) {
    p = path.join(modelPath, 'model.json');
    await requirePath(p, 'model.json in model directory');
  }
  if (/\.(h5|hdf5|keras)$/i.test(p)) {
    const cfg = await readKerasConfigFromH5(p);
    if (cfg) return { model: await importKeras(cfg, p), format: 'keras', files: [p] };
    const dir = path.dirname(p);
    const stem = path.basename(p, path.extname(p));
    for (const cand of [`${stem}.json`, 'model.json']) {
      const jp = path.join(dir, cand);
      if (await fs.stat(jp).then(() => true, () => false)) {
        const json = await readJson(jp);
        if (isKerasConfig(json)) return { model: await importKeras(json, p), format: 'keras', files: [jp, p] };
      }
    }
    throw new QpruneError(`${p} holds Keras weights but no model config, and no Keras config JSON is beside it`);
  }
  const json = await readJson(p);
  if (isTfjsModelJson(json)) {
    try {
      const model = await tf.loadLayersModel(fileSystemLoader(p));
      return { model, format: 'tfjs', files: [p] };
    } catch (err) {
      if (err instanceof QpruneError) throw err;
      throw new QpruneError(`cannot load tfjs model ${p}: ${describeError(err)}`);
    }
  }
  if (isKerasConfig(json)) {
    const weights = await findKerasWeights(p);
    return { model: await importKeras(json, weights), format: 'keras', files: [p, weights] };
  }
  throw new QpruneError(`${p} is neither a tfjs LayersModel nor a Keras model config`);
}

/** Save as tfjs LayersModel format (model.json + weights.bin) into `dir`. */
export async function saveModel(model: tf.LayersModel, dir: string, metadata?: Record<string, unknown>): Promise<void> {
  await model.save(fileSystemSaver(dir, metadata));
}
