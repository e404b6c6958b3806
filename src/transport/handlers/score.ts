/** Score jobs: the model and the coordinator's calibration patches from the objects, then one calibration pass. */
import type { PatchBatch } from '../../data/patches.js';
import { BadRequest } from '../../errors.js';
import { scoreOn } from '../../score/scores.js';
import { decodeScoreJob, scoreResultToWire, unpackBatch } from '../wire.js';
import type { JobHandler } from '../transport.js';
import { checkWork, type WorkLimits } from '../limits.js';
import { loadModelObject } from './models.js';

export const scoreHandler = (limits?: WorkLimits): JobHandler => async (payload, objects) => {
  const job = decodeScoreJob(payload);
  const patches = unpackBatch(await objects.get(job.patchesKey));
  checkWork('score', patches.n * patches.height * patches.width, limits);
  if (patches.height !== job.patch || patches.width !== job.patch) throw new BadRequest(`score job: patches are ${patches.height}x${patches.width}, the job says ${job.patch}`);
  const model = await loadModelObject(objects, job.modelKey);
  try {
    const { n, height: p, channels: c } = patches;
    const size = p * p * c, step = job.batch;
    // The coordinator's batches again (same sizes, same order): the same sums as in-process scoring.
    async function* batches(): AsyncGenerator<PatchBatch> {
      for (let i = 0; i < n; i += step) {
        const m = Math.min(step, n - i);
        yield { noisy: patches.noisy.slice(i * size, (i + m) * size), clean: patches.clean.slice(i * size, (i + m) * size), n: m, patch: p, channels: c };
      }
    }
    return { score: scoreResultToWire(await scoreOn(model, batches(), { samples: n, patch: p, batch: step, seed: job.seed, engine: job.engine, removal: job.removal, coupleLayers: job.coupleLayers ?? 0 })) };
  } finally {
    model.dispose();
  }
};
