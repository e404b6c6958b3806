/** Eval jobs: keep-mask candidates scored on a validation batch (one CandidateEvaluator per model and batch, kept). */
import { CandidateEvaluator, type ValidationBatch } from '../../eval/candidates.js';
import { decodeEvalJob, scoresToWire, unpackBatch, unpackInputStats } from '../wire.js';
import type { JobHandler } from '../transport.js';
import { checkWork, type WorkLimits } from '../limits.js';
import { LoadedCache, loadModelObject } from './models.js';

export function evalHandler(threads = 1, limits?: WorkLimits): JobHandler {
  const evaluators = new LoadedCache<CandidateEvaluator>();
  const batches = new LoadedCache<ValidationBatch>();
  return async (payload, objects) => {
    const job = decodeEvalJob(payload);
    const c = job.compensation;
    const batch = await batches.get(job.batchKey, async () => unpackBatch(await objects.get(job.batchKey)));
    checkWork('eval', job.keeps.length * batch.n * batch.height * batch.width, limits);
    const ev = await evaluators.get(`${job.modelKey}|${job.batchKey}|${job.ssim}|${c ? `${c.mode}:${c.statsKey}` : ''}`, async () =>
      new CandidateEvaluator(await loadModelObject(objects, job.modelKey), batch, {
        threads, sessionCache: 1, ssim: job.ssim, ...(c ? { compensation: { mode: c.mode, inputs: unpackInputStats(await objects.get(c.statsKey)) } } : {}),
      }));
    const scores = [];
    for (const k of job.keeps) scores.push(await ev.evaluateOne(k));
    return { eval: scoresToWire(scores) };
  };
}
