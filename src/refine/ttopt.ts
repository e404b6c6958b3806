/**
 * TTOpt-style refinement: maximisation by tensor-train cross approximation. Each core j keeps a set
 * of at most r prefixes (I_j) and suffixes (J_j). A left-to-right sweep evaluates the fibres
 * I_j x [n_j] x J_{j+1} in one batch, maps values to positive weights that peak at the best value
 * seen, and keeps as I_{j+1} the r rows a maxvol selection finds dominant (plus the best rows when the
 * matrix has lower rank); right-to-left sweeps do the same for suffixes. Along the way every
 * evaluated point competes for the best, and the fibres concentrate where large values live.
 */
import { Rng } from '../data/rng.js';
import { maxvol, orthonormalColumns } from './maxvol.js';
import { coordinateAscent } from './local-search.js';
import { Point, RefineOptions, RefineResult, TrackedObjective, TrackedRefiner, pointKey } from './objective.js';

export interface TtoptParams {
  rank?: number;
  /** Sweeps (one left-to-right plus one right-to-left each) at most; budget usually ends it first. */
  sweeps?: number;
  polish?: boolean;
}

export class TtoptRefiner extends TrackedRefiner<TtoptParams> {
  readonly name = 'ttopt';
  protected async search(dims: number[], tracked: TrackedObjective, options: RefineOptions): Promise<RefineResult> {
    const { rank = 4, sweeps = 10, polish = true } = this.params;
    const d = dims.length;
    const rng = Rng.derive(options.seed ?? 0, 0x77097);
    const seedPoint = options.initial?.[0] ?? dims.map((n) => rng.int(n));
    // Suffix sets J[j] for positions j..d-1 (J[d] = one empty suffix); start from the initial point
    // plus random suffixes. Prefix sets I[j] for positions 0..j-1 (I[0] = one empty prefix).
    const J: Point[][] = new Array(d + 1);
    J[d] = [[]];
    for (let j = d - 1; j >= 1; j--) J[j] = distinct([seedPoint.slice(j), ...Array.from({ length: rank - 1 }, () => dims.slice(j).map((n) => rng.int(n)))]);
    const I: Point[][] = new Array(d + 1);
    I[0] = [[]];
    let iteration = 0;
    const weights = (vals: number[]) => {
      // Positive weights peaking at the best value seen: exp((v - best) / spread), spread = the
      // values' standard deviation, so the scale of the objective does not matter.
      const finite = vals.filter(Number.isFinite);
      const mean = finite.reduce((a, b) => a + b, 0) / Math.max(1, finite.length);
      const sd = Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, finite.length)) || 1;
      return vals.map((v) => (Number.isFinite(v) ? Math.exp((v - tracked.best) / sd) : 0));
    };
    const select = async (rows: Point[], cols: Point[], join: (row: Point, col: Point) => Point): Promise<Point[] | undefined> => {
      const points = rows.flatMap((r) => cols.map((c) => join(r, c)));
      if (points.filter((p) => !tracked.has(p)).length > tracked.remaining) return undefined;
      const vals = await tracked.evaluate(points, ++iteration);
      const w = weights(vals);
      const N = rows.length, c = cols.length;
      const { Q, cols: q } = orthonormalColumns(Float64Array.from(w), N, c);
      const chosen = new Set<number>(q ? maxvol(Q, N, Math.min(q, N)) : []);
      // Fill up to the rank with the rows holding the largest weights.
      const order = rows.map((_, i) => i).sort((a, b) => Math.max(...w.slice(b * c, b * c + c)) - Math.max(...w.slice(a * c, a * c + c)));
      for (const i of order) if (chosen.size < Math.min(rank, N)) chosen.add(i);
      return [...chosen].sort((a, b) => a - b).map((i) => rows[i]);
    };
    let stoppedBy: RefineResult['stoppedBy'] = 'converged';
    outer: for (let s = 0; s < sweeps; s++) {
      const before = tracked.evaluations;
      for (let j = 0; j < d; j++) {
        const rows = I[j].flatMap((p) => Array.from({ length: dims[j] }, (_, i) => [...p, i]));
        const picked = await select(rows, J[j + 1], (r, c) => [...r, ...c]);
        if (!picked || tracked.done()) { stoppedBy = 'budget'; break outer; }
        I[j + 1] = picked;
      }
      for (let j = d - 1; j >= 1; j--) {
        const cols = J[j + 1].flatMap((sfx) => Array.from({ length: dims[j] }, (_, i) => [i, ...sfx]));
        const picked = await select(cols, I[j], (c, r) => [...r, ...c]);
        if (!picked || tracked.done()) { stoppedBy = 'budget'; break outer; }
        J[j] = picked;
      }
      if (tracked.evaluations === before) break; // the cross has settled: nothing new to look at
    }
    if (polish && !tracked.done() && tracked.bestPoint.length) iteration = await coordinateAscent(tracked, tracked.bestPoint, iteration, Rng.derive(options.seed ?? 0, 0x9015));
    if (tracked.done()) stoppedBy = 'budget';
    return tracked.result(this.name, iteration, stoppedBy);
  }
}

function distinct(points: Point[]): Point[] {
  const seen = new Set<string>();
  return points.filter((p) => (seen.has(pointKey(p)) ? false : (seen.add(pointKey(p)), true)));
}
