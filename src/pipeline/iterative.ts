/**
 * Iterative pruning (`--steps N`): the budget is reached in N equal steps of the sparsity
 * (s·t/N after step t, of the original model's filters or FLOPs/parameters), and before every step
 * after the first the physically pruned model is scored again on the same calibration patches, so
 * later choices see the network without the filters already gone. The intermediate models remove
 * channels as the final one does (the run's compensation, from the statistics of the model being cut),
 * so a channel that stands in for a removed twin is scored as the one left doing both jobs. Any
 * method works this way, greedy ones too. The answer is mapped back to the original model's channel indices, so evaluation,
 * surgery and reports treat it as a one-step solution; step-local QUBOs and samples are dropped. A plan
 * that refines gets each group's QUBO of the original model at the answer's k instead (withOriginalQubos).
 */
import type * as tf from '@tensorflow/tfjs';
import { QpruneError, checkAborted } from '../errors.js';
import { analyzeChannels, ChannelGraph } from '../prune/graph.js';
import { prune } from '../prune/surgery.js';
import { costModel } from '../prune/cost-model.js';
import { indicesOf, maskOf, parseSolution, quboFromJson, Solution, solutionMasks } from '../prune/solution.js';
import type { Alternative } from '../refine/mask-encoding.js';
import { ScoreResult, scoresFromJson, scoresToJson } from '../score/scores.js';
import { perLayerCounts, solvePruning } from './solve.js';
import type { Allocation } from '../qubo/capacity.js';
import type { PairSource } from '../data/datasets.js';
import type { Scorer } from '../score/scorer.js';
import type { Removal } from '../score/removal.js';
import { compensationOf, type ActiveCompensation } from '../prune/compensation.js';
import type { GroupSolver } from '../qubo/group-solver.js';
import type { RunStore } from './run-store.js';
import type { Progress } from '../ui/progress.js';
import type { FormulationWeights } from '../qubo/formulations/types.js';

/** What the steps need of the run (a RunContext has all of it). */
export interface IterativeContext {
  model: tf.LayersModel;
  graph: ChannelGraph;
  scores: ScoreResult;
  data: PairSource;
  batch: { height: number; width: number };
  scorer: Scorer;
  calibration: { samples: number; patch: number; batch: number; seed: number; removal: Removal; coupleLayers?: number };
  solver: GroupSolver;
  /** How the final model compensates removed channels (the intermediate ones do the same); none if absent. */
  compensation?: { mode: ActiveCompensation };
  store: RunStore;
  progress: Progress;
  signal?: AbortSignal;
}

export interface IterativePlan {
  method: string;
  sparsity: number;
  perLayer?: boolean;
  budgetBy?: 'flops' | 'params';
  formulation?: FormulationWeights;
  allocation?: Allocation;
  refine?: unknown;
  steps?: number;
  /**
   * Per layer only: each group's final k, in place of the one-step per-layer counts of the sparsity
   * (another method's iterative answer at a refined answer's k per group). Each step then takes the
   * group a 1/steps share of the way from its size to that k.
   */
  finalKeep?: ReadonlyMap<string, number>;
  seed: number;
}

/** `scoresKey(t)`: the run-state key of the re-scored model before step t. */
export async function solveIteratively(ctx: IterativeContext, plan: IterativePlan, scoresKey: (step: number) => string): Promise<Solution> {
  const t0 = performance.now();
  const steps = plan.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) throw new QpruneError(`steps must be a positive integer, got ${steps}`);
  const { height: h, width: w } = ctx.batch;
  const prunable = ctx.graph.groups.filter((g) => g.prunable);
  const total = prunable.reduce((a, g) => a + g.size, 0);
  const fullCost = plan.budgetBy ? costModel(ctx.model, ctx.graph, plan.budgetBy, h, w) : undefined;
  if (plan.finalKeep && !plan.perLayer) throw new QpruneError('iterative pruning: final counts per group need a per-layer plan');
  const finalK = plan.finalKeep ?? perLayerCounts(ctx.scores, plan.sparsity);
  const originalSize = new Map(prunable.map((g) => [g.id, g.size]));
  // Per group: the original index of each channel the current model still has.
  const original = new Map(prunable.map((g) => [g.id, Array.from({ length: g.size }, (_, i) => i)]));
  let model: tf.LayersModel = ctx.model, graph: ChannelGraph = ctx.graph, scores: ScoreResult = ctx.scores;
  const trace: { step: number; sparsity: number; kept: number; seconds: number }[] = [];
  let last: Solution | undefined;
  try {
    for (let t = 1; t <= steps; t++) {
      checkAborted(ctx.signal);
      const ts = performance.now();
      const s = (plan.sparsity * t) / steps;
      if (t > 1) scores = await rescored(ctx, scoresKey(t), `score step ${t} of ${steps}`, model, graph);
      const size = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, g.size]));
      const current = [...size.values()].reduce((a, b) => a + b, 0);
      let sparsity: number, perLayerKeep: Map<string, number> | undefined, cost;
      if (plan.perLayer) {
        // Each group's k on the way to its final per-layer k (exact at the last step).
        const towards = (id: string): number => {
          const n0 = originalSize.get(id)!, k = finalK.get(id)!;
          if (t === steps) return k;
          return plan.finalKeep ? Math.round(n0 - ((n0 - k) * t) / steps) : Math.max(k, Math.round((1 - s) * n0));
        };
        perLayerKeep = new Map([...size].map(([id, n]) => [id, Math.min(n, towards(id))]));
        sparsity = 1 - [...perLayerKeep.values()].reduce((a, b) => a + b, 0) / current;
      } else if (fullCost) {
        cost = costModel(model, graph, fullCost.unit, h, w);
        sparsity = 1 - ((1 - s) * fullCost.full) / cost.full;
      } else sparsity = 1 - Math.round((1 - s) * total) / current;
      if (!(sparsity > 1e-12)) { trace.push({ step: t, sparsity: s, kept: current, seconds: 0 }); continue; }
      const sol = await solvePruning(scores, { method: plan.method, sparsity, perLayer: plan.perLayer, perLayerKeep, seed: plan.seed + t - 1, formulation: plan.formulation, cost, allocation: plan.allocation }, ctx.solver);
      for (const g of sol.groups) original.set(g.id, g.keep.map((j) => original.get(g.id)![j]));
      last = sol;
      trace.push({ step: t, sparsity: s, kept: sol.budget, seconds: (performance.now() - ts) / 1000 });
      if (t < steps) {
        const next = await prune(model, solutionMasks(sol), graph, compensationOf(scores, ctx.compensation?.mode ?? 'none'));
        if (model !== ctx.model) model.dispose();
        model = next;
        graph = analyzeChannels(model);
        for (const g of graph.groups.filter((x) => x.prunable)) {
          if (original.get(g.id)?.length !== g.size) throw new QpruneError(`internal: after step ${t} group ${g.id} has ${g.size} channels, expected ${original.get(g.id)?.length}`);
        }
      }
    }
  } finally {
    if (model !== ctx.model) model.dispose();
  }
  if (!last) throw new QpruneError(`sparsity ${plan.sparsity} removes no filter`);
  const groups = prunable.map((g) => {
    const keep = [...original.get(g.id)!].sort((a, b) => a - b);
    return { id: g.id, size: g.size, k: keep.length, keep };
  });
  const kept = groups.reduce((a, g) => a + g.k, 0);
  const solution: Solution = {
    version: 1, method: plan.method, sparsity: plan.sparsity, perLayer: !!plan.perLayer, seed: plan.seed, budget: kept, total,
    seconds: (performance.now() - t0) / 1000, groups, info: { ...(last.info ?? {}), steps: trace },
  };
  if (fullCost) {
    const spent = fullCost.of(new Map(groups.map((g) => [g.id, g.k])));
    solution.budgetBy = { unit: plan.budgetBy!, limit: (1 - plan.sparsity) * fullCost.full, kept: spent, full: fullCost.full };
  }
  // The mapping must give masks of the original model (one check of the index bookkeeping).
  const masks = solutionMasks(solution);
  for (const g of groups) if (indicesOf(masks.get(g.id)!).length !== g.k) throw new QpruneError(`internal: group ${g.id} keep list`);
  return plan.refine ? withOriginalQubos(ctx, plan, solution) : solution;
}

/** Run-state keys of another method's iterative answer and of its re-scored models before each step. */
export interface AlternativeKeys {
  solution(method: string): string;
  scores(method: string, step: number): string;
}

/**
 * Other methods' iterative answers at a refined iterative answer's k per group, as candidates of the
 * search (labels like `fisherx3`): with one-step alternatives alone, the search of an iterative answer
 * would never see the re-scored greedy keep-sets, the strongest baseline. Per layer they are those
 * methods' own iterative plans (same counts); under a global budget each method is run per layer to
 * the answer's counts (finalKeep). Each costs its steps' re-scoring passes, kept in the run state.
 */
export async function iterativeAlternatives(ctx: IterativeContext, plan: IterativePlan, solved: Solution, methods: readonly string[], keys: AlternativeKeys): Promise<Alternative[]> {
  const steps = plan.steps ?? 1;
  if (steps <= 1) return [];
  const counts = new Map(solved.groups.map((g) => [g.id, g.k]));
  const out: Alternative[] = [];
  for (const method of methods) {
    const key = keys.solution(method);
    const saved = await ctx.store.get(key);
    let s: Solution;
    if (saved) s = parseSolution(saved, `run state ${key}`);
    else {
      s = await solveIteratively(ctx, { method, sparsity: plan.sparsity, perLayer: true, steps, seed: plan.seed, ...(plan.perLayer ? {} : { finalKeep: counts }) }, (t) => keys.scores(method, t));
      await ctx.store.put(key, JSON.stringify(s));
    }
    const wrong = s.groups.find((g) => g.k !== counts.get(g.id));
    if (wrong) throw new QpruneError(`internal: ${method}x${steps} keeps ${wrong.k} filters of group ${wrong.id}, the refined answer ${counts.get(wrong.id)}`);
    out.push({ label: `${method}x${steps}`, masks: solutionMasks(s) });
  }
  return out;
}

/**
 * Refinement searches around an answer with each group's QUBO (candidate swaps, energies, the prior).
 * The step QUBOs describe intermediate models, so an iterative answer gets the QUBOs of the original
 * model's scores at its own k per group (one per-layer solve at those counts, same method and weights);
 * that solve's annealer reads, the one-step answer at this k among them, become candidates beside the
 * iterative keep-set, which stays the answer the search starts from.
 */
async function withOriginalQubos(ctx: IterativeContext, plan: IterativePlan, solution: Solution): Promise<Solution> {
  const perLayerKeep = new Map(solution.groups.map((g) => [g.id, g.k]));
  const atK = await solvePruning(ctx.scores, { method: plan.method, sparsity: plan.sparsity, perLayer: true, perLayerKeep, seed: plan.seed, formulation: plan.formulation }, ctx.solver);
  const byId = new Map(atK.groups.map((g) => [g.id, g]));
  return {
    ...solution,
    groups: solution.groups.map((g) => {
      const one = byId.get(g.id)!;
      if (!one.qubo) return g; // not a QUBO method: refinement refuses it by name
      return { ...g, energy: quboFromJson(one.qubo, g.k).energy(maskOf(g.size, g.keep)), qubo: one.qubo, samples: one.samples };
    }),
  };
}

/** Scores of the model after the previous step, on the run's calibration patches (kept in the run state). */
async function rescored(ctx: IterativeContext, key: string, stage: string, model: tf.LayersModel, graph: ChannelGraph): Promise<ScoreResult> {
  const saved = await ctx.store.get(key);
  if (saved) return scoresFromJson(saved);
  ctx.progress.stage(stage, ctx.calibration.samples);
  const r = await ctx.scorer.score(model, ctx.data, { ...ctx.calibration, onBatch: (d) => ctx.progress.update(d) }, graph);
  ctx.progress.end(`${r.meta.samples} patches`);
  await ctx.store.put(key, scoresToJson(r));
  return r;
}
