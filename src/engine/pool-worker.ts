/**
 * Inference worker: one tfjs backend (wasm by default: single-threaded in Node, so one per worker)
 * holding one model. Messages: {type:'load', artifacts} then {type:'predict', id, data, shape}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.js';
import { registerCustomLayers } from '../io/custom-layers.js';
import { denoise } from './inference.js';
import { makeImage } from '../data/image.js';
import { describeError } from '../errors.js';

type Request =
  | { type: 'load'; artifacts: tf.io.ModelArtifacts }
  | { type: 'predict'; id: number; data: Float32Array; shape: [number, number, number] };

const port = parentPort!;
let model: tf.LayersModel | undefined;

const ready = initBackend(workerData.backend as string).then(() => registerCustomLayers());

port.on('message', async (msg: Request) => {
  try {
    await ready;
    if (msg.type === 'load') {
      model?.dispose();
      model = await tf.loadLayersModel(tf.io.fromMemory(msg.artifacts));
      port.postMessage({ type: 'loaded' });
      return;
    }
    if (!model) throw new Error('predict before load');
    const [h, w, c] = msg.shape;
    const out = denoise(model, makeImage(h, w, c, msg.data));
    port.postMessage({ type: 'result', id: msg.id, data: out.data, shape: [out.height, out.width, out.channels] }, [out.data.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ type: 'error', id: (msg as { id?: number }).id ?? -1, message: describeError(err) });
  }
});
