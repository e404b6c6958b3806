/** `qprune prune`: flags -> a PruneJob -> runPruneJob (src/pipeline/prune-job.ts), embedded or over NATS. */
import type { ScoreEngine } from '../score/engine.js';
import type { BatchNormMode } from '../train/batch-norm-mode.js';
import { parse, intOption, Parsed, required, weightsOption } from './args.js';
import type { Command } from './command.js';
import { QpruneError } from '../errors.js';
import { untilStopped } from './stop-signal.js';
import { METHODS } from '../pipeline/methods/registry.js';
import { PruneJob, PruneJobInput, jobToSpec, parsePruneJob } from '../pipeline/job.js';
import { runPruneJob, storedJob } from '../pipeline/prune-job.js';
import { pruneSummary } from '../pipeline/report.js';
import { DirRunStore, newRunId, RunStore } from '../pipeline/run-store.js';
import { REFINERS } from '../refine/refiners.js';
import type { Transport } from '../transport/transport.js';
import { NatsTransport } from '../transport/nats.js';
import { openTransport } from './stages-flag.js';
import { encodeRunSpec } from '../transport/wire.js';
import { defaultWorkerCount } from '../engine/cores.js';
import { NatsRunStore } from '../cluster/nats-run-store.js';
import { createProgress } from '../ui/progress.js';
import { log } from '../log.js';
import { refinerMethod } from '../refine/names.js';
import { parseCoupling } from '../pipeline/methods/coupling.js';
import { FINALIST_CROP, parseFinalists } from '../refine/finalists.js';
import { CONTINUATION_CROP, parseContinuation } from '../refine/continuation.js';

export const pruneHelp = `usage: qprune prune --model <path> --data <spec> --sparsity S --method M --out <dir> [options]
       qprune prune --resume <run> [--state-dir D | --nats URL]

Scores the model on the data, decides which filters to keep (S = fraction of prunable filters removed,
0 < S < 1; one global budget unless --per-layer), optionally refines against the true PSNR, removes the
filters physically, optionally fine-tunes, and writes <dir>/model (tfjs format), <dir>/solution.json,
<dir>/report.json and <dir>/report.html. Methods: ${METHODS.join(', ')}.
  --noise MODEL     noise for clean data (e.g. gaussian:25)     --per-layer   same ratio in every group
  --budget-by U     filters | flops | params: what S is a fraction of under the global budget (default
                    filters; flops/params: of the whole model's, at the validation crop size)
  --select SPEC     the selection split: validation crops (TT objective, val PSNR) from these images
                    instead of --data (use images neither the model nor the calibration saw)
  --test SPEC       a held-out test set, at full size, at the end: the full model, the noisy input, this
                    model and every method at this sparsity (solved only) side by side; a baseline that
                    beats this model is flagged (report, warning, summary line)
  --refine M        tt | ${REFINERS.join(' | ')} (tt = protes): refine the QUBO answer  --budget B  evaluations (default 200)
  --scope S         all | window:START:LEN | gap:N (default all)
  --moves N         global budget: transfers of up to N filters between neighbouring groups in the refinement
                    grid, the total (or the --budget-by limit) kept (default 2 with --scope all; 0 = k fixed)
  --finalists N[xC] successive halving: the search's N best points and the solver's answer evaluated again on
                    C x C crops of the validation images (default C ${FINALIST_CROP}); the answer is picked and
                    checked there (default none: the search's best on the --crop crops); N[xC]:ladder puts
                    first the best point within 1, 2, 4, ... changed groups of the answer
  --continue B[xC]  before the finalists, a second search (the EA) of B evaluations on C x C crops of the
                    validation images (default C ${CONTINUATION_CROP}), from the best there of the solver's answer and
                    the search's best points; the finalists are then its best (default none)
  --weights LIST    formulation weights NAME=V,... (hybrid: taylor, similarity, taylorScale, shrinkage,
                    ledoitWolf, shrinkTarget, default 0; hybrid-paper: alpha (default 1), beta (default 0),
                    gamma (default 0.2); reconstruction: fisherMix (default 0)); recorded in solution.json
                    and report.json
  --steps N         iterative pruning: reach S in N equal steps, re-scoring the pruned model before each
                    next one (every method; default 1); --refine then also offers the other methods'
                    N-step answers at the answer's k per group as candidates
  --tune            choose those weights instead: every point of the formulation's grid is solved and
                    scored on the validation crops (give --select); the grid goes into report.json
  --compensate M    none | mean | linear (default none): fold each removed channel into its consumers,
                    as its calibration mean, or as its least-squares estimate from the kept channels;
                    used in every evaluation and in the saved model (prune == mask holds for none only)
  --finetune N      fine-tune the pruned model for at most N steps (0 = off) on the calibration images
                    but the last tenth, which is held out: the best weights there are kept (the pruned
                    model itself when no step beats it), early stop after 3 evaluations without a gain
  --ft-lr X         its peak learning rate, cosine decay to a tenth (default 5e-4)
  --ft-distill A    target = (1-A)·clean + A·output of the unpruned model (0..1, default 0)
  --ft-bn M         frozen (default: BatchNorm keeps its pretrained statistics) | batch (minibatch statistics)
  --calib N         calibration patches (default 64)            --patch P     their size (default 64)
  --couple-layers K cross-group Fisher blocks for groups up to K apart, or all (default: all for
                    --method cross-layer, else none)
  --score-engine E  onnxruntime (default: the gate-gradient graph on onnxruntime) | tfjs; a model with a
                    layer type the graph lacks is scored on tfjs, with a warning naming it
  --val N           validation crops (default 8): the first N images' centres; more than the images gives
                    several crops per image (up to 9)            --crop C      their size (default 96)
  --val-margin M    pixels around each validation crop the network sees but PSNR leaves out (default 0;
                    half the receptive field, e.g. 17 for DnCNN-S, measures no pixel near a crop border)
  --sweep LIST      sparsities for the report's PSNR-vs-sparsity curves of every method (default
                    0.25,0.36,0.5 plus S; 'none' to skip)
  --workers W       worker threads for scoring, solving and evaluation (default cores; 0 = this thread)
  --seed S          (default 0)
  --force           replace <dir> if it exists (written to a temp dir and renamed: never half-written)
  --run ID          name this run (default: a new id, printed)  --state-dir D run state (default .qprune/runs)
  --resume ID       continue run ID after a crash or Ctrl-C: finished stages (scores, solutions,
                    evaluated candidates) come from the run state and are not recomputed
  --nats URL        score, solve and evaluate on the cluster's services; run state in JetStream KV
  --submit          with --nats: hand the whole run to a coordinator service and wait for its result
                    (--out is then relative to that coordinator's --out-root)
                    (the run goes on if this process stops; the same command with --run ID waits again)
  --namespace NS    the cluster's stream/subject prefix (default qprune)`;

const OPTIONS = {
  model: { type: 'string' }, data: { type: 'string' }, noise: { type: 'string' }, sparsity: { type: 'string' }, method: { type: 'string' },
  'per-layer': { type: 'boolean' }, refine: { type: 'string' }, budget: { type: 'string' }, scope: { type: 'string' }, moves: { type: 'string' }, finalists: { type: 'string' }, continue: { type: 'string' }, calib: { type: 'string' }, 'couple-layers': { type: 'string' },
  patch: { type: 'string' }, val: { type: 'string' }, crop: { type: 'string' }, 'val-margin': { type: 'string' }, workers: { type: 'string' }, seed: { type: 'string' },
  out: { type: 'string' }, force: { type: 'boolean' }, finetune: { type: 'string' }, 'ft-lr': { type: 'string' }, 'ft-distill': { type: 'string' }, 'ft-bn': { type: 'string' }, sweep: { type: 'string' },
  run: { type: 'string' }, 'state-dir': { type: 'string' }, resume: { type: 'string' }, nats: { type: 'string' }, namespace: { type: 'string' },
  submit: { type: 'boolean' }, weights: { type: 'string' }, 'budget-by': { type: 'string' }, select: { type: 'string' }, tune: { type: 'boolean' }, steps: { type: 'string' },
  compensate: { type: 'string' }, 'score-engine': { type: 'string' }, test: { type: 'string' },
} as const;

type Values = Parsed<typeof OPTIONS>['values'];

/** A number flag as the job's field (the job's schema checks the range; a non-number is named here). */
function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new QpruneError(`--${name} must be a number, got '${v}'`);
  return n;
}

/** The flags as a PruneJob: the CLI's only part in the run. */
export function jobFromFlags(v: Values): PruneJob {
  // The refinement's own flags mean nothing without one: refused rather than ignored.
  const orphan = (['budget', 'scope', 'moves', 'finalists', 'continue'] as const).find((f) => v[f] !== undefined && !v.refine);
  if (orphan) throw new QpruneError(`--${orphan} needs --refine M`);
  const input: PruneJobInput = {
    model: required(v.model, 'model'), data: required(v.data, 'data'), noise: v.noise, sparsity: num(required(v.sparsity, 'sparsity'), 'sparsity')!, budget: v['per-layer'] ? 'per-layer' : 'global',
    budgetBy: v['budget-by'] as PruneJobInput['budgetBy'], selection: v.select, test: v.test, tune: !!v.tune, steps: num(v.steps, 'steps'), compensate: v.compensate as PruneJobInput['compensate'],
    method: required(v.method, 'method'), formulation: weightsOption(v.weights),
    refine: v.refine ? { method: refinerMethod(v.refine), budget: num(v.budget, 'budget'), scope: v.scope, ...(v.moves !== undefined ? { moves: num(v.moves, 'moves') } : {}), ...(v.finalists !== undefined ? { finalists: parseFinalists(v.finalists, '--finalists') } : {}), ...(v.continue !== undefined ? { continuation: parseContinuation(v.continue, '--continue') } : {}) } : undefined,
    finetune: v.finetune && num(v.finetune, 'finetune') !== 0 ? { steps: num(v.finetune, 'finetune')!, learningRate: num(v['ft-lr'], 'ft-lr'), distill: num(v['ft-distill'], 'ft-distill'), batchNorm: v['ft-bn'] as BatchNormMode | undefined } : undefined,
    calibration: { samples: num(v.calib, 'calib'), patch: num(v.patch, 'patch'), engine: v['score-engine'] as ScoreEngine | undefined, coupleLayers: parseCoupling(v['couple-layers']) }, validation: { count: num(v.val, 'val'), crop: num(v.crop, 'crop'), margin: num(v['val-margin'], 'val-margin') },
    sweep: v.sweep === 'none' ? [] : v.sweep ? v.sweep.split(',').map((s) => num(s, 'sweep')!) : undefined,
    seed: num(v.seed, 'seed'), out: required(v.out, 'out'), force: !!v.force,
  };
  return parsePruneJob(input);
}

export async function runPrune(argv: string[]): Promise<string> {
  const { values } = parse(argv, OPTIONS);
  if (values.submit) return submitRun(values);
  const workers = intOption(values.workers, 'workers', { min: 0, fallback: defaultWorkerCount() })!;
  const nats = values.nats ? await NatsTransport.connect({ url: values.nats, namespace: values.namespace }) : undefined;
  let transport: Transport | undefined = nats;
  try {
    const stateDir = values['state-dir'] ?? '.qprune/runs';
    const id = values.resume ?? values.run ?? newRunId();
    const store: RunStore = nats ? await NatsRunStore.open(nats, id) : new DirRunStore(stateDir, id);
    let job: PruneJob;
    if (values.resume) {
      const saved = await storedJob(store);
      if (!saved) throw new QpruneError(`no run '${id}' in ${store.where} (give the same --state-dir or --nats as the first time)`);
      job = { ...saved, force: true };
    } else job = jobFromFlags(values);
    transport ??= await openTransport({ workers });
    log.info(`run ${store.id}: state in ${store.where}${values.resume ? ' (resumed)' : ''}; after a crash or Ctrl-C: qprune prune --resume ${store.id}${nats ? ' --nats URL' : values['state-dir'] ? ` --state-dir ${values['state-dir']}` : ''}`);
    // Ctrl-C / SIGTERM: the run stops at the next unit of work, writes nothing, keeps its state.
    const stages = transport;
    return pruneSummary(await untilStopped((sig) => `${sig}: stopped; nothing written to ${job.out}; continue with: qprune prune --resume ${store.id}`,
      (signal) => runPruneJob(job, { stages, store, progress: createProgress(), signal })));
  } finally {
    await transport?.close();
  }
}

/** Hands the run to a coordinator service and waits for its answer (resubmitting the same run id finds it). */
async function submitRun(values: Values): Promise<string> {
  if (!values.nats) throw new QpruneError('--submit needs --nats URL');
  for (const own of ['resume', 'state-dir'] as const) if (values[own] !== undefined) throw new QpruneError(`--${own} does not go with --submit (the coordinator resumes runs itself)`);
  const job = jobFromFlags(values);
  const id = values.run ?? newRunId();
  const transport = await NatsTransport.connect({ url: values.nats, namespace: values.namespace, idleTimeout: 7 * 24 * 3600 });
  try {
    log.info(`run ${id} submitted to the coordinators at ${values.nats}; waiting (qprune prune ... --submit --run ${id} waits again)`);
    const [r] = await transport.run('run', id, [encodeRunSpec(id, jobToSpec(job))]);
    return r.run?.summary ?? `run ${id} finished`;
  } finally {
    await transport.close();
  }
}

export const command: Command = { summary: 'the whole pipeline: score, solve, refine, remove filters; model + report', help: pruneHelp, run: runPrune };
