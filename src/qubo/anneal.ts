/**
 * Simulated-annealing kernels on a dense QUBO with cached local fields.
 *  - flip: single-variable Metropolis in sequential sweep order (dwave-samplers' semantics): the
 *    delta of flipping i is (1 - 2 x_i) f_i; on accept every field moves by ±W_i (O(n)).
 *  - swap: exact cardinality by construction: a proposal exchanges a kept filter a and a pruned one
 *    b, delta = f_b - f_a - W_ab in O(1); on accept f += W_b - W_a (O(n)). A sweep is n proposals.
 * Both use a geometric β schedule, one β per sweep.
 */
import { Rng } from '../data/rng.js';
import type { Qubo } from './problem.js';

const U32 = 4294967296;

/** dwave-samplers' default β range on the equivalent Ising problem (hot: flips of the largest field accepted with p≈1/2; cold: the smallest gap rarely climbed). */
export function defaultBetaRange(q: Qubo): [number, number] {
  const n = q.n;
  let maxSum = 0, minEff = Infinity;
  const minPer = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let h = q.lin[i] / 2, sabs = 0, mn = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const J = q.W[i * n + j] / 4;
      h += J;
      sabs += Math.abs(J);
      if (J !== 0 && Math.abs(J) < mn) mn = Math.abs(J);
    }
    sabs += Math.abs(h);
    if (h !== 0 && Math.abs(h) < mn) mn = Math.abs(h);
    if (sabs > maxSum) maxSum = sabs;
    minPer[i] = mn;
    if (mn < minEff) minEff = mn;
  }
  const count = minPer.filter((v) => v === minEff).length;
  const b0 = maxSum === 0 ? 1 : Math.log(2) / (2 * maxSum);
  const b1 = Number.isFinite(minEff) ? Math.log(count / 0.01) / (2 * minEff) : b0;
  return [b0, b1];
}

export function geometricSchedule(b0: number, b1: number, sweeps: number): Float64Array {
  return Float64Array.from({ length: sweeps }, (_, t) => (sweeps === 1 ? b1 : b0 * Math.pow(b1 / b0, t / (sweeps - 1))));
}

// exp(y) for y in (-44.36, 0], the Metropolis probability. Written out (Cody-Waite reduction y = k·ln2 + r,
// |r| <= ln2/2, degree-12 Taylor in Horner form, relative error < 2e-16) rather than Math.exp so the
// WASM kernel (wasm/anneal.wat, $expNeg) computes the same double with the same operations, without
// a call out to the host per uphill proposal: the two kernels stay bit-identical.
const LN2_HI = 0.693147180369123816490, LN2_LO = 1.90821492927058770002e-10, LOG2E = 1.4426950408889634;
const POW2_NEG = Float64Array.from({ length: 80 }, (_, i) => Math.pow(2, -i));
const TAYLOR = Float64Array.from({ length: 13 }, (_, i) => { let f = 1; for (let j = 2; j <= i; j++) f *= j; return 1 / f; });
export function expNeg(y: number): number {
  const k = Math.floor(y * LOG2E + 0.5);
  const r = y - k * LN2_HI - k * LN2_LO;
  let p = TAYLOR[12];
  for (let i = 11; i >= 0; i--) p = p * r + TAYLOR[i];
  return p * POW2_NEG[-k];
}

/** Metropolis test for an uphill move d > 0 at inverse temperature beta. */
function accept(d: number, beta: number, rng: Rng): boolean {
  return d <= 0 || (d * beta < 44.36 && rng.nextU32() < expNeg(-d * beta) * U32);
}

/** Anneals x in place; returns accepted moves. */
export function annealFlip(q: Qubo, x: Uint8Array, betas: Float64Array, rng: Rng, f = q.localFields(x)): number {
  const n = q.n, W = q.W;
  let accepted = 0;
  for (let t = 0; t < betas.length; t++) {
    const beta = betas[t];
    for (let i = 0; i < n; i++) {
      const d = x[i] ? -f[i] : f[i];
      if (!accept(d, beta, rng)) continue;
      const row = i * n;
      if (x[i]) for (let j = 0; j < n; j++) f[j] -= W[row + j];
      else for (let j = 0; j < n; j++) f[j] += W[row + j];
      x[i] ^= 1;
      accepted++;
    }
  }
  return accepted;
}

/** Anneals x (which must hold exactly k ones) in place with swap moves; returns accepted moves. */
export function annealSwap(q: Qubo, x: Uint8Array, betas: Float64Array, rng: Rng, f = q.localFields(x)): number {
  const n = q.n, W = q.W;
  const ones: number[] = [], zeros: number[] = [];
  for (let i = 0; i < n; i++) (x[i] ? ones : zeros).push(i);
  const k = ones.length, nz = zeros.length;
  if (k === 0 || nz === 0) return 0;
  let accepted = 0;
  for (let t = 0; t < betas.length; t++) {
    const beta = betas[t];
    for (let p = 0; p < n; p++) {
      const ia = Math.floor((rng.nextU32() * k) / U32);
      const ib = Math.floor((rng.nextU32() * nz) / U32);
      const a = ones[ia], b = zeros[ib];
      const d = f[b] - f[a] - W[a * n + b];
      if (!accept(d, beta, rng)) continue;
      const ra = a * n, rb = b * n;
      for (let j = 0; j < n; j++) f[j] += W[rb + j] - W[ra + j];
      x[a] = 0;
      x[b] = 1;
      ones[ia] = b;
      zeros[ib] = a;
      accepted++;
    }
  }
  return accepted;
}

/** Steepest-descent swap polish at zero temperature: repeat the best improving swap until none. */
export function swapDescent(q: Qubo, x: Uint8Array, f = q.localFields(x)): void {
  const n = q.n, W = q.W;
  for (;;) {
    let bestD = -1e-12, ba = -1, bb = -1;
    for (let a = 0; a < n; a++) {
      if (!x[a]) continue;
      for (let b = 0; b < n; b++) {
        if (x[b]) continue;
        const d = f[b] - f[a] - W[a * n + b];
        if (d < bestD) { bestD = d; ba = a; bb = b; }
      }
    }
    if (ba < 0) return;
    for (let j = 0; j < n; j++) f[j] += W[bb * n + j] - W[ba * n + j];
    x[ba] = 0;
    x[bb] = 1;
  }
}

/** Uniformly random state with exactly k ones. */
export function randomKSubset(n: number, k: number, rng: Rng): Uint8Array {
  const idx = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const x = new Uint8Array(n);
  for (let i = 0; i < k; i++) x[idx[i]] = 1;
  return x;
}

/**
 * Swap SA with one exact k per block: a proposal exchanges a kept and a pruned variable of the same
 * block (block chosen in proportion to its size), so every block keeps its count. `blockOf[i]` is
 * variable i's block. The monolithic baseline for a network QUBO (qubo/network-qubo.ts) under the
 * same per-group budgets the decomposition solver holds.
 */
export function annealBlockSwap(q: Qubo, x: Uint8Array, blockOf: Int32Array, betas: Float64Array, rng: Rng, f = q.localFields(x)): number {
  const n = q.n, W = q.W;
  const blocks = Math.max(-1, ...blockOf) + 1;
  const ones: number[][] = Array.from({ length: blocks }, () => []), zeros: number[][] = Array.from({ length: blocks }, () => []);
  for (let i = 0; i < n; i++) (x[i] ? ones : zeros)[blockOf[i]].push(i);
  // Only blocks with both a kept and a pruned variable can move; pick a variable uniformly among them.
  const movable = Array.from({ length: blocks }, (_, b) => b).filter((b) => ones[b].length && zeros[b].length);
  const owner: number[] = movable.flatMap((b) => Array.from({ length: ones[b].length + zeros[b].length }, () => b));
  if (!owner.length) return 0;
  let accepted = 0;
  for (let t = 0; t < betas.length; t++) {
    const beta = betas[t];
    for (let p = 0; p < n; p++) {
      const b = owner[Math.floor((rng.nextU32() * owner.length) / U32)];
      const on = ones[b], off = zeros[b];
      const ia = Math.floor((rng.nextU32() * on.length) / U32), ib = Math.floor((rng.nextU32() * off.length) / U32);
      const u = on[ia], v = off[ib];
      const d = f[v] - f[u] - W[u * n + v];
      if (!accept(d, beta, rng)) continue;
      const ru = u * n, rv = v * n;
      for (let j = 0; j < n; j++) f[j] += W[rv + j] - W[ru + j];
      x[u] = 0;
      x[v] = 1;
      on[ia] = v;
      off[ib] = u;
      accepted++;
    }
  }
  return accepted;
}
