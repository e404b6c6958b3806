/**
 * Moves of filters between groups for refinement under a global budget: without them every grid point
 * keeps the solver's k per group, so the search could never correct the allocation (the weak part of
 * a global solve). Encoded as transfers along the chain of groups in model order: coordinate j says
 * how many filters group j takes from group j+1 (0, +1, −1, +2, −2, …), so group g changes by
 * δ_g − δ_{g−1} and the filter total is unchanged for every grid point (a product grid stays a
 * product grid: no constraint on the TT). A group whose count changes grows or shrinks its chosen
 * candidate greedily by its own QUBO (cheapest energy change first). Under a FLOPs or parameter
 * budget a transfer also changes the cost; `fitBudget` then removes the filters cheapest per unit of
 * cost until the limit holds and adds the most useful ones while it still holds, as the capacity
 * search closes its gap.
 */
import type { Qubo } from '../qubo/problem.js';

/** Transfer size of coordinate value v: 0, +1, −1, +2, −2, … (0 first: the solver's allocation). */
export function transferOf(v: number): number {
  return v === 0 ? 0 : v % 2 ? (v + 1) / 2 : -v / 2;
}

/** Net change of each of `groups` groups' counts for the transfer coordinates `values` (length groups − 1). */
export function countChanges(values: readonly number[], groups: number): number[] {
  const d = new Array<number>(groups).fill(0);
  values.forEach((v, j) => {
    const t = transferOf(v);
    d[j] += t;
    d[j + 1] -= t;
  });
  return d;
}

/** Energy change of flipping filter i of x (local field: on → off is −f_i, off → on is +f_i). */
function flipCosts(q: Qubo, x: Uint8Array): Float64Array {
  const f = q.localFields(x);
  for (let i = 0; i < q.n; i++) if (x[i]) f[i] = -f[i];
  return f;
}

/** The cheapest filter to flip in the given direction (add: a pruned one; else a kept one); -1 if none. */
export function cheapestFlip(q: Qubo, x: Uint8Array, add: boolean): { index: number; delta: number } {
  const f = flipCosts(q, x);
  let index = -1;
  for (let i = 0; i < q.n; i++) if (!!x[i] !== add && (index < 0 || f[i] < f[index])) index = i;
  return { index, delta: index < 0 ? Infinity : f[index] };
}

/**
 * `mask` with `delta` filters added (delta > 0) or removed, one at a time, cheapest energy change
 * first; null when the group would keep fewer than `min` or more than all of its filters.
 */
export function resizeMask(q: Qubo, mask: Uint8Array, delta: number, min = 1): Uint8Array | null {
  const k = mask.reduce((a, v) => a + v, 0);
  if (k + delta < min || k + delta > q.n) return null;
  const x = Uint8Array.from(mask);
  for (let s = 0; s < Math.abs(delta); s++) x[cheapestFlip(q, x, delta > 0).index] = delta > 0 ? 1 : 0;
  return x;
}

export interface BudgetFit {
  /** Cost of the model keeping counts[g] filters in group g (groups in `qubos` order). */
  of(counts: number[]): number;
  limit: number;
  /** Cost one filter of group g adds (at the full model): the exchange rate between energy and cost. */
  perFilter: number[];
}

/**
 * Brings the masks (one per group, changed in place) within the cost limit: removes the filter with
 * the lowest energy change per unit cost until the cost holds, then adds the filter with the best
 * (most negative) energy change per unit cost while the cost still holds. Returns false when the
 * limit cannot be met with `min` filters per group.
 */
export function fitBudget(qubos: readonly Qubo[], masks: Uint8Array[], budget: BudgetFit, min = 1): boolean {
  const counts = () => masks.map((m) => m.reduce((a, v) => a + v, 0));
  const pick = (add: boolean): { g: number; index: number } | null => {
    let best: { g: number; index: number; rate: number } | null = null;
    masks.forEach((m, g) => {
      const k = m.reduce((a, v) => a + v, 0);
      if (add ? k >= qubos[g].n : k <= min) return;
      const c = cheapestFlip(qubos[g], m, add);
      const rate = c.delta / budget.perFilter[g];
      if (c.index >= 0 && (!best || rate < best.rate)) best = { g, index: c.index, rate };
    });
    return best;
  };
  const tolerance = budget.limit * 1e-9;
  while (budget.of(counts()) > budget.limit + tolerance) {
    const r = pick(false);
    if (!r) return false;
    masks[r.g][r.index] = 0;
  }
  for (;;) {
    const r = pick(true);
    if (!r) break;
    masks[r.g][r.index] = 1;
    if (budget.of(counts()) > budget.limit + tolerance) {
      masks[r.g][r.index] = 0;
      break;
    }
  }
  return true;
}
