/**
 * MaskEvaluator over a Transport: the model and the validation batch go to the object store once
 * (keys are content hashes), then each candidate is one eval job, so every evaluator replica takes
 * its share of a batch. Scores equal CandidateEvaluator's in-process ones.
 */
import type * as tf from '@tensorflow/tfjs';
import type { MaskEvaluator } from '../eval/evaluator-pool.js';
import type { CandidateScore, ValidationBatch } from '../eval/candidates.js';
import { maskKey } from '../eval/candidates.js';
import type { KeepMasks } from '../prune/graph.js';
import type { Transport } from './transport.js';
import { packBatch } from './handlers.js';
import { encodeEvalJob, scoresFromWire } from './wire.js';
import { putContent, putModel } from './objects.js';

export class TransportEvaluator implements MaskEvaluator {
  evaluations = 0;
  private readonly cache = new Map<string, CandidateScore>();
  private constructor(private readonly transport: Transport, private readonly runId: string, private readonly modelKey: string, private readonly batchKey: string, private readonly ssim: boolean) {}

  static async create(transport: Transport, runId: string, model: tf.LayersModel, batch: ValidationBatch, opts: { ssim?: boolean } = {}): Promise<TransportEvaluator> {
    const mk = await putModel(transport, model), bk = await putContent(transport, 'batch', packBatch(batch));
    return new TransportEvaluator(transport, runId, mk, bk, opts.ssim ?? true);
  }

  async evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]> {
    const fresh = [...new Map(keeps.filter((k) => !this.cache.has(maskKey(k))).map((k) => [maskKey(k), k])).values()];
    if (fresh.length) {
      const results = await this.transport.run('eval', this.runId, fresh.map((k) => encodeEvalJob(this.runId, this.modelKey, this.batchKey, [k], this.ssim)));
      results.forEach((r, i) => this.cache.set(maskKey(fresh[i]), scoresFromWire(r.eval)[0]));
      this.evaluations += fresh.length;
    }
    return keeps.map((k) => this.cache.get(maskKey(k))!);
  }

  async close(): Promise<void> {}
}
