/** `qprune prune`: the whole pipeline on one model; writes the pruned model, solution.json and report.json. */
import { existsSync } from 'node:fs';
import { parse, intOption, required } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { createMaskEvaluator } from '../eval/evaluator-pool.js';
import { defaultWorkerCount } from '../engine/pool.js';
import { checkSparsity, METHODS } from '../pipeline/solve.js';
import { pruneRun } from '../pipeline/run.js';
import { parseScope } from '../refine/mask-encoding.js';
import { REFINERS } from '../refine/refiners.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';

export const pruneHelp = `usage: qprune prune --model <path> --data <spec> --sparsity S --method M --out <dir> [options]

Scores the model on the data, decides which filters to keep (S = fraction of prunable filters removed,
0 < S < 1; one global budget unless --per-layer), optionally refines against the true PSNR, removes the
filters physically and writes <dir>/model (tfjs format), <dir>/solution.json and <dir>/report.json
(validation PSNR/SSIM before and after, params/FLOPs, per-group k, timings). Methods: ${METHODS.join(', ')}.
  --noise MODEL     noise for clean data (e.g. gaussian:25)     --per-layer   same ratio in every group
  --refine M        ${REFINERS.join(' | ')}: refine the QUBO answer  --budget B    evaluations (default 200)
  --scope S         all | window:START:LEN | gap:N (default all)
  --calib N         calibration patches (default 64)            --patch P     their size (default 64)
  --val N           validation images (default 8)               --crop C      their crop (default 96)
  --workers W       evaluator threads (default cores)           --seed S      (default 0)
  --force           replace <dir> if it exists (written to a temp dir and renamed: never half-written)
(not yet: --finetune, --nats, --resume, report.html; issue 9)`;

export async function runPrune(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    model: { type: 'string' }, data: { type: 'string' }, noise: { type: 'string' }, sparsity: { type: 'string' }, method: { type: 'string' },
    'per-layer': { type: 'boolean' }, refine: { type: 'string' }, budget: { type: 'string' }, scope: { type: 'string' }, calib: { type: 'string' },
    patch: { type: 'string' }, val: { type: 'string' }, crop: { type: 'string' }, workers: { type: 'string' }, seed: { type: 'string' },
    out: { type: 'string' }, force: { type: 'boolean' },
  });
  const out = required(values.out, 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to replace it)`);
  const sparsity = Number(required(values.sparsity, 'sparsity'));
  checkSparsity(sparsity);
  const method = required(values.method, 'method');
  if (!(METHODS as readonly string[]).includes(method)) throw new QpruneError(`--method must be one of ${METHODS.join(', ')}, got '${method}'`);
  if (values.refine !== undefined && !(REFINERS as readonly string[]).includes(values.refine)) throw new QpruneError(`--refine must be one of ${REFINERS.join(', ')}, got '${values.refine}'`);
  if (values.refine && method !== 'hybrid' && method !== 'l1-qubo') throw new QpruneError(`--refine needs a QUBO method (hybrid or l1-qubo), got '${method}'`);
  const seed = intOption(values.seed, 'seed', { fallback: 0 })!;
  const workers = intOption(values.workers, 'workers', { min: 0, fallback: defaultWorkerCount() })!;
  const backend = await initBackend();
  const { model } = await loadModel(required(values.model, 'model'));
  const data = await openDataset(required(values.data, 'data'), { noise: values.noise ? parseNoise(values.noise) : undefined, seed, channels: modelChannels(model) as 1 | 3 });
  const report = await pruneRun(model, data, out, {
    method, sparsity, perLayer: values['per-layer'], seed,
    calib: { samples: intOption(values.calib, 'calib', { min: 1, fallback: 64 })!, patch: intOption(values.patch, 'patch', { min: 4, fallback: 64 })!, batch: 8 },
    val: { count: intOption(values.val, 'val', { min: 1, fallback: 8 })!, crop: intOption(values.crop, 'crop', { min: 8, fallback: 96 })! },
    refine: values.refine ? { method: values.refine, budget: intOption(values.budget, 'budget', { min: 1, fallback: 200 })!, scope: parseScope(values.scope ?? 'all') } : undefined,
    onStage: (s) => log.info(`stage: ${s}`),
  }, (batch) => createMaskEvaluator(model, batch, workers, { ssim: true }));
  const v = report.validation as { before: { psnr: number }; solved: { psnr: number }; after: { psnr: number } };
  const c = report.cost as { paramsBefore: number; paramsAfter: number; flopsBefore: number; flopsAfter: number };
  return `${method}${values.refine ? `+${values.refine}` : ''} at sparsity ${sparsity} (${backend.name}): validation PSNR ${v.before.psnr.toFixed(3)} -> ${v.after.psnr.toFixed(3)} dB` +
    `${values.refine ? ` (QUBO answer ${v.solved.psnr.toFixed(3)})` : ''}; params ${c.paramsBefore} -> ${c.paramsAfter}, FLOPs ${(100 * c.flopsAfter / c.flopsBefore).toFixed(1)}%; ${(report.seconds as number).toFixed(1)} s; wrote ${out}`;
}
