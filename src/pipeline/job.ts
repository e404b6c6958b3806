/**
 * PruneJob: everything one pruning run needs, validated in one place. The CLI parses its flags into
 * one, the coordinator decodes one from the wire, the run state stores it (a resumed run continues
 * exactly the job it started), and the library takes one. `parsePruneJob` fills the defaults and
 * names the first field that is wrong.
 */
import { COMPENSATIONS } from '../prune/compensation.js';
import { z } from 'zod';
import type { qprune } from '../wire/qprune.js';
import { QpruneError } from '../errors.js';
import { parseNoise } from '../data/noise.js';
import { parseScope } from '../refine/mask-encoding.js';
import { REFINERS } from '../refine/refiners.js';
import { FINALIST_CROP, FINALIST_PICKS, type FinalistPick } from '../refine/finalists.js';
import { CONTINUATION_CROP } from '../refine/continuation.js';
import { TOP_POINTS } from '../refine/objective.js';
import { METHOD_REGISTRY, METHODS } from './methods/registry.js';
import { parameterProblem } from '../qubo/samplers.js';
import { BUDGET_UNITS } from '../prune/cost-model.js';
import { COUPLE_ALL } from '../score/accumulator.js';
import { SCORE_ENGINES, ScoreEngine } from '../score/engine.js';
import { BATCH_NORM_MODES, BatchNormMode } from '../train/batch-norm-mode.js';

const sparsity = z.number().refine((s) => Number.isFinite(s) && s > 0 && s < 1, { error: (i) => `sparsity must be in (0, 1), got ${i.input}` });
const int = (min: number) => z.number().int().min(min);
const text = z.string().min(1);

export const PruneJobSchema = z.object({
  /** The trained model: a tfjs model.json (or its folder) or a Keras .h5/.keras file. */
  model: text,
  /** Calibration data (and validation data unless `selection` is given): a folder of images, or `procedural:KIND:COUNT:SIZE`. */
  data: text,
  /** The selection split: validation crops (the TT objective, weight tuning, val PSNR) from other images than the calibration's. */
  selection: text.optional(),
  /** A held-out test set, evaluated at full size at the end: the full model, the noisy input, this job's model and every baseline at its sparsity. */
  test: text.optional(),
  /** Noise added to clean data (e.g. gaussian:25); absent = the data holds noisy/clean pairs. */
  noise: text.refine((n) => { try { parseNoise(n); return true; } catch { return false; } }, { error: (i) => `noise: not a noise model: '${i.input}' (e.g. gaussian:25)` }).optional(),
  /** Fraction of prunable filters removed, 0 < s < 1. */
  sparsity,
  /** One budget for the whole network, or the same ratio in every channel group. */
  budget: z.enum(['global', 'per-layer']).default('global'),
  /** What the global budget counts: sparsity = fraction of prunable filters, or of the model's FLOPs or parameters, removed. */
  budgetBy: z.enum(BUDGET_UNITS).default('filters'),
  method: z.string().refine((m) => METHOD_REGISTRY.has(m), { error: (i) => `method must be one of ${METHODS.join(', ')}, got '${i.input}'` }),
  /** Weights of the method's QUBO formulation, by name (hybrid: taylor, similarity; hybrid-paper: alpha, beta, gamma); absent = its defaults. */
  formulation: z.record(z.string(), z.number()).default({}),
  /** Choose the formulation's weights from its tuning grid by PSNR on the validation (selection) crops. */
  tune: z.boolean().default(false),
  /** Iterative pruning: reach the sparsity in this many equal steps, re-scoring the pruned model between them. */
  steps: int(1).default(1),
  /** Removed channels folded into their consumers from calibration statistics (prune/compensation.ts): none, mean, linear. */
  compensate: z.enum(COMPENSATIONS).default('none'),
  /** TT refinement of a QUBO method's answer against the validation PSNR. */
  refine: z.object({
    method: z.enum(REFINERS as [string, ...string[]]),
    budget: int(1).default(200),
    scope: z.string().default('all').refine((s) => { try { parseScope(s); return true; } catch { return false; } }, { error: (i) => `refine.scope must be all, window:START:LEN or gap:N, got '${i.input}'` }),
    /** Transfers of up to this many filters between neighbouring groups (global budgets; default 2 there, 0 per layer). */
    moves: int(0).optional(),
    /** Successive halving: the search's best `count` points re-evaluated on crop x crop crops of the same validation images. */
    finalists: z.object({ count: int(1).max(TOP_POINTS), crop: int(8).default(FINALIST_CROP), pick: z.enum(FINALIST_PICKS).optional() }).optional(),
    /** A second search of `budget` evaluations on crop x crop crops, from the first one's best points; the finalists come from it. */
    continuation: z.object({ budget: int(1), crop: int(8).default(CONTINUATION_CROP) }).optional(),
  }).optional(),
  /** Fine-tuning of the pruned model (src/train/finetune.ts): steps, peak learning rate, distillation weight, BatchNorm frozen or in batch mode. */
  finetune: z.object({ steps: int(1), learningRate: z.number().gt(0).lt(1).default(5e-4), distill: z.number().min(0).max(1).default(0), batchNorm: z.enum(BATCH_NORM_MODES).default('frozen') }).optional(),
  /** Calibration patches; `patch` absent = from the model's receptive field (>= 2x RF, >= 64). */
  // coupleLayers: cross-group Fisher blocks for groups at most this far apart (absent: all of them for cross-layer, none otherwise).
  calibration: z.object({ samples: int(1).default(64), patch: int(4).optional(), batch: int(1).default(8), engine: z.enum(SCORE_ENGINES).default('onnxruntime'), coupleLayers: int(0).max(COUPLE_ALL).optional() }).default({ samples: 64, batch: 8, engine: 'onnxruntime' }),
  /** Validation crops; margin: pixels around each crop the network sees but PSNR/SSIM leave out (so every measured pixel has its whole receptive field). */
  validation: z.object({ count: int(1).default(8), crop: int(8).default(96), margin: int(0).default(0) }).default({ count: 8, crop: 96, margin: 0 }),
  /** Sparsities of the report's PSNR-vs-sparsity curves of every method ([] = none); the job's own is added. */
  sweep: z.array(sparsity).default([0.25, 0.36, 0.5]),
  seed: z.number().int().default(0),
  /** Output directory: model/, solution.json, report.json, report.html (written whole or not at all). */
  out: text,
  /** Replace `out` if it exists. */
  force: z.boolean().default(false),
}).strict().superRefine((job, ctx) => {
  const f = METHOD_REGISTRY.get(job.method)?.formulation;
  for (const [k, v] of Object.entries(job.formulation)) {
    const d = f?.parameters[k];
    if (!d) ctx.addIssue({ code: 'custom', path: ['formulation', k], message: `formulation weight '${k}' is not one of ${job.method}'s (${f ? Object.keys(f.parameters).join(', ') : 'it has none'})` });
    else {
      const problem = parameterProblem(k, d, v);
      if (problem) ctx.addIssue({ code: 'custom', path: ['formulation', k], message: `formulation weight ${problem}` });
    }
  }
  if (job.tune && !METHOD_REGISTRY.get(job.method)?.formulation) {
    ctx.addIssue({ code: 'custom', path: ['tune'], message: `tune needs a method with a QUBO formulation (${METHODS.filter((m) => METHOD_REGISTRY.get(m)!.formulation).join(' or ')}), got '${job.method}'` });
  }
  if (job.tune && Object.keys(job.formulation).length) {
    ctx.addIssue({ code: 'custom', path: ['tune'], message: 'tune chooses the formulation weights: give tune or formulation weights, not both' });
  }
  if (job.budget === 'per-layer' && job.budgetBy !== 'filters') {
    ctx.addIssue({ code: 'custom', path: ['budgetBy'], message: `budgetBy ${job.budgetBy} needs the global budget (the per-layer ratio counts filters)` });
  }
  if (job.refine && !METHOD_REGISTRY.get(job.method)?.qubo) {
    ctx.addIssue({ code: 'custom', path: ['refine'], message: `refine needs a QUBO method (${METHODS.filter((m) => METHOD_REGISTRY.get(m)!.qubo).join(' or ')}), got '${job.method}'` });
  }
});

/** A validated job, defaults filled in. */
export type PruneJob = z.output<typeof PruneJobSchema>;
/** What a caller writes: required fields plus any of the optional ones. */
export type PruneJobInput = z.input<typeof PruneJobSchema>;

export function parsePruneJob(input: unknown): PruneJob {
  const r = PruneJobSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.join('.');
  // Our own messages name the field already; zod's generic ones get the path in front.
  const message = issue.code === 'custom' || /^(sparsity|method|noise|refine)/.test(issue.message) ? issue.message : `${where || 'job'}: ${issue.message}`;
  throw new QpruneError(`invalid prune job: ${message}${r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : ''}`);
}

/** The job's sweep as the report draws it: sorted, without repeats, the job's own sparsity included. */
export function sweepOf(job: PruneJob): number[] {
  return job.sweep.length ? [...new Set([...job.sweep, job.sparsity])].sort((a, b) => a - b) : [];
}

/** The job as its wire message (RunSpec.job, proto/qprune.proto). */
export function jobToSpec(job: PruneJob): qprune.IPruneJobSpec {
  return {
    model: job.model, data: job.data, selection: job.selection ?? '', test: job.test ?? '', noise: job.noise ?? '', sparsity: job.sparsity, budget: job.budget, budgetBy: job.budgetBy, tune: job.tune, steps: job.steps, compensate: job.compensate, method: job.method,
    formulation: { weights: job.formulation }, refine: job.refine ? refineToSpec(job.refine) : null, finetune: job.finetune ?? null, calibration: { ...job.calibration, patch: job.calibration.patch ?? 0 }, validation: job.validation,
    sweep: job.sweep, noSweep: job.sweep.length === 0, seed: job.seed, out: job.out, force: job.force,
  };
}

/** A wire message back into a validated job (proto3 leaves absent strings empty and absent messages null). */
export function jobFromSpec(s: qprune.PruneJobSpec): PruneJob {
  return parsePruneJob({
    model: s.model, data: s.data, ...(s.selection ? { selection: s.selection } : {}), ...(s.test ? { test: s.test } : {}), ...(s.noise ? { noise: s.noise } : {}), sparsity: s.sparsity,
    budget: s.budget || undefined, budgetBy: s.budgetBy || undefined, tune: s.tune, steps: s.steps || undefined, compensate: (s.compensate || undefined) as PruneJobInput['compensate'], method: s.method,
    formulation: s.formulation?.weights ? { ...s.formulation.weights } : undefined,
    refine: s.refine ? {
      method: s.refine.method, budget: s.refine.budget, scope: s.refine.scope || undefined, ...(s.refine.moves != null ? { moves: s.refine.moves } : {}),
      ...(s.refine.finalists ? { finalists: { count: s.refine.finalists, crop: s.refine.finalistCrop || undefined, ...(s.refine.finalistPick ? { pick: s.refine.finalistPick as FinalistPick } : {}) } } : {}),
      ...(s.refine.continuation ? { continuation: { budget: s.refine.continuation, crop: s.refine.continuationCrop || undefined } } : {}),
    } : undefined,
    finetune: s.finetune ? { steps: s.finetune.steps, learningRate: s.finetune.learningRate, distill: s.finetune.distill, batchNorm: (s.finetune.batchNorm || undefined) as BatchNormMode | undefined } : undefined,
    calibration: s.calibration ? { samples: s.calibration.samples, patch: s.calibration.patch || undefined, batch: s.calibration.batch, engine: (s.calibration.engine || undefined) as ScoreEngine | undefined, ...(s.calibration.coupleLayers != null ? { coupleLayers: s.calibration.coupleLayers } : {}) } : undefined,
    validation: s.validation ? { count: s.validation.count, crop: s.validation.crop, margin: s.validation.margin || 0 } : undefined,
    sweep: s.noSweep ? [] : s.sweep.length ? [...s.sweep] : undefined, seed: s.seed, out: s.out, force: s.force,
  });
}

/** The refinement as its wire message (finalists and continuation flattened: proto3 optional scalars). */
function refineToSpec(r: NonNullable<PruneJob['refine']>): qprune.IRefineSpec {
  const { finalists, continuation, ...rest } = r;
  return {
    ...rest, ...(finalists ? { finalists: finalists.count, finalistCrop: finalists.crop, ...(finalists.pick ? { finalistPick: finalists.pick } : {}) } : {}),
    ...(continuation ? { continuation: continuation.budget, continuationCrop: continuation.crop } : {}),
  };
}
