/**
 * The scorer's result: per prunable group, L1/L2/Taylor/Fisher per channel, the activation
 * similarity matrix and dead channels, with calibration metadata. Plain typed arrays (wire-ready);
 * JSON for scores.json.
 */
import * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import { analyzeChannels, ChannelGraph } from '../prune/graph.js';
import { calibrateOn, calibrationPatches, CalibrationOptions } from './calibration.js';
import type { PatchBatch } from '../data/patches.js';
import { FisherImportance, fisherMatrix, fisherMatrixVariance, TaylorImportance, WeightNormImportance } from './importance.js';
import { activationSimilarity } from './similarity.js';
import { reconstructionMatrices } from './reconstruction.js';
import { activeBackend } from '../engine/backend.js';
import { defaultOrtDevice } from '../onnx/ort-engine.js';
import type { InputStats } from '../prune/compensation.js';
import type { Removal } from './removal.js';
import { readFileSync } from 'node:fs';
import { QpruneError } from '../errors.js';

export interface GroupScore {
  id: string;
  size: number;
  l1: Float64Array;
  l2: Float64Array;
  taylor: Float64Array;
  fisher: Float64Array;
  /** Fisher matrix (1/2N) Σ_n g_n g_nᵀ, size x size row-major (diagonal = fisher); absent in old score files. */
  fisherMatrix?: Float32Array;
  /** Sampling variance of each Fisher-matrix entry (loss⁴, size x size; for Ledoit–Wolf shrinkage); absent in old score files. */
  fisherVariance?: Float32Array;
  /**
   * Next-layer reconstruction matrix C_ij·Σ_{taps,out} W_i W_j (consumer output² units, size x size;
   * score/reconstruction.ts); absent in old score files and for groups with a consumer it does not handle.
   */
  reconstruction?: Float32Array;
  /** |cosine| similarity, size x size row-major. */
  similarity: Float32Array;
  /** |Pearson| (centred) similarity, size x size row-major; absent in old score files. */
  pearson?: Float32Array;
  dead: number[];
}

/** The Fisher matrix block between two groups, (1/2N) Σ_n g_n^a (g_n^b)ᵀ (size_a x size_b, row-major). */
export interface CrossFisher {
  a: string;
  b: string;
  matrix: Float32Array;
}

export interface ScoreResult {
  groups: GroupScore[];
  /** Cross-group Fisher blocks (calibration --couple-layers; absent or empty when not asked). */
  cross?: CrossFisher[];
  /** Per gated consumer layer: mean and covariance of its input channels (compensation); absent in old score files. */
  inputStats?: Map<string, InputStats>;
  /** removal: what a removed channel becomes in the scores (accumulator.ts; absent in old score files: 'zero'). */
  meta: { samples: number; patch: number; seed: number; backend: string; seconds: number; data?: string; noise?: string | null; removal?: Removal; coupleLayers?: number };
}

export async function scoreModel(model: tf.LayersModel, source: PairSource, opts: CalibrationOptions, graph: ChannelGraph = analyzeChannels(model)): Promise<ScoreResult> {
  return scoreOn(model, calibrationPatches(source, opts), opts, graph);
}

/** Scores from given calibration patch batches (what the scorer service runs). */
export async function scoreOn(model: tf.LayersModel, batches: AsyncIterable<PatchBatch>, opts: CalibrationOptions, graph: ChannelGraph = analyzeChannels(model)): Promise<ScoreResult> {
  const start = performance.now();
  const stats = await calibrateOn(model, batches, opts, graph);
  const l1 = new WeightNormImportance(model, graph, 1).scores();
  const l2 = new WeightNormImportance(model, graph, 2).scores();
  const taylor = new TaylorImportance(stats).scores();
  const fisher = new FisherImportance(stats).scores();
  const cross = fisherMatrix(stats);
  const crossVariance = fisherMatrixVariance(stats);
  const recon = reconstructionMatrices(model, graph, stats.inputStats);
  const groups = stats.groups.map((g) => {
    const cos = activationSimilarity(g, 'cosine');
    return {
      id: g.id, size: g.size, l1: l1.get(g.id)!, l2: l2.get(g.id)!, taylor: taylor.get(g.id)!, fisher: fisher.get(g.id)!, fisherMatrix: cross.get(g.id)!, fisherVariance: crossVariance.get(g.id)!,
      similarity: cos.matrix, pearson: activationSimilarity(g, 'pearson').matrix, dead: cos.dead,
      ...(recon.has(g.id) ? { reconstruction: recon.get(g.id)! } : {}),
    };
  });
  const crossBlocks = stats.cross.map((c) => ({ a: c.a, b: c.b, matrix: Float32Array.from(c.sumGG, (v) => v / (2 * stats.samples)) }));
  return { groups, ...(crossBlocks.length ? { cross: crossBlocks } : {}), inputStats: stats.inputStats, meta: { samples: stats.samples, patch: stats.patch, seed: stats.seed, removal: opts.removal ?? 'zero', ...(opts.coupleLayers ? { coupleLayers: opts.coupleLayers } : {}), backend: stats.engine === 'onnxruntime' ? (defaultOrtDevice() === 'cuda' ? 'onnxruntime-cuda' : 'onnxruntime') : activeBackend().name, seconds: (performance.now() - start) / 1000 } };
}

export function scoresToJson(r: ScoreResult): string {
  return JSON.stringify({
    meta: r.meta,
    ...(r.inputStats ? { inputStats: Object.fromEntries([...r.inputStats].map(([k, v]) => [k, { mean: Array.from(v.mean), covariance: v.covariance ? Array.from(v.covariance) : undefined }])) } : {}),
    ...(r.cross?.length ? { cross: r.cross.map((c) => ({ a: c.a, b: c.b, matrix: Array.from(c.matrix) })) } : {}),
    groups: r.groups.map((g) => ({ ...g, l1: Array.from(g.l1), l2: Array.from(g.l2), taylor: Array.from(g.taylor), fisher: Array.from(g.fisher), fisherMatrix: g.fisherMatrix ? Array.from(g.fisherMatrix) : undefined, fisherVariance: g.fisherVariance ? Array.from(g.fisherVariance) : undefined, reconstruction: g.reconstruction ? Array.from(g.reconstruction) : undefined, similarity: Array.from(g.similarity), pearson: g.pearson ? Array.from(g.pearson) : undefined })),
  });
}

export function scoresFromJson(text: string): ScoreResult {
  const j = JSON.parse(text) as { meta: ScoreResult['meta']; cross?: { a: string; b: string; matrix: number[] }[]; inputStats?: Record<string, { mean: number[]; covariance?: number[] }>; groups: (Omit<GroupScore, 'l1' | 'l2' | 'taylor' | 'fisher' | 'fisherMatrix' | 'fisherVariance' | 'reconstruction' | 'similarity' | 'pearson'> & Record<string, number[]>)[] };
  return {
    meta: j.meta,
    ...(j.cross?.length ? { cross: j.cross.map((c) => ({ a: c.a, b: c.b, matrix: Float32Array.from(c.matrix) })) } : {}),
    ...(j.inputStats ? { inputStats: new Map(Object.entries(j.inputStats).map(([k, v]) => [k, { mean: Float64Array.from(v.mean), ...(v.covariance ? { covariance: Float64Array.from(v.covariance) } : {}) }])) } : {}),
    groups: j.groups.map((g) => ({
      id: g.id, size: g.size, dead: g.dead,
      l1: Float64Array.from(g.l1), l2: Float64Array.from(g.l2), taylor: Float64Array.from(g.taylor), fisher: Float64Array.from(g.fisher),
      ...(g.fisherMatrix ? { fisherMatrix: Float32Array.from(g.fisherMatrix) } : {}),
      ...(g.fisherVariance ? { fisherVariance: Float32Array.from(g.fisherVariance) } : {}),
      ...(g.reconstruction ? { reconstruction: Float32Array.from(g.reconstruction) } : {}),
      similarity: Float32Array.from(g.similarity), ...(g.pearson ? { pearson: Float32Array.from(g.pearson) } : {}),
    })),
  };
}

/** A scores.json from disk; an unreadable or malformed file is named. */
export function readScoresFile(path: string): ScoreResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new QpruneError(`cannot read scores file ${path}`);
  }
  try {
    return scoresFromJson(text);
  } catch (err) {
    throw new QpruneError(`${path} is not a scores file: ${(err as Error).message}`);
  }
}

/** Scores must be of this graph: every group present with its size (else they are another model's). */
export function checkScoresMatch(scores: ScoreResult, graph: ChannelGraph): void {
  const sizes = new Map(graph.groups.map((g) => [g.id, g.size]));
  for (const g of scores.groups) {
    const n = sizes.get(g.id);
    if (n === undefined) throw new QpruneError(`the scores have a group '${g.id}' the model has not (scores of another model?)`);
    if (n !== g.size) throw new QpruneError(`group '${g.id}' has ${g.size} channels in the scores, ${n} in the model (scores of another model?)`);
  }
}
