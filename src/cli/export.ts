/** `qprune export`: a model (optionally pruned with a keep file) as an ONNX file. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parse, required } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { analyzeChannels } from '../prune/graph.js';
import { readKeepFile } from '../prune/keep-file.js';
import { exportOnnx, OPSET } from '../onnx/export.js';
import { writeFileAtomic } from '../fsutil.js';
import { QpruneError } from '../errors.js';

export const exportHelp = `usage: qprune export --model <path> --out model.onnx [--keep keep.json] [--force]

Writes the model as ONNX (opset ${OPSET}; NHWC input "input" and output "output", dynamic batch and
size; BatchNorm folded into the preceding conv), pruned to the channels in --keep when given (a
keep.json as qprune surgery takes it, or a solution.json of qprune solve / prune). The file runs
anywhere onnxruntime does; --out must be in an existing folder, --force replaces it.

  --backend NAME    tfjs backend: node-gpu | node | wasm | cpu (default: first available; env QPRUNE_BACKEND)`;

export async function runExport(argv: string[]): Promise<string> {
  const { values } = parse(argv, { model: { type: 'string' }, out: { type: 'string' }, keep: { type: 'string' }, force: { type: 'boolean' }, backend: { type: 'string' } });
  const modelPath = required(values.model, 'model');
  const out = required(values.out, 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to overwrite)`);
  if (!existsSync(path.dirname(path.resolve(out)))) throw new QpruneError(`--out ${out}: folder ${path.dirname(out)} does not exist`);
  await initBackend(values.backend);
  const { model } = await loadModel(modelPath);
  const keep = values.keep ? await readKeepFile(values.keep, analyzeChannels(model)) : undefined;
  const bytes = exportOnnx(model, { keep });
  await writeFileAtomic(out, bytes);
  return `wrote ${out} (${bytes.length} bytes, opset ${OPSET}${keep ? ', pruned' : ''})`;
}

export const command: Command = { summary: 'write a model (optionally pruned) as an ONNX file', help: exportHelp, run: runExport };
