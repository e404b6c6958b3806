/**
 * Methods side by side on one scoring pass: each plan (method, sparsity, budget mode, optional TT
 * refinement and fine-tuning) is solved and pruned on the same scores and the same validation
 * batch, and optionally scored on a held-out test set at full image size (onnxruntime).
 * Used by `qprune prune` (the report's sweep), `qprune demo` and `qprune experiment`.
 */
import type { PairSource } from '../data/datasets.js';
import { evaluateModel } from '../eval/evaluate.js';
import { defaultWorkerCount } from '../engine/cores.js';
import type { ComparisonRow } from '../report/html.js';
import { Plan, PlanResult, RunContext, runPlan } from './run.js';
import type { RefineInfo } from '../prune/solution.js';
import { refinementId } from '../refine/names.js';

export interface CompareOptions {
  /** Held-out images scored at full size for every plan. */
  test?: PairSource;
  onResult?: (row: ComparisonRow, result: PlanResult) => void;
  /** Keep each plan's pruned model in the results (default: dispose it once scored). */
  keepModels?: boolean;
}

export function comparisonRow(r: PlanResult, test?: { psnr: number; ssim: number }): ComparisonRow {
  return {
    label: r.label, method: r.plan.method, refine: r.plan.refine ? refinementId(r.plan.refine) : null,
    ...(r.final.refine ? { refined: refinedSummary(r.final.refine) } : {}), sparsity: r.plan.sparsity, perLayer: !!r.plan.perLayer,
    ...(r.plan.budgetBy ? { budgetBy: r.plan.budgetBy } : {}), ...(r.tuned ? { tuned: r.tuned.best } : {}),
    psnr: r.finalQuality.psnr, ssim: r.finalQuality.ssim, finetunedPsnr: r.finetuned?.quality.psnr ?? null,
    testPsnr: test?.psnr ?? null, testSsim: test?.ssim ?? null,
    params: r.cost.paramsAfter, flopsFraction: r.cost.flopsAfter / r.cost.flopsBefore,
    seconds: Object.values(r.timings).reduce((a, b) => a + b, 0),
  };
}

/** The best other whole answer a refinement evaluated first, with its gain over the solver's answer. */
function bestOf(starts: NonNullable<RefineInfo['starts']>, before: number): { label: string; selectionGain: number } {
  const best = starts.reduce((a, s) => (s.objective > a.objective ? s : a));
  return { label: best.label, selectionGain: best.objective - before };
}

/** What a refinement did, for tables: evaluations, wall time, groups changed, and the check split's verdict. */
function refinedSummary(i: RefineInfo): NonNullable<ComparisonRow['refined']> {
  return {
    evaluations: i.evaluations, seconds: i.seconds, changedGroups: i.changedGroups.length,
    origins: Object.values(i.origins ?? {}).reduce<Record<string, number>>((a, o) => ({ ...a, [o]: (a[o] ?? 0) + 1 }), {}),
    ...(i.moves ? { movedFilters: Object.values(i.moves.counts).reduce((a, c) => a + Math.max(0, c.to - c.from), 0), infeasible: i.moves.infeasible } : {}),
    ...(i.split ? { accepted: i.split.accepted, selectionGain: i.split.selection.found - i.split.selection.before, checkGain: i.split.check.found - i.split.check.before } : {}),
    ...(i.split && i.starts?.length ? { bestOtherAnswer: bestOf(i.starts, i.split.selection.before) } : {}),
    ...(i.continuation ? {
      continuation: {
        evaluations: i.continuation.evaluations, seconds: i.continuation.seconds, crop: i.continuation.crop, startRank: i.continuation.startRank,
        startGain: i.continuation.selection.start - i.continuation.selection.before, selectionGain: i.continuation.selection.found - i.continuation.selection.before,
      },
    } : {}),
    ...(i.finalists ? {
      finalists: {
        crop: i.finalists.crop, rank: i.finalists.rank, selectionGain: i.finalists.selection.found - i.finalists.selection.before,
        ...(i.finalists.check ? { checkGain: i.finalists.check.found - i.finalists.check.before } : {}),
      },
    } : {}),
  };
}

export async function compareMethods(ctx: RunContext, plans: Plan[], opts: CompareOptions = {}): Promise<{ rows: ComparisonRow[]; results: PlanResult[] }> {
  const rows: ComparisonRow[] = [];
  const results: PlanResult[] = [];
  for (const plan of plans) {
    const r = await runPlan(ctx, plan);
    let test: { psnr: number; ssim: number } | undefined;
    if (opts.test) {
      ctx.progress.stage(`test ${r.label}`, opts.test.size);
      const t = performance.now();
      const e = await evaluateModel(r.pruned, opts.test, { engine: 'ort', workers: defaultWorkerCount(), onImage: (_s, done) => ctx.progress.update(done) });
      r.timings.test = (performance.now() - t) / 1000;
      ctx.progress.end(`${e.meanPsnr.toFixed(3)} dB`);
      test = { psnr: e.meanPsnr, ssim: e.meanSsim };
    }
    const row = comparisonRow(r, test);
    rows.push(row);
    results.push(r);
    opts.onResult?.(row, r);
    if (!opts.keepModels) r.pruned.dispose();
  }
  return { rows, results };
}

/** Every method at each sparsity, solved only (no refinement or fine-tuning): the report's PSNR-vs-sparsity curves. */
export function sweepPlans(methods: string[], sparsities: number[], perLayer: boolean, seed: number, budgetBy?: Plan['budgetBy']): Plan[] {
  return sparsities.flatMap((sparsity) => methods.map((method) => ({ method, sparsity, perLayer, seed, ...(budgetBy ? { budgetBy } : {}) })));
}
