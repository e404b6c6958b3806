/** `qprune eval`: denoising quality and speed of a model on a dataset. */
import { parse, intOption, required } from './args.js';
import type { Command } from './command.js';
import { initBackend } from '../engine/backend.js';
import { loadModel } from '../io/model-io.js';
import { openDataset } from '../data/datasets.js';
import { parseNoise, formatNoise } from '../data/noise.js';
import { modelChannels } from '../engine/inference.js';
import { evaluateModel } from '../eval/evaluate.js';
import { workerDenoiser } from '../transport/remote-denoiser.js';
import { defaultWorkerCount } from '../engine/cores.js';
import { parseEngine } from '../eval/denoiser.js';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';

export const evalHelp = `usage: qprune eval --model <path> --data <dir|pairs|.mat|procedural:deadleaves[:N[:S]]> [options]

Mean PSNR/SSIM of a denoiser on a dataset, with throughput.

  --model PATH        tfjs model.json (or its directory), Keras model.json + .h5, or full Keras .h5
  --data SPEC         clean image folder (needs --noise), noisy/+gt/ folders, SIDD layouts, procedural
  --noise MODEL       gaussian:SIGMA (0–255 scale) or poisson-gaussian:GAIN,SIGMA; unclipped
  --seed N            noise seed (default 0)
  --limit N           first N images only
  --crop S            centre-crop images to S x S
  --clip              clip the model output to [0,1] before scoring (default: no, DnCNN protocol)
  --engine ort|tfjs   inference engine (default ort: the model exported to ONNX, run by onnxruntime)
  --backend NAME      tfjs backend: node-gpu | node | wasm | cpu (default: first available; env QPRUNE_BACKEND)
  --workers N         tfjs: worker threads (default: cores on wasm/cpu; 0 = this thread);
                      ort: intra-op threads (default: cores)
  --json              print the full result as JSON on stdout`;

export async function runEval(argv: string[]): Promise<string> {
  const { values } = parse(argv, {
    model: { type: 'string' },
    data: { type: 'string' },
    noise: { type: 'string' },
    seed: { type: 'string' },
    limit: { type: 'string' },
    crop: { type: 'string' },
    clip: { type: 'boolean' },
    backend: { type: 'string' },
    engine: { type: 'string' },
    workers: { type: 'string' },
    json: { type: 'boolean' },
  });
  const engine = parseEngine(values.engine);
  const modelPath = required(values.model, 'model');
  const dataSpec = required(values.data, 'data');
  const noise = values.noise ? parseNoise(values.noise) : undefined;
  const seed = intOption(values.seed, 'seed', { fallback: 0 })!;
  const limit = intOption(values.limit, 'limit', { min: 1 });
  const crop = intOption(values.crop, 'crop', { min: 11 });
  const backend = await initBackend(values.backend);
  log.info(`backend: ${backend.name} (${backend.reason})`);
  const { model, format } = await loadModel(modelPath);
  const channels = modelChannels(model);
  if (channels !== 1 && channels !== 3) throw new QpruneError(`model input has ${channels} channels; only gray (1) or RGB (3) denoisers are supported`);
  const source = await openDataset(dataSpec, { noise, seed, limit, channels });
  const nativeThreads = backend.name === 'node' || backend.name === 'node-gpu';
  const workers = intOption(values.workers, 'workers', { min: 0, fallback: nativeThreads && engine === 'tfjs' ? 0 : defaultWorkerCount() })!;
  log.info(`model: ${modelPath} (${format}); data: ${source.description}; engine: ${engine}; workers: ${workers}`);
  const result = await evaluateModel(model, source, {
    denoiser: engine === 'tfjs' && workers > 0 ? await workerDenoiser(model, workers) : undefined,
    engine,
    workers,
    crop,
    clip: values.clip ?? false,
    onImage: (s, done, total) => log.info(`${done}/${total} ${s.name}: ${s.psnr.toFixed(3)} dB, SSIM ${s.ssim.toFixed(4)} (noisy ${s.inputPsnr.toFixed(2)} dB)`),
  });
  const report = {
    command: 'eval',
    model: modelPath,
    modelFormat: format,
    data: dataSpec,
    dataDescription: source.description,
    noise: noise ? formatNoise(noise) : null,
    seed,
    crop: crop ?? null,
    clip: values.clip ?? false,
    ...result,
  };
  if (values.json) return JSON.stringify(report, null, 2);
  return [
    `mean PSNR ${result.meanPsnr.toFixed(3)} dB   mean SSIM ${result.meanSsim.toFixed(4)}   (noisy input ${result.meanInputPsnr.toFixed(3)} dB)`,
    `images ${result.images}   engine ${result.engine}   backend ${result.backend.name}   threads ${result.workers}   ${result.seconds.toFixed(1)} s   ${result.gflopPerSecond.toFixed(1)} GFLOP/s (${result.gflop.toFixed(0)} GFLOP)`,
  ].join('\n');
}

export const command: Command = { summary: 'mean PSNR/SSIM and throughput of a denoiser on a dataset', help: evalHelp, run: runEval };
