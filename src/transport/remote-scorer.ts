/**
 * Scorer over a Transport (every run scores this way, embedded too): the coordinator draws the calibration patches exactly as an in-process
 * run would (same seed, same batches), puts them and the model in the object store once, and one
 * score job computes the statistics on a scorer service (a GPU node in a real deployment).
 */
import type * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import type { ChannelGraph } from '../prune/graph.js';
import { calibrationPatches, CalibrationOptions } from '../score/calibration.js';
import type { ScoreResult } from '../score/scores.js';
import type { Scorer } from '../score/scorer.js';
import { QpruneError } from '../errors.js';
import type { RunJobsOptions, Transport } from './transport.js';
import { encodeScoreJob, packBatch, scoreResultFromWire } from './wire.js';
import { putContent, putModel } from './objects.js';

export class TransportScorer implements Scorer {
  readonly name = 'remote';
  constructor(private readonly transport: Transport, private readonly runId: string, private readonly jobOptions: RunJobsOptions = {}) {}

  async score(model: tf.LayersModel, source: PairSource, opts: CalibrationOptions, _graph: ChannelGraph): Promise<ScoreResult> {
    const noisy: Float32Array[] = [], clean: Float32Array[] = [];
    let n = 0, channels = 0;
    for await (const b of calibrationPatches(source, opts)) {
      noisy.push(b.noisy);
      clean.push(b.clean);
      n += b.n;
      channels = b.channels;
      opts.onBatch?.(n, opts.samples);
    }
    if (!n) throw new QpruneError('no calibration patches could be drawn from the data');
    const join = (parts: Float32Array[]) => {
      const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
      let at = 0;
      for (const p of parts) { out.set(p, at); at += p.length; }
      return out;
    };
    const patchesKey = await putContent(this.transport, 'patches', packBatch({ noisy: join(noisy), clean: join(clean), n, height: opts.patch, width: opts.patch, channels, names: [] }));
    const modelKey = await putModel(this.transport, model);
    const [r] = await this.transport.run('score', this.runId, [encodeScoreJob(this.runId, { modelKey, patchesKey, data: source.description, noise: '', samples: n, patch: opts.patch, batch: opts.batch, seed: opts.seed, engine: opts.engine ?? 'onnxruntime', removal: opts.removal ?? 'zero', coupleLayers: opts.coupleLayers ?? 0 })], this.jobOptions);
    return scoreResultFromWire(r.score, { patch: opts.patch, seed: opts.seed, data: source.description, removal: opts.removal ?? 'zero', ...(opts.coupleLayers ? { coupleLayers: opts.coupleLayers } : {}) });
  }
}
