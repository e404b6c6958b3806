/**
 * The pipeline: score -> solve -> (refine) -> physical surgery -> (fine-tune), with quality on a fixed
 * validation batch at every step. Split in two so one scoring pass serves many plans (`qprune demo`
 * and `experiment` compare methods on the same scores):
 *   prepareRun  scores the model and opens the evaluator (once);
 *   runPlan     solves, refines, prunes and fine-tunes for one method/sparsity.
 * Scoring, solve and evaluation jobs go through the given Stages (transport/stages.ts), so the same
 * code runs on any transport. Finished stages are kept in a RunStore, so a resumed run skips them.
 */
import { compensationOf, type Compensation, type CompensationSpec } from '../prune/compensation.js';
import type * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import { analyzeChannels, ChannelGraph, KeepMasks } from '../prune/graph.js';
import { prune } from '../prune/surgery.js';
import { prunedCost } from '../prune/cost.js';
import { costModel } from '../prune/cost-model.js';
import { ScoreResult, scoresFromJson, scoresToJson } from '../score/scores.js';
import { localScorer, Scorer } from '../score/scorer.js';
import { buildValidationBatch, buildValidationBatches, CandidateEvaluator, extraCropCount, ValidationBatch } from '../eval/candidates.js';
import type { MaskEvaluator } from '../eval/mask-evaluator.js';
import { CachedEvaluator } from '../eval/cached-evaluator.js';
import type { FormulationWeights } from '../qubo/formulations/types.js';
import { checkAborted } from '../errors.js';
import { GroupSolver, localSolver } from '../qubo/group-solver.js';
import { QpruneError } from '../errors.js';
import { solvePruning } from './solve.js';
import { methodByName } from './methods/registry.js';
import type { Allocation } from '../qubo/capacity.js';
import { ALTERNATIVE_METHODS, alternativesAtK, budgetFit, PriorKind, refineSolution, refineTag } from './refine.js';
import type { Finalists } from '../refine/finalists.js';
import type { Continuation } from '../refine/continuation.js';
import { parseSolution, Solution, solutionMasks } from '../prune/solution.js';
import type { Scope } from '../refine/mask-encoding.js';
import { fitKey, NoRunStore, RunStore } from './run-store.js';
import { finetune, FinetuneOptions, FinetuneReport } from './finetune.js';
import { Progress, silentProgress } from '../ui/progress.js';
import { tuneFormulation, type TuneResult } from './tune.js';
import { iterativeAlternatives, solveIteratively, type AlternativeKeys } from './iterative.js';
import type { ScoreEngine } from '../score/engine.js';
import { removalFor, type Removal } from '../score/removal.js';
import { log } from '../log.js';
import { exportOnnx } from '../onnx/export.js';
import { refinementId, refinerLabel } from '../refine/names.js';
import { createHash } from 'node:crypto';

export interface Quality { psnr: number; ssim: number }

export interface PrepareOptions {
  seed: number;
  /** coupleLayers: cross-group Fisher blocks for groups at most this far apart (the cross-layer method). */
  calib: { samples: number; patch: number; batch: number; engine?: ScoreEngine; coupleLayers?: number };
  /**
   * Validation crops: count, side, and margin (pixels around each crop seen by the network, not measured);
   * larger: the other sides refinement will use (continuation, finalists; undefined: none), built up front so a crop
   * larger than the images fails before the scoring pass rather than after the search.
   */
  val: { count: number; crop: number; margin?: number; larger?: readonly (number | undefined)[] };
  /** The selection split the validation crops come from (absent: the calibration data). */
  selection?: PairSource;
  /** How removed channels are compensated in every evaluation and the pruned model (default none). */
  compensate?: Compensation;
  /** What the scores assume a removed channel becomes (default: what `compensate` leaves, score/removal.ts). */
  removal?: Removal;
  /** The validation batches when the caller built them already (buildValidationBatches over val.crop and val.larger). */
  batches?: Map<number, ValidationBatch>;
}

export interface RunDeps {
  makeEvaluator: (batch: ValidationBatch, compensation?: CompensationSpec) => Promise<MaskEvaluator>;
  solver?: GroupSolver;
  scorer?: Scorer;
  store?: RunStore;
  progress?: Progress;
  /** Stops the run between units of work (candidate batches, stages). */
  signal?: AbortSignal;
  /**
   * Evaluations come from other machines (the cluster's evaluators): each plan's chosen candidate is
   * evaluated again in this process before it is accepted, so a faulty or forged evaluator cannot
   * change the answer unnoticed.
   */
  verifyRemote?: boolean;
}

/** dB by which a remote evaluation of the chosen candidate may differ from this process's. */
export const VERIFY_TOLERANCE_DB = 0.01;

export interface RunContext {
  model: tf.LayersModel;
  graph: ChannelGraph;
  data: PairSource;
  scores: ScoreResult;
  batch: ValidationBatch;
  /** Where the validation crops come from (the selection split, or the calibration data). */
  validationSource: string;
  /** How the run scores, and on what calibration (iterative pruning re-scores the pruned model). */
  scorer: Scorer;
  calibration: { samples: number; patch: number; batch: number; seed: number; removal: Removal; coupleLayers?: number };
  /** Compensation of removed channels (absent: none), from the calibration's input statistics. */
  compensation?: CompensationSpec;
  /** Every candidate evaluation goes through this one cache, journaled in the run store. */
  evaluator: CachedEvaluator;
  /**
   * The same validation images at crop x crop (successive halving's finalists), opened on first use
   * with its own journaled cache.
   */
  evaluatorAt(crop: number): Promise<CachedEvaluator>;
  signal?: AbortSignal;
  solver: GroupSolver;
  store: RunStore;
  progress: Progress;
  full: KeepMasks;
  /** The unpruned model on the validation batch. */
  before: Quality;
  /** Whether the scores came from the run store (a resumed run). */
  scoresResumed: boolean;
  verifyRemote: boolean;
  timings: Record<string, number>;
  close(): Promise<void>;
}

export async function prepareRun(model: tf.LayersModel, data: PairSource, opts: PrepareOptions, deps: RunDeps): Promise<RunContext> {
  const store = deps.store ?? new NoRunStore('unsaved');
  const progress = deps.progress ?? silentProgress;
  const graph = analyzeChannels(model);
  if (!graph.groups.some((g) => g.prunable)) throw new QpruneError('the model has no prunable channel groups');
  const timings: Record<string, number> = {};
  // The validation batch first: a crop larger than the images fails before the scoring pass, not after.
  // Larger crops keep the margin: the same measured interior, grown.
  const margin = opts.val.margin ?? 0;
  const batches = opts.batches ?? await buildValidationBatches(opts.selection ?? data, opts.val.count, [opts.val.crop, ...(opts.val.larger ?? [])], margin);
  const batch = batches.get(opts.val.crop)!;
  const saved = await store.get('scores');
  // Scores of the removal the run performs: a compensated channel leaves its mean (score/removal.ts).
  const removal = opts.removal ?? removalFor(opts.compensate ?? 'none');
  let scores: ScoreResult;
  const t0 = performance.now();
  if (saved) {
    scores = scoresFromJson(saved);
    if ((scores.meta.removal ?? 'zero') !== removal) throw new QpruneError(`the run state ${store.id} holds scores for removed channels set to ${scores.meta.removal ?? 'zero'}, this run needs ${removal}: remove that run state (qprune runs rm) and run again`);
    if ((scores.meta.coupleLayers ?? 0) < (opts.calib.coupleLayers ?? 0)) throw new QpruneError(`the run state ${store.id} holds scores with cross-group blocks for groups up to ${scores.meta.coupleLayers ?? 0} apart, this run needs ${opts.calib.coupleLayers}: remove that run state (qprune runs rm) and run again`);
    progress.stage('score (from the run state)');
    progress.end();
  } else {
    progress.stage('score', opts.calib.samples);
    scores = await (deps.scorer ?? localScorer).score(model, data, { ...opts.calib, seed: opts.seed, removal, onBatch: (done) => progress.update(done) }, graph);
    progress.end(`${scores.meta.samples} patches on ${scores.meta.backend}`);
    await store.put('scores', scoresToJson(scores));
  }
  timings.score = (performance.now() - t0) / 1000;
  checkAborted(deps.signal);
  const compensation = compensationOf(scores, opts.compensate ?? 'none');
  // Journal keys name the crops, so a run state written when extra crops per image did not exist (their
  // count was cut to the images) never serves evaluations of another batch.
  const extra = extraCropCount(batch) ? `-n${batch.n}` : '';
  const evaluator = await CachedEvaluator.open(await deps.makeEvaluator(batch, compensation), { journal: { store, key: `evaluations${extra}` }, signal: deps.signal });
  const full = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, new Uint8Array(g.size).fill(1)]));
  const [b] = await evaluator.evaluate([full]);
  const larger = new Map<number, Promise<CachedEvaluator>>();
  const evaluatorAt = (crop: number): Promise<CachedEvaluator> => {
    if (crop === opts.val.crop) return Promise.resolve(evaluator);
    let e = larger.get(crop);
    if (!e) {
      e = (batches.has(crop) ? Promise.resolve(batches.get(crop)!) : buildValidationBatch(opts.selection ?? data, batch.n, crop, margin))
        .then(async (b2) => CachedEvaluator.open(await deps.makeEvaluator(b2, compensation), { journal: { store, key: `evaluations-c${crop}${margin ? `m${margin}` : ''}${extra}` }, signal: deps.signal }));
      larger.set(crop, e);
    }
    return e;
  };
  return {
    model, graph, data, scores, batch, compensation, validationSource: (opts.selection ?? data).description,
    scorer: deps.scorer ?? localScorer, calibration: { ...opts.calib, seed: opts.seed, removal }, evaluator, evaluatorAt, solver: deps.solver ?? localSolver, store, progress, full, signal: deps.signal,
    before: { psnr: b.psnr, ssim: b.ssim }, scoresResumed: !!saved, verifyRemote: !!deps.verifyRemote, timings,
    close: async () => {
      await evaluator.close();
      for (const e of larger.values()) await (await e.catch(() => undefined))?.close();
    },
  };
}

export interface Plan {
  method: string;
  sparsity: number;
  perLayer?: boolean;
  /** A global budget in FLOPs or parameters: sparsity is then the fraction of those removed. */
  budgetBy?: 'flops' | 'params';
  /** prior: PROTES's start (default DEFAULT_PRIOR in refine.ts, the screen); budget: evaluations. */
  /** finalists: successive halving (the search's best points re-evaluated on larger crops; refine.ts). */
  /** continuation: a second search on larger crops before the finalists (refine.ts). */
  refine?: { method: string; budget: number; scope: Scope; prior?: PriorKind; moves?: number; finalists?: Finalists; continuation?: Continuation };
  finetune?: Omit<FinetuneOptions, 'seed'>;
  /** Weights of the method's formulation (absent: its defaults). */
  formulation?: FormulationWeights;
  /** Choose the formulation's weights from its tuning grid by validation PSNR (the formulation's weights are then ignored). */
  tune?: boolean;
  /** Iterative pruning: reach the sparsity in this many equal steps, re-scoring the pruned model between them (default 1). */
  steps?: number;
  /** How a QUBO method spreads a global budget over groups (qubo/capacity.ts; default joint). */
  allocation?: Allocation;
  seed: number;
}

export interface PlanResult {
  plan: Plan;
  label: string;
  solved: Solution;
  final: Solution;
  /** Masked model on the validation batch: the solver's answer, and the final (refined) one. */
  solvedQuality: Quality;
  finalQuality: Quality;
  /** The chosen candidate as the cluster's evaluators scored it and as this process did (RunDeps.verifyRemote). */
  verified?: { remote: Quality; local: Quality };
  /** The physically pruned model (fine-tuned when asked) and its validation quality after fine-tuning. */
  pruned: tf.LayersModel;
  finetuned?: { quality: Quality } & FinetuneReport;
  /** The pruned model as ONNX before fine-tuning changed it in place (for the report's crops). */
  beforeFinetune?: Uint8Array;
  cost: { at: string; paramsBefore: number; paramsAfter: number; flopsBefore: number; flopsAfter: number };
  timings: Record<string, number>;
  /** The tuning grid and the weights it chose, when the plan tuned. */
  tuned?: TuneResult;
}

export function planLabel(p: Pick<Plan, 'method' | 'refine' | 'sparsity' | 'perLayer' | 'budgetBy' | 'tune' | 'steps' | 'allocation'>): string {
  return `${p.method}${p.tune ? '(tuned)' : ''}${(p.steps ?? 1) > 1 ? `x${p.steps}` : ''}${p.refine ? `+${refinerLabel(refinementId(p.refine))}` : ''}@${Math.round(p.sparsity * 1000) / 10}%${p.perLayer ? '/layer' : p.budgetBy ? `/${p.budgetBy}` : ''}${marginal(p) ? '/marginal' : ''}`;
}

/** Whether the plan's global budget is spread by marginal costs (per layer there is nothing to spread; greedy methods have no QUBO). */
function marginal(p: Pick<Plan, 'perLayer' | 'allocation' | 'method'>): boolean {
  return p.allocation === 'marginal' && !p.perLayer && !!methodByName(p.method).qubo;
}

/** Run-state key of one plan's stage: letters, digits and '-' only. */
function stageKey(stage: string, p: Plan): string {
  return fitKey(fullStageKey(stage, p));
}

function fullStageKey(stage: string, p: Plan): string {
  const f = Object.entries(p.formulation ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const terms = f.map(([k, v]) => `-${k.slice(0, 2)}${v}`).join('').replace(/\./g, 'p').replace(/[^a-z0-9-]/gi, '');
  const scope = p.refine && p.refine.scope.kind !== 'all' ? `-${Object.values(p.refine.scope).join('-')}` : '';
  return `${stage}-${p.method}-${Math.round(p.sparsity * 1e6)}-${p.perLayer ? 'l' : p.budgetBy ? p.budgetBy : 'g'}${terms}${(p.steps ?? 1) > 1 ? `-i${p.steps}` : ''}${marginal(p) ? '-am' : ''}${p.refine ? `-${p.refine.method}-${p.refine.budget}${scope}-${refineTag(p.refine, !!p.perLayer, p.steps)}` : ''}-s${p.seed}`.toLowerCase();
}

/** The fine-tuning checkpoint's key: of the solved plan and the fine-tuning settings (hashed: keys are short). */
function finetuneKey(p: Plan): string {
  return `finetune-${createHash('sha256').update(`${stageKey('solve', p)} ${JSON.stringify(p.finetune)}`).digest('hex').slice(0, 20)}`;
}

async function stored(store: RunStore, key: string): Promise<Solution | undefined> {
  const text = await store.get(key);
  return text ? parseSolution(text, `run state ${key}`) : undefined;
}

/** The run-state key of an iterative plan's re-scored model before step t (a refinement that follows does not change it: one key for both). */
function stepScoresKey(ctx: RunContext, plan: Plan, t: number): string {
  return fitKey(fullStepScoresKey(ctx, plan, t));
}

function fullStepScoresKey(ctx: RunContext, plan: Plan, t: number): string {
  return fullStageKey(`scores-step${t}${ctx.compensation ? `-${ctx.compensation.mode}` : ''}`, { ...plan, refine: undefined });
}

/** Solve one plan (its weights as given), from the run state when an earlier run solved it. */
export async function solvePlan(ctx: RunContext, plan: Plan): Promise<Solution> {
  const key = stageKey('solve', plan);
  const hit = await stored(ctx.store, key);
  ctx.progress.stage(`solve ${planLabel(plan)}${plan.formulation && Object.keys(plan.formulation).length ? ` ${JSON.stringify(plan.formulation)}` : ''}${hit ? ' (from the run state)' : ''}`);
  const once = () => {
    const cost = plan.budgetBy ? costModel(ctx.model, ctx.graph, plan.budgetBy, ctx.batch.height, ctx.batch.width) : undefined;
    return solvePruning(ctx.scores, { method: plan.method, sparsity: plan.sparsity, perLayer: plan.perLayer, seed: plan.seed, formulation: plan.formulation, cost, allocation: plan.allocation }, ctx.solver);
  };
  const s = hit ?? ((plan.steps ?? 1) > 1 ? await solveIteratively(ctx, plan, (t) => stepScoresKey(ctx, plan, t)) : await once());
  if (!hit) await ctx.store.put(key, JSON.stringify(s));
  ctx.progress.end(`${s.budget} of ${s.total} filters kept`);
  return s;
}

/**
 * Run-state keys of the other methods' iterative answers beside a refined iterative plan: per layer
 * those answers are the methods' own iterative plans, so they share their rows' state; under a global
 * budget they are runs to the answer's counts per group (tagged with a hash of the counts).
 */
function alternativeKeys(ctx: RunContext, plan: Plan, solved: Solution): AlternativeKeys {
  const base = (method: string): Plan => ({ method, sparsity: plan.sparsity, perLayer: true, steps: plan.steps, seed: plan.seed });
  const counts = plan.perLayer ? '' : `-k${createHash('sha256').update(solved.groups.map((g) => `${g.id}:${g.k}`).join(',')).digest('hex').slice(0, 12)}`;
  return {
    solution: (method) => fitKey(`${fullStageKey('solve', base(method))}${counts}`),
    scores: (method, t) => fitKey(`${fullStepScoresKey(ctx, base(method), t)}${counts}`),
  };
}

export async function runPlan(ctx: RunContext, given: Plan): Promise<PlanResult> {
  const { progress, store, evaluator } = ctx;
  const label = planLabel(given);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await run();
    timings[name] = (performance.now() - t) / 1000;
    return r;
  };
  checkAborted(ctx.signal);
  // Tuning picks the formulation's weights on the validation (selection) crops; the plan then runs with them.
  const tuned = given.tune
    ? await timed('tune', () => tuneFormulation(given.method, (w) => solvePlan(ctx, { ...given, tune: false, formulation: w }), async (s) => (await evaluator.evaluate([solutionMasks(s)]))[0], ctx.validationSource))
    : undefined;
  const plan: Plan = tuned ? { ...given, formulation: tuned.best } : given;
  const solved = await timed('solve', () => solvePlan(ctx, plan));
  const [sq] = await evaluator.evaluate([solutionMasks(solved)]);
  let final = solved;
  if (plan.refine) {
    const r = plan.refine;
    const refineKey = stageKey('refine', plan);
    final = await timed('refine', async () => {
      const hit = await stored(store, refineKey);
      // The candidates first: other methods' iterative answers are re-scored runs with their own progress.
      const alternatives = hit ? [] : [
        ...await iterativeAlternatives(ctx, plan, solved, ALTERNATIVE_METHODS.filter((m) => m !== plan.method), alternativeKeys(ctx, plan, solved)),
        ...await alternativesAtK(ctx.scores, solved, plan.method, plan.seed, ctx.solver),
      ];
      progress.stage(`refine ${label}${hit ? ' (from the run state)' : ''}`, r.budget + (r.continuation?.budget ?? 0));
      const cost = solved.budgetBy ? budgetFit(costModel(ctx.model, ctx.graph, solved.budgetBy.unit, ctx.batch.height, ctx.batch.width), solved) : undefined;
      const s = hit ?? await refineSolution(solved, evaluator, { ...r, finalists: r.finalists && { ...r.finalists, evaluator: await ctx.evaluatorAt(r.finalists.crop) }, continuation: r.continuation && { ...r.continuation, evaluator: await ctx.evaluatorAt(r.continuation.crop) }, seed: plan.seed, cost, alternatives, onProgress: (p) => progress.update(p.evaluations, `best ${p.best.toFixed(3)} dB`) });
      if (!hit) await store.put(refineKey, JSON.stringify(s));
      progress.end(`${s.refine?.evaluations ?? 0} evaluations`);
      return s;
    });
  }
  const masks = solutionMasks(final);
  const [fq] = await evaluator.evaluate([masks]);
  const verified = ctx.verifyRemote ? await timed('verify', () => verifyLocally(ctx, masks, fq, label)) : undefined;
  const pruned = await timed('surgery', () => prune(ctx.model, masks, ctx.graph, ctx.compensation));
  const h = ctx.batch.height, w = ctx.batch.width;
  const c = prunedCost(ctx.model, ctx.graph, masks, h, w), c0 = prunedCost(ctx.model, ctx.graph, ctx.full, h, w);
  let finetuned: PlanResult['finetuned'];
  let beforeFinetune: Uint8Array | undefined;
  if (plan.finetune) {
    checkAborted(ctx.signal);
    const ft = plan.finetune;
    progress.stage(`fine-tune ${label}`, ft.steps);
    beforeFinetune = exportOnnx(pruned);
    const r = await timed('finetune', () => finetune(pruned, ctx.data, { ...ft, seed: plan.seed }, { teacher: ctx.model, store, key: finetuneKey(plan), progress, signal: ctx.signal }));
    const q = await evaluateWhole(pruned, ctx.batch);
    progress.end(`${r.steps} steps${r.stoppedEarly ? ' (stopped early)' : ''}, loss ${r.firstLoss.toExponential(2)} -> ${r.finalLoss.toExponential(2)}; held-out ${r.heldOut.start.toFixed(3)} -> ${r.heldOut.best.toFixed(3)} dB; validation ${fq.psnr.toFixed(3)} -> ${q.psnr.toFixed(3)} dB`);
    if (r.kept === 'start') log.warn(`fine-tune ${label}: no step beat the pruned model on the held-out patches (${r.heldOut.start.toFixed(3)} dB): kept the model as it was before fine-tuning`);
    finetuned = { quality: q, ...r };
  }
  return {
    plan, label, ...(tuned ? { tuned } : {}), solved, final, solvedQuality: { psnr: sq.psnr, ssim: sq.ssim }, finalQuality: { psnr: fq.psnr, ssim: fq.ssim }, ...(verified ? { verified } : {}), pruned, finetuned, ...(beforeFinetune ? { beforeFinetune } : {}),
    // Parameters of the saved model itself: compensation may give a bias-less consumer a bias.
    cost: { at: `${h}x${w}`, paramsBefore: c0.params, paramsAfter: pruned.countParams(), flopsBefore: c0.flops, flopsAfter: c.flops }, timings,
  };
}

/** The chosen candidate evaluated in this process; a remote figure that differs is refused. */
async function verifyLocally(ctx: RunContext, masks: KeepMasks, remote: Quality, label: string): Promise<{ remote: Quality; local: Quality }> {
  const ev = new CandidateEvaluator(ctx.model, ctx.batch, { sessionCache: 1, ssim: true, ...(ctx.compensation ? { compensation: ctx.compensation } : {}) });
  try {
    const [s] = await ev.evaluate([masks]);
    const local = { psnr: s.psnr, ssim: s.ssim };
    if (!(Math.abs(local.psnr - remote.psnr) <= VERIFY_TOLERANCE_DB)) {
      throw new QpruneError(`${label}: the cluster's evaluators scored the chosen candidate ${remote.psnr.toFixed(3)} dB, this process ${local.psnr.toFixed(3)} dB: an evaluator is faulty or forged its answers; the run is refused`);
    }
    return { remote: { psnr: remote.psnr, ssim: remote.ssim }, local };
  } finally {
    await ev.close();
  }
}

/** A (pruned, possibly fine-tuned) model on the validation batch, no masks. */
export async function evaluateWhole(model: tf.LayersModel, batch: ValidationBatch): Promise<Quality> {
  const ev = new CandidateEvaluator(model, batch, { sessionCache: 1 });
  try {
    const [s] = await ev.evaluate([new Map()]);
    return { psnr: s.psnr, ssim: s.ssim };
  } finally {
    await ev.close();
  }
}
