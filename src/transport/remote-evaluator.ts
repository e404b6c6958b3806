/**
 * MaskEvaluator over a Transport: the model and the validation batch go to the objects once (keys
 * are content hashes), then each candidate is one eval job, so every worker or evaluator replica
 * takes its share of a batch. Scores equal CandidateEvaluator's in this thread. No cache here: the
 * pipeline wraps it in the one mask cache (eval/cached-evaluator.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import type { MaskEvaluator } from '../eval/mask-evaluator.js';
import type { CandidateScore, ValidationBatch } from '../eval/candidates.js';
import type { KeepMasks } from '../prune/graph.js';
import type { RunJobsOptions, Transport } from './transport.js';
import { encodeEvalJob, EvalCompensation, packBatch, packInputStats, scoresFromWire } from './wire.js';
import type { CompensationSpec } from '../prune/compensation.js';
import { putContent, putModel } from './objects.js';

export class TransportEvaluator implements MaskEvaluator {
  evaluations = 0;
  private constructor(private readonly transport: Transport, private readonly runId: string, private readonly modelKey: string, private readonly batchKey: string,
    private readonly ssim: boolean, private readonly compensation: EvalCompensation | undefined, private readonly jobOptions: RunJobsOptions) {}

  static async create(transport: Transport, runId: string, model: tf.LayersModel, batch: ValidationBatch, opts: { ssim?: boolean; signal?: AbortSignal; compensation?: CompensationSpec } = {}): Promise<TransportEvaluator> {
    const mk = await putModel(transport, model), bk = await putContent(transport, 'batch', packBatch(batch));
    const c = opts.compensation;
    const comp = c ? { mode: c.mode, statsKey: await putContent(transport, 'input-stats', packInputStats(c.inputs)) } : undefined;
    return new TransportEvaluator(transport, runId, mk, bk, opts.ssim ?? true, comp, { signal: opts.signal });
  }

  async evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]> {
    if (!keeps.length) return [];
    const results = await this.transport.run('eval', this.runId, keeps.map((k) => encodeEvalJob(this.runId, this.modelKey, this.batchKey, [k], this.ssim, this.compensation)), this.jobOptions);
    this.evaluations += keeps.length;
    return results.map((r) => scoresFromWire(r.eval)[0]);
  }

  async close(): Promise<void> {}
}
