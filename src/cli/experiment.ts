/**
 * `qprune experiment`: the comparison table. Methods x sparsities x budget modes (global, uniform per
 * layer) x models, with and without TT refinement, optional fine-tuning; every pruned model scored on
 * a held-out test set at full size. One scoring pass per model. Finished rows are kept in a run state
 * (as `prune` does), so an interrupted experiment resumes where it stopped.
 */
import { SCORE_ENGINES } from '../score/engine.js';
import { Compensation, COMPENSATIONS } from '../prune/compensation.js';
import { ALLOCATIONS } from '../qubo/capacity.js';
import { REMOVALS, removalFor, type Removal } from '../score/removal.js';
import { COUPLE_ALL } from '../score/accumulator.js';
import { defaultCoupling, parseCoupling } from '../pipeline/methods/coupling.js';
import { inputCrops, modelCrop, type Crop } from '../report/crops.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fsutil.js';
import { createHash } from 'node:crypto';
import type { Command } from './command.js';
import os from 'node:os';
import path from 'node:path';
import { parse, intOption, weightsOption, choiceOption } from './args.js';
import { METHOD_REGISTRY } from '../pipeline/methods/registry.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset, sliceSource } from '../data/datasets.js';
import { parseNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { stagesOver } from '../transport/stages.js';
import { calibrationPatchFor, receptiveField, warnSmallPatches } from '../model/receptive-field.js';
import { openTransport } from './stages-flag.js';
import { untilStopped } from './stop-signal.js';
import { evaluateModel } from '../eval/evaluate.js';
import { extraCropCount } from '../eval/candidates.js';
import { defaultWorkerCount, vectorExtension } from '../engine/cores.js';
import { checkSparsity, METHODS, perLayerCounts } from '../pipeline/solve.js';
import { costModel } from '../prune/cost-model.js';
import { Plan, planLabel, prepareRun } from '../pipeline/run.js';
import { DEFAULT_PRIOR, MOVES, PRIORS, PriorKind, refineTag } from '../pipeline/refine.js';
import { parseFinalists } from '../refine/finalists.js';
import { parseContinuation } from '../refine/continuation.js';
import { REFINERS } from '../refine/refiners.js';
import { refinementId, refinerMethod } from '../refine/names.js';
import type { TuneResult } from '../pipeline/tune.js';
import { compareMethods } from '../pipeline/compare.js';
import { writeOutputDir } from '../pipeline/report.js';
import { DirRunStore, fitKey } from '../pipeline/run-store.js';
import { ComparisonRow, methodName, renderReportHtml } from '../report/html.js';
import { createProgress } from '../ui/progress.js';
import { QpruneError } from '../errors.js';
import { EstimateInput, experimentWork, formatDuration } from '../pipeline/estimate.js';
import { log } from '../log.js';

export const experimentHelp = `usage: qprune experiment --out DIR [--preset paper|zoo [--shared DIR] [--models dncnn,cdncnn,aev2,halfunet]] [--estimate]
       qprune experiment --out DIR --model PATH --calib SPEC [--select SPEC] --test SPEC [--noise N] [--name NAME]

Every method (${METHODS.join(', ')}; hybrid+tt with --tt B) at each sparsity, per layer and with a global
budget matched to the per-layer FLOPs, scored on a held-out test set at full size, for each calibration
seed. Three disjoint splits: calibration (scores), selection (validation crops: TT objective, --tune,
val PSNR) and test. Writes DIR/results.md (mean and range over seeds), DIR/results.json, DIR/report.html.
  --preset paper    DnCNN-S σ=25 (../shared): calibration train400, selection Kodak24 (grey), test BSD68;
                    CDnCNN-B colour blind (../shared): calibration Kodak24, selection McMaster, test CBSD68,
                    both AWGN σ=25; our Half-UNet (models/halfunet-sidd-all) on SIDD (train / sample / val)
                    (default models: dncnn,cdncnn)
  --preset zoo      the same protocol over DnCNN-S, CDnCNN-B, aev2-sidd (real SIDD noise: calibration
                    sidd-extra/medium-crops, selection sidd-extra/sample, test sidd-mini/val + sidd-extra/val-block)
                    and the Half-UNet
  --estimate        print the time estimate (printed before every run) and stop
  --render DIR      write DIR/results.md again from DIR/results.json (after a change of the table's format)
  --shared DIR      where ../shared is (default ../shared)     --models LIST  which preset models
  --sparsities L    (default 0.25,0.36,0.5)                    --methods L    (default all)
  --modes L         per-layer, global-flops (global budget at the FLOPs of the per-layer row of the same
                    sparsity), global (in filters) (default per-layer,global-flops)
  --tune            add a tuned row for each formulation method: its weights chosen from its grid by PSNR
                    on the selection crops
  --tt B            hybrid+tt with B evaluations (default 0 = no TT rows)
  --tt-refiners L   refiners given the same B, a row each (default protes = hybrid+tt, started from a screen
                    of every single change of the answer): protes, protes:boltzmann (started from the QUBO
                    energies), protes:steps (the earlier 40-step prior), tt-ea (PROTES, then the EA for the last
                    30% of B), tt-guided (the EA with mutations drawn from a TT fitted to the best points),
                    random, ea, local, ttopt (ablations)
  --tt-moves N      global cells: transfers of up to N filters between neighbouring groups in the grid, the
                    FLOPs limit kept (default ${MOVES}; 0 = the solver's k per group fixed)
  --tt-finalists N[xC] successive halving: every refiner's N best points and the solver's answer evaluated
                    again on C x C crops of the same selection images (default C 256), the answer picked
                    and checked there (default 0 = the search's best on the --crop crops); N[xC]:ladder
                    puts first the best point within 1, 2, 4, ... changed groups of the answer
  --tt-continue B[xC] before the finalists, a second search (the EA) of B evaluations on C x C crops of the
                    same selection images (default C 128), started from the best there of the solver's answer
                    and every refiner's best points; the finalists are then its best (default 0 = none)
  --tt-from F       default | tuned: what the --tt rows refine: hybrid with its default weights (or --weights),
                    or hybrid with the weights its grid picks on the selection crops (as the --tune row; the
                    tuning is shared with it) (default default)
  --steps N         every row pruned iteratively in N steps, re-scoring in between (default 1); --tt rows
                    refine the iterative answer
  --finetune N      fine-tune every pruned model N steps before testing (default 0)
  --compensate M    none | mean | linear: removed channels folded into their consumers in every row
  --removal R       zero | mean: what the scores assume a removed channel becomes (default: what --compensate
                    leaves: zero without compensation, else its mean; qprune score --help)
  --allocation A    joint | marginal: how QUBO methods spread a global budget over groups (default joint;
                    marginal: by each filter's cost of removal alone, couplings choose within groups)
                    (qprune prune --help; default none)
  --couple-layers K cross-group Fisher blocks for groups up to K apart, or all (default: all when
                    cross-layer is among --methods, else none)
  --calib-samples N --patch P   calibration patches (default 256, of 2x the model's receptive field and at
                    least 64)                                  --val N --crop C  selection crops (16 of 128):
                    the first N images' centres; more than the images gives several crops per image (up to 9)
  --val-margin M    pixels around each selection crop that the network sees but val PSNR leaves out, so
                    every measured pixel has its whole receptive field, as most of a full test image's
                    do (default 0; half the receptive field, e.g. 17 for DnCNN-S, removes the border)
  --score-engine E  onnxruntime (default) | tfjs: where calibration runs (qprune prune --help)
  --test-limit N    only the first N test images (for quick looks; the table says so)
  --seeds L         calibration seeds (default 0; the table gives mean and range)   --seed S  one seed
  --workers W       worker threads (0 = this thread)           --force   replace DIR
  --state-dir D     run state, for resuming (default .qprune/runs)
  --weights LIST    formulation weights NAME=V,..., each to the methods that declare it
  --nats URL        score, solve and evaluate on the cluster's services (--namespace NS)`;

/** ' (N crops: ...)' when the selection takes more than one crop of some images (eval/candidates.ts cropPlan). */
function extraCrops(batch: { n: number; names: string[] }): string {
  const more = extraCropCount(batch);
  return more ? ` (${batch.n} crops: ${batch.n - more} centres and ${more} more at other positions of the same images, each image in one half)` : '';
}

interface Suite { name: string; model: string; calib: string; select?: string; test: string; noise?: string; about: string }
/** One row of one seed; `cell` is the mode and nominal sparsity it belongs to (global-flops rows carry a FLOPs sparsity). */
type SeedRow = ComparisonRow & { seed: number; cell: { mode: string; sparsity: number } };
interface Result {
  suite: Suite; full: { psnr: number; ssim: number; inputPsnr: number }; testImages: number; rows: SeedRow[]; seeds: number[]; reused: number; seconds: number;
  calibration: { samples: number; patch: number; receptiveField: number }; selection: string; tuning: { seed: number; label: string; grid: TuneResult['grid'] }[];
}

function presetSuites(shared: string, which: string[]): Suite[] {
  const d = (p: string) => path.join(shared, 'data', p);
  const all: Suite[] = [
    { name: 'dncnn', model: path.join(shared, 'models/dncnn-keras-sigma25/model.json'), calib: d('train400'), select: d('kodak24'), test: d('bsd68'), noise: 'gaussian:25',
      about: 'DnCNN-S (17 conv, 64 ch, BN; pretrained, σ=25): calibration train400 (its training images), selection Kodak24 (converted to grey), test BSD68, AWGN σ=25' },
    { name: 'cdncnn', model: path.join(shared, 'models/cdncnn-b-color-blind/model.json'), calib: d('kodak24'), select: d('mcmaster'), test: d('cbsd68'), noise: 'gaussian:25',
      about: 'CDnCNN-B (20 conv, 64 ch, colour, blind, no BN; pretrained by its authors): calibration Kodak24, selection McMaster, test CBSD68, AWGN σ=25' },
    { name: 'aev2', model: path.join(shared, 'models/aev2-sidd/model.json'), calib: d('sidd-extra/medium-crops'), select: d('sidd-extra/sample'), test: `${d('sidd-mini/val')},${d('sidd-extra/val-block')}`,
      about: 'aev2-sidd (RED-Net-style autoencoder, 16 conv, 4 additive skips, sigmoid output; trained by its authors on SIDD-Medium): calibration sidd-extra/medium-crops (SIDD-Medium: its training data), selection sidd-extra/sample (12 SIDD sample pairs; which split they come from is not documented), test sidd-mini/val + sidd-extra/val-block (12 SIDD validation blocks), real camera noise' },
    { name: 'halfunet', model: 'models/halfunet-sidd-all', calib: `${d('sidd-mini/train')},${d('sidd-extra/medium-crops')}`, select: d('sidd-extra/sample'), test: `${d('sidd-mini/val')},${d('sidd-extra/val-block')}`,
      about: 'Half-UNet (4 levels, 32 ch; trained by qprune train on sidd-mini/train, then on sidd-mini/train + sidd-extra/medium-crops with augmentation: models/halfunet-sidd-all): calibration its 20 training pairs, selection sidd-extra/sample (not trained on), test sidd-mini/val + sidd-extra/val-block (12 SIDD validation blocks), real camera noise' },
  ];
  for (const w of which) if (!all.some((s) => s.name === w)) throw new QpruneError(`--models: unknown preset model '${w}' (${all.map((s) => s.name).join(', ')})`);
  const suites = all.filter((s) => which.includes(s.name));
  for (const s of suites) for (const p of [s.model, s.calib, s.select, s.test].flatMap((x) => x?.split(',') ?? [])) if (p && !existsSync(p)) throw new QpruneError(`preset '${s.name}' needs ${p} (give --shared DIR, or --model/--calib/--test for your own)`);
  return suites;
}

/** Each preset's default models (--models picks among presetSuites' names). */
const PRESET_MODELS = { paper: ['dncnn', 'cdncnn'], zoo: ['dncnn', 'cdncnn', 'aev2', 'halfunet'] } as const;

/**
 * Per suite: its test pixels, and one probe (the full model on the first test image, on `workers`
 * threads' share) for seconds per full-model pixel; pipeline/estimate.ts turns the plan into work.
 */
async function estimateSuites(suites: Suite[], plan: EstimateInput, o: { workers: number; testLimit?: number }): Promise<{ seconds: number; line: string }> {
  const parts: string[] = [];
  let total = 0;
  for (const suite of suites) {
    const { model } = await loadModel(suite.model);
    const channels = modelChannels(model) as 1 | 3;
    const test = await openDataset(suite.test, { noise: suite.noise ? parseNoise(suite.noise) : undefined, seed: 0, channels, ...(o.testLimit ? { limit: o.testLimit } : {}) });
    const pixels: number[] = [];
    for (let i = 0; i < test.size; i++) { const { clean } = await test.load(i); pixels.push(clean.width * clean.height); }
    const testPixels = pixels.reduce((a, b) => a + b, 0);
    const probe = await evaluateModel(model, sliceSource(test, 0, 1), { engine: 'ort', workers: 1 });
    const perPixel = probe.seconds / pixels[0] / Math.max(1, o.workers);
    const seconds = perPixel * experimentWork({ ...plan, testPixels, calibration: { ...plan.calibration, patch: plan.calibration.patch || calibrationPatchFor(model) } });
    model.dispose();
    total += seconds;
    parts.push(`${suite.name} ~${formatDuration(seconds)}`);
  }
  return { seconds: total, line: `${parts.join(', ')}; total ~${formatDuration(total)} (from a one-image probe per model; TT and tuning rows scale with their budgets)` };
}

/** Row keys of plans with formulation weights differ per weight set (a short hash: keys stay short). */
const weightsTag = (w: Record<string, number> | undefined) => (w && Object.keys(w).length ? `-w${createHash('sha256').update(JSON.stringify(Object.entries(w).sort())).digest('hex').slice(0, 8)}` : '');

/**
 * A --tt-refiners entry: a refiner name, and for PROTES optionally its start (protes:steps = the earlier
 * 40-step prior); the default start (the screen) is left unnamed, so protes and protes:screened are one row.
 */
function parseTtRefiner(spec: string): { method: string; prior?: PriorKind } {
  const [name, prior, ...rest] = spec.split(':');
  const method = refinerMethod(name);
  if (!(REFINERS as readonly string[]).includes(method) || rest.length) throw new QpruneError(`--tt-refiners: '${spec}' is not a refiner (${REFINERS.join(', ')}; protes:boltzmann, protes:steps or protes:screened)`);
  if (prior === undefined) return { method };
  if (method !== 'protes' || !(PRIORS as readonly string[]).includes(prior)) throw new QpruneError(`--tt-refiners: '${spec}': only protes takes a prior (${PRIORS.join(', ')})`);
  return prior === DEFAULT_PRIOR ? { method } : { method, prior: prior as PriorKind };
}

const list = (text: string | undefined, fallback: string[]) => (text ? text.split(',').map((s) => s.trim()).filter(Boolean) : fallback);

export async function runExperiment(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    out: { type: 'string' }, force: { type: 'boolean' }, preset: { type: 'string' }, estimate: { type: 'boolean' }, shared: { type: 'string' }, models: { type: 'string' },
    model: { type: 'string' }, calib: { type: 'string' }, select: { type: 'string' }, test: { type: 'string' }, noise: { type: 'string' }, name: { type: 'string' },
    sparsities: { type: 'string' }, methods: { type: 'string' }, modes: { type: 'string' }, tt: { type: 'string' }, finetune: { type: 'string' }, tune: { type: 'boolean' },
    patch: { type: 'string' }, val: { type: 'string' }, crop: { type: 'string' }, 'val-margin': { type: 'string' }, 'test-limit': { type: 'string' }, seed: { type: 'string' }, seeds: { type: 'string' },
    workers: { type: 'string' }, 'state-dir': { type: 'string' }, 'calib-samples': { type: 'string' }, 'couple-layers': { type: 'string' }, 'score-engine': { type: 'string' }, nats: { type: 'string' }, namespace: { type: 'string' },
    weights: { type: 'string' }, steps: { type: 'string' }, compensate: { type: 'string' }, allocation: { type: 'string' }, removal: { type: 'string' },
    'tt-refiners': { type: 'string' }, 'tt-moves': { type: 'string' }, 'tt-finalists': { type: 'string' }, 'tt-continue': { type: 'string' }, 'tt-from': { type: 'string' }, render: { type: 'string' },
  });
  if (values.render) return renderAgain(values.render);
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
  const modes = list(values.modes, ['per-layer', 'global-flops']);
  for (const m of modes) if (!MODES.includes(m)) throw new QpruneError(`--modes: '${m}' is not one of ${MODES.join(', ')}`);
  const tt = intOption(values.tt, 'tt', { min: 0, fallback: 0 })!;
  const ttRefiners = list(values['tt-refiners'], ['protes']).map(parseTtRefiner);
  const twice = ttRefiners.map(refinementId).find((id, i, all) => all.indexOf(id) !== i);
  if (twice) throw new QpruneError(`--tt-refiners: ${twice} is listed twice (protes is protes:${DEFAULT_PRIOR})`);
  const ttMoves = intOption(values['tt-moves'], 'tt-moves', { min: 0 });
  if (ttMoves !== undefined && !tt) throw new QpruneError('--tt-moves needs --tt B');
  const ttFinalists = parseFinalists(values['tt-finalists'], '--tt-finalists');
  if (ttFinalists && !tt) throw new QpruneError('--tt-finalists needs --tt B');
  const ttContinue = parseContinuation(values['tt-continue'], '--tt-continue');
  if (ttContinue && !tt) throw new QpruneError('--tt-continue needs --tt B');
  const ttFrom = choiceOption(values['tt-from'], 'tt-from', ['default', 'tuned'] as const, 'default');
  if (values['tt-from'] && !tt) throw new QpruneError('--tt-from needs --tt B');
  if (values['tt-refiners'] && !tt) throw new QpruneError('--tt-refiners needs --tt B (the evaluations each refiner gets)');
  const steps = intOption(values.steps, 'steps', { min: 1, fallback: 1 })!;
  const ft = intOption(values.finetune, 'finetune', { min: 0, fallback: 0 })!;
  const compensate = choiceOption(values.compensate, 'compensate', COMPENSATIONS, 'none');
  const allocation = choiceOption(values.allocation, 'allocation', ALLOCATIONS, 'joint');
  const removal = choiceOption(values.removal, 'removal', REMOVALS, removalFor(compensate));
  if (values.seed !== undefined && values.seeds !== undefined) throw new QpruneError('give --seed or --seeds, not both');
  const seeds = values.seeds !== undefined ? list(values.seeds, []).map((v) => intOption(v, 'seeds')!) : [intOption(values.seed, 'seed', { fallback: 0 })!];
  if (!seeds.length || new Set(seeds).size !== seeds.length) throw new QpruneError(`--seeds: give distinct seeds, got '${values.seeds}'`);
  const workers = intOption(values.workers, 'workers', { min: 0, fallback: defaultWorkerCount() })!;
  const testLimit = intOption(values['test-limit'], 'test-limit', { min: 1 });
  const scoreEngine = choiceOption(values['score-engine'], 'score-engine', SCORE_ENGINES, 'onnxruntime');
  const calibSamples = intOption(values['calib-samples'], 'calib-samples', { min: 1, fallback: 256 })!, calibPatch = intOption(values.patch, 'patch', { min: 4 });
  const coupleLayers = parseCoupling(values['couple-layers']) ?? defaultCoupling(methods);
  const val = { count: intOption(values.val, 'val', { min: 1, fallback: 16 })!, crop: intOption(values.crop, 'crop', { min: 8, fallback: 128 })!, margin: intOption(values['val-margin'], 'val-margin', { min: 0, fallback: 0 })! };
  const tuned = values.tune ? methods.filter((m) => METHOD_REGISTRY.get(m)?.formulation) : [];
  if (values.tune && !tuned.length) throw new QpruneError('--tune: none of the methods has a formulation to tune');
  let suites: Suite[];
  if (values.model) {
    if (!values.calib || !values.test) throw new QpruneError('--model needs --calib SPEC and --test SPEC');
    suites = [{ name: values.name ?? path.basename(values.model).replace(/\.json$/, ''), model: values.model, calib: values.calib, select: values.select, test: values.test, noise: values.noise, about: values.model }];
  } else {
    const preset = values.preset ?? 'paper';
    if (!Object.hasOwn(PRESET_MODELS, preset)) throw new QpruneError(`unknown --preset '${preset}' (${Object.keys(PRESET_MODELS).join(', ')})`);
    suites = presetSuites(values.shared ?? '../shared', list(values.models, [...PRESET_MODELS[preset as keyof typeof PRESET_MODELS]]));
  }

  const t0 = performance.now();
  const backend = await initBackend();
  // The time estimate comes first: a model zoo runs for hours, and --estimate stops here.
  const estimate = await estimateSuites(suites, {
    // TT rows from the tuned hybrid run its grid (counted as a tuned row, one row's tests over).
    seeds: seeds.length, sparsities, modes: modes.length, methods, tuned: ttFrom === 'tuned' && !tuned.includes('hybrid') ? [...tuned, 'hybrid'] : tuned, tt, refiners: ttRefiners.length, ...(ttContinue ? { continuation: ttContinue } : {}), ...(ttFinalists ? { finalists: ttFinalists } : {}),
    calibration: { samples: calibSamples, patch: calibPatch ?? 0 }, validation: val, testPixels: 0,
  }, { workers, testLimit });
  log.info(`estimate: ${estimate.line}`);
  if (values.estimate) return `estimate (before it starts; rows already in the run state counted too): ${estimate.line}`;
  // Validation crops shown in report.html: per suite the inputs and the full model, per cell the best row and the best greedy row.
  const crops: { suite: string; cell: string; row: string; testPsnr?: number; crop: Crop }[] = [];
  const pendingCrops: Promise<(typeof crops)[number]>[] = [];
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
        let test = await openDataset(suite.test, { noise, seed: 0, channels });
        if (testLimit && testLimit < test.size) test = sliceSource(test, 0, testLimit);
        log.info(`experiment ${suite.name}: ${suite.about}; test ${test.description} (${test.size} images); seeds ${seeds.join(', ')}`);
        progress.stage(`test ${suite.name} (full model)`, test.size);
        const full = await evaluateModel(model, test, { engine: 'ort', workers: defaultWorkerCount(), onImage: (_s, d) => progress.update(d) });
        progress.end(`${full.meanPsnr.toFixed(3)} dB`);
        // Calibration patches from the model's receptive field unless given; the run state is per calibration and selection.
        const calib = { samples: calibSamples, patch: calibPatch ?? calibrationPatchFor(model), batch: 8, engine: scoreEngine, coupleLayers }, rf = receptiveField(model);
        warnSmallPatches(model, calib.patch);
        const rows: SeedRow[] = [];
        const tuning: Result['tuning'] = [];
        let reused = 0, selection = '';
        for (const seed of seeds) {
          const data = await openDataset(suite.calib, { noise, seed, channels });
          const select = suite.select ? await openDataset(suite.select, { noise, seed, channels }) : undefined;
          const selTag = suite.select ? path.basename(suite.select.replace(/\/+$/, '')) : 'calib';
          const store = new DirRunStore(values['state-dir'] ?? '.qprune/runs', runStateId(suite.name, seed, calib, selTag, val, compensate, removal));
          const ctx = await prepareRun(model, data, { seed, calib, val: { ...val, larger: tt ? [ttContinue?.crop, ttFinalists?.crop] : [] }, selection: select, compensate, removal }, { store, progress, signal, verifyRemote: transport.name === 'nats', ...stagesOver(transport, store.id, model, signal) });
          selection = `${ctx.validationSource}${extraCrops(ctx.batch)}${val.margin ? ` (measured on the central ${val.crop}² of ${val.crop + 2 * val.margin}² crops: margin ${val.margin} px)` : ''}`;
          const flops = costModel(model, ctx.graph, 'flops', ctx.batch.height, ctx.batch.width);
          const plans: { plan: Plan; cell: SeedRow['cell'] }[] = [];
          for (const mode of modes) for (const sparsity of sparsities) {
            // global-flops: the global budget at exactly the FLOPs the per-layer ratio keeps, so rows of one cell compare at one cost.
            const base: Omit<Plan, 'method'> = { steps, allocation, ...(mode === 'per-layer' ? { sparsity, perLayer: true, seed }
              : mode === 'global' ? { sparsity, perLayer: false, seed }
                : { sparsity: 1 - flops.of(perLayerCounts(ctx.scores, sparsity)) / flops.full, perLayer: false, budgetBy: 'flops' as const, seed }) };
            const cell = { mode, sparsity };
            const finetune = ft ? { steps: ft } : undefined;
            for (const method of methods) plans.push({ plan: { ...base, method, finetune, formulation: weightsFor(method) }, cell });
            for (const method of tuned) plans.push({ plan: { ...base, method, finetune, tune: true }, cell });
            if (tt && methods.includes('hybrid')) for (const r of ttRefiners) plans.push({ plan: { ...base, method: 'hybrid', finetune, ...(ttFrom === 'tuned' ? { tune: true } : { formulation: weightsFor('hybrid') }), refine: { ...r, budget: tt, scope: { kind: 'all' }, moves: ttMoves, ...(ttFinalists ? { finalists: ttFinalists } : {}), ...(ttContinue ? { continuation: ttContinue } : {}) } }, cell });
          }
          // Rows finished by an earlier, interrupted run of the same experiment come from the run state.
          const rowKey = (p: Plan) => fitKey(`row-${planLabel(p)}-t${testLimit ?? 'all'}-f${ft}${p.refine ? `-${refineTag(p.refine, !!p.perLayer, p.steps)}` : ''}${weightsTag(p.formulation)}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'));
          const cellOf = new Map(plans.map(({ plan, cell }) => [planLabel(plan), cell]));
          // Results carry the plan as it ran (a tuned plan with its chosen weights): rows are keyed on the plan as asked.
          const asked = new Map(plans.map(({ plan }) => [planLabel(plan), plan]));
          const todo: Plan[] = [];
          const seedRows: SeedRow[] = [];
          for (const { plan, cell } of plans) {
            const saved = await ctx.store.get(rowKey(plan));
            if (!saved) { todo.push(plan); continue; }
            const { tuneGrid, ...row } = JSON.parse(saved) as ComparisonRow & { tuneGrid?: TuneResult['grid'] };
            seedRows.push({ ...row, seed, cell });
            if (tuneGrid) tuning.push({ seed, label: row.label, grid: tuneGrid });
            reused++;
          }
          // Crops for the report (first seed): the inputs, the full model, then each row's model as it is scored.
          const showCrops = seed === seeds[0];
          if (showCrops) crops.push(...(await inputCrops(ctx.batch, 0)).map((c) => ({ suite: suite.name, cell: '', row: '', crop: c })), { suite: suite.name, cell: '', row: '', crop: await modelCrop(model, ctx.batch, 0, 'full model') });
          try {
            await compareMethods(ctx, todo, {
              test,
              onResult: (row, r) => {
                if (showCrops) pendingCrops.push(modelCrop(r.pruned, ctx.batch, 0, r.label).then((crop) => ({ suite: suite.name, cell: cellName(cellOf.get(r.label)!), row: r.label, testPsnr: row.testPsnr ?? row.psnr, crop })));
                seedRows.push({ ...row, seed, cell: cellOf.get(r.label)! });
                if (r.tuned) tuning.push({ seed, label: r.label, grid: r.tuned.grid });
                void ctx.store.put(rowKey(asked.get(r.label)!), JSON.stringify({ ...row, ...(r.tuned ? { tuneGrid: r.tuned.grid } : {}) }));
                log.info(`seed ${seed} ${row.label}: val ${row.psnr.toFixed(3)} dB, test ${row.testPsnr?.toFixed(3)} dB, FLOPs ${(100 * row.flopsFraction).toFixed(1)}%`);
              },
            });
            crops.push(...await Promise.all(pendingCrops.splice(0)));
          } finally {
            await ctx.close();
          }
          const order = (r: SeedRow) => plans.findIndex(({ plan }) => planLabel(plan) === r.label);
          rows.push(...seedRows.sort((a, b) => order(a) - order(b)));
        }
        model.dispose();
        results.push({ suite, full: { psnr: full.meanPsnr, ssim: full.meanSsim, inputPsnr: full.meanInputPsnr }, testImages: test.size, rows, seeds, reused, seconds: (performance.now() - ts) / 1000,
          calibration: { samples: calib.samples, patch: calib.patch, receptiveField: rf }, selection, tuning });
      }
    });
  } finally {
    await transport.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const vector = vectorExtension();
  const hardware = `${os.cpus()[0]?.model ?? 'unknown CPU'}${vector ? ` (${vector})` : ''}, ${defaultWorkerCount()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; tfjs backend ${backend.name}, evaluation on onnxruntime; ${transport.name} transport`;
  const md = experimentMarkdown(results, { hardware, seconds, argv, ft, tt, testLimit, compensate, removal });
  const json = { version: 2, kind: 'experiment', argv, hardware, seconds, finetune: ft, tt, compensate, removal, testLimit: testLimit ?? null, suites: results.map((r) => ({ ...r, summary: summarizeSeeds(r.rows) })) };
  const html = renderReportHtml({
    title: 'qprune experiment',
    summary: [['hardware', hardware], ['time', `${seconds.toFixed(0)} s`], ['command', `qprune experiment ${argv.join(' ')}`]],
    comparison: results.flatMap((r) => r.rows.map((row) => ({ ...row, suite: `${r.suite.name} s${row.seed}` }))),
    notes: results.map((r) => `${r.suite.name}: ${r.suite.about}; full model ${r.full.psnr.toFixed(3)} dB on ${r.testImages} test images (noisy input ${r.full.inputPsnr.toFixed(3)} dB)`),
    crops: shownCrops(crops),
  });
  await writeOutputDir(out, { 'results.md': md, 'results.json': JSON.stringify(json, null, 1), 'report.html': html });
  return `${results.map((r) => `${r.suite.name} (full model ${r.full.psnr.toFixed(3)} dB on ${r.testImages} test images; seeds ${r.seeds.join(', ')})\n${summaryMarkdown(summarizeSeeds(r.rows))}\n${verdicts(r.rows).join('\n')}`).join('\n\n')}\n${seconds.toFixed(0)} s; wrote ${out}/results.md, results.json, report.html`;
}

const MODES = ['per-layer', 'global-flops', 'global'];

/** Per suite: inputs and full model, then per cell the best row by test PSNR and the best greedy row (rows resumed from the run state have no crop). */
function shownCrops(all: { suite: string; cell: string; row: string; testPsnr?: number; crop: Crop }[]): Crop[] {
  const out: Crop[] = [];
  for (const suite of [...new Set(all.map((c) => c.suite))]) {
    const mine = all.filter((c) => c.suite === suite);
    out.push(...mine.filter((c) => !c.cell).map((c) => ({ ...c.crop, label: `${suite}: ${c.crop.label}` })));
    for (const cell of [...new Set(mine.filter((c) => c.cell).map((c) => c.cell))]) {
      const rows = mine.filter((c) => c.cell === cell).sort((a, b) => (b.testPsnr ?? 0) - (a.testPsnr ?? 0));
      const greedy = rows.find((c) => ['l1', 'taylor', 'fisher'].includes(c.row.split(/[@(+x]/)[0]));
      for (const c of [rows[0], ...(greedy && greedy !== rows[0] ? [greedy] : [])]) out.push({ ...c.crop, label: `${suite} ${cell}: ${c.row}${c === rows[0] ? ' (best test PSNR)' : ' (best greedy)'}` });
    }
  }
  return out;
}

/** Run-state id of one model, calibration seed, calibration and selection split (at most 64 characters). */
/** Evaluations are journaled in the run state, so the compensation (which changes them) is part of its id. */
function runStateId(name: string, seed: number, calib: { samples: number; patch: number; coupleLayers: number }, selTag: string, val: { count: number; crop: number; margin: number }, compensate: Compensation, removal: Removal): string {
  const id = `experiment-${name}-s${seed}-c${calib.samples}x${calib.patch}-sel-${selTag}-${val.count}x${val.crop}${val.margin ? `m${val.margin}` : ''}${compensate === 'none' ? '' : `-comp-${compensate}`}${removal === removalFor(compensate) ? '' : `-removal-${removal}`}${calib.coupleLayers ? `-couple-${calib.coupleLayers === COUPLE_ALL ? 'all' : calib.coupleLayers}` : ''}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return id.length <= 64 ? id : `experiment-${createHash('sha256').update(id).digest('hex').slice(0, 24)}`;
}

const cellName = (c: SeedRow['cell']) => `${c.mode === 'per-layer' ? 'per layer' : c.mode === 'global-flops' ? 'global, FLOPs of per layer' : 'global (filters)'} ${Math.round(c.sparsity * 1000) / 10}%`;

/** One method in one cell over the seeds. */
export interface SeedSummary { cell: string; method: string; seeds: number[]; test: number[]; val: number[]; ssim: number[]; flops: number[]; params: number[]; sparsity: number[] }

export function summarizeSeeds(rows: SeedRow[]): SeedSummary[] {
  const out = new Map<string, SeedSummary>();
  for (const r of rows) {
    const cell = cellName(r.cell), method = methodName(r), key = `${cell}|${method}`;
    const s = out.get(key) ?? { cell, method, seeds: [], test: [], val: [], ssim: [], flops: [], params: [], sparsity: [] };
    s.seeds.push(r.seed); s.test.push(r.testPsnr ?? NaN); s.val.push(r.psnr); s.ssim.push(r.testSsim ?? NaN); s.flops.push(r.flopsFraction); s.params.push(r.params); s.sparsity.push(r.sparsity);
    out.set(key, s);
  }
  return [...out.values()];
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const range = (v: number[]) => Math.max(...v) - Math.min(...v);

export function summaryMarkdown(summary: SeedSummary[]): string {
  const head = ['cell', 'method', 'FLOPs kept', 'params', 'val PSNR', 'test PSNR (mean)', 'range over seeds', 'per seed', 'test SSIM'];
  const body = summary.map((s) => [s.cell, s.method, `${(100 * mean(s.flops)).toFixed(1)}%`, Math.round(mean(s.params)).toLocaleString('en'), mean(s.val).toFixed(3), mean(s.test).toFixed(3), range(s.test).toFixed(3),
    s.test.map((t, i) => `s${s.seeds[i]} ${t.toFixed(3)}`).join(', '), mean(s.ssim).toFixed(4)]);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/**
 * Per cell, test-PSNR differences on the same seed (the calibration they share), as mean and per seed:
 * hybrid against greedy Fisher and the best greedy, the paper's formulation against Taylor and L1-QUBO,
 * tuned rows against their default weights.
 */
export function verdicts(rows: SeedRow[]): string[] {
  const out: string[] = [];
  const cells = [...new Set(rows.map((r) => cellName(r.cell)))];
  for (const c of cells) {
    const sel = rows.filter((r) => cellName(r.cell) === c);
    const seeds = [...new Set(sel.map((r) => r.seed))];
    const at = (name: string, seed: number) => sel.find((r) => r.seed === seed && methodName(r) === name)?.testPsnr ?? NaN;
    const bestGreedy = (seed: number) => Math.max(...['l1', 'taylor', 'fisher'].map((m) => at(m, seed)).filter(Number.isFinite));
    const diff = (a: string, b: string | ((seed: number) => number), label: string) => {
      const d = seeds.map((s) => at(a, s) - (typeof b === 'string' ? at(b, s) : b(s)));
      if (!d.every(Number.isFinite)) return undefined;
      const sign = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
      return `${a} − ${label} ${sign(mean(d))} dB (${d.map((v, i) => `s${seeds[i]} ${sign(v)}`).join(', ')})`;
    };
    const parts = [
      diff('hybrid', 'fisher', 'fisher'), diff('hybrid', bestGreedy, 'best greedy'), diff('hybrid(tuned)', 'fisher', 'fisher'),
      diff('hybrid-paper', 'taylor', 'taylor'), diff('hybrid-paper', 'l1-qubo', 'l1-qubo'), diff('hybrid-paper(tuned)', 'taylor', 'taylor'),
      diff('hybrid-paper(tuned)', 'l1-qubo', 'l1-qubo'), diff('hybrid-paper(tuned)', 'hybrid-paper', 'hybrid-paper'), diff('hybrid+tt', 'hybrid', 'hybrid'),
      diff('hybrid+tt(screened)', 'hybrid', 'hybrid'), // rows stored before the screen was the default
      diff('cross-layer', 'hybrid', 'hybrid'), diff('cross-layer(tuned)', 'hybrid(tuned)', 'hybrid(tuned)'),
      diff('reconstruction', 'hybrid', 'hybrid'), diff('reconstruction', 'fisher', 'fisher'), diff('reconstruction(tuned)', 'hybrid(tuned)', 'hybrid(tuned)'),
      // TT against the same-budget ablations.
      ...['hybrid+tt(boltzmann)', 'hybrid+tt(steps)', 'hybrid+random', 'hybrid+ea', 'hybrid+local', 'hybrid+ttopt'].map((m) => diff('hybrid+tt', m, m)),
      ...['hybrid+tt', 'hybrid+random', 'hybrid+ea', 'hybrid+local', 'hybrid+ttopt'].map((m) => diff('hybrid+tt(screened)', m, m)),
      ...['hybrid', 'hybrid+tt', 'hybrid+random', 'hybrid+ea', 'hybrid+local', 'hybrid+ttopt'].map((m) => diff('hybrid+tt-ea', m, m)),
      ...['hybrid', 'hybrid+tt', 'hybrid+random', 'hybrid+ea', 'hybrid+local', 'hybrid+ttopt'].map((m) => diff('hybrid+tt-guided', m, m)),
    ].filter((p): p is string => !!p);
    if (parts.length) out.push(`- ${c}: ${parts.join('; ')}`);
  }
  return out;
}

/** `--render DIR`: results.md again from results.json, with the current table format. */
async function renderAgain(dir: string): Promise<string> {
  const file = path.join(dir, 'results.json');
  let j: { argv: string[]; hardware: string; seconds: number; finetune: number; tt: number; compensate: Compensation; removal: Removal; testLimit: number | null; suites: Result[] };
  try {
    j = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new QpruneError(`--render: cannot read ${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(j.suites) || !Array.isArray(j.argv)) throw new QpruneError(`--render: ${file} is not an experiment's results.json`);
  const md = experimentMarkdown(j.suites, { hardware: j.hardware, seconds: j.seconds, argv: j.argv, ft: j.finetune, tt: j.tt, testLimit: j.testLimit ?? undefined, compensate: j.compensate, removal: j.removal });
  await writeFileAtomic(path.join(dir, 'results.md'), md);
  return `wrote ${path.join(dir, 'results.md')} from ${file}`;
}

function experimentMarkdown(results: Result[],
  o: { hardware: string; seconds: number; argv: string[]; ft: number; tt: number; testLimit?: number; compensate: Compensation; removal: Removal }): string {
  const lines = [`# qprune experiment`, '', `Command: \`qprune experiment ${o.argv.join(' ')}\``, '', `Hardware: ${o.hardware}. Total time ${o.seconds.toFixed(0)} s.`, '',
    `Cells: "per layer" removes the same fraction of filters in every channel group; "global, FLOPs of per layer" is one network-wide budget ` +
    `in FLOPs, set to what the per-layer row of the same sparsity keeps, so every row of a cell costs the same (within one filter); "global (filters)" counts filters. ` +
    `val PSNR: the pruned model (no fine-tuning) on the selection crops (what TT refinement and --tune optimise); test PSNR/SSIM: the final model${o.ft ? ` (after ${o.ft} fine-tuning steps)` : ' (no fine-tuning)'} ` +
    `on the held-out test set at full size${o.testLimit ? ` (first ${o.testLimit} images only)` : ''}, mean over the calibration seeds, with their range. ` +
    `(tuned): the formulation's weights chosen from its grid by val PSNR.${o.tt ? ` hybrid+tt: TT (PROTES) refinement with ${o.tt} evaluations over candidates from every formulation and greedy top-k at the hybrid's k per group (with --steps N also those methods' N-step answers at these k, labelled fisherxN etc.), started from a screen of every single change of the answer; +tt(boltzmann): started from the QUBO energies' Boltzmann prior; +tt(steps): the earlier 40-step prior; +random, +ea, +local, +ttopt: ablations at the same budget.` : ''} FLOPs relative to the full model. Removed channels: ${o.compensate === 'none' ? 'zero (no compensation)' : `folded into their consumers (--compensate ${o.compensate})`}; the scores assume a removed channel becomes ${o.removal === 'zero' ? 'zero' : 'its calibration mean'} (removal ${o.removal}).`, ''];
  for (const r of results) {
    lines.push(`## ${r.suite.name}`, '', r.suite.about + '.', '',
      `Calibration: ${r.calibration.samples} patches of ${r.calibration.patch}x${r.calibration.patch} (receptive field ${r.calibration.receptiveField} px), seeds ${r.seeds.join(', ')}; selection crops from ${r.selection}.`, '',
      `Full model: ${r.full.psnr.toFixed(3)} dB / SSIM ${r.full.ssim.toFixed(4)} on ${r.testImages} test images (noisy input ${r.full.inputPsnr.toFixed(3)} dB); ${r.seconds.toFixed(0)} s for this model in this invocation` +
      `${r.reused ? `, ${r.reused} of ${r.rows.length} rows taken from the run state of an earlier invocation` : ''}.`, '',
      summaryMarkdown(summarizeSeeds(r.rows)), '', 'Test-PSNR differences on the same calibration seed:', '', ...verdicts(r.rows), '');
    const refined = r.rows.filter((row) => row.refined);
    if (refined.length) {
      // Successive halving adds a column: which finalist the larger crops picked, and its gains there.
      const halving = refined.some((row) => row.refined!.finalists);
      const continued = refined.some((row) => row.refined!.continuation);
      const dB = (v?: number) => (v === undefined ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(3)}`);
      const finalistCell = (f: NonNullable<ComparisonRow['refined']>['finalists']) => (!f ? '–' : f.rank === 0 ? `solver's answer (${f.crop}²)` : `#${f.rank} (${f.crop}²): ${dB(f.selectionGain)} / ${dB(f.checkGain)}`);
      const continuationCell = (c: NonNullable<ComparisonRow['refined']>['continuation']) => (!c ? '–' : `${c.evaluations} (${c.seconds.toFixed(0)} s) on ${c.crop}², from ${c.startRank ? `#${c.startRank}` : 'the answer'}: ${dB(c.startGain)} → ${dB(c.selectionGain)}`);
      lines.push(`Refinement (objective: the even-position validation images; an answer is accepted only if it also gains on the odd-position ones, the check half; the other methods' whole answers at the solver's k are evaluated first (the best of them in brackets, selection gain over the solver's answer), so the refined answer is never worse there than any of them${continued ? '; continuation: a second search (the EA) on larger crops of the same images, started from the best there of the solver\'s answer and the first search\'s best points (its evaluations, the start, and the selection gain over the solver\'s answer at that size, at the start and at its best)' : ''}${halving ? `; with finalists, the ${continued ? 'continuation\'s' : 'search\'s'} best points and the solver's answer are evaluated again on larger crops of the same images, where the answer is picked and checked` : ''}):`, '',
        `| seed | row | evaluations | seconds | groups changed (candidates taken) | filters moved (infeasible points) | selection gain | check gain |${continued ? ' continuation |' : ''}${halving ? ' finalist picked: selection / check gain |' : ''} accepted |`, `|---|---|---|---|---|---|---|---|${continued ? '---|' : ''}${halving ? '---|' : ''}---|`,
        ...refined.map((row) => { const f = row.refined!;
          return `| s${row.seed} | ${row.label} | ${f.evaluations} | ${f.seconds.toFixed(0)} | ${f.changedGroups}${f.origins && Object.keys(f.origins).length ? ` (${Object.entries(f.origins).map(([o, n]) => `${o} ${n}`).join(', ')})` : ''} | ${f.movedFilters === undefined ? '–' : `${f.movedFilters} (${f.infeasible})`} | ${dB(f.selectionGain)}${f.bestOtherAnswer ? ` (best other answer: ${f.bestOtherAnswer.label} ${dB(f.bestOtherAnswer.selectionGain)})` : ''} | ${dB(f.checkGain)} |${continued ? ` ${continuationCell(f.continuation)} |` : ''}${halving ? ` ${finalistCell(f.finalists)} |` : ''} ${f.accepted === undefined ? '–' : f.accepted ? 'yes' : 'no'} |`; }), '');
    }
    if (r.tuning.length) {
      lines.push('Tuning grids (val PSNR on the selection crops of each point; the best was used):', '');
      for (const t of r.tuning) lines.push(`- s${t.seed} ${t.label}: ${t.grid.map((p) => `${Object.entries(p.weights).map(([k, v]) => `${k}=${v}`).join(' ')} → ${p.psnr.toFixed(3)}`).join('; ')}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

export const command: Command = { summary: 'methods x sparsities x models on held-out test sets: the comparison table', help: experimentHelp, run: runExperiment };
