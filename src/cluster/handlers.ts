/**
 * Job handlers: decode a job, run the core, encode the answer. The same functions serve the
 * in-process transport and the NATS services. Malformed input becomes a non-retryable ErrorReply.
 */
import * as tf from '@tensorflow/tfjs';
import { qprune } from '../wire/qprune.js';
import { solveRequest } from '../qubo/group-solver.js';
import { CandidateEvaluator, ValidationBatch } from '../eval/candidates.js';
import { describeError, QpruneError } from '../errors.js';
import { decodeEvalJob, decodeScoreJob, decodeSolveJob, sampleSetToWire, scoreResultToWire, scoresToWire, JobKind } from './wire.js';
import { scoreOn } from '../score/scores.js';
import type { PatchBatch } from '../data/patches.js';
import type { JobHandler, ObjectSource } from './transport.js';

export function errorResult(err: unknown, retryable = false): { error: qprune.IErrorReply } {
  const bad = err instanceof QpruneError || (err instanceof Error && /invalid wire type|index out of range|illegal|invalid/i.test(err.message));
  return { error: { code: bad ? 'bad_request' : 'failed', message: describeError(err), retryable } };
}

export const solveHandler: JobHandler = async (payload) => {
  let req;
  try {
    req = decodeSolveJob(payload);
  } catch (err) {
    return errorResult(err);
  }
  return { sampleSet: sampleSetToWire(solveRequest(req)) };
};

/** Model artifacts and validation batches as single blobs (object-store values). */
export function packModel(a: tf.io.ModelArtifacts): Uint8Array {
  const header = Buffer.from(JSON.stringify({ modelTopology: a.modelTopology, weightSpecs: a.weightSpecs, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy }));
  const weights = new Uint8Array(a.weightData as ArrayBuffer);
  const out = new Uint8Array(4 + header.length + weights.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(weights, 4 + header.length);
  return out;
}

export function unpackModel(b: Uint8Array): tf.io.ModelArtifacts {
  if (b.length < 4) throw new QpruneError('model blob is truncated');
  const n = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, true);
  if (4 + n > b.length) throw new QpruneError('model blob is truncated');
  const header = JSON.parse(Buffer.from(b.subarray(4, 4 + n)).toString('utf8'));
  return { ...header, weightData: b.slice(4 + n).buffer };
}

export function packBatch(v: ValidationBatch): Uint8Array {
  const header = Buffer.from(JSON.stringify({ n: v.n, height: v.height, width: v.width, channels: v.channels, names: v.names }));
  const out = new Uint8Array(4 + header.length + 8 * v.noisy.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  const body = new Float32Array(2 * v.noisy.length);
  body.set(v.noisy);
  body.set(v.clean, v.noisy.length);
  out.set(new Uint8Array(body.buffer), 4 + header.length);
  return out;
}

export function unpackBatch(b: Uint8Array): ValidationBatch {
  const n = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, true);
  const h = JSON.parse(Buffer.from(b.subarray(4, 4 + n)).toString('utf8'));
  const size = h.n * h.height * h.width * h.channels;
  const body = new Float32Array(2 * size);
  new Uint8Array(body.buffer).set(b.subarray(4 + n, 4 + n + 8 * size));
  return { ...h, noisy: body.slice(0, size), clean: body.slice(size) };
}

/** Evaluator: one CandidateEvaluator per (model, batch) pair, built on first use and kept. */
export function evalHandler(threads = 1): JobHandler {
  const evaluators = new Map<string, Promise<CandidateEvaluator>>();
  const evaluatorFor = (modelKey: string, batchKey: string, ssim: boolean, objects: ObjectSource) => {
    const key = `${modelKey}|${batchKey}|${ssim}`;
    if (!evaluators.has(key)) {
      evaluators.set(key, (async () => {
        const model = await tf.loadLayersModel(tf.io.fromMemory(unpackModel(await objects.get(modelKey))));
        return new CandidateEvaluator(model, unpackBatch(await objects.get(batchKey)), { threads, sessionCache: 1, ssim });
      })());
    }
    return evaluators.get(key)!;
  };
  return async (payload, objects) => {
    let job;
    try {
      job = decodeEvalJob(payload);
    } catch (err) {
      return errorResult(err);
    }
    const ev = await evaluatorFor(job.modelKey, job.batchKey, job.ssim, objects);
    const scores = [];
    for (const k of job.keeps) {
      try {
        scores.push(await ev.evaluateOne(k));
      } catch (err) {
        return errorResult(err);
      }
    }
    return { eval: scoresToWire(scores) };
  };
}

/** Scorer: the model and the coordinator's calibration patches from the object store, then one calibration pass. */
export const scoreHandler: JobHandler = async (payload, objects) => {
  let job;
  try {
    job = decodeScoreJob(payload);
  } catch (err) {
    return errorResult(err);
  }
  let patches: ValidationBatch;
  try {
    patches = unpackBatch(await objects.get(job.patchesKey));
    if (patches.height !== job.patch || patches.width !== job.patch) throw new QpruneError(`score job: patches are ${patches.height}x${patches.width}, the job says ${job.patch}`);
  } catch (err) {
    return errorResult(err);
  }
  const model = await tf.loadLayersModel(tf.io.fromMemory(unpackModel(await objects.get(job.modelKey))));
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
    const scores = await scoreOn(model, batches(), { samples: n, patch: p, batch: step, seed: job.seed });
    return { score: scoreResultToWire(scores) };
  } catch (err) {
    return errorResult(err);
  } finally {
    model.dispose();
  }
};

export function handlerFor(kind: JobKind, threads = 1): JobHandler {
  if (kind === 'solve') return solveHandler;
  if (kind === 'eval') return evalHandler(threads);
  if (kind === 'score') return scoreHandler;
  throw new QpruneError('run jobs are handled by the coordinator (src/cluster/coordinator.ts)');
}
