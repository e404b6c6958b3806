/**
 * Import of Keras models: a Keras model config (JSON, as written by `model.to_json()`, or the
 * `model_config` attribute of a full-model .h5) plus HDF5 weights (`save_weights` layout, or the
 * `model_weights` group of a full-model .h5). HDF5 is read with h5wasm; nothing in the file is
 * evaluated as code (Lambda layers are refused by tfjs-layers' deserialiser).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { QpruneError, describeError } from '../errors.js';
import { openHdf5, H5File, H5Group, H5Dataset } from './hdf5.js';
import { registerCustomLayers } from './custom-layers.js';
import { modelFromTopology } from './topology.js';

export interface KerasWeight {
  /** Weight name without layer prefix and ':0', e.g. 'kernel', 'moving_mean'. */
  name: string;
  shape: number[];
  values: Float32Array;
}

function attrStrings(node: H5Group | H5File, name: string): string[] | undefined {
  const attr = node.attrs[name];
  if (!attr) return undefined;
  const v = attr.value as unknown;
  // Scalars come back as a string; lists as an array (or an empty typed array when empty).
  const list: unknown[] = v == null ? [] : typeof v === 'string' ? [v] : Array.from(v as ArrayLike<unknown>);
  return list.map((x) => (x instanceof Uint8Array ? Buffer.from(x).toString('utf8') : String(x)));
}

function readDataset(file: H5File, p: string, where: string): { shape: number[]; values: Float32Array } {
  let ds: H5Dataset | null;
  try {
    ds = file.get(p) as H5Dataset | null;
  } catch (err) {
    throw new QpruneError(`${where}: cannot read dataset ${p}: ${describeError(err)}`);
  }
  if (!ds || !('shape' in ds)) throw new QpruneError(`${where}: dataset ${p} is missing`);
  let raw: unknown;
  try {
    raw = ds.value;
  } catch (err) {
    throw new QpruneError(`${where}: cannot read dataset ${p} (truncated file?): ${describeError(err)}`);
  }
  const shape = (ds.shape ?? []).map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  let values: Float32Array;
  if (raw instanceof Float32Array) values = raw;
  else if (ArrayBuffer.isView(raw) && !(raw instanceof DataView)) values = Float32Array.from(raw as unknown as ArrayLike<number>);
  else if (typeof raw === 'number') values = Float32Array.of(raw);
  else throw new QpruneError(`${where}: dataset ${p} is not numeric`);
  if (values.length !== n) throw new QpruneError(`${where}: dataset ${p} has ${values.length} values for shape [${shape}]`);
  return { shape, values };
}

/** Per-layer weights of a Keras HDF5 file, in the file's layer order. */
export async function readKerasWeights(file: string): Promise<Map<string, KerasWeight[]>> {
  const h5 = await openHdf5(file);
  try {
    const rootPath = h5.keys().includes('model_weights') ? 'model_weights' : '';
    const root = (rootPath ? h5.get(rootPath) : h5) as H5Group;
    const layerNames = attrStrings(root, 'layer_names');
    if (!layerNames) throw new QpruneError(`${file} has no Keras 'layer_names' attribute: not a Keras weights file`);
    const out = new Map<string, KerasWeight[]>();
    for (const layer of layerNames) {
      const group = root.get(layer) as H5Group | null;
      if (!group) throw new QpruneError(`${file}: layer group '${layer}' is missing (truncated file?)`);
      const names = attrStrings(group, 'weight_names') ?? [];
      const weights = names.map((wn) => {
        const { shape, values } = readDataset(h5, [rootPath, layer, wn].filter(Boolean).join('/'), file);
        return { name: shortWeightName(wn), shape, values };
      });
      out.set(layer, weights);
    }
    return out;
  } finally {
    h5.close();
  }
}

/** 'conv1/kernel:0' -> 'kernel'; 'model/bn4/moving_mean:0' -> 'moving_mean'. */
function shortWeightName(name: string): string {
  return name.replace(/:\d+$/, '').split('/').pop()!;
}

/** The Keras model config stored in a full-model .h5 file, if any. */
export async function readKerasConfigFromH5(file: string): Promise<unknown | undefined> {
  const h5 = await openHdf5(file);
  try {
    const cfg = attrStrings(h5, 'model_config');
    return cfg ? JSON.parse(cfg[0]) : undefined;
  } finally {
    h5.close();
  }
}

export function isKerasConfig(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const j = json as Record<string, unknown>;
  return typeof j.class_name === 'string' && typeof j.config === 'object';
}

/** Build a tfjs LayersModel from a Keras config and set its weights from a Keras HDF5 file. */
export async function importKeras(config: unknown, weightsFile: string): Promise<tf.LayersModel> {
  registerCustomLayers();
  let model: tf.LayersModel;
  try {
    model = await modelFromTopology(config);
  } catch (err) {
    throw new QpruneError(`cannot build the Keras model: ${describeError(err)}`);
  }
  const weights = await readKerasWeights(weightsFile);
  for (const layer of model.layers) {
    const expected = layer.weights;
    if (expected.length === 0) continue;
    const got = weights.get(layer.name);
    if (!got) throw new QpruneError(`${weightsFile} has no weights for layer '${layer.name}'`);
    if (got.length !== expected.length) {
      throw new QpruneError(`layer '${layer.name}' needs ${expected.length} weights, ${weightsFile} has ${got.length}`);
    }
    const byName = new Map(got.map((w) => [w.name, w]));
    const tensors = expected.map((lv, i) => {
      // Match by weight name (kernel, bias, gamma, ...) and fall back to position for unusual names.
      const w = byName.get(shortWeightName(lv.originalName)) ?? got[i];
      const shape = lv.shape as number[];
      if (w.shape.length !== shape.length || w.shape.some((d, k) => d !== shape[k])) {
        throw new QpruneError(`layer '${layer.name}' weight '${w.name}' has shape [${w.shape}] in ${weightsFile}, the model needs [${shape}]`);
      }
      return tf.tensor(w.values, shape, 'float32');
    });
    layer.setWeights(tensors);
    tf.dispose(tensors);
  }
  return model;
}

/** Where the HDF5 weights for a Keras config file live: same stem, else model.h5, else the only .h5. */
export async function findKerasWeights(configPath: string): Promise<string> {
  const dir = path.dirname(configPath);
  const stem = path.basename(configPath, path.extname(configPath));
  for (const cand of [`${stem}.h5`, `${stem}.hdf5`, 'model.h5']) {
    const p = path.join(dir, cand);
    if (await fs.stat(p).then(() => true, () => false)) return p;
  }
  const h5s = (await fs.readdir(dir)).filter((f) => /\.(h5|hdf5|keras)$/i.test(f));
  if (h5s.length === 1) return path.join(dir, h5s[0]);
  throw new QpruneError(`Keras config ${configPath} has no weights file beside it (looked for ${stem}.h5 and model.h5)`);
}
