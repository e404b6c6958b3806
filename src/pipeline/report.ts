/**
 * What `qprune prune` writes: report.json (every stage's figures) and report.html (the same, drawn),
 * plus the model and solution.json, all through a temp directory renamed into place at the end, so
 * an interrupted or failed run leaves no half-written output.
 */
import { refinerLabel } from '../refine/names.js';
import { meanBatchPsnr } from '../metrics/quality.js';
import type { Compensation } from '../prune/compensation.js';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { saveModel } from '../io/model-io.js';
import { writeFileAtomic } from '../fsutil.js';
import { quboFromJson, Solution } from '../prune/solution.js';
import type { PlanResult, RunContext } from './run.js';
import type { TuneResult } from './tune.js';
import type { ComparisonRow, ReportView } from '../report/html.js';
import { swapEnergyTrace } from '../qubo/trace.js';
import { receptiveField } from '../model/receptive-field.js';
import type { Crop } from '../report/crops.js';

function summarize(v: Float64Array): { mean: number; max: number; min: number } {
  let s = 0, mx = -Infinity, mn = Infinity;
  for (const x of v) { s += x; if (x > mx) mx = x; if (x < mn) mn = x; }
  return { mean: s / v.length, max: mx, min: mn };
}

/** Energy traces of the groups with the most filters (the hardest sub-QUBOs), re-run with the solver's schedule. */
export function energyTraces(s: Solution, limit = Infinity): { group: string; k: number; sweeps: number[]; energy: number[] }[] {
  return s.groups.filter((g) => g.qubo && g.k > 0 && g.k < g.size).sort((a, b) => b.size - a.size).slice(0, limit)
    .map((g) => ({ group: g.id, k: g.k, ...swapEnergyTrace(quboFromJson(g.qubo!, g.k), g.k, { seed: s.seed, sweeps: 1000, points: 50 }) }));
}

export interface PruneReportInput {
  ctx: RunContext;
  result: PlanResult;
  sweep?: ComparisonRow[];
  crops?: Crop[];
  test?: TestComparison;
  run: { id: string; state: string; resumed: boolean };
  source: { model: string; data: string; noise?: string | null };
  backend: string;
  seconds: number;
}

interface Stat { mean: number; max: number; min: number }
interface Quality { psnr: number; ssim: number }

/** What a pruning run reports (report.json, and the library's return value). */
export interface PruneReport {
  version: 1;
  run: { id: string; state: string; resumed: boolean };
  source: { model: string; data: string; noise?: string | null };
  backend: string;
  seed: number;
  method: string;
  refineMethod: string | null;
  sparsity: number;
  perLayer: boolean;
  /** What sparsity is a fraction of: prunable filters, or the model's FLOPs or parameters (global budget). */
  budgetBy: 'filters' | 'flops' | 'params';
  /** How removed channels were compensated in every evaluation and in the saved model. */
  compensate: Compensation;
  validation: { source: string; images: number; crop: number; names: string[]; noisyPsnr: number; before: Quality; solved: Quality; after: Quality; finetuned: Quality | null; /** Over NATS: the chosen candidate as the evaluators scored it and as the coordinator did (RunDeps.verifyRemote). */ verified?: { remote: Quality; local: Quality } };
  cost: PlanResult['cost'];
  scores: { samples: number; patch: number; receptiveField: number; backend: string; seconds: number; resumed: boolean; groups: { id: string; size: number; dead: number; l1: Stat; taylor: Stat; fisher: Stat }[] };
  groups: { id: string; size: number; k: number; keptFraction: number; energy: number | null; refined: boolean; sampleEnergies: number[] }[];
  solve: { budget: number; total: number; seconds: number; info: Record<string, unknown> };
  refine: Solution['refine'] | null;
  /** The tuning grid, its PSNR on the validation crops and the weights chosen (when the run tuned). */
  tune: TuneResult | null;
  finetune: PlanResult['finetuned'] | null;
  /** The held-out test set (`test` in the job): full model, noisy input, this job's model and every baseline at its sparsity. */
  test: TestComparison | null;
  energyTraces: ReturnType<typeof energyTraces>;
  sweep: ComparisonRow[];
  crops: Crop[];
  evaluations: { sent: number; replayedFromRunState: number };
  timings: Record<string, number>;
  seconds: number;
  versions: { node: string; qprune: string };
  /** Where the output went. */
  out: string;
}

export function buildPruneReport(i: PruneReportInput & { out: string }): PruneReport {
  const { ctx, result: r } = i;
  const f = r.final;
  return {
    version: 1,
    run: i.run, source: i.source, backend: i.backend, seed: r.plan.seed,
    method: r.plan.method, refineMethod: r.plan.refine?.method ?? null, sparsity: r.plan.sparsity, perLayer: !!r.plan.perLayer, budgetBy: r.plan.budgetBy ?? 'filters',
    compensate: ctx.compensation?.mode ?? 'none',
    validation: {
      source: ctx.validationSource, images: ctx.batch.n, crop: ctx.batch.height, names: ctx.batch.names,
      noisyPsnr: meanBatchPsnr(ctx.batch.noisy, ctx.batch.clean, ctx.batch.n), before: ctx.before, solved: r.solvedQuality, after: r.finalQuality, ...(r.verified ? { verified: r.verified } : {}), finetuned: r.finetuned?.quality ?? null,
    },
    cost: r.cost,
    scores: {
      samples: ctx.scores.meta.samples, patch: ctx.scores.meta.patch, receptiveField: receptiveField(ctx.model), backend: ctx.scores.meta.backend, seconds: ctx.scores.meta.seconds,
      resumed: ctx.scoresResumed,
      groups: ctx.scores.groups.map((g) => ({ id: g.id, size: g.size, dead: g.dead.length, l1: summarize(g.l1), taylor: summarize(g.taylor), fisher: summarize(g.fisher) })),
    },
    groups: f.groups.map((g) => ({ id: g.id, size: g.size, k: g.k, keptFraction: g.k / g.size, energy: g.energy ?? null, refined: !!g.refinedFrom, sampleEnergies: g.samples?.map((s) => s.energy) ?? [] })),
    solve: { budget: f.budget, total: f.total, seconds: r.solved.seconds, info: r.solved.info ?? {} },
    refine: f.refine ?? null,
    tune: r.tuned ?? null,
    finetune: r.finetuned ?? null,
    test: i.test ?? null,
    energyTraces: energyTraces(r.solved),
    sweep: i.sweep ?? [],
    crops: i.crops ?? [],
    evaluations: { sent: ctx.evaluator.evaluations, replayedFromRunState: ctx.evaluator.replayedFrom },
    timings: { ...ctx.timings, ...r.timings }, seconds: i.seconds,
    versions: { node: process.version, qprune: '0.1.0' },
    out: i.out,
  };
}

export interface TestComparison {
  source: string;
  images: number;
  full: Quality;
  noisyPsnr: number;
  /** This job's model as saved (refined and fine-tuned when asked). */
  chosen: { label: string; finetuned: boolean } & Quality;
  /** Every method at the job's sparsity and budget, solved only (no refinement, no fine-tuning). */
  baselines: ({ label: string; method: string } & Quality)[];
  /** Baselines with a higher test PSNR than this job's model. */
  beatenBy: string[];
}

export function testLine(t: TestComparison): string {
  return `${t.chosen.label}${t.chosen.finetuned ? ' (fine-tuned)' : ''} ${t.chosen.psnr.toFixed(3)} / ${t.chosen.ssim.toFixed(4)}; full model ${t.full.psnr.toFixed(3)} / ${t.full.ssim.toFixed(4)}; noisy input ${t.noisyPsnr.toFixed(3)} dB; ` +
    `solved only: ${t.baselines.map((b) => `${b.label} ${b.psnr.toFixed(3)}${t.beatenBy.includes(b.label) ? ' (beats it)' : ''}`).join(', ')} (${t.images} images of ${t.source})`;
}

/** What fine-tuning did, in one line of the report. */
export function finetuneLine(f: NonNullable<PruneReport['finetune']>): string {
  return `${f.steps} steps${f.stoppedEarly ? ' (stopped early: no held-out gain)' : ''}${f.resumedAt ? `, resumed at step ${f.resumedAt}` : ''}, ${f.seconds.toFixed(1)} s; ` +
    `held-out ${f.heldOut.start.toFixed(3)} -> ${f.heldOut.best.toFixed(3)} dB (${f.heldOut.patches} patches of ${f.patch}, ${f.heldOutImages} of the calibration images); ` +
    `${f.kept === 'start' ? 'no step beat the pruned model: it was kept as it was' : `weights of step ${f.bestStep} kept`}; ` +
    `lr ${f.learningRate} (cosine), batch ${f.batch}, BatchNorm ${f.batchNorm}${f.distill ? `, distillation ${f.distill}` : ''}`;
}

/** The one line `qprune prune` prints. */
export function pruneSummary(r: PruneReport): string {
  const v = r.validation, c = r.cost;
  return `${r.method}${r.refineMethod ? `+${refinerLabel(r.refineMethod)}` : ''}@${Math.round(r.sparsity * 1000) / 10}%${r.perLayer ? '/layer' : r.budgetBy !== 'filters' ? `/${r.budgetBy}` : ''} (${r.backend}): validation PSNR ${v.before.psnr.toFixed(3)} -> ${v.after.psnr.toFixed(3)} dB` +
    `${r.refineMethod ? ` (QUBO answer ${v.solved.psnr.toFixed(3)})` : ''}${v.finetuned ? `, fine-tuned ${v.finetuned.psnr.toFixed(3)} dB${r.finetune?.kept === 'start' ? ' (no step beat the pruned model: kept it)' : ''}` : ''}; params ${c.paramsBefore} -> ${c.paramsAfter}, ` +
    `FLOPs ${(100 * c.flopsAfter / c.flopsBefore).toFixed(1)}%${r.test ? `; test ${r.test.chosen.psnr.toFixed(3)} dB (full ${r.test.full.psnr.toFixed(3)}, noisy ${r.test.noisyPsnr.toFixed(3)}${r.test.beatenBy.length ? `; beaten by ${r.test.beatenBy.join(', ')}` : ''})` : ''}; ${r.seconds.toFixed(1)} s; wrote ${r.out} (run ${r.run.id})`;
}

export function pruneReportView(rep: PruneReport): ReportView {
  const v = rep.validation, c = rep.cost;
  const summary: [string, string][] = [
    ['model', `${rep.source.model}`], ['data', `${rep.source.data}${rep.source.noise ? `, noise ${rep.source.noise}` : ''}`],
    ['method', `${rep.method}${rep.refineMethod ? ` + ${refinerLabel(rep.refineMethod)} (${rep.refineMethod})` : ''} at ${(100 * rep.sparsity).toFixed(1)}% of ${rep.budgetBy === 'filters' ? 'filters' : rep.budgetBy === 'flops' ? 'FLOPs' : 'parameters'} removed (${rep.perLayer ? 'same ratio per layer' : 'global budget'})`],
    ['validation PSNR / SSIM', `full ${v.before.psnr.toFixed(3)} / ${v.before.ssim.toFixed(4)}; solved ${v.solved.psnr.toFixed(3)} / ${v.solved.ssim.toFixed(4)}; final ${v.after.psnr.toFixed(3)} / ${v.after.ssim.toFixed(4)}${v.finetuned ? `; fine-tuned ${v.finetuned.psnr.toFixed(3)} / ${v.finetuned.ssim.toFixed(4)}` : ''} (${v.images} crops of ${v.crop}x${v.crop} from ${v.source})`],
    ...(rep.finetune ? [['fine-tuning', finetuneLine(rep.finetune)] as [string, string]] : []),
    ...(rep.test ? [['test PSNR / SSIM', testLine(rep.test)] as [string, string]] : []),
    ...(rep.tune ? [['tuned weights', `${JSON.stringify(rep.tune.best)}, best of ${rep.tune.grid.length} on ${rep.tune.selection} (${rep.tune.grid.map((p) => `${Object.values(p.weights).join('/')}: ${p.psnr.toFixed(2)}`).join(', ')} dB)`] as [string, string]] : []),
    ['params', `${c.paramsBefore} -> ${c.paramsAfter}`], ['FLOPs', `${(100 * c.flopsAfter / c.flopsBefore).toFixed(1)}% of the full model (at ${c.at})`],
    ['backend / seed', `${rep.backend} / ${rep.seed}`], ['run', `${rep.run.id}${rep.run.resumed ? ' (resumed)' : ''}, state in ${rep.run.state}`],
    ['time', `${rep.seconds.toFixed(1)} s (${Object.entries(rep.timings as Record<string, number>).map(([k, t]) => `${k} ${t.toFixed(1)}`).join(', ')})`],
  ];
  return {
    title: `qprune: ${rep.method}${rep.refineMethod ? `+${refinerLabel(rep.refineMethod)}` : ''} at ${(100 * rep.sparsity).toFixed(1)}%`,
    summary, comparison: rep.sweep, groups: rep.groups, energyTraces: rep.energyTraces,
    capacitySteps: rep.solve.info?.capacityTrace as { mu: number; kept: number }[] | undefined, refineTrace: rep.refine?.trace, crops: rep.crops,
    references: [{ label: 'full model', y: v.before.psnr }, ...(Number.isFinite(v.noisyPsnr) ? [{ label: 'noisy input', y: v.noisyPsnr }] : [])],
    ...(rep.finetune ? { finetune: { losses: rep.finetune.losses, evaluations: rep.finetune.evaluations, bestStep: rep.finetune.bestStep } } : {}),
  };
}

/** Writes files (and optionally a model) into a temp dir beside `out`, then renames it to `out`. */
export async function writeOutputDir(out: string, files: Record<string, string>, model?: { model: tf.LayersModel; metadata: Record<string, unknown> }): Promise<void> {
  const tmp = outputTempDir(out);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    if (model) await saveModel(model.model, path.join(tmp, 'model'), model.metadata);
    for (const [name, text] of Object.entries(files)) await writeFileAtomic(path.join(tmp, name), text);
    await rm(out, { recursive: true, force: true });
    await rename(tmp, out);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** The temp dir writeOutputDir would use, to clean up on Ctrl-C. */
export function outputTempDir(out: string): string {
  return path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.tmp-${process.pid}`);
}
