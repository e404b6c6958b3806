/**
 * Filter x filter activation similarity from the streaming statistics of a group: |cosine| (default)
 * or |Pearson| between channel feature maps over all calibration samples and positions. Values are in
 * [0, 1], symmetric, with a unit diagonal. A dead channel (all-zero activations; zero variance for
 * Pearson) has similarity 0 to every other channel, and is reported: it is the first to prune.
 */
import type { GroupStats } from './calibration.js';

export interface Similarity {
  size: number;
  /** size x size, row-major. */
  matrix: Float32Array;
  /** Channels whose activations are all zero over the calibration data. */
  dead: number[];
}

export function activationSimilarity(g: GroupStats, kind: 'cosine' | 'pearson' = 'cosine'): Similarity {
  const n = g.size;
  const m = new Float32Array(n * n);
  // Centred second moments for Pearson; raw ones for cosine.
  const cov = (i: number, j: number) => (kind === 'pearson' ? g.gram[i * n + j] - (g.sum[i] * g.sum[j]) / g.count : g.gram[i * n + j]);
  const norm = Float64Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(0, cov(i, i))));
  const dead: number[] = [];
  const scale = Math.max(...norm, 0);
  for (let i = 0; i < n; i++) if (g.gram[i * n + i] === 0 || norm[i] <= 1e-12 * scale) dead.push(i);
  const isDead = new Set(dead);
  for (let i = 0; i < n; i++) {
    m[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const v = isDead.has(i) || isDead.has(j) ? 0 : Math.min(1, Math.abs(cov(i, j)) / (norm[i] * norm[j]));
      m[i * n + j] = v;
      m[j * n + i] = v;
    }
  }
  return { size: n, matrix: m, dead };
}
