/** `qprune prune`: the whole pipeline on one model; writes the pruned model, solution.json, report.json and report.html. */
import { existsSync, rmSync } from 'node:fs';
import { parse, intOption, required } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { defaultWorkerCount } from '../engine/pool.js';
import { checkSparsity, METHODS } from '../pipeline/solve.js';
import { prepareRun, runPlan } from '../pipeline/run.js';
import { compareMethods, sweepPlans } from '../pipeline/compare.js';
import { buildPruneReport, outputTempDir, pruneReportView, writeOutputDir } from '../pipeline/report.js';
import { DirRunStore, newRunId, RunStore } from '../pipeline/run-store.js';
import { renderReportHtml } from '../report/html.js';
import { beforeAfterCrops } from '../report/crops.js';
import { parseScope } from '../refine/mask-encoding.js';
import { REFINERS } from '../refine/refiners.js';
import { NatsTransport } from '../cluster/nats-transport.js';
import { NatsRunStore } from '../cluster/nats-run-store.js';
import { stageDeps } from '../cluster/stage-deps.js';
import { encodeRunSpec } from '../cluster/coordinator.js';
import { createProgress } from '../ui/progress.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';

export const pruneHelp = `usage: qprune prune --model <path> --data <spec> --sparsity S --method M --out <dir> [options]
       qprune prune --resume <run> [--state-dir D | --nats URL]

Scores the model on the data, decides which filters to keep (S = fraction of prunable filters removed,
0 < S < 1; one global budget unless --per-layer), optionally refines against the true PSNR, removes the
filters physically, optionally fine-tunes, and writes <dir>/model (tfjs format), <dir>/solution.json,
<dir>/report.json and <dir>/report.html. Methods: ${METHODS.join(', ')}.
  --noise MODEL     noise for clean data (e.g. gaussian:25)     --per-layer   same ratio in every group
  --refine M        ${REFINERS.join(' | ')} (tt = protes): refine the QUBO answer  --budget B  evaluations (default 200)
  --scope S         all | window:START:LEN | gap:N (default all)
  --finetune N      fine-tune the pruned model for N steps      --ft-lr X     its learning rate (default 5e-4)
  --calib N         calibration patches (default 64)            --patch P     their size (default 64)
  --val N           validation images (default 8)               --crop C      their crop (default 96)
  --sweep LIST      sparsities for the report's PSNR-vs-sparsity curves of every method (default
                    0.25,0.36,0.5 plus S; 'none' to skip)
  --workers W       evaluator threads (default cores)           --seed S      (default 0)
  --force           replace <dir> if it exists (written to a temp dir and renamed: never half-written)
  --run ID          name this run (default: a new id, printed)  --state-dir D run state (default .qprune/runs)
  --resume ID       continue run ID after a crash or Ctrl-C: finished stages (scores, solutions,
                    evaluated candidates) come from the run state and are not recomputed
  --nats URL        score, solve and evaluate on the cluster's services; run state in JetStream KV
  --submit          with --nats: hand the whole run to a coordinator service and wait for its result
                    (the run goes on if this process stops; the same command with --run ID waits again)
  --namespace NS    the cluster's stream/subject prefix (default qprune)`;

const OPTIONS = {
  model: { type: 'string' }, data: { type: 'string' }, noise: { type: 'string' }, sparsity: { type: 'string' }, method: { type: 'string' },
  'per-layer': { type: 'boolean' }, refine: { type: 'string' }, budget: { type: 'string' }, scope: { type: 'string' }, calib: { type: 'string' },
  patch: { type: 'string' }, val: { type: 'string' }, crop: { type: 'string' }, workers: { type: 'string' }, seed: { type: 'string' },
  out: { type: 'string' }, force: { type: 'boolean' }, finetune: { type: 'string' }, 'ft-lr': { type: 'string' }, sweep: { type: 'string' },
  run: { type: 'string' }, 'state-dir': { type: 'string' }, resume: { type: 'string' }, nats: { type: 'string' }, namespace: { type: 'string' },
  submit: { type: 'boolean' },
} as const;

function parseSweep(text: string | undefined, target: number): number[] {
  if (text === 'none') return [];
  const list = text ? text.split(',').map(Number) : [0.25, 0.36, 0.5];
  list.forEach(checkSparsity);
  return [...new Set([...list, target])].sort((a, b) => a - b);
}

/** `signals: false` when a coordinator service runs it: Ctrl-C handling belongs to the CLI process only. */
export async function runPrune(argv: string[], how: { signals?: boolean } = {}): Promise<string> {
  let { values } = parse(argv, OPTIONS);
  if (values.submit) return submitRun(argv, values.nats, values.namespace, values.run);
  const transport = values.nats ? await NatsTransport.connect({ url: values.nats, namespace: values.namespace }) : undefined;
  try {
    let store: RunStore;
    let resumed = false;
    const stateDir = values['state-dir'] ?? '.qprune/runs';
    if (values.resume) {
      const id = values.resume;
      store = transport ? await NatsRunStore.open(transport, id) : new DirRunStore(stateDir, id);
      const spec = await store.get('spec');
      if (!spec) throw new QpruneError(`no run '${id}' in ${store.where} (give the same --state-dir or --nats as the first time)`);
      if (await store.get('done')) throw new QpruneError(`run '${id}' already finished: ${JSON.parse(spec).out}`);
      // The original command line, with this invocation's connection options.
      values = { ...parse(JSON.parse(spec).argv, OPTIONS).values, nats: values.nats, namespace: values.namespace, force: true };
      resumed = true;
    } else {
      const id = values.run ?? newRunId();
      store = transport ? await NatsRunStore.open(transport, id) : new DirRunStore(stateDir, id);
    }
    return await pruneWith(values, argv, store, resumed, transport, how.signals ?? true);
  } finally {
    await transport?.close();
  }
}

/** Hands the run to a coordinator service and waits for its answer (job id from the options: resubmitting finds it). */
async function submitRun(argv: string[], url: string | undefined, namespace: string | undefined, run: string | undefined): Promise<string> {
  if (!url) throw new QpruneError('--submit needs --nats URL');
  const own = new Set(['--nats', '--namespace', '--run', '--submit']);
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (own.has(a)) { if (a !== '--submit') i++; continue; }
    if (a === '--resume' || a === '--state-dir') throw new QpruneError(`${a} does not go with --submit (the coordinator resumes runs itself)`);
    rest.push(a);
  }
  const id = run ?? newRunId();
  const transport = await NatsTransport.connect({ url, namespace, idleTimeout: 7 * 24 * 3600 });
  try {
    log.info(`run ${id} submitted to the coordinators at ${url}; waiting (qprune prune ... --submit --run ${id} waits again)`);
    const [r] = await transport.run('run', id, [encodeRunSpec(id, rest)]);
    return r.run?.summary ?? `run ${id} finished`;
  } finally {
    await transport.close();
  }
}

async function pruneWith(values: Record<string, string | boolean | undefined>, argv: string[], store: RunStore, resumed: boolean, transport: NatsTransport | undefined, signals: boolean): Promise<string> {
  const str = (k: string) => values[k] as string | undefined;
  const out = required(str('out'), 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to replace it)`);
  const sparsity = Number(required(str('sparsity'), 'sparsity'));
  checkSparsity(sparsity);
  const method = required(str('method'), 'method');
  if (!(METHODS as readonly string[]).includes(method)) throw new QpruneError(`--method must be one of ${METHODS.join(', ')}, got '${method}'`);
  const refine = str('refine') === 'tt' ? 'protes' : str('refine');
  if (refine !== undefined && !(REFINERS as readonly string[]).includes(refine)) throw new QpruneError(`--refine must be tt or one of ${REFINERS.join(', ')}, got '${refine}'`);
  if (refine && method !== 'hybrid' && method !== 'l1-qubo') throw new QpruneError(`--refine needs a QUBO method (hybrid or l1-qubo), got '${method}'`);
  const seed = intOption(str('seed'), 'seed', { fallback: 0 })!;
  const workers = intOption(str('workers'), 'workers', { min: 0, fallback: defaultWorkerCount() })!;
  const finetuneSteps = intOption(str('finetune'), 'finetune', { min: 1 });
  const ftLr = str('ft-lr') === undefined ? 5e-4 : Number(str('ft-lr'));
  if (!(ftLr > 0 && ftLr < 1)) throw new QpruneError(`--ft-lr must be in (0, 1), got '${str('ft-lr')}'`);
  const sweep = parseSweep(str('sweep'), sparsity);
  const budget = intOption(str('budget'), 'budget', { min: 1, fallback: 200 })!;
  const scope = parseScope(str('scope') ?? 'all');
  const calib = { samples: intOption(str('calib'), 'calib', { min: 1, fallback: 64 })!, patch: intOption(str('patch'), 'patch', { min: 4, fallback: 64 })!, batch: 8 };
  const val = { count: intOption(str('val'), 'val', { min: 1, fallback: 8 })!, crop: intOption(str('crop'), 'crop', { min: 8, fallback: 96 })! };
  const modelPath = required(str('model'), 'model'), dataSpec = required(str('data'), 'data');

  const t0 = performance.now();
  const backend = await initBackend();
  const { model } = await loadModel(modelPath);
  const data = await openDataset(dataSpec, { noise: str('noise') ? parseNoise(str('noise')!) : undefined, seed, channels: modelChannels(model) as 1 | 3 });
  if (!resumed) await store.put('spec', JSON.stringify({ argv, out }));
  log.info(`run ${store.id}: state in ${store.where}${resumed ? ' (resumed)' : ''}; after a crash or Ctrl-C: qprune prune --resume ${store.id}${transport ? ' --nats URL' : str('state-dir') ? ` --state-dir ${str('state-dir')}` : ''}`);

  // Ctrl-C: stop at once, remove a half-written output, keep the run state for --resume.
  const onSignal = (sig: string) => {
    rmSync(outputTempDir(out), { recursive: true, force: true });
    process.stderr.write(`\n[qprune] ${sig}: stopped; nothing written to ${out}; continue with: qprune prune --resume ${store.id}\n`);
    process.exit(130);
  };
  const sigint = () => onSignal('SIGINT'), sigterm = () => onSignal('SIGTERM');
  if (signals) {
    process.once('SIGINT', sigint);
    process.once('SIGTERM', sigterm);
  }

  const ctx = await prepareRun(model, data, { seed, calib, val }, { store, progress: createProgress(), ...stageDeps(transport, store.id, model, workers) });
  try {
    const plan = {
      method, sparsity, perLayer: values['per-layer'] as boolean | undefined, seed,
      refine: refine ? { method: refine, budget, scope } : undefined,
      finetune: finetuneSteps ? { steps: finetuneSteps, learningRate: ftLr } : undefined,
    };
    const result = await runPlan(ctx, plan);
    const { rows } = await compareMethods(ctx, sweepPlans([...METHODS], sweep, !!plan.perLayer, seed));
    const crops = await beforeAfterCrops(model, result.pruned, ctx.batch, 0, `pruned: ${result.label}${result.finetuned ? ', fine-tuned' : ''}`);
    const report = buildPruneReport({
      ctx, result, sweep: rows, crops, backend: backend.name, seconds: (performance.now() - t0) / 1000,
      run: { id: store.id, state: store.where, resumed }, source: { model: modelPath, data: dataSpec, noise: str('noise') ?? null },
    });
    await writeOutputDir(out, {
      'solution.json': JSON.stringify(result.final),
      'report.json': JSON.stringify(report, null, 1),
      'report.html': renderReportHtml(pruneReportView(report)),
    }, { model: result.pruned, metadata: { qprune: { method, refine: refine ?? null, sparsity, perLayer: !!plan.perLayer, seed, finetune: finetuneSteps ?? 0, run: store.id } } });
    await store.put('done', JSON.stringify({ out, at: new Date().toISOString() }));
    const v = report.validation as { before: { psnr: number }; solved: { psnr: number }; after: { psnr: number }; finetuned: { psnr: number } | null };
    const c = result.cost;
    return `${result.label} (${backend.name}): validation PSNR ${v.before.psnr.toFixed(3)} -> ${v.after.psnr.toFixed(3)} dB` +
      `${refine ? ` (QUBO answer ${v.solved.psnr.toFixed(3)})` : ''}${v.finetuned ? `, fine-tuned ${v.finetuned.psnr.toFixed(3)} dB` : ''}; params ${c.paramsBefore} -> ${c.paramsAfter}, ` +
      `FLOPs ${(100 * c.flopsAfter / c.flopsBefore).toFixed(1)}%; ${(report.seconds as number).toFixed(1)} s; wrote ${out} (run ${store.id})`;
  } finally {
    await ctx.close();
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
}
