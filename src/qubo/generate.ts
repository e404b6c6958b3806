/** Seeded random pruning-like QUBOs: diagonal -U(0,1), upper off-diagonal scale·U(0,1). */
import { Rng } from '../data/rng.js';
import { Qubo } from './problem.js';

export function randomPruningQubo(n: number, seed: number, k: number | null = null, coupling = 0.1): Qubo {
  const rng = new Rng(seed);
  const lin = Float64Array.from({ length: n }, () => -rng.next());
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) W[i * n + j] = W[j * n + i] = coupling * rng.next();
  return new Qubo(n, lin, W, k);
}
