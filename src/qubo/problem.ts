/**
 * Dense QUBO: E(x) = Σ_i Q_ii x_i + Σ_{i<j} Q_ij x_i x_j, x ∈ {0,1}^n (x_i = 1 keeps filter i), with an
 * optional cardinality k (exactly k ones). Stored as linear terms plus a symmetric coupling matrix W
 * (W_ij = W_ji = Q_ij for i < j, zero diagonal) so local fields are one row read.
 * JSON instances: {"n": N, "k": K|null, "Q": [[...], ...]} (upper triangle used; the lower is ignored).
 */
import { QpruneError, describeJsonError } from '../errors.js';

export class Qubo {
  constructor(
    readonly n: number,
    readonly lin: Float64Array,
    readonly W: Float64Array,
    readonly k: number | null = null,
  ) {}

  static fromUpper(Q: number[][], k: number | null = null, where = 'QUBO'): Qubo {
    const n = Q.length;
    if (n === 0) throw new QpruneError(`${where}: Q is empty`);
    const lin = new Float64Array(n);
    const W = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row = Q[i];
      if (!Array.isArray(row) || row.length !== n) throw new QpruneError(`${where}: Q must be square (row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${n})`);
      for (let j = i; j < n; j++) {
        const v = row[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new QpruneError(`${where}: Q[${i}][${j}] is not a finite number (${v})`);
        if (i === j) lin[i] = v;
        else W[i * n + j] = W[j * n + i] = v;
      }
    }
    return new Qubo(n, lin, W, validK(k, n, where));
  }

  static fromJson(text: string, where = 'QUBO instance'): Qubo {
    let j: { n?: unknown; k?: unknown; Q?: unknown };
    try {
      j = JSON.parse(text);
    } catch (err) {
      throw new QpruneError(`${where} is not valid JSON: ${describeJsonError(err)}`);
    }
    if (!Array.isArray(j.Q)) throw new QpruneError(`${where}: missing matrix "Q"`);
    if (j.n !== undefined && j.n !== j.Q.length) throw new QpruneError(`${where}: "n" is ${j.n} but Q has ${j.Q.length} rows`);
    return Qubo.fromUpper(j.Q as number[][], (j.k ?? null) as number | null, where);
  }

  toJson(): string {
    const n = this.n;
    const Q = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? this.lin[i] : j > i ? this.W[i * n + j] : 0)));
    return JSON.stringify({ n, k: this.k, Q });
  }

  withK(k: number | null): Qubo {
    return new Qubo(this.n, this.lin, this.W, validK(k, this.n, 'QUBO'));
  }

  /** Same couplings, linear terms shifted by mu (the capacity multiplier). */
  shifted(mu: number): Qubo {
    return new Qubo(this.n, this.lin.map((v) => v + mu), this.W, this.k);
  }

  energy(x: Uint8Array): number {
    const n = this.n;
    let e = 0;
    for (let i = 0; i < n; i++) {
      if (!x[i]) continue;
      e += this.lin[i];
      for (let j = i + 1; j < n; j++) if (x[j]) e += this.W[i * n + j];
    }
    return e;
  }

  /** f_i = Q_ii + Σ_j W_ij x_j: flipping i changes E by (1 - 2 x_i) f_i. */
  localFields(x: Uint8Array, out = new Float64Array(this.n)): Float64Array {
    const n = this.n;
    for (let i = 0; i < n; i++) {
      let s = this.lin[i];
      const row = i * n;
      for (let j = 0; j < n; j++) if (x[j]) s += this.W[row + j];
      out[i] = s;
    }
    return out;
  }
}

function validK(k: number | null | undefined, n: number, where: string): number | null {
  if (k === null || k === undefined) return null;
  if (!Number.isInteger(k)) throw new QpruneError(`${where}: k must be an integer, got ${k}`);
  if (k < 0) throw new QpruneError(`${where}: k must be >= 0, got ${k}`);
  if (k > n) throw new QpruneError(`${where}: k = ${k} exceeds n = ${n}`);
  return k;
}

/** Adds the penalty λ(Σx - k)² to a QUBO (λ(1-2k) on the diagonal, 2λ on every pair; constant λk² dropped). */
export function withCardinalityPenalty(q: Qubo, k: number, lambda: number): Qubo {
  const n = q.n;
  const lin = q.lin.map((v) => v + lambda * (1 - 2 * k));
  const W = q.W.map((v, idx) => (Math.floor(idx / n) === idx % n ? 0 : v + 2 * lambda));
  return new Qubo(n, lin, W, null);
}
