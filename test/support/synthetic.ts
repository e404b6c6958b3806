/**
 * Synthetic objectives with a known optimum for testing refiners: a chain of pairwise-coupled terms
 * f(x) = Σ_j u_j(x_j) + Σ_j w_j(x_j, x_{j+1}) with random u, w; the maximum comes from dynamic
 * programming along the chain (Viterbi), so "found the optimum" is checkable exactly.
 */
import { Rng } from '../../src/data/rng.js';
import type { BatchObjective, Point } from '../../src/refine/objective.js';

export interface ChainProblem {
  dims: number[];
  unary: Float64Array[];
  pair: Float64Array[]; // pair[j]: dims[j] x dims[j+1]
}

export function randomChain(dims: number[], seed: number, coupling = 1): ChainProblem {
  const rng = Rng.derive(seed, 0xc4a1);
  return {
    dims,
    unary: dims.map((n) => Float64Array.from({ length: n }, () => rng.normal())),
    pair: dims.slice(0, -1).map((n, j) => Float64Array.from({ length: n * dims[j + 1] }, () => coupling * rng.normal())),
  };
}

export function chainValue(p: ChainProblem, x: Point): number {
  let v = 0;
  for (let j = 0; j < p.dims.length; j++) {
    v += p.unary[j][x[j]];
    if (j + 1 < p.dims.length) v += p.pair[j][x[j] * p.dims[j + 1] + x[j + 1]];
  }
  return v;
}

/** Maximum and an argmax by dynamic programming. */
export function chainOptimum(p: ChainProblem): { value: number; point: Point } {
  const d = p.dims.length;
  let best = Float64Array.from(p.unary[0]);
  const back: Int32Array[] = [];
  for (let j = 1; j < d; j++) {
    const n = p.dims[j], np = p.dims[j - 1];
    const next = new Float64Array(n), arg = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let m = -Infinity, a = 0;
      for (let h = 0; h < np; h++) {
        const v = best[h] + p.pair[j - 1][h * n + i];
        if (v > m) { m = v; a = h; }
      }
      next[i] = m + p.unary[j][i];
      arg[i] = a;
    }
    back.push(arg);
    best = next;
  }
  let last = 0;
  for (let i = 1; i < best.length; i++) if (best[i] > best[last]) last = i;
  const point = new Array<number>(d);
  point[d - 1] = last;
  for (let j = d - 1; j > 0; j--) point[j - 1] = back[j - 1][point[j]];
  return { value: best[last], point };
}

export function chainObjective(p: ChainProblem): BatchObjective {
  return async (points) => points.map((x) => chainValue(p, x));
}

/**
 * A chain plus long-range couplings (pairs j, j+s for s in `spans`), with the optimum by dynamic
 * programming over a window as wide as the longest span (bandedMaximum). Built like the refinement
 * grid: each dimension's candidates are ordered by a noisy proxy of the unary terms (what a QUBO
 * knows), candidate 0 first, and `energies` are that proxy's energies (−proxy), for a Boltzmann prior.
 */
export interface CoupledProblem {
  dims: number[];
  value(x: Point): number;
  energies: number[][];
  /** The maximum (dynamic programming over the couplings' band). */
  optimum: number;
}

export function coupledProblem(dims: number[], seed: number, o: { coupling?: number; longRange?: number; spans?: number[]; proxyNoise?: number } = {}): CoupledProblem {
  const { coupling = 1, longRange = 1, spans = [2, 3, 5], proxyNoise = 0.5 } = o;
  const rng = Rng.derive(seed, 0x10a9);
  const d = dims.length;
  const unary = dims.map((n) => Float64Array.from({ length: n }, () => rng.normal()));
  const pairs: { a: number; b: number; w: Float64Array }[] = [];
  for (let j = 0; j + 1 < d; j++) pairs.push({ a: j, b: j + 1, w: Float64Array.from({ length: dims[j] * dims[j + 1] }, () => coupling * rng.normal()) });
  for (const s of spans) for (let j = 0; j + s < d; j++) pairs.push({ a: j, b: j + s, w: Float64Array.from({ length: dims[j] * dims[j + s] }, () => longRange * rng.normal()) });
  // Candidate order: by the proxy (unary + noise), best first, as the mask encoding puts the QUBO answer first.
  const proxy = unary.map((u) => Array.from(u, (v) => v + proxyNoise * rng.normal()));
  const order = proxy.map((p) => p.map((_, i) => i).sort((x, y) => p[y] - p[x]));
  const value = (x: Point): number => {
    const c = x.map((v, j) => order[j][v]);
    let v = 0;
    for (let j = 0; j < d; j++) v += unary[j][c[j]];
    for (const p of pairs) v += p.w[c[p.a] * dims[p.b] + c[p.b]];
    return v;
  };
  // The optimum over candidates equals the optimum over the raw values (the order is a bijection per dimension).
  return { dims, value, energies: order.map((o2, j) => o2.map((i) => -proxy[j][i])), optimum: bandedMaximum(dims, unary, pairs) };
}

/**
 * max_x Σ_j unary[j][x_j] + Σ_pairs w(x_a, x_b) when every pair spans at most W = max(b − a): dynamic
 * programming along j with the last W values as the state (Π of W dims states; 6^5 for the d = 16 families).
 */
export function bandedMaximum(dims: number[], unary: Float64Array[], pairs: { a: number; b: number; w: Float64Array }[]): number {
  const width = Math.max(1, ...pairs.map((p) => p.b - p.a));
  const dimAt = (j: number) => (j >= 0 ? dims[j] : 1);
  // f[state] for the window (j − width + 1 .. j), digits oldest first; positions before 0 have one value.
  let f = Float64Array.from(unary[0]);
  for (let j = 0; j + 1 < dims.length; j++) {
    const radices = Array.from({ length: width }, (_, i) => dimAt(j - width + 1 + i));
    const rest = radices.slice(1).reduce((a, r) => a * r, 1), n = dims[j + 1];
    const incoming = pairs.filter((p) => p.b === j + 1);
    const next = new Float64Array(rest * n).fill(-Infinity);
    const digits = new Array<number>(width);
    for (let idx = 0; idx < f.length; idx++) {
      if (f[idx] === -Infinity) continue;
      for (let i = width - 1, r = idx; i >= 0; i--) { digits[i] = r % radices[i]; r = Math.floor(r / radices[i]); }
      const keep = idx % rest;
      for (let v = 0; v < n; v++) {
        let t = f[idx] + unary[j + 1][v];
        for (const p of incoming) t += p.w[digits[p.a - (j - width + 1)] * n + v];
        const k = keep * n + v;
        if (t > next[k]) next[k] = t;
      }
    }
    f = next;
  }
  return f.reduce((a, b) => Math.max(a, b), -Infinity);
}

/** The maximum over every grid point (for checking bandedMaximum on small grids). */
export function exhaustiveMaximum(dims: number[], value: (x: Point) => number): number {
  let best = -Infinity;
  const x = dims.map(() => 0);
  for (;;) {
    best = Math.max(best, value(x));
    let j = 0;
    while (j < dims.length && ++x[j] === dims[j]) x[j++] = 0;
    if (j === dims.length) return best;
  }
}
