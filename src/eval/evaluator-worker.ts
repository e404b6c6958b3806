/**
 * Candidate-evaluation worker: one model (weights only; the tfjs cpu backend suffices, nothing runs
 * in tfjs) and one single-threaded onnxruntime evaluator on a fixed validation batch.
 * Messages: {type:'init', artifacts, batch, ssim} then {type:'evaluate', id, keep: [groupId, mask][]}.
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../engine/backend.js';
import { registerCustomLayers } from '../io/custom-layers.js';
import { describeError } from '../errors.js';
import { CandidateEvaluator, ValidationBatch } from './candidates.js';

type Request =
  | { type: 'init'; artifacts: tf.io.ModelArtifacts; batch: ValidationBatch; ssim: boolean }
  | { type: 'evaluate'; id: number; keep: [string, Uint8Array][] };

const port = parentPort!;
let evaluator: CandidateEvaluator | undefined;
const ready = initBackend('cpu').then(() => registerCustomLayers());

port.on('message', async (msg: Request) => {
  try {
    await ready;
    if (msg.type === 'init') {
      const model = await tf.loadLayersModel(tf.io.fromMemory(msg.artifacts));
      evaluator = new CandidateEvaluator(model, msg.batch, { threads: 1, ssim: msg.ssim, sessionCache: 1 });
      port.postMessage({ type: 'ready' });
      return;
    }
    if (!evaluator) throw new Error('evaluate before init');
    const score = await evaluator.evaluateOne(new Map(msg.keep));
    port.postMessage({ type: 'result', id: msg.id, score });
  } catch (err) {
    port.postMessage({ type: 'error', id: (msg as { id?: number }).id ?? -1, message: describeError(err) });
  }
});
