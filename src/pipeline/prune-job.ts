/**
 * runPruneJob: one PruneJob end to end, the library's main call and what `qprune prune` and the
 * coordinator service run. score -> solve -> (refine) -> surgery -> (fine-tune), a PSNR-vs-sparsity
 * sweep of every method, then the output directory written whole (model/, solution.json,
 * report.json, report.html) or not at all. Finished stages go to the run store; a store that
 * already holds this job resumes it. The signal stops it between units of work (Aborted, nothing
 * written).
 */
import { buildValidationBatches } from '../eval/candidates.js';
import { existsSync } from 'node:fs';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { parseScope } from '../refine/mask-encoding.js';
import { renderReportHtml } from '../report/html.js';
import { beforeAfterCrops } from '../report/crops.js';
import { Aborted, checkAborted, QpruneError } from '../errors.js';
import type { Transport } from '../transport/transport.js';
import { WorkerTransport } from '../transport/worker.js';
import { stagesOver } from '../transport/stages.js';
import { silentProgress, type Progress } from '../ui/progress.js';
import { calibrationPatchFor, warnSmallPatches } from '../model/receptive-field.js';
import { PruneJob, PruneJobInput, parsePruneJob, sweepOf } from './job.js';
import { METHODS } from './methods/registry.js';
import { prepareRun, runPlan } from './run.js';
import { compareMethods, sweepPlans } from './compare.js';
import { buildPruneReport, PruneReport, pruneReportView, TestComparison, writeOutputDir } from './report.js';
import { evaluateModel } from '../eval/evaluate.js';
import { defaultWorkerCount } from '../engine/cores.js';
import { log } from '../log.js';
import { newRunId, NoRunStore, RunStore } from './run-store.js';
import { defaultCoupling, sweepMethods } from './methods/coupling.js';

export interface RunPruneOptions {
  /** Where scoring, solving and evaluation run (default: worker threads, one per core, closed at the end). */
  stages?: Transport;
  /** Run state for resuming (default: kept nowhere). A store already holding this job continues it. */
  store?: RunStore;
  progress?: Progress;
  /** Stops the run: it rejects with Aborted and writes nothing. */
  signal?: AbortSignal;
}

/** The job a run store holds (undefined for a new run); throws if that run already finished. */
export async function storedJob(store: RunStore): Promise<PruneJob | undefined> {
  const text = await store.get('job');
  if (!text) return undefined;
  const done = await store.get('done');
  if (done) throw new QpruneError(`run '${store.id}' already finished: ${JSON.parse(done).out}`);
  return parsePruneJob(JSON.parse(text));
}

const sameJob = (a: PruneJob, b: PruneJob) => JSON.stringify({ ...a, force: false }) === JSON.stringify({ ...b, force: false });

export async function runPruneJob(input: PruneJobInput, opts: RunPruneOptions = {}): Promise<PruneReport> {
  const job = parsePruneJob(input);
  const { signal } = opts;
  const store = opts.store ?? new NoRunStore(newRunId());
  const progress = opts.progress ?? silentProgress;
  const saved = await storedJob(store);
  if (saved && !sameJob(saved, job)) throw new QpruneError(`run '${store.id}' in ${store.where} holds a different job (give another run id, or resume it as it is)`);
  const resumed = !!saved;
  if (existsSync(job.out) && !job.force && !resumed) throw new QpruneError(`output ${job.out} exists (use --force to replace it)`);

  const t0 = performance.now();
  const backend = await initBackend();
  const { model } = await loadModel(job.model);
  const open = (spec: string, seed: number) => openDataset(spec, { noise: job.noise ? parseNoise(job.noise) : undefined, seed, channels: modelChannels(model) as 1 | 3 });
  const data = await open(job.data, job.seed);
  const selection = job.selection ? await open(job.selection, job.seed) : undefined;
  // The test images get their own noise stream (seed 0, the evaluation protocol's), never the calibration's.
  const test = job.test ? await open(job.test, 0) : undefined;
  // The validation batches (search, continuation, finalists) before the run writes any state: a crop larger
  // than the images fails here.
  const larger = [job.refine?.continuation?.crop, job.refine?.finalists?.crop];
  const batches = await buildValidationBatches(selection ?? data, job.validation.count, [job.validation.crop, ...larger], job.validation.margin);
  if (!resumed) await store.put('job', JSON.stringify(job));
  const calib = { ...job.calibration, patch: job.calibration.patch ?? calibrationPatchFor(model), coupleLayers: job.calibration.coupleLayers ?? defaultCoupling([job.method]) };
  warnSmallPatches(model, calib.patch);
  const transport = opts.stages ?? await WorkerTransport.create();
  try {
    checkAborted(signal);
    const ctx = await prepareRun(model, data, { seed: job.seed, calib, val: { ...job.validation, larger }, selection, compensate: job.compensate, batches }, { store, progress, signal, verifyRemote: transport.name === 'nats', ...stagesOver(transport, store.id, model, signal) });
    try {
      const perLayer = job.budget === 'per-layer';
      const budgetBy = job.budgetBy === 'filters' ? undefined : job.budgetBy;
      const plan = {
        method: job.method, sparsity: job.sparsity, perLayer, budgetBy, seed: job.seed, formulation: job.formulation, tune: job.tune, steps: job.steps,
        refine: job.refine ? { method: job.refine.method, budget: job.refine.budget, scope: parseScope(job.refine.scope), moves: job.refine.moves, finalists: job.refine.finalists, continuation: job.refine.continuation } : undefined,
        finetune: job.finetune,
      };
      const result = await runPlan(ctx, plan);
      // With a test set, every method at the job's own sparsity is tested too (solved only), the other sweep points are not.
      const sweep = sweepOf(job), at = (s: number) => Math.abs(s - job.sparsity) < 1e-12;
      const methods = sweepMethods(METHODS, ctx.scores);
      const { rows: others } = await compareMethods(ctx, sweepPlans(methods, sweep.filter((s) => !at(s)), perLayer, job.seed, budgetBy));
      // Every method at the job's own sparsity (tested when there is a test set), kept for the best baseline's crop.
      const atRun = test || sweep.some(at) ? await compareMethods(ctx, sweepPlans(methods, [job.sparsity], perLayer, job.seed, budgetBy), { test, keepModels: true }) : { rows: [], results: [] };
      const atJob = atRun.rows;
      const rows = [...others, ...(sweep.length ? atJob : [])].sort((a, b) => a.sparsity - b.sparsity);
      let tested: TestComparison | undefined;
      if (test) {
        progress.stage(`test: full model and ${result.label}`, 2 * test.size);
        const full = await evaluateModel(model, test, { engine: 'ort', workers: defaultWorkerCount(), onImage: (_s, d) => progress.update(d) });
        const chosen = await evaluateModel(result.pruned, test, { engine: 'ort', workers: defaultWorkerCount(), onImage: (_s, d) => progress.update(test.size + d) });
        progress.end(`${chosen.meanPsnr.toFixed(3)} dB (full model ${full.meanPsnr.toFixed(3)} dB)`);
        const baselines = atJob.filter((r) => r.method !== job.method || !!job.refine || !!job.finetune || job.tune || job.steps > 1)
          .map((r) => ({ label: r.label, method: r.method, psnr: r.testPsnr!, ssim: r.testSsim! }));
        const beatenBy = baselines.filter((b) => b.psnr > chosen.meanPsnr).map((b) => b.label);
        for (const b of beatenBy) log.warn(`test: ${b} (${baselines.find((x) => x.label === b)!.psnr.toFixed(3)} dB) beats ${result.label} (${chosen.meanPsnr.toFixed(3)} dB) on ${test.description}`);
        tested = {
          source: test.description, images: test.size, full: { psnr: full.meanPsnr, ssim: full.meanSsim }, noisyPsnr: full.meanInputPsnr,
          chosen: { label: result.label, finetuned: !!result.finetuned, psnr: chosen.meanPsnr, ssim: chosen.meanSsim }, baselines, beatenBy,
        };
      }
      // Beside this model: itself before fine-tuning, and the best other method at its sparsity (by test PSNR when tested, else validation).
      const rivals = atRun.results.map((r, i) => ({ r, row: atJob[i] })).filter(({ r }) => r.plan.method !== job.method);
      const best = rivals.sort((a, b) => (b.row.testPsnr ?? b.row.psnr) - (a.row.testPsnr ?? a.row.psnr))[0];
      const crops = await beforeAfterCrops(model, result.pruned, ctx.batch, 0, `pruned: ${result.label}${result.finetuned ? ', fine-tuned' : ''}`, [
        ...(result.beforeFinetune ? [{ label: `${result.label} before fine-tuning`, model: result.beforeFinetune }] : []),
        ...(best ? [{ label: `best other method: ${best.row.label} (solved only)`, model: best.r.pruned }] : []),
      ]);
      for (const r of atRun.results) r.pruned.dispose();
      const report = buildPruneReport({
        ctx, result, sweep: rows, crops, test: tested, backend: backend.name, seconds: (performance.now() - t0) / 1000, out: job.out,
        run: { id: store.id, state: store.where, resumed }, source: { model: job.model, data: job.data, noise: job.noise ?? null },
      });
      checkAborted(signal);
      await writeOutputDir(job.out, {
        'solution.json': JSON.stringify(result.final),
        'report.json': JSON.stringify(report, null, 1),
        'report.html': renderReportHtml(pruneReportView(report)),
      }, { model: result.pruned, metadata: { qprune: { method: job.method, refine: job.refine?.method ?? null, sparsity: job.sparsity, perLayer, budgetBy: job.budgetBy, seed: job.seed, finetune: job.finetune?.steps ?? 0, run: store.id } } });
      await store.put('done', JSON.stringify({ out: job.out, at: new Date().toISOString() }));
      return report;
    } finally {
      await ctx.close();
    }
  } catch (err) {
    // An abort seen as another error (a job rejected while the run stopped) is still an abort.
    if (signal?.aborted && !(err instanceof Aborted)) throw signal.reason instanceof Aborted ? signal.reason : new Aborted();
    // A stopped run can be resumed; a failed one is marked so `qprune runs` says so (a resume that then finishes writes 'done').
    if (!(err instanceof Aborted)) await store.put('failed', JSON.stringify({ error: (err as Error)?.message ?? String(err), at: new Date().toISOString() })).catch(() => {});
    throw err;
  } finally {
    if (!opts.stages) await transport.close();
    model.dispose();
  }
}

