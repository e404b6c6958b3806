/**
 * The whole pipeline in one call: score -> solve -> (refine) -> physical surgery, with before/after
 * quality on a fixed validation batch and every stage's figures in a report. Solve and evaluation
 * jobs go through the given GroupSolver / evaluator factory, so the same run works embedded or over
 * NATS. Output is written to a temp directory beside `out` and renamed into place at the end: an
 * interrupted run leaves no half-written output.
 */
import { rename, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { PairSource } from '../data/datasets.js';
import { analyzeChannels } from '../prune/graph.js';
import { prune } from '../prune/surgery.js';
import { prunedCost } from '../prune/cost.js';
import { scoreModel } from '../score/scores.js';
import { buildValidationBatch, ValidationBatch } from '../eval/candidates.js';
import type { MaskEvaluator } from '../eval/evaluator-pool.js';
import { GroupSolver, localSolver } from '../qubo/group-solver.js';
import { saveModel } from '../io/model-io.js';
import { writeFileAtomic } from '../fsutil.js';
import { QpruneError } from '../errors.js';
import { checkSparsity, solvePruning } from './solve.js';
import { refineSolution } from './refine.js';
import { solutionMasks } from './solution.js';
import type { Scope } from '../refine/mask-encoding.js';

export interface PruneRunOptions {
  method: string;
  sparsity: number;
  perLayer?: boolean;
  seed: number;
  calib: { samples: number; patch: number; batch: number };
  val: { count: number; crop: number };
  refine?: { method: string; budget: number; scope: Scope };
  onStage?: (stage: string) => void;
}

export async function pruneRun(model: tf.LayersModel, data: PairSource, out: string, opts: PruneRunOptions,
  makeEvaluator: (batch: ValidationBatch) => Promise<MaskEvaluator>, solver: GroupSolver = localSolver): Promise<Record<string, unknown>> {
  checkSparsity(opts.sparsity);
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const stage = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    opts.onStage?.(name);
    const t = performance.now();
    const r = await run();
    timings[name] = (performance.now() - t) / 1000;
    return r;
  };
  const graph = analyzeChannels(model);
  if (!graph.groups.some((g) => g.prunable)) throw new QpruneError('the model has no prunable channel groups');
  const scores = await stage('score', () => scoreModel(model, data, { ...opts.calib, seed: opts.seed }, graph));
  const solution = await stage('solve', () => solvePruning(scores, { method: opts.method, sparsity: opts.sparsity, perLayer: opts.perLayer, seed: opts.seed }, solver));
  const batch = await buildValidationBatch(data, opts.val.count, opts.val.crop);
  const evaluator = await makeEvaluator(batch);
  try {
    const full = new Map(graph.groups.filter((g) => g.prunable).map((g) => [g.id, new Uint8Array(g.size).fill(1)]));
    const [before, qubo] = await evaluator.evaluate([full, solutionMasks(solution)]);
    const final = opts.refine ? await stage('refine', () => refineSolution(solution, evaluator, { ...opts.refine!, seed: opts.seed })) : solution;
    const [after] = await evaluator.evaluate([solutionMasks(final)]);
    const masks = solutionMasks(final);
    const pruned = await stage('surgery', () => prune(model, masks, graph));
    const h = batch.height, w = batch.width;
    const cost = prunedCost(model, graph, masks, h, w);
    const fullCost = prunedCost(model, graph, full, h, w);
    const report = {
      version: 1, method: opts.method, sparsity: opts.sparsity, perLayer: !!opts.perLayer, seed: opts.seed,
      validation: { images: batch.n, crop: h, names: batch.names, before: { psnr: before.psnr, ssim: before.ssim }, solved: { psnr: qubo.psnr, ssim: qubo.ssim }, after: { psnr: after.psnr, ssim: after.ssim } },
      cost: { at: `${h}x${w}`, paramsBefore: fullCost.params, paramsAfter: cost.params, flopsBefore: fullCost.flops, flopsAfter: cost.flops },
      groups: final.groups.map((g) => ({ id: g.id, size: g.size, k: g.k, keptFraction: g.k / g.size, energy: g.energy })),
      scores: { samples: scores.meta.samples, patch: scores.meta.patch, backend: scores.meta.backend, dead: scores.groups.reduce((a, g) => a + g.dead.length, 0) },
      solve: { budget: final.budget, total: final.total, info: solution.info }, refine: final.refine ?? null,
      timings, seconds: (performance.now() - t0) / 1000, versions: { node: process.version, qprune: '0.1.0' },
    };
    // Everything into a temp dir beside out, then one rename.
    const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.tmp-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    try {
      await saveModel(pruned, path.join(tmp, 'model'), { qprune: { method: opts.method, sparsity: opts.sparsity, seed: opts.seed } });
      await writeFileAtomic(path.join(tmp, 'solution.json'), JSON.stringify(final));
      await writeFileAtomic(path.join(tmp, 'report.json'), JSON.stringify(report, null, 1));
      await rm(out, { recursive: true, force: true });
      await rename(tmp, out);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
    return report;
  } finally {
    await evaluator.close();
  }
}
