/**
 * Where the pipeline's stages run, decided in one place for every command: with a transport the
 * scoring, sub-QUBOs and candidate evaluations go to the cluster's services (job run ids derived from
 * the run's id), without one they run in this process. The pipeline code itself is the same.
 */
import type * as tf from '@tensorflow/tfjs';
import type { RunDeps } from '../pipeline/run.js';
import { createMaskEvaluator } from '../eval/evaluator-pool.js';
import type { Transport } from './transport.js';
import { TransportSolver } from './remote-solver.js';
import { TransportScorer } from './remote-scorer.js';
import { TransportEvaluator } from './remote-evaluator.js';

export function stageDeps(transport: Transport | undefined, runId: string, model: tf.LayersModel, workers: number): Pick<RunDeps, 'solver' | 'scorer' | 'makeEvaluator'> {
  if (!transport) return { makeEvaluator: (batch) => createMaskEvaluator(model, batch, workers, { ssim: true }) };
  return {
    solver: new TransportSolver(transport, `${runId}-solve`),
    scorer: new TransportScorer(transport, `${runId}-score`),
    makeEvaluator: (batch) => TransportEvaluator.create(transport, runId, model, batch, { ssim: true }),
  };
}
