/** `qprune refine`: improve a QUBO solution against the true PSNR with a tensor-train optimiser. */
import { existsSync } from 'node:fs';
import type { Command } from './command.js';
import { parse, intOption, required } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { buildValidationBatches } from '../eval/candidates.js';
import { openTransport } from './stages-flag.js';
import { CachedEvaluator } from '../eval/cached-evaluator.js';
import { readSolution } from '../prune/solution.js';
import { alternativesAtK, budgetFit, DEFAULT_PRIOR, MOVES, PRIORS, PriorKind, refineSolution, TARGET_CHANGED } from '../pipeline/refine.js';
import { costModel } from '../prune/cost-model.js';
import { analyzeChannels } from '../prune/graph.js';
import { readScoresFile } from '../score/scores.js';
import { parseScope } from '../refine/mask-encoding.js';
import { REFINERS } from '../refine/refiners.js';
import { writeFileAtomic } from '../fsutil.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';
import { defaultWorkerCount } from '../engine/cores.js';
import { runIdFor } from '../transport/nats.js';
import { TransportEvaluator } from '../transport/remote-evaluator.js';
import { FINALIST_CROP, parseFinalists } from '../refine/finalists.js';
import { CONTINUATION_CROP, parseContinuation } from '../refine/continuation.js';

export const refineHelp = `usage: qprune refine --model <path> --solution solution.json --data <spec> --budget B --out refined.json [options]

Each group in scope gets a list of exactly-k keep-sets (the QUBO answer first, then the annealer's other
answers, then single swaps by QUBO energy); a tensor-train optimiser picks one per group to maximise the
pruned model's mean PSNR on a fixed validation batch (centre crops, seeded noise). The QUBO answer is
evaluated first, so the result is never worse on that batch.
  --method M      ${REFINERS.join(' | ')} (default protes)
  --scope S       all | window:START:LENGTH | gap:COUNT (default all)
  --choices N     candidates per group (default 8)    --metric psnr|ssim (default psnr)
  --prior P       screened (default: every single change of the QUBO answer evaluated first, then
                  p_g(c) ∝ exp(gain/T) around the best change per group, T so that --changed groups change
                  per draw; the QUBO-energy prior when the budget cannot cover the screen) | boltzmann
                  (p_g(c) ∝ exp(-ΔE/T) from the QUBO energies) | steps (the earlier 40 Adam steps towards
                  the QUBO answer); PROTES only
  --changed N     groups a draw changes on average (default ${TARGET_CHANGED})
  --scores FILE   the scores the solution came from: the other methods' keep-sets at its k per group join the
                  candidates (hybrid, hybrid-paper, greedy Fisher and Taylor)
  --moves N       under a global budget: transfers of up to N filters between neighbouring groups join the
                  grid, the total (or the FLOPs/parameter limit) kept (default ${MOVES}; 0 = k per group fixed;
                  per layer and with a --scope other than all: 0)
  --finalists N[xC] successive halving: the search's N best points and the QUBO answer evaluated again on
                  C x C crops of the same images (default C ${FINALIST_CROP}); the answer is picked and checked there;
                  N[xC]:ladder puts first the best point within 1, 2, 4, ... changed groups of the answer
  --continue B[xC] before the finalists, a second search (the EA) of B evaluations on C x C crops of the same
                  images (default C ${CONTINUATION_CROP}), from the best there of the QUBO answer and the search's best
                  points; the finalists are then its best (without finalists: its best, checked at that size)
  --no-check      objective on every validation image (default: even positions; an answer is kept only if
                  the odd positions, the check half, gain too)
  --noise MODEL   noise for clean data (e.g. gaussian:25)
  --val N         validation crops (default 8): the first N images' centres; more than the images gives
                  several crops per image (up to 9)    --crop C   crop size (default 96)
  --val-margin M  pixels around each crop the network sees but PSNR leaves out (default 0)
  --workers W     evaluator threads (default: cores; 0 = in this thread)
  --seed S        (default 0)                         --force    overwrite --out
  --nats URL      score candidates on evaluator services over NATS (qprune serve evaluator)
  --namespace NS  their stream/subject prefix (default qprune)   --run ID   run id (default: from --out)`;

export async function runRefine(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    model: { type: 'string' }, solution: { type: 'string' }, data: { type: 'string' }, noise: { type: 'string' }, budget: { type: 'string' },
    method: { type: 'string' }, scope: { type: 'string' }, choices: { type: 'string' }, metric: { type: 'string' }, val: { type: 'string' },
    crop: { type: 'string' }, 'val-margin': { type: 'string' }, workers: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' },
    nats: { type: 'string' }, namespace: { type: 'string' }, run: { type: 'string' },
    prior: { type: 'string' }, changed: { type: 'string' }, scores: { type: 'string' }, 'no-check': { type: 'boolean' }, moves: { type: 'string' }, finalists: { type: 'string' }, continue: { type: 'string' },
  });
  const out = required(values.out, 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to overwrite)`);
  const metric = values.metric ?? 'psnr';
  if (metric !== 'psnr' && metric !== 'ssim') throw new QpruneError(`--metric must be psnr or ssim, got '${metric}'`);
  const method = values.method ?? 'protes';
  if (!(REFINERS as readonly string[]).includes(method)) throw new QpruneError(`--method must be one of ${REFINERS.join(', ')}, got '${method}'`);
  const scope = parseScope(values.scope ?? 'all');
  const budget = intOption(required(values.budget, 'budget'), 'budget', { min: 1 })!;
  const seed = intOption(values.seed, 'seed', { fallback: 0 })!;
  const prior = (values.prior ?? DEFAULT_PRIOR) as PriorKind;
  if (!(PRIORS as readonly string[]).includes(prior)) throw new QpruneError(`--prior must be one of ${PRIORS.join(', ')}, got '${values.prior}'`);
  const changed = values.changed === undefined ? TARGET_CHANGED : Number(values.changed);
  if (!(Number.isFinite(changed) && changed > 0)) throw new QpruneError(`--changed must be a number > 0, got '${values.changed}'`);
  const solution = await readSolution(required(values.solution, 'solution'));
  const moves = intOption(values.moves, 'moves', { min: 0 });
  const finalists = parseFinalists(values.finalists, '--finalists');
  const continuation = parseContinuation(values.continue, '--continue');
  const alternatives = values.scores ? await alternativesAtK(readScoresFile(values.scores), solution, solution.method, seed) : undefined;
  await initBackend('cpu');
  const { model } = await loadModel(required(values.model, 'model'));
  const source = await openDataset(required(values.data, 'data'), { noise: values.noise ? parseNoise(values.noise) : undefined, seed, channels: modelChannels(model) as 1 | 3 });
  const count = intOption(values.val, 'val', { min: 1, fallback: 8 })!;
  const crop = intOption(values.crop, 'crop', { min: 8, fallback: 96 })!;
  const margin = intOption(values['val-margin'], 'val-margin', { min: 0, fallback: 0 })!;
  // One batch per crop size (the search's, the continuation's, the finalists'), all before any evaluation.
  const batches = await buildValidationBatches(source, count, [crop, continuation?.crop, finalists?.crop], margin);
  const batch = batches.get(crop)!;
  const graph = analyzeChannels(model);
  const cost = solution.budgetBy ? budgetFit(costModel(model, graph, solution.budgetBy.unit, batch.height, batch.width), solution) : undefined;
  const workers = intOption(values.workers, 'workers', { min: 0, fallback: defaultWorkerCount() })!;
  const transport = await openTransport({ nats: values.nats, namespace: values.namespace, workers });
  const runId = values.run ?? runIdFor('refine', out);
  // One journaled evaluator per crop size, shared where two stages use the same one.
  const evaluators = new Map<number, CachedEvaluator>();
  for (const [c, b] of batches) evaluators.set(c, await CachedEvaluator.open(await TransportEvaluator.create(transport, c === crop ? runId : `${runId}-c${c}`, model, b, { ssim: metric === 'ssim' })));
  const evaluator = evaluators.get(crop)!;
  try {
    const refined = await refineSolution(solution, evaluator, {
      method, budget, seed, scope, choices: intOption(values.choices, 'choices', { min: 2, fallback: 8 }), metric, prior, targetChanged: changed, alternatives, check: values['no-check'] ? false : undefined, moves, cost,
      ...(finalists ? { finalists: { ...finalists, evaluator: evaluators.get(finalists.crop)! } } : {}),
      ...(continuation ? { continuation: { ...continuation, evaluator: evaluators.get(continuation.crop)! } } : {}),
      onProgress: (p) => log.info(`refine ${p.evaluations}/${p.budget} evaluations, best ${metric} ${p.best.toFixed(4)}`),
    });
    await writeFileAtomic(out, JSON.stringify(refined));
    const r = refined.refine!;
    const check = r.split ? `; selection half ${r.split.selection.before.toFixed(3)} -> ${r.split.selection.found.toFixed(3)} dB, check half ${r.split.check.before.toFixed(3)} -> ${r.split.check.found.toFixed(3)} dB: ${r.split.accepted ? 'accepted' : 'not accepted, the QUBO answer stays'}` : '';
    const f = r.finalists;
    const halving = f ? `; finalists on ${f.crop}² crops: ${f.rank ? `the search's #${f.rank} of ${f.count} picked (selection ${f.selection.before.toFixed(3)} -> ${f.selection.found.toFixed(3)} dB${f.check ? `, check ${f.check.before.toFixed(3)} -> ${f.check.found.toFixed(3)} dB` : ''})` : `the QUBO answer kept (selection ${f.selection.before.toFixed(3)} dB)`}` : '';
    const c = r.continuation;
    const continued = c ? `; continuation on ${c.crop}² crops: ${c.evaluations} evaluations from ${c.startRank ? `the search's #${c.startRank}` : 'the QUBO answer'}, selection ${c.selection.before.toFixed(3)} -> ${c.selection.start.toFixed(3)} -> ${c.selection.found.toFixed(3)} dB` : '';
    const others = r.starts?.length ? `; the other methods' whole answers evaluated first: ${r.starts.map((s) => `${s.label} ${s.objective.toFixed(3)}`).join(', ')}` : '';
    return `refined (${method}, ${r.scope}): validation PSNR ${r.validation.before.psnr.toFixed(3)} -> ${r.validation.after.psnr.toFixed(3)} dB on ${batch.n} crops${check}${others}${continued}${halving}, ${r.evaluations} evaluations in ${r.seconds.toFixed(1)} s; changed ${r.changedGroups.length} groups; wrote ${out}`;
  } finally {
    for (const e of evaluators.values()) await e.close();
    await transport.close();
  }
}

export const command: Command = { summary: 'improve a QUBO solution against the true PSNR (tensor-train optimiser)', help: refineHelp, run: runRefine };
