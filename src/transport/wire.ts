/**
 * Every codec between core types and the protobuf messages of proto/qprune.proto (generated static
 * code in src/wire/), and the packed blobs of the object store (models, batches). Number arrays
 * travel as little-endian bytes; decoding copies them out into aligned typed arrays (a protobuf
 * `bytes` field is a view at an arbitrary offset of the message buffer). A message that cannot be
 * decoded, or holds values out of range, is a BadRequest.
 */
import { createHash } from 'node:crypto';
import type * as tf from '@tensorflow/tfjs';
import protobuf from 'protobufjs/minimal.js';
import { qprune } from '../wire/qprune.js';
import { Qubo } from '../qubo/problem.js';
import type { SampleSet } from '../qubo/sampleset.js';
import type { SolveRequest } from '../qubo/group-solver.js';
import { SAMPLERS } from '../qubo/samplers.js';
import type { KeepMasks } from '../prune/graph.js';
import type { CandidateScore, ValidationBatch } from '../eval/candidates.js';
import { BadRequest, describeError } from '../errors.js';
import type { CrossFisher, ScoreResult } from '../score/scores.js';
import { COUPLE_ALL } from '../score/accumulator.js';
import type { ActiveCompensation, InputStats } from '../prune/compensation.js';
import { Image, makeImage } from '../data/image.js';
import { SCORE_ENGINES, ScoreEngine } from '../score/engine.js';
import { REMOVALS, type Removal } from '../score/removal.js';

/** Job kinds. `denoise` runs only inside a process (direct and worker transports): no service takes it. */
export type JobKind = 'solve' | 'eval' | 'score' | 'run' | 'denoise';
/** The kinds that the cluster's work queues carry (one durable consumer each). */
export const CLUSTER_JOB_KINDS: JobKind[] = ['solve', 'eval', 'score', 'run'];

/** protobufjs throws plain Errors on malformed input: one place turns them into BadRequest. */
function decodeAs<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    throw err instanceof BadRequest ? err : new BadRequest(`${what}: ${describeError(err)}`);
  }
}

const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
if (!le) throw new Error('qprune wire format assumes a little-endian host');

export function f64Bytes(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function f64From(b: Uint8Array | null | undefined, expect: number, what: string): Float64Array {
  if (!b || b.byteLength !== expect * 8) throw new BadRequest(`${what}: expected ${expect} float64 values, got ${b ? b.byteLength : 0} bytes`);
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
  const j = decodeAs('solve job', () => qprune.SolveJob.decode(bytes));
  const n = j.n;
  if (!(n >= 1 && n <= 65536)) throw new BadRequest(`solve job: n = ${n} is out of range`);
  if (!Object.hasOwn(SAMPLERS, j.sampler)) throw new BadRequest(`solve job: unknown sampler '${j.sampler}' (${Object.keys(SAMPLERS).join(', ')})`);
  if (j.k < -1 || j.k > n) throw new BadRequest(`solve job: k = ${j.k} is outside -1..${n}`);
  if (!(j.reads >= 1 && j.reads <= 100000 && j.sweeps >= 1 && j.sweeps <= 1e7)) throw new BadRequest('solve job: reads/sweeps out of range');
  const lin = f64From(j.lin, n, 'solve job lin'), W = f64From(j.couplings, n * n, 'solve job couplings');
  if (!lin.every(Number.isFinite) || !W.every(Number.isFinite) || !Number.isFinite(j.mu)) throw new BadRequest('solve job: non-finite QUBO terms');
  for (const s of j.initialStates) if (s.length !== n) throw new BadRequest(`solve job: initial state of length ${s.length}, expected ${n}`);
  return {
    id: j.groupId, qubo: new Qubo(n, lin, W, j.k < 0 ? null : j.k), sampler: j.sampler as SolveRequest['sampler'], mu: j.mu,
    params: { reads: j.reads, sweeps: j.sweeps, seed: j.seed, firstRead: j.firstRead, ...(j.initialStates.length ? { initialStates: j.initialStates.map((s) => Uint8Array.from(s)) } : {}) },
  };
}

export function sampleSetToWire(s: SampleSet): qprune.ISampleSet {
  return { samples: s.samples.map((x) => Uint8Array.from(x)), energies: s.energies, occurrences: s.occurrences, seconds: s.timing.seconds, proposals: s.timing.proposals };
}

export function sampleSetFromWire(w: qprune.ISampleSet | null | undefined): SampleSet {
  if (!w) throw new BadRequest('result holds no sample set');
  const seconds = w.seconds ?? 0, proposals = w.proposals ?? 0;
  return {
    samples: (w.samples ?? []).map((x) => Uint8Array.from(x)), energies: [...(w.energies ?? [])], occurrences: [...(w.occurrences ?? [])],
    timing: { seconds, proposals, proposalsPerSecond: seconds > 0 ? proposals / seconds : 0 }, info: {},
  };
}

/** Compensation in an eval job: the mode and the object key of the input statistics. */
export interface EvalCompensation { mode: ActiveCompensation; statsKey: string }

export function encodeEvalJob(runId: string, modelKey: string, batchKey: string, keeps: KeepMasks[], ssim: boolean, compensation?: EvalCompensation): Uint8Array {
  return qprune.EvalJob.encode({
    runId, modelKey, batchKey, ssim, ...(compensation ? { compensation: compensation.mode, inputStatsKey: compensation.statsKey } : {}),
    candidates: keeps.map((k) => ({ masks: [...k.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, mask]) => ({ group, mask })) })),
  }).finish();
}

export function decodeEvalJob(bytes: Uint8Array): { modelKey: string; batchKey: string; keeps: KeepMasks[]; ssim: boolean; compensation?: EvalCompensation } {
  const j = decodeAs('eval job', () => qprune.EvalJob.decode(bytes));
  if (!j.modelKey || !j.batchKey) throw new BadRequest('eval job: model_key and batch_key are required');
  if (!j.candidates.length) throw new BadRequest('eval job holds no candidates');
  let compensation: EvalCompensation | undefined;
  if (j.compensation || j.inputStatsKey) {
    if (j.compensation !== 'mean' && j.compensation !== 'linear') throw new BadRequest(`eval job: compensation must be mean or linear, got '${j.compensation}'`);
    if (!j.inputStatsKey) throw new BadRequest('eval job: compensation needs input_stats_key');
    compensation = { mode: j.compensation, statsKey: j.inputStatsKey };
  }
  return { modelKey: j.modelKey, batchKey: j.batchKey, ssim: j.ssim, ...(compensation ? { compensation } : {}), keeps: j.candidates.map((c) => new Map(c.masks!.map((m) => [m.group!, Uint8Array.from(m.mask!)]))) };
}

export function scoresToWire(s: CandidateScore[]): qprune.IEvalResult {
  // SSIM not computed (NaN) travels as NaN: proto3 doubles carry it.
  return { scores: s.map((c) => ({ psnr: c.psnr, ssim: c.ssim, perImagePsnr: c.perImagePsnr })) };
}

export function scoresFromWire(w: qprune.IEvalResult | null | undefined): CandidateScore[] {
  if (!w) throw new BadRequest('result holds no evaluation');
  return (w.scores ?? []).map((c) => ({ psnr: c.psnr ?? NaN, ssim: c.ssim ?? NaN, perImagePsnr: [...(c.perImagePsnr ?? [])], cached: false, exportMs: 0, sessionMs: 0, runMs: 0 }));
}

function tensorOf(a: Float32Array, n: number): qprune.ITensor {
  return { shape: [n, n], data: new Uint8Array(a.buffer, a.byteOffset, a.byteLength) };
}

function matrixFrom(t: qprune.ITensor | null | undefined, n: number, what: string): Float32Array {
  if (!t?.data || t.data.byteLength !== n * n * 4) throw new BadRequest(`${what}: expected ${n}x${n} float32 values`);
  const out = new Float32Array(n * n);
  new Uint8Array(out.buffer).set(t.data);
  return out;
}

export interface ScoreJobSpec { modelKey: string; patchesKey: string; data: string; noise: string; samples: number; patch: number; batch: number; seed: number; engine: ScoreEngine; removal: Removal; coupleLayers?: number }

export function encodeScoreJob(runId: string, j: ScoreJobSpec): Uint8Array {
  return qprune.ScoreJob.encode({ runId, ...j }).finish();
}

export function decodeScoreJob(bytes: Uint8Array): ScoreJobSpec {
  const j = decodeAs('score job', () => qprune.ScoreJob.decode(bytes));
  if (!j.modelKey || !j.patchesKey) throw new BadRequest('score job: model_key and patches_key are required');
  if (!(j.batch >= 1 && j.batch <= 4096 && j.patch >= 1 && j.samples >= 1)) throw new BadRequest('score job: batch, patch and samples must be >= 1');
  const engine = (j.engine || 'onnxruntime') as ScoreEngine;
  if (!SCORE_ENGINES.includes(engine)) throw new BadRequest(`score job: engine must be one of ${SCORE_ENGINES.join(', ')}, got '${j.engine}'`);
  const removal = (j.removal || 'zero') as Removal;
  if (!REMOVALS.includes(removal)) throw new BadRequest(`score job: removal must be one of ${REMOVALS.join(', ')}, got '${j.removal}'`);
  if (j.coupleLayers > COUPLE_ALL) throw new BadRequest(`score job: couple_layers must be at most ${COUPLE_ALL} (all pairs), got ${j.coupleLayers}`);
  return { modelKey: j.modelKey, patchesKey: j.patchesKey, data: j.data, noise: j.noise, samples: j.samples, patch: j.patch, batch: j.batch, seed: j.seed, engine, removal, ...(j.coupleLayers ? { coupleLayers: j.coupleLayers } : {}) };
}

export function scoreResultToWire(r: ScoreResult): qprune.IScoreResult {
  return {
    samples: r.meta.samples, seconds: r.meta.seconds, backend: r.meta.backend,
    inputStats: inputStatsToWire(r.inputStats ?? new Map()),
    cross: (r.cross ?? []).map((c) => ({ a: c.a, b: c.b, matrix: { shape: [c.matrix.length], data: new Uint8Array(c.matrix.buffer, c.matrix.byteOffset, c.matrix.byteLength) } })),
    groups: r.groups.map((g) => ({
      id: g.id, size: g.size, l1: f64Bytes(g.l1), l2: f64Bytes(g.l2), taylor: f64Bytes(g.taylor), fisher: f64Bytes(g.fisher),
      similarity: tensorOf(g.similarity, g.size), dead: g.dead, ...(g.fisherMatrix ? { fisherMatrix: tensorOf(g.fisherMatrix, g.size) } : {}),
      ...(g.pearson ? { pearson: tensorOf(g.pearson, g.size) } : {}),
      ...(g.fisherVariance ? { fisherVariance: tensorOf(g.fisherVariance, g.size) } : {}),
      ...(g.reconstruction ? { reconstruction: tensorOf(g.reconstruction, g.size) } : {}),
    })),
  };
}

export function scoreResultFromWire(w: qprune.IScoreResult | null | undefined, meta: Omit<ScoreResult['meta'], 'samples' | 'seconds' | 'backend'>): ScoreResult {
  if (!w) throw new BadRequest('result holds no scores');
  return {
    meta: { ...meta, samples: w.samples ?? 0, seconds: w.seconds ?? 0, backend: w.backend ?? '' },
    ...(w.inputStats?.length ? { inputStats: inputStatsFromWire(w.inputStats) } : {}),
    ...(w.cross?.length ? { cross: crossFromWire(w.cross, w.groups ?? []) } : {}),
    groups: (w.groups ?? []).map((g) => {
      const n = g.size ?? 0;
      return {
        id: g.id ?? '', size: n, dead: [...(g.dead ?? [])], l1: f64From(g.l1, n, 'l1'), l2: f64From(g.l2, n, 'l2'), taylor: f64From(g.taylor, n, 'taylor'), fisher: f64From(g.fisher, n, 'fisher'),
        similarity: matrixFrom(g.similarity, n, 'similarity'), ...(g.fisherMatrix?.data?.length ? { fisherMatrix: matrixFrom(g.fisherMatrix, n, 'fisher matrix') } : {}),
        ...(g.pearson?.data?.length ? { pearson: matrixFrom(g.pearson, n, 'pearson') } : {}),
        ...(g.fisherVariance?.data?.length ? { fisherVariance: matrixFrom(g.fisherVariance, n, 'fisher variance') } : {}),
        ...(g.reconstruction?.data?.length ? { reconstruction: matrixFrom(g.reconstruction, n, 'reconstruction') } : {}),
      };
    }),
  };
}

/** Cross-group blocks, each checked against its two groups' sizes (a hostile result cannot mis-shape them). */
function crossFromWire(list: qprune.ICrossFisher[], groups: qprune.IGroupScore[]): CrossFisher[] {
  const sizes = new Map(groups.map((g) => [g.id ?? '', g.size ?? 0]));
  return list.map((c) => {
    const a = c.a ?? '', b = c.b ?? '', na = sizes.get(a), nb = sizes.get(b);
    if (na === undefined || nb === undefined) throw new BadRequest(`cross-group Fisher block names a group the scores lack (${a}, ${b})`);
    const data = c.matrix?.data;
    if (!data || data.byteLength !== na * nb * 4) throw new BadRequest(`cross-group Fisher block ${a}/${b}: expected ${na}x${nb} float32 values`);
    const out = new Float32Array(na * nb);
    new Uint8Array(out.buffer).set(data);
    return { a, b, matrix: out };
  });
}

/** Input statistics by layer as one blob (object-store value for eval jobs). */
export function packInputStats(inputs: ReadonlyMap<string, InputStats>): Uint8Array {
  return qprune.InputStatsSet.encode({ inputs: inputStatsToWire(inputs) }).finish();
}

export function unpackInputStats(bytes: Uint8Array): Map<string, InputStats> {
  return inputStatsFromWire(decodeAs('input statistics', () => qprune.InputStatsSet.decode(bytes)).inputs);
}

function inputStatsToWire(inputs: ReadonlyMap<string, InputStats>): qprune.IInputStats[] {
  return [...inputs].map(([layer, v]) => ({ layer, mean: f64Bytes(v.mean), ...(v.covariance ? { covariance: f64Bytes(v.covariance) } : {}) }));
}

function inputStatsFromWire(list: qprune.IInputStats[]): Map<string, InputStats> {
  return new Map(list.map((m) => [m.layer ?? '', inputStatsFrom(m)]));
}

function inputStatsFrom(m: qprune.IInputStats): InputStats {
  const c = (m.mean?.byteLength ?? 0) / 8;
  if (!m.layer || !Number.isInteger(c) || c < 1) throw new BadRequest('input statistics need a layer name and float64 means');
  const mean = f64From(m.mean, c, `input mean of ${m.layer}`);
  return m.covariance?.byteLength ? { mean, covariance: f64From(m.covariance, c * c, `input covariance of ${m.layer}`) } : { mean };
}

/** Model artifacts as one blob (object-store value): header length, JSON header, weights. */
export function packModel(a: tf.io.ModelArtifacts): Uint8Array {
  const header = Buffer.from(JSON.stringify({ modelTopology: a.modelTopology, weightSpecs: a.weightSpecs, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy }));
  const weights = new Uint8Array(a.weightData as ArrayBuffer);
  const out = new Uint8Array(4 + header.length + weights.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(weights, 4 + header.length);
  return out;
}

function packedHeader(b: Uint8Array, what: string): { header: Record<string, unknown>; body: number } {
  if (b.length < 4) throw new BadRequest(`${what} blob is truncated`);
  const n = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, true);
  if (4 + n > b.length) throw new BadRequest(`${what} blob is truncated`);
  const header = decodeAs(`${what} blob header`, () => JSON.parse(Buffer.from(b.subarray(4, 4 + n)).toString('utf8')));
  if (typeof header !== 'object' || header === null) throw new BadRequest(`${what} blob header is not an object`);
  return { header, body: 4 + n };
}

export function unpackModel(b: Uint8Array): tf.io.ModelArtifacts {
  const { header, body } = packedHeader(b, 'model');
  if (!header.modelTopology || !Array.isArray(header.weightSpecs)) throw new BadRequest('model blob: no model topology or weight specs (is it a model?)');
  return { ...header, weightData: b.slice(body).buffer };
}

export function packBatch(v: ValidationBatch): Uint8Array {
  const header = Buffer.from(JSON.stringify({ kind: 'batch', n: v.n, height: v.height, width: v.width, channels: v.channels, names: v.names, ...(v.margin ? { margin: v.margin } : {}) }));
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
  const { header: h, body } = packedHeader(b, 'batch');
  const dims = [h.n, h.height, h.width, h.channels];
  if (h.kind !== 'batch' || !dims.every((d) => Number.isInteger(d) && (d as number) >= 1)) throw new BadRequest('batch blob: not an image batch (wrong object key?)');
  const size = (h.n as number) * (h.height as number) * (h.width as number) * (h.channels as number);
  if (b.length - body !== 8 * size) throw new BadRequest(`batch blob: ${b.length - body} data bytes for ${size} noisy + clean values`);
  const margin = h.margin ?? 0;
  if (!(Number.isInteger(margin) && (margin as number) >= 0 && 2 * (margin as number) < Math.min(h.height as number, h.width as number))) throw new BadRequest(`batch blob: margin ${JSON.stringify(h.margin)} must be a whole number of pixels leaving some of the ${h.height}x${h.width} crops measured`);
  const data = new Float32Array(2 * size);
  new Uint8Array(data.buffer).set(b.subarray(body));
  return { ...(h as unknown as ValidationBatch), noisy: data.slice(0, size), clean: data.slice(size) };
}

/** run_id is field 1 (string) of every job message: read it without knowing the job's type (BadRequest on malformed protobuf). */
export function decodeRunId(data: Uint8Array): string {
  return decodeAs('job', () => {
    const r = protobuf.Reader.create(data);
    let runId = '';
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag >>> 3 === 1 && (tag & 7) === 2) runId = r.string();
      else r.skipType(tag & 7);
    }
    return runId;
  });
}

function imageTensor(img: Image): qprune.ITensor {
  return { shape: [img.height, img.width, img.channels], data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength) };
}

function imageFrom(t: qprune.ITensor | null | undefined, what: string): Image {
  const [h, w, c] = t?.shape ?? [];
  if (!(h >= 1 && w >= 1 && c >= 1) || t?.shape?.length !== 3 || t.data?.byteLength !== h * w * c * 4) throw new BadRequest(`${what}: expected an HxWxC float32 image`);
  const data = new Float32Array(h * w * c);
  new Uint8Array(data.buffer).set(t.data);
  return makeImage(h, w, c, data);
}

export function encodeDenoiseJob(runId: string, modelKey: string, img: Image): Uint8Array {
  return qprune.DenoiseJob.encode({ runId, modelKey, image: imageTensor(img) }).finish();
}

export function decodeDenoiseJob(bytes: Uint8Array): { modelKey: string; image: Image } {
  const j = decodeAs('denoise job', () => qprune.DenoiseJob.decode(bytes));
  if (!j.modelKey) throw new BadRequest('denoise job: model_key is required');
  return { modelKey: j.modelKey, image: imageFrom(j.image, 'denoise job') };
}

export function denoiseResultToWire(img: Image): qprune.IDenoiseResult {
  return { image: imageTensor(img) };
}

export function denoiseResultFromWire(w: qprune.IDenoiseResult | null | undefined): Image {
  if (!w) throw new BadRequest('result holds no image');
  return imageFrom(w.image, 'denoise result');
}

/** A whole run for the coordinator: its id and the job's fields (validated by parsePruneJob on arrival). */
export function encodeRunSpec(runId: string, job: qprune.IPruneJobSpec): Uint8Array {
  return qprune.RunSpec.encode({ runId, job }).finish();
}

export function decodeRunSpec(bytes: Uint8Array): { runId: string; job: qprune.PruneJobSpec } {
  const s = decodeAs('run job', () => qprune.RunSpec.decode(bytes));
  if (!s.job) throw new BadRequest('run job holds no prune job');
  return { runId: s.runId, job: s.job as qprune.PruneJobSpec };
}
