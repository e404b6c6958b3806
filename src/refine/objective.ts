/**
 * The black box a refiner maximises: a batched, asynchronous objective over points of a discrete grid
 * (point[j] in 0..dims[j]-1). Batched and async so evaluations can run on a worker pool or remote
 * evaluator services. `TrackedObjective` wraps one with what every refiner needs: a cache of seen
 * points (a repeat costs nothing and is not counted), the evaluation budget, the best-so-far trace,
 * progress callbacks and early stop.
 */
import { QpruneError } from '../errors.js';

export type Point = number[];
export type BatchObjective = (points: Point[]) => Promise<number[]>;

export interface RefineProgress {
  evaluations: number;
  budget: number;
  best: number;
  bestPoint: Point;
  iteration: number;
}

export interface RefineOptions {
  /** Maximum distinct points evaluated. */
  budget: number;
  seed?: number;
  /** Points evaluated first, in order (e.g. the QUBO answer): the result is never worse than them. */
  initial?: Point[];
  /** Stop when the best has not improved for this many iterations (default: never). */
  patience?: number;
  /** Stop as soon as the best reaches this value. */
  target?: number;
  onProgress?: (p: RefineProgress) => void;
}

export interface TraceEntry { evaluations: number; best: number }

export interface RefineResult {
  best: number;
  bestPoint: Point;
  evaluations: number;
  iterations: number;
  seconds: number;
  /** Best-so-far after each batch. */
  trace: TraceEntry[];
  stoppedBy: 'budget' | 'patience' | 'target' | 'converged';
  method: string;
  /** The best distinct points seen, best first (at most TOP_POINTS): the finalists of successive halving. */
  top: { point: Point; value: number }[];
  /**
   * For r = 1, 2, 4, 8, …: the best point seen with at most r coordinates off the origin (all zeros, where
   * the pipeline puts the solver's answer), one entry per distinct point, nearest first: how far from the
   * start the search's gains reach (the `ladder` finalists).
   */
  ladder: { point: Point; value: number; changed: number }[];
  /**
   * The unary screen, when the refiner ran one (refine/screen.ts): evaluations it used up to then
   * (initial points included), choices that improved on the start, the prior's temperature (objective
   * units; null: uniform), coordinates a draw changes on average, and the additive optimum.
   */
  screen?: { evaluations: number; improving: number; temperature: number | null; expectedChanged: number; additive: Point };
}

/** Best points a refinement result lists (RefineResult.top). */
export const TOP_POINTS = 16;

export interface Refiner {
  readonly name: string;
  refine(dims: number[], objective: BatchObjective, options: RefineOptions): Promise<RefineResult>;
}

export const pointKey = (p: Point): string => p.join(',');

/**
 * The refiners' shared frame: parameters given once, and every search runs against a
 * TrackedObjective (budget, cache of seen points, initial points evaluated first, best so far).
 */
export abstract class TrackedRefiner<P> implements Refiner {
  abstract readonly name: string;
  constructor(protected readonly params: P = {} as P) {}

  async refine(dims: number[], objective: BatchObjective, options: RefineOptions): Promise<RefineResult> {
    const tracked = new TrackedObjective(dims, objective, options);
    await tracked.start();
    return this.search(dims, tracked, options);
  }

  protected abstract search(dims: number[], tracked: TrackedObjective, options: RefineOptions): Promise<RefineResult>;
}

export class TrackedObjective {
  private readonly cache = new Map<string, number>();
  evaluations = 0;
  best = -Infinity;
  bestPoint: Point = [];
  readonly trace: TraceEntry[] = [];
  private readonly t0 = performance.now();

  constructor(readonly dims: number[], private readonly objective: BatchObjective, readonly options: RefineOptions) {
    if (!(Number.isInteger(options.budget) && options.budget >= 1)) throw new QpruneError(`refine budget must be a positive integer, got ${options.budget}`);
    if (!dims.length || dims.some((n) => !(Number.isInteger(n) && n >= 1))) throw new QpruneError(`refine: every dimension needs >= 1 choice, got [${dims.join(', ')}]`);
  }

  get remaining(): number {
    return this.options.budget - this.evaluations;
  }

  has(p: Point): boolean {
    return this.cache.has(pointKey(p));
  }

  cached(p: Point): number | undefined {
    return this.cache.get(pointKey(p));
  }

  /**
   * Values of the points in order. Unseen points (deduplicated) are sent to the objective in one batch,
   * cut to the remaining budget; points beyond the budget come back as NaN.
   */
  async evaluate(points: Point[], iteration = 0): Promise<number[]> {
    const fresh: Point[] = [];
    const freshKeys = new Set<string>();
    for (const p of points) {
      if (p.length !== this.dims.length || p.some((v, j) => !(Number.isInteger(v) && v >= 0 && v < this.dims[j]))) {
        throw new QpruneError(`refine: point [${p.join(',')}] is outside the grid [${this.dims.join('x')}]`);
      }
      const key = pointKey(p);
      if (this.cache.has(key) || freshKeys.has(key) || fresh.length >= this.remaining) continue;
      freshKeys.add(key);
      fresh.push(p);
    }
    if (fresh.length) {
      const values = await this.objective(fresh);
      if (values.length !== fresh.length) throw new QpruneError(`refine objective returned ${values.length} values for ${fresh.length} points`);
      fresh.forEach((p, i) => {
        const v = Number.isFinite(values[i]) ? values[i] : -Infinity;
        this.cache.set(pointKey(p), v);
        if (v > this.best) {
          this.best = v;
          this.bestPoint = [...p];
        }
      });
      this.evaluations += fresh.length;
      this.trace.push({ evaluations: this.evaluations, best: this.best });
      this.options.onProgress?.({ evaluations: this.evaluations, budget: this.options.budget, best: this.best, bestPoint: this.bestPoint, iteration });
    }
    return points.map((p) => this.cache.get(pointKey(p)) ?? NaN);
  }

  /** The n best distinct points seen with a finite value, best first; ties keep the order they were seen in. */
  top(n: number): { point: Point; value: number }[] {
    return [...this.cache].filter(([, v]) => Number.isFinite(v)).sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([k, value]) => ({ point: k.split(',').map(Number), value }));
  }

  /** RefineResult.ladder: the best point within r changed coordinates, r = 1, 2, 4, …, up to the grid's size. */
  ladder(): { point: Point; value: number; changed: number }[] {
    const seen = [...this.cache].filter(([, v]) => Number.isFinite(v)).map(([k, value]) => {
      const point = k.split(',').map(Number);
      return { point, value, changed: point.filter((v) => v !== 0).length };
    }).filter((e) => e.changed > 0);
    const out: { point: Point; value: number; changed: number }[] = [];
    for (let r = 1; ; r *= 2) {
      const within = seen.filter((e) => e.changed <= r);
      const best = within.reduce<(typeof within)[number] | undefined>((b, e) => (!b || e.value > b.value ? e : b), undefined);
      if (best && !out.some((o) => o.point === best.point)) out.push(best);
      if (r >= this.dims.length) return out;
    }
  }

  /** Evaluates options.initial (if any) first. */
  async start(): Promise<void> {
    if (this.options.initial?.length) await this.evaluate(this.options.initial, 0);
  }

  done(): boolean {
    return this.remaining <= 0 || (this.options.target !== undefined && this.best >= this.options.target);
  }

  result(method: string, iterations: number, stoppedBy: RefineResult['stoppedBy']): RefineResult {
    if (this.options.target !== undefined && this.best >= this.options.target) stoppedBy = 'target';
    return {
      best: this.best, bestPoint: this.bestPoint, evaluations: this.evaluations, iterations,
      seconds: (performance.now() - this.t0) / 1000, trace: this.trace, stoppedBy, method, top: this.top(TOP_POINTS), ladder: this.ladder(),
    };
  }
}
