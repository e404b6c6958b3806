/** `qprune solve`: scores.json -> solution.json (which filters each group keeps) by one method. */
import { existsSync } from 'node:fs';
import type { Command } from './command.js';
import { parse, intOption, required, weightsOption } from './args.js';
import { readScoresFile } from '../score/scores.js';
import { METHODS, solvePruning } from '../pipeline/solve.js';
import { writeFileAtomic } from '../fsutil.js';
import { QpruneError } from '../errors.js';
import { NatsTransport, runIdFor } from '../transport/nats.js';
import { openTransport } from './stages-flag.js';
import { TransportSolver } from '../transport/remote-solver.js';
import { BUDGET_UNITS, BudgetUnit, costModel } from '../prune/cost-model.js';
import { analyzeChannels } from '../prune/graph.js';
import { loadModel } from '../io/model-io.js';

export const solveHelp = `usage: qprune solve --scores scores.json --sparsity S --method M --out solution.json [options]

Decides which filters to keep from the scorer's output. S is the fraction of prunable filters
removed (0 < S < 1). Methods: ${METHODS.join(', ')}.
  --per-layer      the same ratio in every group (default: one global budget spread over groups)
  --budget-by U    filters | flops | params: what S is a fraction of (global budget; flops/params need
                   --model, the scored model, and count at --size PX square inputs, default 128)
  --min N          channels kept per group at least (default 1)
  --reads R        annealer reads (default 10)      --sweeps N   sweeps per read (default 1000)
  --seed S         (default 0)                      --force      overwrite --out
  --weights LIST   formulation weights NAME=V,... (hybrid: taylor, similarity, taylorScale, shrinkage, ledoitWolf,
                   shrinkTarget; hybrid-paper: alpha, beta, gamma; reconstruction: fisherMix)
  --nats URL       solve the sub-QUBOs on solver services over NATS (qprune serve solver)
  --namespace NS   their stream/subject prefix (default qprune)   --run ID   run id (default: from --out)`;

export async function runSolve(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    scores: { type: 'string' }, sparsity: { type: 'string' }, method: { type: 'string' }, out: { type: 'string' }, 'per-layer': { type: 'boolean' },
    min: { type: 'string' }, reads: { type: 'string' }, sweeps: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' },
    nats: { type: 'string' }, namespace: { type: 'string' }, run: { type: 'string' }, weights: { type: 'string' },
    'budget-by': { type: 'string' }, model: { type: 'string' }, size: { type: 'string' },
  });
  const unit = values['budget-by'] ?? 'filters';
  if (!(BUDGET_UNITS as readonly string[]).includes(unit)) throw new QpruneError(`--budget-by must be one of ${BUDGET_UNITS.join(', ')}, got '${unit}'`);
  if (unit !== 'filters' && !values.model) throw new QpruneError(`--budget-by ${unit} needs --model (the scored model: its costs)`);
  const out = required(values.out, 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to overwrite)`);
  const scoresPath = required(values.scores, 'scores');
  const scores = readScoresFile(scoresPath);
  const sparsity = Number(required(values.sparsity, 'sparsity'));
  let cost;
  if (unit !== 'filters') {
    const { model } = await loadModel(values.model!);
    const size = intOption(values.size, 'size', { min: 8, fallback: 128 })!;
    cost = costModel(model, analyzeChannels(model), unit as BudgetUnit, size, size);
    model.dispose();
  }
  // The same solve jobs and handlers as every run: this thread, or the solver services with --nats.
  const transport = await openTransport({ nats: values.nats, namespace: values.namespace, workers: 0 });
  const runId = values.run ?? runIdFor('solve', out);
  const solver = new TransportSolver(transport, runId);
  const solution = await solvePruning(scores, {
    method: required(values.method, 'method'), sparsity, perLayer: values['per-layer'],
    seed: intOption(values.seed, 'seed', { fallback: 0 }), reads: intOption(values.reads, 'reads', { min: 1 }), sweeps: intOption(values.sweeps, 'sweeps', { min: 1 }),
    minChannels: intOption(values.min, 'min', { min: 1 }), formulation: weightsOption(values.weights), cost,
  }, solver).finally(() => transport.close());
  if (transport instanceof NatsTransport) solution.info = { ...solution.info, transport: 'nats', runId, jobsSent: transport.sent, jobsReused: transport.reused };
  await writeFileAtomic(out, JSON.stringify(solution));
  return `${solution.method}: kept ${solution.budget} of ${solution.total} filters (sparsity ${solution.sparsity}${solution.perLayer ? ', per layer' : solution.budgetBy ? ` of the ${solution.budgetBy.unit}, global: ${(100 * solution.budgetBy.kept / solution.budgetBy.full).toFixed(1)}% kept` : ', global'}) in ${solution.seconds.toFixed(2)} s; k per group: ${solution.groups.map((g) => `${g.id}=${g.k}`).join(' ')}; wrote ${out}`;
}

export const command: Command = { summary: 'scores -> which filters each group keeps (greedy, L1-QUBO or hybrid QUBO)', help: solveHelp, run: runSolve };
