/**
 * `qprune demo`: the embedded default end to end. The bundled demo denoiser (models/demo-dncnn-s25,
 * trained by `qprune train` on procedural dead leaves), procedural calibration/validation images and
 * a separate procedural test set; every method at one sparsity on one scoring pass; a table and a
 * report. No NATS and no ../shared needed; `--nats` runs the same jobs through the services.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from './command.js';
import path from 'node:path';
import { DEMO_MODEL } from '../model/demo.js';
import { parse, intOption } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise } from '../data/noise.js';
import { defaultWorkerCount } from '../engine/cores.js';
import { checkSparsity, METHODS } from '../pipeline/solve.js';
import { Plan, prepareRun } from '../pipeline/run.js';
import { defaultCoupling } from '../pipeline/methods/coupling.js';
import { compareMethods } from '../pipeline/compare.js';
import { energyTraces, writeOutputDir } from '../pipeline/report.js';
import { NoRunStore, newRunId } from '../pipeline/run-store.js';
import { renderReportHtml } from '../report/html.js';
import { markdownTable, textTable } from '../report/markdown.js';
import { beforeAfterCrops } from '../report/crops.js';
import { stagesOver } from '../transport/stages.js';
import { untilStopped } from './stop-signal.js';
import { openTransport } from './stages-flag.js';
import { createProgress } from '../ui/progress.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';


export const demoHelp = `usage: qprune demo [--out DIR] [options]

Every method (${METHODS.join(', ')}, hybrid+tt) on the bundled demo denoiser at one sparsity, on
procedural dead-leaves images (calibration/validation and a separate test set), in one process.
Prints the comparison table and writes DIR/report.html, DIR/report.json and DIR/results.md.
  --out DIR        where the report goes (default demo-report; a previous demo report there is replaced)
  --sparsity S     fraction of filters removed (default 0.5)
  --budget B       TT refinement evaluations for hybrid+tt (default 150)
  --finetune N     fine-tune every pruned model N steps (default 100; 0 = off)
  --seed S         (default 0)                      --workers W   worker threads (default cores; 0 = this thread)
  --force          replace DIR even if it is not a demo report
  --nats URL       run the scoring, solve and evaluation jobs on the cluster's services (--namespace NS)`;

export async function runDemo(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    out: { type: 'string' }, sparsity: { type: 'string' }, budget: { type: 'string' }, finetune: { type: 'string' }, seed: { type: 'string' },
    workers: { type: 'string' }, force: { type: 'boolean' }, nats: { type: 'string' }, namespace: { type: 'string' },
  });
  const out = values.out ?? 'demo-report';
  if (existsSync(out) && !values.force && !isDemoReport(out)) throw new QpruneError(`output ${out} exists and is not a demo report (use --force to replace it)`);
  const sparsity = values.sparsity === undefined ? 0.5 : Number(values.sparsity);
  checkSparsity(sparsity);
  const seed = intOption(values.seed, 'seed', { fallback: 0 })!;
  const budget = intOption(values.budget, 'budget', { min: 1, fallback: 150 })!;
  const ftSteps = intOption(values.finetune, 'finetune', { min: 0, fallback: 100 })!;
  const workers = intOption(values.workers, 'workers', { min: 0, fallback: defaultWorkerCount() })!;
  const t0 = performance.now();
  const backend = await initBackend();
  const { model } = await loadModel(DEMO_MODEL);
  const noise = parseNoise('gaussian:25');
  const data = await openDataset('procedural:deadleaves:64:96', { noise, seed });
  const test = await openDataset('procedural:deadleaves:16:128', { noise, seed: seed + 1000 });
  const transport = await openTransport({ nats: values.nats, namespace: values.namespace, workers });
  const runId = `demo-${newRunId()}`;
  log.info(`demo: ${DEMO_MODEL} (${model.countParams()} params), ${data.description}; test: ${test.description}; ${values.nats ? `cluster at ${values.nats}` : `embedded (${transport.name} transport)`}`);
  try {
    return await untilStopped((sig) => `${sig}: demo stopped; nothing written to ${out}`, async (signal) => {
      const ctx = await prepareRun(model, data, { seed, calib: { samples: 64, patch: 48, batch: 8, coupleLayers: defaultCoupling(METHODS) }, val: { count: 16, crop: 96 } }, {
        store: new NoRunStore(runId), progress: createProgress(), signal, ...stagesOver(transport, runId, model, signal),
      });
      try {
        const finetune = ftSteps ? { steps: ftSteps, learningRate: 5e-4 } : undefined;
        const plans: Plan[] = [
          ...METHODS.map((method) => ({ method, sparsity, seed, finetune })),
          { method: 'hybrid', sparsity, seed, finetune, refine: { method: 'protes', budget, scope: { kind: 'all' } as const } },
        ];
        const { rows, results } = await compareMethods(ctx, plans, { test, keepModels: true });
        const tt = results[results.length - 1];
        const crops = await beforeAfterCrops(model, tt.pruned, ctx.batch, 0, `hybrid+tt${tt.finetuned ? ', fine-tuned' : ''}`);
        results.forEach((r) => r.pruned.dispose());
        const seconds = (performance.now() - t0) / 1000;
        const table = markdownTable(rows);
        const report = {
          version: 1, kind: 'demo', model: DEMO_MODEL, data: data.description, test: test.description, sparsity, seed, backend: backend.name,
          transport: transport.name, finetuneSteps: ftSteps, ttBudget: budget, validation: { images: ctx.batch.n, crop: ctx.batch.height, full: ctx.before },
          rows, hybrid: { groups: tt.final.groups.map((g) => ({ id: g.id, size: g.size, k: g.k })), capacityTrace: (tt.solved.info?.capacityTrace ?? []) as { mu: number; kept: number }[], refine: tt.final.refine ?? null },
          seconds, cores: defaultWorkerCount(), versions: { node: process.version, qprune: '0.1.0' },
        };
        const html = renderReportHtml({
          title: `qprune demo: every method at ${(100 * sparsity).toFixed(0)}% sparsity`,
          summary: [['model', `${DEMO_MODEL} (${model.countParams()} params)`], ['calibration / validation', `${data.description}; ${ctx.batch.n} crops of ${ctx.batch.height}`],
            ['test', test.description], ['full model (validation)', `${ctx.before.psnr.toFixed(3)} dB / SSIM ${ctx.before.ssim.toFixed(4)}`],
            ['fine-tuning', ftSteps ? `${ftSteps} steps per method (Adam 5e-4)` : 'none'], ['run', `${values.nats ? 'cluster over NATS' : `embedded (${transport.name} transport)`}, backend ${backend.name}, ${seconds.toFixed(1)} s on ${defaultWorkerCount()} cores`]],
          comparison: rows, groups: report.hybrid.groups, energyTraces: energyTraces(tt.solved), capacitySteps: report.hybrid.capacityTrace,
          refineTrace: tt.final.refine?.trace ?? [], crops,
          notes: [`validation PSNR: the pruned model before fine-tuning on the ${ctx.batch.n} crops that TT refinement optimises; test PSNR/SSIM: the final model${ftSteps ? ' (fine-tuned)' : ''} on full-size procedural images of another seed, never seen by any stage.`],
        });
        await writeOutputDir(out, { 'report.json': JSON.stringify(report, null, 1), 'report.html': html, 'results.md': `${table}\n` });
        return `${textTable(rows)}\nfull model: validation ${ctx.before.psnr.toFixed(3)} dB; ${seconds.toFixed(1)} s; wrote ${out}/report.html, report.json, results.md`;
      } finally {
        await ctx.close();
      }
    });
  } finally {
    await transport.close();
  }
}

function isDemoReport(dir: string): boolean {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')).kind === 'demo';
  } catch {
    return false;
  }
}

export const command: Command = { summary: 'every method on the bundled demo model: table + report (no NATS, no ../shared)', help: demoHelp, run: runDemo };
