/**
 * `qprune experiment`: the comparison table. Methods x sparsities x budget modes (global, uniform per
 * layer) x models, with and without TT refinement, optional fine-tuning; every pruned model scored on
 * a held-out test set at full size. One scoring pass per model. Finished rows are kept in a run state
 * (as `prune` does), so an interrupted experiment resumes where it stopped.
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Command } from './command.js';
import os from 'node:os';
import path from 'node:path';
import { parse, intOption, weightsOption } from './args.js';
import { METHOD_REGISTRY } from '../pipeline/methods/registry.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { stagesOver } from '../transport/stages.js';
import { calibrationPatchFor, receptiveField, warnSmallPatches } from '../model/receptive-field.js';
import { openTransport } from './stages-flag.js';
import { untilStopped } from './stop-signal.js';
import { evaluateModel } from '../eval/evaluate.js';
import { defaultWorkerCount } from '../engine/cores.js';
import { checkSparsity, METHODS } from '../pipeline/solve.js';
import { Plan, planLabel, prepareRun } from '../pipeline/run.js';
import { PRIOR_STEPS } from '../pipeline/refine.js';
import { compareMethods } from '../pipeline/compare.js';
import { writeOutputDir } from '../pipeline/report.js';
import { DirRunStore } from '../pipeline/run-store.js';
import { ComparisonRow, renderReportHtml } from '../report/html.js';
import { markdownTable, textTable } from '../report/markdown.js';
import { createProgress } from '../ui/progress.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';

export const experimentHelp = `usage: qprune experiment --out DIR [--preset paper [--shared DIR] [--models dncnn,halfunet]]
       qprune experiment --out DIR --model PATH --calib SPEC --test SPEC [--noise N] [--name NAME]

Every method (${METHODS.join(', ')}; hybrid+tt with --tt B) at each sparsity, with the global budget and
the uniform per-layer ratio, scored on a held-out test set at full size. Writes DIR/results.md,
DIR/results.json and DIR/report.html with the hardware and the time taken.
  --preset paper    DnCNN-S σ=25 (../shared) calibrated on train400, tested on BSD68 (all 68 images), and
                    our Half-UNet (models/halfunet-sidd, trained by qprune train on sidd-mini/train)
                    tested on sidd-mini/val (the default when no --model is given)
  --shared DIR      where ../shared is (default ../shared)     --models LIST  which preset models
  --sparsities L    (default 0.25,0.36,0.5)                    --methods L    (default all)
  --modes L         global,per-layer (default both)            --tt B         hybrid+tt with B evaluations
                                                                              (default 200; 0 = no TT rows)
  --finetune N      fine-tune every pruned model N steps before testing (default 0)
  --calib-samples N --patch P   calibration patches (default 128, of 2x the model's receptive field and at
                    least 64)                                  --val N --crop C  TT validation crops (8 of 96)
  --test-limit N    only the first N test images (for quick looks; the table says so)
  --seed S          (default 0)   --workers W   worker threads (0 = this thread)   --force   replace DIR
  --state-dir D     run state, for resuming (default .qprune/runs)
  --weights LIST    formulation weights NAME=V,..., each to the methods that declare it
  --nats URL        score, solve and evaluate on the cluster's services (--namespace NS)`;

interface Suite { name: string; model: string; calib: string; test: string; noise?: string; about: string }
interface Result { suite: Suite; full: { psnr: number; ssim: number; inputPsnr: number }; testImages: number; rows: ComparisonRow[]; reused: number; seconds: number; calibration: { samples: number; patch: number; receptiveField: number } }

function presetSuites(shared: string, which: string[]): Suite[] {
  const all: Suite[] = [
    { name: 'dncnn', model: path.join(shared, 'models/dncnn-keras-sigma25/model.json'), calib: path.join(shared, 'data/train400'), test: path.join(shared, 'data/bsd68'), noise: 'gaussian:25',
      about: 'DnCNN-S (17 conv, 64 ch, BN; pretrained, σ=25), calibrated on train400, tested on BSD68 with AWGN σ=25 (seed 0)' },
    { name: 'halfunet', model: 'models/halfunet-sidd', calib: path.join(shared, 'data/sidd-mini/train'), test: path.join(shared, 'data/sidd-mini/val'),
      about: 'Half-UNet (4 levels, 32 ch; trained by qprune train on sidd-mini/train), calibrated on sidd-mini/train, tested on sidd-mini/val (real SIDD noise)' },
  ];
  for (const w of which) if (!all.some((s) => s.name === w)) throw new QpruneError(`--models: unknown preset model '${w}' (dncnn, halfunet)`);
  const suites = all.filter((s) => which.includes(s.name));
  for (const s of suites) for (const p of [s.model, s.calib, s.test]) if (!existsSync(p)) throw new QpruneError(`preset '${s.name}' needs ${p} (give --shared DIR, or --model/--calib/--test for your own)`);
  return suites;
}

/** Row keys of plans with formulation weights differ per weight set (a short hash: keys stay short). */
const weightsTag = (w: Record<string, number> | undefined) => (w && Object.keys(w).length ? `-w${createHash('sha256').update(JSON.stringify(Object.entries(w).sort())).digest('hex').slice(0, 8)}` : '');

const list = (text: string | undefined, fallback: string[]) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : fallback);

export async function runExperiment(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    out: { type: 'string' }, force: { type: 'boolean' }, preset: { type: 'string' }, shared: { type: 'string' }, models: { type: 'string' },
    model: { type: 'string' }, calib: { type: 'string' }, test: { type: 'string' }, noise: { type: 'string' }, name: { type: 'string' },
    sparsities: { type: 'string' }, methods: { type: 'string' }, modes: { type: 'string' }, tt: { type: 'string' }, finetune: { type: 'string' },
    patch: { type: 'string' }, val: { type: 'string' }, crop: { type: 'string' }, 'test-limit': { type: 'string' }, seed: { type: 'string' },
    workers: { type: 'string' }, 'state-dir': { type: 'string' }, 'calib-samples': { type: 'string' }, nats: { type: 'string' }, namespace: { type: 'string' },
    weights: { type: 'string' },
  });
  const weights = weightsOption(values.weights) ?? {};
  // Each weight goes to the methods whose formulation declares it.
  const weightsFor = (method: string) => Object.fromEntries(Object.entries(weights).filter(([k]) => METHOD_REGISTRY.get(method)?.formulation?.parameters[k]));
  for (const k of Object.keys(weights)) if (![...METHOD_REGISTRY.values()].some((m) => m.formulation?.parameters[k])) throw new QpruneError(`--weights: no method has a weight '${k}'`);
  const out = values.out;
  if (!out) throw new QpruneError('missing --out DIR');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to replace it)`);
  const sparsities = list(values.sparsities, ['0.25', '0.36', '0.5']).map(Number);
  sparsities.forEach(checkSparsity);
  const methods = list(values.methods, [...METHODS]);
  for (const m of methods) if (!(METHODS as readonly string[]).includes(m)) throw new QpruneError(`--methods: unknown method '${m}' (${METHODS.join(', ')})`);
  const modes = list(values.modes, ['global', 'per-layer']);
  for (const m of modes) if (m !== 'global' && m !== 'per-layer') throw new QpruneError(`--modes: '${m}' is not global or per-layer`);
  const tt = intOption(values.tt, 'tt', { min: 0, fallback: 200 })!;
  const ft = intOption(values.finetune, 'finetune', { min: 0, fallback: 0 })!;
  const seed = intOption(values.seed, 'seed', { fallback: 0 })!;
  const workers = intOption(values.workers, 'workers', { min: 0, fallback: defaultWorkerCount() })!;
  const testLimit = intOption(values['test-limit'], 'test-limit', { min: 1 });
  const calibSamples = intOption(values['calib-samples'], 'calib-samples', { min: 1, fallback: 128 })!, calibPatch = intOption(values.patch, 'patch', { min: 4 });
  const val = { count: intOption(values.val, 'val', { min: 1, fallback: 8 })!, crop: intOption(values.crop, 'crop', { min: 8, fallback: 96 })! };
  let suites: Suite[];
  if (values.model) {
    if (!values.calib || !values.test) throw new QpruneError('--model needs --calib SPEC and --test SPEC');
    suites = [{ name: values.name ?? path.basename(values.model).replace(/\.json$/, ''), model: values.model, calib: values.calib, test: values.test, noise: values.noise, about: values.model }];
  } else {
    if ((values.preset ?? 'paper') !== 'paper') throw new QpruneError(`unknown --preset '${values.preset}' (paper)`);
    suites = presetSuites(values.shared ?? '../shared', list(values.models, ['dncnn', 'halfunet']));
  }

  const t0 = performance.now();
  const backend = await initBackend();
  const progress = createProgress();
  const results: Result[] = [];
  const transport = await openTransport({ nats: values.nats, namespace: values.namespace, workers });
  try {
    await untilStopped((sig) => `${sig}: experiment stopped; finished rows are in the run state, the same command resumes`, async (signal) => {
      for (const suite of suites) {
        const ts = performance.now();
        const { model } = await loadModel(suite.model);
        const channels = modelChannels(model) as 1 | 3;
        const noise = suite.noise ? parseNoise(suite.noise) : undefined;
        const data = await openDataset(suite.calib, { noise, seed, channels });
        let test = await openDataset(suite.test, { noise, seed: 0, channels });
        if (testLimit && testLimit < test.size) test = (await import('../data/datasets.js')).sliceSource(test, 0, testLimit);
        log.info(`experiment ${suite.name}: ${suite.about}; test ${test.description} (${test.size} images)`);
        progress.stage(`test ${suite.name} (full model)`, test.size);
        const full = await evaluateModel(model, test, { engine: 'ort', workers: defaultWorkerCount(), onImage: (_s, d) => progress.update(d) });
        progress.end(`${full.meanPsnr.toFixed(3)} dB`);
        // Calibration patches from the model's receptive field unless given; the run state is per calibration.
        const calib = { samples: calibSamples, patch: calibPatch ?? calibrationPatchFor(model), batch: 8 }, rf = receptiveField(model);
        warnSmallPatches(model, calib.patch);
        const store = new DirRunStore(values['state-dir'] ?? '.qprune/runs', `experiment-${suite.name}-s${seed}-c${calib.samples}x${calib.patch}`.replace(/[^A-Za-z0-9_-]/g, '-'));
        const ctx = await prepareRun(model, data, { seed, calib, val }, { store, progress, signal, ...stagesOver(transport, store.id, model, signal) });
        const plans: Plan[] = [];
        for (const mode of modes) for (const sparsity of sparsities) {
          const perLayer = mode === 'per-layer';
          const finetune = ft ? { steps: ft } : undefined;
          for (const method of methods) plans.push({ method, sparsity, perLayer, seed, finetune, formulation: weightsFor(method) });
          if (tt && methods.includes('hybrid')) plans.push({ method: 'hybrid', sparsity, perLayer, seed, finetune, formulation: weightsFor('hybrid'), refine: { method: 'protes', budget: tt, scope: { kind: 'all' } } });
        }
        // Rows finished by an earlier, interrupted run of the same experiment come from the run state.
        const rows: ComparisonRow[] = [];
        const todo: Plan[] = [];
        const rowKey = (p: Plan) => `row-${planLabel(p)}-t${testLimit ?? 'all'}-f${ft}${p.refine ? `-p${PRIOR_STEPS}` : ''}${weightsTag(p.formulation)}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
        for (const p of plans) {
          const saved = await ctx.store.get(rowKey(p));
          if (saved) rows.push(JSON.parse(saved));
          else todo.push(p);
        }
        try {
          await compareMethods(ctx, todo, {
            test,
            onResult: (row, r) => {
              rows.push(row);
              void ctx.store.put(rowKey(r.plan), JSON.stringify(row));
              log.info(`${row.label}: val ${row.psnr.toFixed(3)} dB, test ${row.testPsnr?.toFixed(3)} dB, FLOPs ${(100 * row.flopsFraction).toFixed(1)}%`);
            },
          });
        } finally {
          await ctx.close();
          model.dispose();
        }
        const order = (r: ComparisonRow) => plans.findIndex((p) => planLabel(p) === r.label);
        rows.sort((a, b) => order(a) - order(b));
        results.push({ suite, full: { psnr: full.meanPsnr, ssim: full.meanSsim, inputPsnr: full.meanInputPsnr }, testImages: test.size, rows, reused: plans.length - todo.length, seconds: (performance.now() - ts) / 1000,
          calibration: { samples: calib.samples, patch: calib.patch, receptiveField: rf } });
      }
    });
  } finally {
    await transport.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const hardware = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${defaultWorkerCount()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; tfjs backend ${backend.name}, evaluation on onnxruntime; ${transport.name} transport`;
  const md = experimentMarkdown(results, { hardware, seconds, argv, ft, tt, testLimit });
  const json = { version: 1, kind: 'experiment', argv, hardware, seconds, finetune: ft, tt, testLimit: testLimit ?? null, suites: results };
  const html = renderReportHtml({
    title: 'qprune experiment',
    summary: [['hardware', hardware], ['time', `${seconds.toFixed(0)} s`], ['command', `qprune experiment ${argv.join(' ')}`]],
    comparison: results.flatMap((r) => r.rows.map((row) => ({ ...row, suite: r.suite.name }))),
    notes: results.map((r) => `${r.suite.name}: ${r.suite.about}; full model ${r.full.psnr.toFixed(3)} dB on ${r.testImages} test images (noisy input ${r.full.inputPsnr.toFixed(3)} dB)`),
  });
  await writeOutputDir(out, { 'results.md': md, 'results.json': JSON.stringify(json, null, 1), 'report.html': html });
  return `${results.map((r) => `${r.suite.name} (full model ${r.full.psnr.toFixed(3)} dB on ${r.testImages} test images)\n${textTable(r.rows)}\n${verdicts(r.rows).join('\n')}`).join('\n\n')}\n${seconds.toFixed(0)} s; wrote ${out}/results.md, results.json, report.html`;
}

/** Per budget mode and sparsity: hybrid against the best greedy baseline and L1-QUBO, and hybrid+tt against hybrid (test PSNR). */
export function verdicts(rows: ComparisonRow[]): string[] {
  const out: string[] = [];
  const key = (r: ComparisonRow) => `${r.perLayer ? 'per layer' : 'global'} ${Math.round(r.sparsity * 1000) / 10}%`;
  const cells = [...new Set(rows.map(key))];
  const score = (r?: ComparisonRow) => r?.testPsnr ?? NaN;
  for (const c of cells) {
    const sel = rows.filter((r) => key(r) === c);
    const find = (m: string, refine = false) => sel.find((r) => r.method === m && !!r.refine === refine);
    const hybrid = find('hybrid'), tt = find('hybrid', true);
    const greedy = ['l1', 'taylor', 'fisher'].map((m) => find(m)).filter((r): r is ComparisonRow => !!r);
    const bestGreedy = greedy.sort((a, b) => score(b) - score(a))[0];
    const parts: string[] = [];
    const d = (a?: ComparisonRow, b?: ComparisonRow) => (a && b ? `${score(a) - score(b) >= 0 ? '+' : ''}${(score(a) - score(b)).toFixed(3)} dB` : 'n/a');
    if (hybrid && bestGreedy) parts.push(`hybrid vs best greedy (${bestGreedy.method}) ${d(hybrid, bestGreedy)}`);
    if (hybrid) parts.push(`vs l1-qubo ${d(hybrid, find('l1-qubo'))}`);
    if (tt && hybrid) parts.push(`hybrid+tt vs hybrid ${d(tt, hybrid)}`);
    const paper = find('hybrid-paper');
    if (paper) parts.push(`hybrid-paper vs taylor ${d(paper, find('taylor'))}, vs l1-qubo ${d(paper, find('l1-qubo'))}`);
    if (parts.length) out.push(`- ${c}: ${parts.join('; ')}`);
  }
  return out;
}

function experimentMarkdown(results: Result[],
  o: { hardware: string; seconds: number; argv: string[]; ft: number; tt: number; testLimit?: number }): string {
  const lines = [`# qprune experiment`, '', `Command: \`qprune experiment ${o.argv.join(' ')}\``, '', `Hardware: ${o.hardware}. Total time ${o.seconds.toFixed(0)} s.`, '',
    `Sparsity = fraction of prunable filters removed. "global": one budget for the whole network; "per layer": the same ratio in every channel group. ` +
    `val PSNR: the pruned model (no fine-tuning) on the validation crops TT refinement optimises; test PSNR/SSIM: the final model${o.ft ? ` (after ${o.ft} fine-tuning steps)` : ' (no fine-tuning)'} ` +
    `on the held-out test set at full size${o.testLimit ? ` (first ${o.testLimit} images only)` : ''}. hybrid+tt: TT (PROTES) refinement with ${o.tt} evaluations. FLOPs relative to the full model.`, ''];
  for (const r of results) {
    lines.push(`## ${r.suite.name}`, '', r.suite.about + '.', '', `Calibration: ${r.calibration.samples} patches of ${r.calibration.patch}x${r.calibration.patch} (receptive field ${r.calibration.receptiveField} px); TT validation crops from the calibration source.`, '', `Full model: ${r.full.psnr.toFixed(3)} dB / SSIM ${r.full.ssim.toFixed(4)} on ${r.testImages} test images (noisy input ${r.full.inputPsnr.toFixed(3)} dB); ${r.seconds.toFixed(0)} s for this model in this invocation` +
      `${r.reused ? `, ${r.reused} of ${r.rows.length} rows taken from the run state of an earlier invocation (their "s" column is from that run)` : ''}.`, '',
      markdownTable(r.rows), '', 'Test-PSNR differences:', '', ...verdicts(r.rows), '');
  }
  return lines.join('\n');
}

export const command: Command = { summary: 'methods x sparsities x models on held-out test sets: the comparison table', help: experimentHelp, run: runExperiment };
