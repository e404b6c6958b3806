/** Measured forward latency of a model on the active backend, in this thread. */
import * as tf from '@tensorflow/tfjs';

export interface Latency {
  /** Median milliseconds per forward pass. */
  medianMs: number;
  runs: number;
  input: number[];
}

export function measureLatency(model: tf.LayersModel, input: number[], runs = 5): Latency {
  const x = tf.randomUniform(input, 0, 1, 'float32', 1);
  try {
    tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()); // warm-up: kernel setup, allocation
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync());
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { medianMs: times[Math.floor(times.length / 2)], runs, input };
  } finally {
    x.dispose();
  }
}
