/** `qprune graph`: the prunable channel groups of a model. */
import { parse, required } from './args.js';
import type { Command } from './command.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { analyzeChannels } from '../prune/graph.js';
import { layerCosts } from '../model/cost.js';

export const graphHelp = `usage: qprune graph --model <path> [--json]

Lists the model's channel groups: channels that must be pruned together (a conv with its BN, convs
joined by add/subtract, ...). FLOPs share: the fraction of the model's FLOPs in layers the group's
channels flow through (producing or consuming them), at a 64x64 input for size-free models.

  --json            the groups as JSON
  --backend NAME    tfjs backend: node-gpu | node | wasm | cpu (default: first available; env QPRUNE_BACKEND)`;

export async function runGraph(argv: string[]): Promise<string> {
  const { values } = parse(argv, { model: { type: 'string' }, json: { type: 'boolean' }, backend: { type: 'string' } });
  const modelPath = required(values.model, 'model');
  await initBackend(values.backend);
  const { model } = await loadModel(modelPath);
  const graph = analyzeChannels(model);
  const [, h, w] = model.inputs[0].shape;
  const costs = new Map(layerCosts(model, h ?? 64, w ?? 64).map((c) => [c.name, c.macs]));
  const total = [...costs.values()].reduce((a, b) => a + b, 0);
  const groups = graph.groups.map((g) => {
    const layers = new Set(g.members.map((m) => m.layer));
    const share = [...layers].reduce((s, l) => s + (costs.get(l) ?? 0), 0) / total;
    return { id: g.id, size: g.size, prunable: g.prunable, ...(g.reason ? { reason: g.reason } : {}), producers: g.producers, members: g.members, flopsShare: share };
  });
  if (values.json) return JSON.stringify({ model: modelPath, groups }, null, 2);
  const lines = [`${groups.length} channel groups (${groups.filter((g) => g.prunable).length} prunable) in ${modelPath}`];
  for (const g of groups) {
    const members = g.members.map((m) => `${m.layer}:${m.role}`).join(' ');
    lines.push(`${g.id.padEnd(4)} ${String(g.size).padStart(4)} ch  ${g.prunable ? 'prunable' : 'fixed   '}  FLOPs ${(100 * g.flopsShare).toFixed(1).padStart(5)}%  ${members}`);
  }
  return lines.join('\n');
}

export const command: Command = { summary: 'list the channel groups that must be pruned together', help: graphHelp, run: runGraph };
