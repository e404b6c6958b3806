/** `qprune surgery`: physically prune a model with a keep file and save the smaller model. */
import { existsSync } from 'node:fs';
import type { Command } from './command.js';
import { parse, intOption, required, choiceOption } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel, saveModel } from '../io/model-io.js';
import { analyzeChannels } from '../prune/graph.js';
import { readKeepFile } from '../prune/keep-file.js';
import { roundKeepTo } from '../prune/rounding.js';
import { prune } from '../prune/surgery.js';
import { prunedCost } from '../prune/cost.js';
import { measureLatency } from '../prune/latency.js';
import { QpruneError } from '../errors.js';
import { checkScoresMatch, readScoresFile } from '../score/scores.js';
import { COMPENSATIONS, compensationOf } from '../prune/compensation.js';

export const surgeryHelp = `usage: qprune surgery --model <path> --keep <keep.json> --out <dir> [options]

Writes the physically pruned model (tfjs format, loads with stock tfjs) and prints parameters,
FLOPs and measured forward latency before and after.

  --keep FILE       {"groups": {"g0": [kept channel indices], ...}} (groups left out keep all;
                    group ids from qprune graph), or a solution.json of qprune solve / prune
  --round-to M      round each group's kept count up to a multiple of M
  --compensate M    none | mean | linear (default none): fold each removed channel into its consumers,
                    as its calibration mean or its least-squares estimate from the kept channels;
                    needs --scores, the scores.json of this model (it holds the input statistics)
  --scores FILE     the model's scores.json (for --compensate)
  --size S          input size for FLOPs and latency of size-free models (default 128)
  --force           overwrite --out if it exists
  --json            print the figures as JSON
  --backend NAME    tfjs backend: node-gpu | node | wasm | cpu (default: first available; env QPRUNE_BACKEND)`;

export async function runSurgery(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    model: { type: 'string' }, keep: { type: 'string' }, out: { type: 'string' }, 'round-to': { type: 'string' },
    size: { type: 'string' }, force: { type: 'boolean' }, json: { type: 'boolean' }, backend: { type: 'string' },
    compensate: { type: 'string' }, scores: { type: 'string' },
  });
  const mode = choiceOption(values.compensate, 'compensate', COMPENSATIONS, 'none');
  if (mode !== 'none' && !values.scores) throw new QpruneError(`--compensate ${mode} needs --scores (the model's scores.json: it holds the input statistics)`);
  if (mode === 'none' && values.scores) throw new QpruneError('--scores is only used with --compensate mean|linear');
  const modelPath = required(values.model, 'model');
  const keepPath = required(values.keep, 'keep');
  const out = required(values.out, 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to overwrite)`);
  const size = intOption(values.size, 'size', { min: 8, fallback: 128 })!;
  const backend = await initBackend(values.backend);
  const { model } = await loadModel(modelPath);
  const graph = analyzeChannels(model);
  let keep = await readKeepFile(keepPath, graph);
  const roundTo = intOption(values['round-to'], 'round-to', { min: 1 });
  if (roundTo) keep = roundKeepTo(graph, keep, roundTo);
  let compensation;
  if (mode !== 'none') {
    const scores = readScoresFile(values.scores!);
    checkScoresMatch(scores, graph);
    compensation = compensationOf(scores, mode);
  }
  const pruned = await prune(model, keep, graph, compensation);
  await saveModel(pruned, out, { qprune: { prunedFrom: modelPath, compensate: mode, keep: Object.fromEntries([...keep].map(([id, m]) => [id, Array.from(m).flatMap((v, i) => (v ? [i] : []))])) } });
  const [, h, w, c] = model.inputs[0].shape;
  const input = [1, h ?? size, w ?? size, c!];
  const before = prunedCost(model, graph, new Map(), input[1], input[2]);
  const after = prunedCost(model, graph, keep, input[1], input[2]);
  const latBefore = measureLatency(model, input);
  const latAfter = measureLatency(pruned, input);
  const figures = {
    model: modelPath, out, backend: backend.name, input,
    params: { before: model.countParams(), after: pruned.countParams() },
    flops: { before: before.flops, after: after.flops, ratio: after.flops / before.flops },
    latencyMs: { before: latBefore.medianMs, after: latAfter.medianMs, speedup: latBefore.medianMs / latAfter.medianMs },
    layers: after.layers.filter((l) => l.paramsBefore > 0 || l.macsBefore > 0).map((l) => ({
      name: l.name, className: l.className, paramsBefore: l.paramsBefore, paramsAfter: l.params, flopsBefore: 2 * l.macsBefore, flopsAfter: 2 * l.macs,
    })),
  };
  if (values.json) return JSON.stringify(figures, null, 2);
  return [
    `saved ${out}`,
    `params  ${figures.params.before} -> ${figures.params.after} (${((100 * figures.params.after) / figures.params.before).toFixed(1)}%)`,
    `FLOPs   ${(before.flops / 1e9).toFixed(3)} -> ${(after.flops / 1e9).toFixed(3)} GFLOP at ${input[1]}x${input[2]} (${(100 * figures.flops.ratio).toFixed(1)}%)`,
    `latency ${latBefore.medianMs.toFixed(1)} -> ${latAfter.medianMs.toFixed(1)} ms on ${backend.name} (${figures.latencyMs.speedup.toFixed(2)}x)`,
  ].join('\n');
}

export const command: Command = { summary: 'physically prune a model with a keep file and save it', help: surgeryHelp, run: runSurgery };
