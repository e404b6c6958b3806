/**
 * The seam between the pipeline and where scoring runs: in this process (`localScorer`) or on a
 * scorer service over a transport (src/cluster/remote-scorer.ts). Both score the same patches.
 */
import type * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import type { ChannelGraph } from '../prune/graph.js';
import type { CalibrationOptions } from './calibration.js';
import { scoreModel, ScoreResult } from './scores.js';

export interface Scorer {
  readonly name: string;
  score(model: tf.LayersModel, source: PairSource, opts: CalibrationOptions, graph: ChannelGraph): Promise<ScoreResult>;
}

export const localScorer: Scorer = { name: 'local', score: (model, source, opts, graph) => scoreModel(model, source, opts, graph) };
