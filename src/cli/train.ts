/** `qprune train`: train a denoiser (new DnCNN-style net, or continue from --model) on patches. */
import { existsSync } from 'node:fs';
import type { Command } from './command.js';
import { parse, intOption, required } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel, saveModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise, formatNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { buildDnCNN, buildHalfUNet } from '../model/architectures.js';
import { trainModel } from '../train/train.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';

export const trainHelp = `usage: qprune train --data <spec> --out <dir> [options]

Train a residual denoiser on patches (MSE, Adam). Writes a tfjs model (model.json + weights.bin)
with the training settings in its metadata.

  --data SPEC         as for eval (clean folder + --noise, pairs, SIDD, procedural:deadleaves[:N[:S]]);
                      A,B,... reads several as one
  --noise MODEL       gaussian:SIGMA or poisson-gaussian:GAIN,SIGMA (for clean data)
  --model PATH        continue from this model instead of building a new one
  --arch dncnn|halfunet  architecture of a new model (default dncnn)
  --depth N           DnCNN conv layers (default 17)  --levels N  Half-UNet levels (default 4; sizes
                      must then be multiples of 2^(N-1))
  --filters N         channels per layer (default 64 for DnCNN, 32 for Half-UNet)
  --channels 1|3      image channels (default 1)   --bn          batch norm in the middle layers
  --patch P           patch size (default 40)      --batch B     minibatch (default 16)
  --steps N           optimiser steps (default 1000)
  --pool N            patches drawn from the data (default 4096)
  --lr X              Adam learning rate (default 0.001)
  --augment           random rotation/reflection (8 symmetries) of each minibatch patch
  --seed N            seed for weights, patches, noise and minibatches (default 0)
  --backend NAME      node-gpu | node | wasm | cpu
  --force             overwrite --out if it exists`;

export async function runTrain(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    data: { type: 'string' }, noise: { type: 'string' }, model: { type: 'string' }, out: { type: 'string' },
    arch: { type: 'string' }, depth: { type: 'string' }, levels: { type: 'string' }, filters: { type: 'string' }, channels: { type: 'string' },
    bn: { type: 'boolean' }, patch: { type: 'string' }, batch: { type: 'string' }, steps: { type: 'string' },
    pool: { type: 'string' }, lr: { type: 'string' }, augment: { type: 'boolean' }, seed: { type: 'string' }, backend: { type: 'string' }, force: { type: 'boolean' },
  });
  const out = required(values.out, 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to overwrite)`);
  const seed = intOption(values.seed, 'seed', { fallback: 0 })!;
  const lr = values.lr === undefined ? 1e-3 : Number(values.lr);
  if (!(lr > 0 && lr < 1)) throw new QpruneError(`--lr must be in (0, 1), got '${values.lr}'`);
  const backend = await initBackend(values.backend);
  log.info(`backend: ${backend.name} (${backend.reason})`);
  let model;
  if (values.model) {
    model = (await loadModel(values.model)).model;
  } else {
    const arch = values.arch ?? 'dncnn';
    if (arch !== 'dncnn' && arch !== 'halfunet') throw new QpruneError(`unknown --arch '${arch}' (available: dncnn, halfunet)`);
    const channels = intOption(values.channels, 'channels', { fallback: 1 });
    if (channels !== 1 && channels !== 3) throw new QpruneError('--channels must be 1 or 3');
    model = arch === 'halfunet'
      ? buildHalfUNet({ levels: intOption(values.levels, 'levels', { min: 1, fallback: 4 })!, filters: intOption(values.filters, 'filters', { min: 1, fallback: 32 })!, channels, seed })
      : buildDnCNN({
        depth: intOption(values.depth, 'depth', { min: 2, fallback: 17 })!,
        filters: intOption(values.filters, 'filters', { min: 1, fallback: 64 })!,
        channels, batchNorm: values.bn ?? false, seed,
      });
  }
  const channels = modelChannels(model) as 1 | 3;
  const noise = values.noise ? parseNoise(values.noise) : undefined;
  const source = await openDataset(required(values.data, 'data'), { noise, seed, channels });
  const opts = {
    patch: intOption(values.patch, 'patch', { min: 4, fallback: 40 })!,
    batch: intOption(values.batch, 'batch', { min: 1, fallback: 16 })!,
    steps: intOption(values.steps, 'steps', { min: 1, fallback: 1000 })!,
    poolSize: intOption(values.pool, 'pool', { min: 1, fallback: 4096 })!,
    learningRate: lr,
    seed,
    augment: values.augment ?? false,
  };
  log.info(`training ${model.name} (${model.countParams()} params) on ${source.description}`);
  const every = Math.max(1, Math.floor(opts.steps / 20));
  const result = await trainModel(model, source, { ...opts, onStep: (s, l) => { if (s % every === 0 || s === 1) log.info(`step ${s}/${opts.steps} loss ${l.toExponential(3)}`); } });
  await saveModel(model, out, {
    qprune: { trainedWith: { data: values.data, noise: noise ? formatNoise(noise) : null, ...opts, backend: backend.name, finalLoss: result.finalLoss, seconds: result.seconds } },
  });
  return `trained ${opts.steps} steps in ${result.seconds.toFixed(1)} s: loss ${result.firstLoss.toExponential(3)} -> ${result.finalLoss.toExponential(3)} (mean of last 20); saved ${out}`;
}

export const command: Command = { summary: 'train a residual denoiser (DnCNN-style) on image patches', help: trainHelp, run: runTrain };
