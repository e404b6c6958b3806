/**
 * Codecs between core types and the protobuf messages of proto/qprune.proto (generated static code in
 * src/wire/). Number arrays travel as little-endian bytes; decoding copies them out into aligned
 * typed arrays (a protobuf `bytes` field is a view at an arbitrary offset of the message buffer).
 */
import { createHash } from 'node:crypto';
import { qprune } from '../wire/qprune.js';
import { Qubo } from '../qubo/problem.js';
import type { SampleSet } from '../qubo/sampleset.js';
import type { SolveRequest } from '../qubo/group-solver.js';
import type { KeepMasks } from '../prune/graph.js';
import type { CandidateScore } from '../eval/candidates.js';
import { QpruneError } from '../errors.js';
import type { ScoreResult } from '../score/scores.js';

export type JobKind = 'solve' | 'eval' | 'score' | 'run';
export const JOB_KINDS: JobKind[] = ['solve', 'eval', 'score', 'run'];

const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
if (!le) throw new Error('qprune wire format assumes a little-endian host');

export function f64Bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function f64From(b: Uint8Array | null | undefined, expect: number, what: string): Float64Array {
  if (!b || b.byteLength !== expect * 8) throw new QpruneError(`${what}: expected ${expect} float64 values, got ${b ? b.byteLength : 0} bytes`);
  const out = new Float64Array(expect);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/** Content-derived job id: the same work under the same run always gets the same id (idempotence, resume). */
export function jobId(kind: JobKind, runId: string, payload: Uint8Array): string {
  return createHash('sha256').update(kind).update('\0').update(runId).update('\0').update(payload).digest('hex').slice(0, 32);
}

export function encodeSolveJob(r: SolveRequest, runId: string): Uint8Array {
  const q = r.qubo;
  return qprune.SolveJob.encode({
    runId, groupId: r.id, n: q.n, lin: f64Bytes(q.lin), couplings: f64Bytes(q.W), k: q.k ?? -1, sampler: r.sampler,
    reads: r.params.reads ?? 10, sweeps: r.params.sweeps ?? 1000, seed: r.params.seed ?? 0, mu: r.mu ?? 0,
    initialStates: (r.params.initialStates ?? []).map((x) => Uint8Array.from(x)), firstRead: r.params.firstRead ?? 0,
  }).finish();
}

export function decodeSolveJob(bytes: Uint8Array): SolveRequest {
  const j = qprune.SolveJob.decode(bytes);
  const n = j.n;
  if (!(n >= 1 && n <= 65536)) throw new QpruneError(`solve job: n = ${n} is out of range`);
  if (!['swap', 'flip', 'greedy', 'exhaustive'].includes(j.sampler)) throw new QpruneError(`solve job: unknown sampler '${j.sampler}'`);
  if (j.k < -1 || j.k > n) throw new QpruneError(`solve job: k = ${j.k} is outside -1..${n}`);
  if (!(j.reads >= 1 && j.reads <= 100000 && j.sweeps >= 1 && j.sweeps <= 1e7)) throw new QpruneError('solve job: reads/sweeps out of range');
  const lin = f64From(j.lin, n, 'solve job lin'), W = f64From(j.couplings, n * n, 'solve job couplings');
  if (!lin.every(Number.isFinite) || !W.every(Number.isFinite) || !Number.isFinite(j.mu)) throw new QpruneError('solve job: non-finite QUBO terms');
  for (const s of j.initialStates) if (s.length !== n) throw new QpruneError(`solve job: initial state of length ${s.length}, expected ${n}`);
  return {
    id: j.groupId, qubo: new Qubo(n, lin, W, j.k < 0 ? null : j.k), sampler: j.sampler as SolveRequest['sampler'], mu: j.mu,
    params: { reads: j.reads, sweeps: j.sweeps, seed: j.seed, firstRead: j.firstRead, ...(j.initialStates.length ? { initialStates: j.initialStates.map((s) => Uint8Array.from(s)) } : {}) },
  };
}

export function sampleSetToWire(s: SampleSet): qprune.ISampleSet {
  return { samples: s.samples.map((x) => Uint8Array.from(x)), energies: s.energies, occurrences: s.occurrences, seconds: s.timing.seconds, proposals: s.timing.proposals };
}

export function sampleSetFromWire(w: qprune.ISampleSet | null | undefined): SampleSet {
  if (!w) throw new QpruneError('result holds no sample set');
  const seconds = w.seconds ?? 0, proposals = w.proposals ?? 0;
  return {
    samples: (w.samples ?? []).map((x) => Uint8Array.from(x)), energies: [...(w.energies ?? [])], occurrences: [...(w.occurrences ?? [])],
    timing: { seconds, proposals, proposalsPerSecond: seconds > 0 ? proposals / seconds : 0 }, info: {},
  };
}

export function encodeEvalJob(runId: string, modelKey: string, batchKey: string, keeps: KeepMasks[], ssim: boolean): Uint8Array {
  return qprune.EvalJob.encode({
    runId, modelKey, batchKey, ssim,
    candidates: keeps.map((k) => ({ masks: [...k.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, mask]) => ({ group, mask })) })),
  }).finish();
}

export function decodeEvalJob(bytes: Uint8Array): { modelKey: string; batchKey: string; keeps: KeepMasks[]; ssim: boolean } {
  const j = qprune.EvalJob.decode(bytes);
  if (!j.modelKey || !j.batchKey) throw new QpruneError('eval job: model_key and batch_key are required');
  if (!j.candidates.length) throw new QpruneError('eval job holds no candidates');
  return { modelKey: j.modelKey, batchKey: j.batchKey, ssim: j.ssim, keeps: j.candidates.map((c) => new Map(c.masks!.map((m) => [m.group!, Uint8Array.from(m.mask!)]))) };
}

export function scoresToWire(s: CandidateScore[]): qprune.IEvalResult {
  // SSIM not computed (NaN) travels as NaN: proto3 doubles carry it.
  return { scores: s.map((c) => ({ psnr: c.psnr, ssim: c.ssim, perImagePsnr: c.perImagePsnr })) };
}

export function scoresFromWire(w: qprune.IEvalResult | null | undefined): CandidateScore[] {
  if (!w) throw new QpruneError('result holds no evaluation');
  return (w.scores ?? []).map((c) => ({ psnr: c.psnr ?? NaN, ssim: c.ssim ?? NaN, perImagePsnr: [...(c.perImagePsnr ?? [])], cached: false, exportMs: 0, sessionMs: 0, runMs: 0 }));
}

function tensorOf(a: Float32Array, n: number): qprune.ITensor {
  return { shape: [n, n], data: new Uint8Array(a.buffer, a.byteOffset, a.byteLength) };
}

function matrixFrom(t: qprune.ITensor | null | undefined, n: number, what: string): Float32Array {
  if (!t?.data || t.data.byteLength !== n * n * 4) throw new QpruneError(`${what}: expected ${n}x${n} float32 values`);
  const out = new Float32Array(n * n);
  new Uint8Array(out.buffer).set(t.data);
  return out;
}

export interface ScoreJobSpec { modelKey: string; patchesKey: string; data: string; noise: string; samples: number; patch: number; batch: number; seed: number }

export function encodeScoreJob(runId: string, j: ScoreJobSpec): Uint8Array {
  return qprune.ScoreJob.encode({ runId, ...j }).finish();
}

export function decodeScoreJob(bytes: Uint8Array): ScoreJobSpec {
  const j = qprune.ScoreJob.decode(bytes);
  if (!j.modelKey || !j.patchesKey) throw new QpruneError('score job: model_key and patches_key are required');
  if (!(j.batch >= 1 && j.batch <= 4096 && j.patch >= 1 && j.samples >= 1)) throw new QpruneError('score job: batch, patch and samples must be >= 1');
  return { modelKey: j.modelKey, patchesKey: j.patchesKey, data: j.data, noise: j.noise, samples: j.samples, patch: j.patch, batch: j.batch, seed: j.seed };
}

export function scoreResultToWire(r: ScoreResult): qprune.IScoreResult {
  return {
    samples: r.meta.samples, seconds: r.meta.seconds, backend: r.meta.backend,
    groups: r.groups.map((g) => ({
      id: g.id, size: g.size, l1: f64Bytes(g.l1), l2: f64Bytes(g.l2), taylor: f64Bytes(g.taylor), fisher: f64Bytes(g.fisher),
      similarity: tensorOf(g.similarity, g.size), dead: g.dead, ...(g.fisherMatrix ? { fisherMatrix: tensorOf(g.fisherMatrix, g.size) } : {}),
    })),
  };
}

export function scoreResultFromWire(w: qprune.IScoreResult | null | undefined, meta: Omit<ScoreResult['meta'], 'samples' | 'seconds' | 'backend'>): ScoreResult {
  if (!w) throw new QpruneError('result holds no scores');
  return {
    meta: { ...meta, samples: w.samples ?? 0, seconds: w.seconds ?? 0, backend: w.backend ?? '' },
    groups: (w.groups ?? []).map((g) => {
      const n = g.size ?? 0;
      return {
        id: g.id ?? '', size: n, dead: [...(g.dead ?? [])], l1: f64From(g.l1, n, 'l1'), l2: f64From(g.l2, n, 'l2'), taylor: f64From(g.taylor, n, 'taylor'), fisher: f64From(g.fisher, n, 'fisher'),
        similarity: matrixFrom(g.similarity, n, 'similarity'), ...(g.fisherMatrix?.data?.length ? { fisherMatrix: matrixFrom(g.fisherMatrix, n, 'fisher matrix') } : {}),
      };
    }),
  };
}
