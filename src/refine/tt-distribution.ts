/**
 * A probability distribution over a d-dimensional discrete grid held as a tensor train:
 * p(x) = T(x)² / Z with T(x) = G_1[x_1] G_2[x_2] ... G_d[x_d] (G_j[i] an r_{j-1} x r_j matrix,
 * r_0 = r_d = 1) and Z = Σ_x T(x)². The square (a "Born rule") keeps p non-negative for any cores, so
 * gradient steps need no projection; Z, exact sampling and ∇ log p all cost O(d·n·r³) by contracting
 * the train with itself. Vectors and environments are renormalised at each step (only ratios matter),
 * so long trains neither overflow nor underflow.
 */
import { Rng } from '../data/rng.js';

export class TTDistribution {
  /** cores[j]: r_{j-1} x n_j x r_j, row-major. */
  readonly cores: Float64Array[];
  readonly ranks: number[];

  /**
   * `marginals` (optional, one probability row per dimension): start at their product instead of
   * uniform, p(x) ≈ Π_j marginals[j][x_j] (slice i of core j scaled by √marginals[j][i]; the Born rule
   * squares it back).
   */
  constructor(readonly dims: number[], rank: number, rng: Rng, noise = 0.1, marginals?: readonly (readonly number[])[]) {
    const d = dims.length;
    if (marginals && (marginals.length !== d || marginals.some((m, j) => m.length !== dims[j]))) throw new Error('TTDistribution: one marginal row per dimension, of its size');
    this.ranks = Array.from({ length: d + 1 }, (_, j) => (j === 0 || j === d ? 1 : rank));
    // Start near uniform (or near the product of the marginals): every slice ≈ the same matrix of ones, perturbed so the rank is used.
    this.cores = dims.map((n, j) => {
      const rr = this.ranks[j + 1];
      return Float64Array.from({ length: this.ranks[j] * n * rr }, (_, t) => (1 + noise * rng.normal()) * (marginals ? Math.sqrt(marginals[j][Math.floor(t / rr) % n]) : 1));
    });
  }

  /** Slice i of core j as an r_{j-1} x r_j matrix view index: element (a, b) at offset. */
  private at(j: number, a: number, i: number, b: number): number {
    return (a * this.dims[j] + i) * this.ranks[j + 1] + b;
  }

  /**
   * Right environments: R[j] = Σ_{x_j..x_d} t t^T where t = G_j[x_j]...G_d[x_d] (r_{j-1} x r_{j-1},
   * normalised to unit max); R[d] = [1].
   */
  rightEnvironments(): Float64Array[] {
    const d = this.dims.length;
    const R: Float64Array[] = new Array(d + 1);
    R[d] = Float64Array.of(1);
    for (let j = d - 1; j >= 0; j--) R[j] = this.environmentStep(j, R[j + 1], 'right');
    return R;
  }

  /** Left environments: L[j] = Σ_{x_1..x_j} l^T l with l = G_1[x_1]...G_j[x_j]; L[0] = [1]. */
  leftEnvironments(): Float64Array[] {
    const d = this.dims.length;
    const L: Float64Array[] = new Array(d + 1);
    L[0] = Float64Array.of(1);
    for (let j = 0; j < d; j++) L[j + 1] = this.environmentStep(j, L[j], 'left');
    return L;
  }

  /**
   * One environment through core j: E (on the core's `side`, m x m) to the environment on its other
   * side (k x k), Σ_i G[i]ᵀ E G[i] oriented. g(p, i, q) reads the core with p on E's side and q on the
   * far side; the index orders of E and of the result are the ones each direction always used, so
   * both directions give the same bits as before they shared this loop.
   */
  private environmentStep(j: number, E: Float64Array, side: 'left' | 'right'): Float64Array {
    const rl = this.ranks[j], rr = this.ranks[j + 1], n = this.dims[j], G = this.cores[j];
    const left = side === 'left', m = left ? rl : rr, k = left ? rr : rl;
    const g = left ? (p: number, i: number, q: number) => G[this.at(j, p, i, q)] : (p: number, i: number, q: number) => G[this.at(j, q, i, p)];
    const e = left ? (p: number, f: number) => E[p * m + f] : (p: number, f: number) => E[f * m + p];
    const out = new Float64Array(k * k);
    const tmp = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      for (let q = 0; q < k; q++) {
        // tmp = E · g(:, i, q), then out[c, q] += g(:, i, c) · tmp
        for (let p = 0; p < m; p++) {
          let s = 0;
          for (let f = 0; f < m; f++) s += e(p, f) * g(f, i, q);
          tmp[p] = s;
        }
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let p = 0; p < m; p++) s += g(p, i, c) * tmp[p];
          out[left ? c * k + q : q * k + c] += s;
        }
      }
    }
    return normalised(out);
  }

  /** Exact samples from p by sequential conditionals: p(x_j | x_<j) ∝ (l G_j[x_j]) R_{j+1} (l G_j[x_j])^T. */
  sample(count: number, rng: Rng, R = this.rightEnvironments()): number[][] {
    const d = this.dims.length;
    const out: number[][] = [];
    const w: number[] = [];
    for (let s = 0; s < count; s++) {
      let l: Float64Array = Float64Array.of(1);
      const x: number[] = [];
      for (let j = 0; j < d; j++) {
        const rl = this.ranks[j], rr = this.ranks[j + 1], n = this.dims[j], G = this.cores[j], Rn = R[j + 1];
        const cand: Float64Array[] = [];
        w.length = 0;
        let total = 0;
        for (let i = 0; i < n; i++) {
          const v = new Float64Array(rr);
          for (let b = 0; b < rr; b++) {
            let t = 0;
            for (let a = 0; a < rl; a++) t += l[a] * G[this.at(j, a, i, b)];
            v[b] = t;
          }
          let q = 0;
          for (let b = 0; b < rr; b++) {
            let t = 0;
            for (let e = 0; e < rr; e++) t += Rn[b * rr + e] * v[e];
            q += v[b] * t;
          }
          q = Math.max(q, 0);
          cand.push(v);
          w.push(q);
          total += q;
        }
        let u = rng.next() * total, pick = n - 1;
        for (let i = 0; i < n; i++) {
          u -= w[i];
          if (u < 0) { pick = i; break; }
        }
        if (!(total > 0)) pick = rng.int(n); // a degenerate train: fall back to uniform
        x.push(pick);
        l = normalised(cand[pick]);
      }
      out.push(x);
    }
    return out;
  }

  /**
   * p(x_j = c | the other coordinates of x), c = 0..n_j−1: with l = G_1[x_1]…G_{j−1}[x_{j−1}] and
   * r = G_{j+1}[x_{j+1}]…G_d[x_d], T is l G_j[c] r and the Born rule squares it. Uniform when every
   * slice gives 0 (a degenerate train).
   */
  conditional(x: readonly number[], j: number): number[] {
    let l: Float64Array = Float64Array.of(1);
    for (let i = 0; i < j; i++) l = normalised(this.rowTimes(l, i, x[i]));
    let r: Float64Array = Float64Array.of(1);
    for (let i = this.dims.length - 1; i > j; i--) r = normalised(this.colTimes(i, x[i], r));
    const n = this.dims[j];
    const w = Array.from({ length: n }, (_, c) => {
      const v = this.rowTimes(l, j, c);
      let t = 0;
      for (let b = 0; b < v.length; b++) t += v[b] * r[b];
      return t * t;
    });
    const total = w.reduce((a, b) => a + b, 0);
    return total > 0 && Number.isFinite(total) ? w.map((v) => v / total) : w.map(() => 1 / n);
  }

  /** log p(x) up to the constant -log Z (for ranking and tests: 2 log|T(x)|). */
  logAmplitude(x: number[]): number {
    let l: Float64Array = Float64Array.of(1), logScale = 0;
    for (let j = 0; j < this.dims.length; j++) {
      const v = this.rowTimes(l, j, x[j]);
      const m = maxAbs(v);
      if (m === 0) return -Infinity;
      for (let b = 0; b < v.length; b++) v[b] /= m;
      logScale += Math.log(m);
      l = v;
    }
    return 2 * (logScale + Math.log(Math.abs(l[0])));
  }

  /** Exact log Z (for tests). */
  logNormaliser(): number {
    // Contract left to right keeping the log of the scale removed at each step.
    let L: Float64Array = Float64Array.of(1), logScale = 0;
    for (let j = 0; j < this.dims.length; j++) {
      const rl = this.ranks[j], rr = this.ranks[j + 1], G = this.cores[j];
      const out = new Float64Array(rr * rr);
      for (let i = 0; i < this.dims[j]; i++)
        for (let c = 0; c < rr; c++)
          for (let b = 0; b < rr; b++) {
            let s = 0;
            for (let a = 0; a < rl; a++) for (let e = 0; e < rl; e++) s += G[this.at(j, a, i, c)] * L[a * rl + e] * G[this.at(j, e, i, b)];
            out[c * rr + b] += s;
          }
      const m = maxAbs(out);
      for (let t = 0; t < out.length; t++) out[t] /= m;
      logScale += Math.log(m);
      L = out;
    }
    return logScale + Math.log(L[0]);
  }

  private rowTimes(l: Float64Array, j: number, i: number): Float64Array {
    const rl = this.ranks[j], rr = this.ranks[j + 1], G = this.cores[j];
    const v = new Float64Array(rr);
    for (let b = 0; b < rr; b++) {
      let t = 0;
      for (let a = 0; a < rl; a++) t += l[a] * G[this.at(j, a, i, b)];
      v[b] = t;
    }
    return v;
  }

  private colTimes(j: number, i: number, r: Float64Array): Float64Array {
    const rl = this.ranks[j], rr = this.ranks[j + 1], G = this.cores[j];
    const v = new Float64Array(rl);
    for (let a = 0; a < rl; a++) {
      let t = 0;
      for (let b = 0; b < rr; b++) t += G[this.at(j, a, i, b)] * r[b];
      v[a] = t;
    }
    return v;
  }

  /**
   * Gradient of the mean negative log-likelihood of `points`, -(1/m) Σ log p(x), w.r.t. every core
   * entry: -(2/m) Σ_x l r^T / (l G r) over the slices x visits, + 2 L G R / Z on every slice.
   * Returns the loss too (for tests).
   */
  nllGradient(points: number[][]): { grad: Float64Array[]; loss: number } {
    const d = this.dims.length, m = points.length;
    const grad = this.cores.map((c) => new Float64Array(c.length));
    let loss = 0;
    for (const x of points) {
      // Normalised prefix and suffix vectors for this point.
      const lefts: Float64Array[] = [Float64Array.of(1)];
      for (let j = 0; j < d; j++) lefts.push(normalised(this.rowTimes(lefts[j], j, x[j])));
      const rights: Float64Array[] = new Array(d + 1);
      rights[d] = Float64Array.of(1);
      for (let j = d - 1; j >= 0; j--) rights[j] = normalised(this.colTimes(j, x[j], rights[j + 1]));
      for (let j = 0; j < d; j++) {
        const l = lefts[j], r = rights[j + 1], i = x[j];
        const v = this.rowTimes(l, j, i);
        let amp = 0;
        for (let b = 0; b < r.length; b++) amp += v[b] * r[b];
        if (amp === 0) continue;
        for (let a = 0; a < l.length; a++)
          for (let b = 0; b < r.length; b++) grad[j][this.at(j, a, i, b)] -= (2 / m) * (l[a] * r[b]) / amp;
      }
      loss -= this.logAmplitude(x) / m;
    }
    const L = this.leftEnvironments(), R = this.rightEnvironments();
    for (let j = 0; j < d; j++) {
      const rl = this.ranks[j], rr = this.ranks[j + 1], G = this.cores[j], Lj = L[j], Rj = R[j + 1];
      // Z (up to the environments' scales) = Σ_i tr(G_i^T L G_i R); its gradient 2 L G_i R.
      const LG = new Float64Array(rl * this.dims[j] * rr);
      let z = 0;
      for (let i = 0; i < this.dims[j]; i++)
        for (let a = 0; a < rl; a++)
          for (let b = 0; b < rr; b++) {
            let s = 0;
            for (let e = 0; e < rl; e++) for (let c = 0; c < rr; c++) s += Lj[a * rl + e] * G[this.at(j, e, i, c)] * Rj[c * rr + b];
            LG[this.at(j, a, i, b)] = s;
            z += s * G[this.at(j, a, i, b)];
          }
      for (let t = 0; t < LG.length; t++) grad[j][t] += (2 * LG[t]) / z;
    }
    loss += this.logNormaliser();
    return { grad, loss };
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]) > m) m = Math.abs(v[i]);
  return m;
}

function normalised(v: Float64Array): Float64Array {
  const m = maxAbs(v);
  if (m > 0) for (let i = 0; i < v.length; i++) v[i] /= m;
  return v;
}

/** Adam over a list of parameter arrays (updated in place). */
export class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;
  constructor(private readonly params: Float64Array[], private readonly lr = 0.05, private readonly b1 = 0.9, private readonly b2 = 0.999, private readonly eps = 1e-8) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }
  step(grads: Float64Array[]): void {
    this.t++;
    const c1 = 1 - Math.pow(this.b1, this.t), c2 = 1 - Math.pow(this.b2, this.t);
    this.params.forEach((p, k) => {
      const g = grads[k], m = this.m[k], v = this.v[k];
      for (let i = 0; i < p.length; i++) {
        m[i] = this.b1 * m[i] + (1 - this.b1) * g[i];
        v[i] = this.b2 * v[i] + (1 - this.b2) * g[i] * g[i];
        p[i] -= (this.lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.eps);
      }
    });
  }
}
