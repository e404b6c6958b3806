/** Images denoised with tfjs over a Transport (the worker transport: one image per job, any free thread). */
import type * as tf from '@tensorflow/tfjs';
import type { Image } from '../data/image.js';
import type { Transport } from './transport.js';
import type { Denoiser } from '../eval/denoiser.js';
import { activeBackend } from '../engine/backend.js';
import { WorkerTransport } from './worker.js';
import { denoiseResultFromWire, encodeDenoiseJob } from './wire.js';
import { putModel } from './objects.js';

export class TransportDenoiser {
  private next = 0;
  private constructor(private readonly transport: Transport, private readonly modelKey: string, private readonly runId: string) {}

  static async create(transport: Transport, model: tf.LayersModel, runId = 'denoise'): Promise<TransportDenoiser> {
    return new TransportDenoiser(transport, await putModel(transport, model), runId);
  }

  async denoise(img: Image): Promise<Image> {
    // A per-call run id: two equal images are still two jobs (job ids derive from run id + payload).
    const [r] = await this.transport.run('denoise', `${this.runId}-${this.next++}`, [encodeDenoiseJob(this.runId, this.modelKey, img)]);
    return denoiseResultFromWire(r.denoise);
  }
}

/** tfjs inference on `workers` threads of a worker transport (the backend of this thread in each). */
export async function workerDenoiser(model: tf.LayersModel, workers: number): Promise<Denoiser> {
  const transport = await WorkerTransport.create({ workers, backend: activeBackend().name });
  const remote = await TransportDenoiser.create(transport, model);
  return { engine: 'tfjs', parallelism: transport.size, inFlight: 2 * transport.size, denoise: (img) => remote.denoise(img), close: () => transport.close() };
}
