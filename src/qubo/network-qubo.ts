/**
 * One QUBO over every gate of the network, stored by blocks: each channel group's own QUBO (the
 * diagonal block, with its exact k) and coupling blocks between pairs of groups.
 *   E(x) = Σ_g [lin_g·x_g + Σ_{i<j} W_g,ij x_g,i x_g,j] + Σ_{a<b} x_aᵀ C_ab x_b
 * The cross-layer formulation fills it from the network's gate Fisher matrix; the decomposition
 * solver (decompose.ts) works on it a group at a time, the other groups folded into linear terms.
 */
import { Qubo } from './problem.js';

export interface CouplingBlock {
  /** Group indices, a < b. */
  a: number;
  b: number;
  /** size_a x size_b, row-major: the coefficient of x_a,i x_b,j. */
  C: Float64Array;
}

export class NetworkQubo {
  /** Per group: the coupling blocks it takes part in, and whether it is the block's row side (a). */
  private readonly byGroup: { block: CouplingBlock; rowSide: boolean }[][];

  /** `offset`: a constant added to every energy (e.g. what makes it the loss estimate itself, not a shift of it). */
  constructor(readonly ids: readonly string[], readonly groups: readonly Qubo[], readonly couplings: readonly CouplingBlock[], readonly offset = 0) {
    this.byGroup = groups.map(() => []);
    for (const block of couplings) {
      const { a, b } = block;
      if (!(a >= 0 && a < b && b < groups.length)) throw new Error(`coupling block between groups ${a} and ${b} is outside 0..${groups.length - 1} or not ordered`);
      if (block.C.length !== groups[a].n * groups[b].n) throw new Error(`coupling block ${ids[a]}/${ids[b]} has ${block.C.length} entries, expected ${groups[a].n}x${groups[b].n}`);
      this.byGroup[a].push({ block, rowSide: true });
      this.byGroup[b].push({ block, rowSide: false });
    }
  }

  /** Total variables (gates). */
  get n(): number {
    return this.groups.reduce((s, q) => s + q.n, 0);
  }

  /** Σ_{b≠g} C_gb x_b: what the other groups add to group g's linear terms in state xs. */
  field(g: number, xs: readonly Uint8Array[]): Float64Array {
    const out = new Float64Array(this.groups[g].n);
    for (const { block, rowSide } of this.byGroup[g]) {
      const { a, b, C } = block;
      const nb = this.groups[b].n;
      if (rowSide) {
        const xb = xs[b];
        for (let i = 0; i < out.length; i++) {
          let s = 0;
          for (let j = 0; j < nb; j++) if (xb[j]) s += C[i * nb + j];
          out[i] += s;
        }
      } else {
        const xa = xs[a];
        for (let i = 0; i < xa.length; i++) {
          if (!xa[i]) continue;
          for (let j = 0; j < out.length; j++) out[j] += C[i * nb + j];
        }
      }
    }
    return out;
  }

  /** Group g's QUBO with every other group fixed at xs (their couplings folded into its linear terms). */
  folded(g: number, xs: readonly Uint8Array[]): Qubo {
    const q = this.groups[g], f = this.field(g, xs);
    return new Qubo(q.n, q.lin.map((v, i) => v + f[i]), q.W, q.k);
  }

  energy(xs: readonly Uint8Array[]): number {
    let e = this.offset;
    this.groups.forEach((q, g) => { e += q.energy(xs[g]); });
    for (const { a, b, C } of this.couplings) {
      const xa = xs[a], xb = xs[b], nb = xb.length;
      for (let i = 0; i < xa.length; i++) {
        if (!xa[i]) continue;
        for (let j = 0; j < nb; j++) if (xb[j]) e += C[i * nb + j];
      }
    }
    return e;
  }

  /** The whole network as one dense QUBO (variables group after group), for monolithic solvers. */
  dense(): { qubo: Qubo; offsets: number[] } {
    const offsets: number[] = [];
    let n = 0;
    for (const q of this.groups) { offsets.push(n); n += q.n; }
    const lin = new Float64Array(n), W = new Float64Array(n * n);
    this.groups.forEach((q, g) => {
      const o = offsets[g];
      for (let i = 0; i < q.n; i++) {
        lin[o + i] = q.lin[i];
        for (let j = 0; j < q.n; j++) W[(o + i) * n + o + j] = q.W[i * q.n + j];
      }
    });
    for (const { a, b, C } of this.couplings) {
      const oa = offsets[a], ob = offsets[b], na = this.groups[a].n, nb = this.groups[b].n;
      for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) W[(oa + i) * n + ob + j] = W[(ob + j) * n + oa + i] = C[i * nb + j];
    }
    return { qubo: new Qubo(n, lin, W, null), offsets }; // without the offset
  }
}
