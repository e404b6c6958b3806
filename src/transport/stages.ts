/**
 * Where the pipeline's stages run: scoring, sub-QUBOs and candidate evaluations all go through one
 * Transport as jobs (run ids derived from the run's id). The transport decides where: this thread,
 * worker threads, or the cluster's services. The pipeline code is the same for all three.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ValidationBatch } from '../eval/candidates.js';
import type { MaskEvaluator } from '../eval/mask-evaluator.js';
import type { GroupSolver } from '../qubo/group-solver.js';
import type { Scorer } from '../score/scorer.js';
import type { Transport } from './transport.js';
import type { CompensationSpec } from '../prune/compensation.js';
import { TransportSolver } from './remote-solver.js';
import { TransportScorer } from './remote-scorer.js';
import { TransportEvaluator } from './remote-evaluator.js';

export interface Stages {
  solver: GroupSolver;
  scorer: Scorer;
  makeEvaluator: (batch: ValidationBatch, compensation?: CompensationSpec) => Promise<MaskEvaluator>;
}

export function stagesOver(transport: Transport, runId: string, model: tf.LayersModel, signal?: AbortSignal): Stages {
  return {
    solver: new TransportSolver(transport, `${runId}-solve`, { signal }),
    scorer: new TransportScorer(transport, `${runId}-score`, { signal }),
    makeEvaluator: (batch, compensation) => TransportEvaluator.create(transport, runId, model, batch, { ssim: true, signal, compensation }),
  };
}
