/**
 * tfjs LayersModel format on the local filesystem (model.json + weight shards), without tfjs-node.
 * Loading reads the manifest's shards; saving writes every file to a temp name first and renames
 * model.json last, so a reader never sees a model.json whose weights are missing or half-written.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { QpruneError, describeJsonError } from '../errors.js';
import { readFileOrFail, writeFileAtomic } from '../fsutil.js';

export interface TfjsModelJson {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: unknown;
  userDefinedMetadata?: Record<string, unknown>;
}

export function isTfjsModelJson(json: unknown): json is TfjsModelJson {
  return typeof json === 'object' && json !== null && 'modelTopology' in json && 'weightsManifest' in json;
}

/** Whether `p` lies in `dir` (or is it). */
function inside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function realpathOrFail(p: string, what: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    throw new QpruneError(`cannot read ${what} ${p}`);
  }
}

export function fileSystemLoader(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const text = (await readFileOrFail(modelJsonPath, 'model file')).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new QpruneError(`model file ${modelJsonPath} is not valid JSON: ${describeJsonError(err)}`);
      }
      if (!isTfjsModelJson(json)) {
        throw new QpruneError(`model file ${modelJsonPath} is not a tfjs LayersModel (no modelTopology/weightsManifest)`);
      }
      const dir = path.dirname(modelJsonPath);
      const realDir = await realpathOrFail(dir, 'model directory');
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        for (const shard of group.paths) {
          const shardPath = path.resolve(dir, shard);
          // Checked on the real path too: a shard that is a link to a file elsewhere is refused.
          if (!inside(dir, shardPath) || !inside(realDir, await realpathOrFail(shardPath, 'weight shard'))) {
            throw new QpruneError(`weight shard path escapes the model directory: ${shard}`);
          }
          buffers.push(await readFileOrFail(shardPath, 'weight shard'));
        }
        weightSpecs.push(...group.weights);
      }
      const all = Buffer.concat(buffers);
      const expected = weightSpecs.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * bytesPer(w.dtype, modelJsonPath), 0);
      if (all.byteLength !== expected) {
        throw new QpruneError(`weight shards of ${modelJsonPath} hold ${all.byteLength} bytes, the manifest needs ${expected} (truncated or mismatched files)`);
      }
      return {
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        weightSpecs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig as tf.io.ModelArtifacts['trainingConfig'],
        userDefinedMetadata: json.userDefinedMetadata as Record<string, {}> | undefined,
      };
    },
  };
}

function bytesPer(dtype: string, where: string): number {
  switch (dtype) {
    case 'float32':
    case 'int32':
      return 4;
    case 'bool':
      return 1;
    default:
      throw new QpruneError(`unsupported weight dtype '${dtype}' in ${where}`);
  }
}

export const WEIGHTS_FILE = 'weights.bin';

/** IOHandler that saves into `dir` (created if needed) as model.json + weights.bin. */
export function fileSystemSaver(dir: string, metadata?: Record<string, unknown>): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await fs.mkdir(dir, { recursive: true });
      const weightData = artifacts.weightData == null
        ? new ArrayBuffer(0)
        : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const json: TfjsModelJson = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: 'qprune',
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        ...(metadata || artifacts.userDefinedMetadata ? { userDefinedMetadata: { ...artifacts.userDefinedMetadata, ...metadata } } : {}),
      };
      await writeFileAtomic(path.join(dir, WEIGHTS_FILE), new Uint8Array(weightData));
      await writeFileAtomic(path.join(dir, 'model.json'), JSON.stringify(json));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: weightData.byteLength,
        },
      };
    },
  };
}
