/** `qprune score`: per-channel importance and activation similarity from calibration patches. */
import { existsSync } from 'node:fs';
import type { Command } from './command.js';
import { parse, intOption, required, choiceOption } from './args.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise, formatNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { scoreModel, scoresToJson } from '../score/scores.js';
import { writeFileAtomic } from '../fsutil.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';
import { SCORE_ENGINES } from '../score/engine.js';
import { REMOVALS } from '../score/removal.js';
import { parseCoupling } from '../pipeline/methods/coupling.js';

export const scoreHelp = `usage: qprune score --model <path> --data <spec> --out scores.json [options]

One calibration pass (forward + backward to the channel gates) computing, per prunable group and
channel: L1 and L2 filter norms, first-order Taylor (1/N)·Σ_n |g_n| (g_n = Σ a·∂L_n/∂a), Fisher (1/2N)·Σ_n g_n², and the
channel x channel |cosine| and |Pearson| activation similarity; dead channels listed.

  --noise MODEL   noise for clean data (e.g. gaussian:25)
  --samples N     calibration patches (default 64)     --patch P   patch size (default 64)
  --batch B       patches per pass (default 8)         --seed S    patch sampling seed (default 0)
  --engine E      onnxruntime (default) | tfjs: where the passes run (a model with a layer type the
                  gradient graph lacks falls back to tfjs, with a warning naming it)
  --removal R     zero (default) | mean: what a removed channel becomes in the scores; mean = g − μ·Σ∂L/∂a,
                  the removal that --compensate mean|linear performs (prune and experiment choose it)
  --couple-layers K  also the Fisher blocks between groups up to K apart, or all (for solve --method
                  cross-layer; default none)
  --backend NAME  tfjs backend                         --force     overwrite --out`;

export async function runScore(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    model: { type: 'string' }, data: { type: 'string' }, noise: { type: 'string' }, out: { type: 'string' }, samples: { type: 'string' },
    patch: { type: 'string' }, batch: { type: 'string' }, seed: { type: 'string' }, backend: { type: 'string' }, force: { type: 'boolean' }, engine: { type: 'string' }, removal: { type: 'string' }, 'couple-layers': { type: 'string' },
  });
  const engine = choiceOption(values.engine, 'engine', SCORE_ENGINES, 'onnxruntime');
  const removal = choiceOption(values.removal, 'removal', REMOVALS, 'zero');
  const out = required(values.out, 'out');
  if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to overwrite)`);
  const backend = await initBackend(values.backend);
  const { model } = await loadModel(required(values.model, 'model'));
  const noise = values.noise ? parseNoise(values.noise) : undefined;
  const seed = intOption(values.seed, 'seed', { fallback: 0 })!;
  const source = await openDataset(required(values.data, 'data'), { noise, seed, channels: modelChannels(model) as 1 | 3 });
  const opts = {
    samples: intOption(values.samples, 'samples', { min: 1, fallback: 64 })!,
    patch: intOption(values.patch, 'patch', { min: 4, fallback: 64 })!,
    batch: intOption(values.batch, 'batch', { min: 1, fallback: 8 })!,
    seed,
    engine,
    removal,
    coupleLayers: parseCoupling(values['couple-layers']) ?? 0,
    onBatch: (done: number, total: number) => log.info(`calibration ${done}/${total} patches`),
  };
  log.info(`scoring on ${engine === 'tfjs' ? backend.name : engine}: ${source.description}`);
  const result = await scoreModel(model, source, opts);
  result.meta.data = values.data;
  result.meta.noise = noise ? formatNoise(noise) : null;
  await writeFileAtomic(out, scoresToJson(result));
  const dead = result.groups.reduce((a, g) => a + g.dead.length, 0);
  return `scored ${result.groups.length} groups on ${result.meta.samples} patches of ${opts.patch}x${opts.patch} in ${result.meta.seconds.toFixed(1)} s (${(result.meta.samples / result.meta.seconds).toFixed(2)} samples/s, ${result.meta.backend}); ${dead} dead channels; wrote ${out}`;
}

export const command: Command = { summary: 'channel importance (L1, L2, Taylor, Fisher) and activation similarity', help: scoreHelp, run: runScore };
