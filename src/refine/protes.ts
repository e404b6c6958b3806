/**
 * PROTES-style refinement (probabilistic optimisation with a tensor-train distribution): keep a
 * distribution p over the grid in TT format (tt-distribution.ts); each iteration draw a batch from p,
 * evaluate the new points, take an elite and move p towards it by Adam steps on the elite's negative
 * log-likelihood. Our choices beyond the published method, all measured on the synthetic chains of
 * test/refine.test.ts: the elite is the best points seen so far ('all'; 'batch' is the original);
 * when p collapses (no new point in stallLimit draws) the best point is polished by coordinate ascent
 * and a fresh distribution starts with the remaining budget (the elite carries over).
 * `priorSteps` > 0 tilts the start towards `initial` points (index 0 = the QUBO answer in our encoding);
 * `prior` starts every phase from given marginals instead (the Boltzmann prior of refine/prior.ts);
 * `screen` measures every single change of the first initial point first and starts from the prior of
 * those gains (refine/screen.ts). `eaTail` keeps the last share of the budget for a (1+λ)-EA from the
 * best point (refiner `tt-ea`): on DnCNN-S the EA alone found more than PROTES at 50% by FLOPs, and
 * PROTES's distribution has mostly collapsed onto the best region by then.
 */
import { Rng } from '../data/rng.js';
import { QpruneError } from '../errors.js';
import { Adam, TTDistribution } from './tt-distribution.js';
import { coordinateAscent } from './local-search.js';
import { evolutionRng, evolve } from './evolution.js';
import { screenedStart } from './screen.js';
import { Point, RefineOptions, RefineResult, TrackedObjective, TrackedRefiner } from './objective.js';

export interface ProtesParams {
  /** Points drawn per iteration. */
  batch?: number;
  /** Elite size per iteration. */
  elite?: number;
  rank?: number;
  lr?: number;
  /** Adam steps per iteration. */
  gradientSteps?: number;
  /** Adam steps on the initial points before the first draw (a prior towards them); 0 = none. */
  priorSteps?: number;
  /**
   * Start distribution: one probability row per dimension (e.g. refine/prior.ts's Boltzmann prior);
   * every phase, restarts too, starts from their product. Absent: uniform (then priorSteps).
   */
  prior?: number[][];
  /** Iterations in a row with no new point before giving up (the distribution has collapsed). */
  stallLimit?: number;
  /** Elite from this batch only ('batch', as in PROTES) or from every point seen so far ('all'). */
  eliteFrom?: 'batch' | 'all';
  /** Spend leftover budget on coordinate ascent from the best point (default true). */
  polish?: boolean;
  /** Start a fresh distribution when one collapses with budget left (default true). */
  restart?: boolean;
  /**
   * Screen the unary effects first (screen.ts): every single change of the first initial point is
   * evaluated, and the prior becomes the Boltzmann distribution of the measured gains around the
   * additive optimum (replacing `prior` and `priorSteps`). Skipped when the budget cannot cover it.
   */
  screen?: boolean;
  /** Screened prior: coordinates a draw changes on average (default 2.5). */
  targetChanged?: number;
  /** Share of the budget (0..1, default 0) left to a (1+λ)-EA from the best point, λ = batch, after PROTES. */
  eaTail?: number;
}

export class ProtesRefiner extends TrackedRefiner<ProtesParams> {
  readonly name: string = 'protes';
  protected async search(dims: number[], tracked: TrackedObjective, options: RefineOptions): Promise<RefineResult> {
    const p = { batch: 100, elite: 20, rank: 5, lr: 0.03, gradientSteps: 3, priorSteps: 0, stallLimit: 20, eliteFrom: 'all', polish: true, restart: true, eaTail: 0, ...this.params };
    if (!(p.eaTail >= 0 && p.eaTail <= 1)) throw new QpruneError(`protes: eaTail must be in 0..1, got ${p.eaTail}`);
    // PROTES (screen, phases, polish) stops here; the EA tail has the rest.
    const protesEnd = Math.round(options.budget * (1 - p.eaTail));
    const protesDone = () => tracked.done() || tracked.evaluations >= protesEnd;
    const seen: { x: Point; v: number }[] = [];
    let iteration = 0;
    let stoppedBy: RefineResult['stoppedBy'] = 'budget';
    let prior = p.prior;
    let screened: RefineResult['screen'];
    if (p.screen && options.initial?.length && !protesDone()) {
      const start = await screenedStart(tracked, options.initial[0], iteration, p.targetChanged ?? 2.5);
      if (start) ({ prior, record: screened, iteration } = start);
    }
    // Phases: when the distribution collapses (no new points for stallLimit draws) with budget left,
    // polish the best point by coordinate ascent and start a fresh distribution; with eliteFrom 'all'
    // the elite carries over, so a new phase searches again around the best points seen.
    for (let phase = 0; !protesDone(); phase++) {
      const rng = Rng.derive(options.seed ?? 0, 0x9707e5, phase);
      const dist = new TTDistribution(dims, p.rank, rng, 0.1, prior);
      const adam = new Adam(dist.cores, p.lr);
      if (phase === 0 && !prior && options.initial?.length) for (let s = 0; s < p.priorSteps; s++) adam.step(dist.nllGradient(options.initial).grad);
      const phaseStart = tracked.evaluations;
      let stalls = 0, sinceBest = 0, lastBest = tracked.best;
      stoppedBy = 'budget';
      while (!protesDone()) {
        iteration++;
        const points = dist.sample(p.batch, rng);
        const before = tracked.evaluations;
        const values = await tracked.evaluate(points, iteration);
        stalls = tracked.evaluations === before ? stalls + 1 : 0;
        // Elite among this batch (already-seen points keep their cached value): sorted by value, ties by draw order.
        let ranked = points.map((x, i) => ({ x, v: values[i], i })).filter((e) => Number.isFinite(e.v)).sort((a, b) => b.v - a.v || a.i - b.i);
        if (p.eliteFrom === 'all') {
          // Merge into the best `elite` distinct points seen so far.
          for (const e of ranked) if (!seen.some((s) => s.x.join() === e.x.join())) seen.push({ x: e.x, v: e.v });
          seen.sort((a, b) => b.v - a.v);
          seen.length = Math.min(seen.length, p.elite);
          ranked = seen.map((s, i) => ({ ...s, i }));
        }
        const elite: Point[] = ranked.slice(0, p.elite).map((e) => e.x);
        if (elite.length) for (let s = 0; s < p.gradientSteps; s++) adam.step(dist.nllGradient(elite).grad);
        if (tracked.best > lastBest) { lastBest = tracked.best; sinceBest = 0; } else sinceBest++;
        if (options.patience !== undefined && sinceBest >= options.patience) { stoppedBy = 'patience'; break; }
        if (stalls >= p.stallLimit) { stoppedBy = 'converged'; break; }
      }
      if (stoppedBy === 'patience') break;
      if (p.polish && !protesDone() && tracked.bestPoint.length) iteration = await coordinateAscent(tracked, tracked.bestPoint, iteration, Rng.derive(options.seed ?? 0, 0x9015, phase));
      if (!p.restart || tracked.evaluations === phaseStart) break;
    }
    if (p.eaTail > 0 && !tracked.done() && stoppedBy !== 'patience') {
      const from = tracked.bestPoint.length ? tracked.bestPoint : options.initial?.[0] ?? dims.map(() => 0);
      const ea = await evolve(tracked, dims, from, evolutionRng(options.seed ?? 0), p.batch, iteration);
      iteration = ea.iteration;
      stoppedBy = ea.converged ? 'converged' : 'budget';
    }
    return { ...tracked.result(this.name, iteration, stoppedBy), ...(screened ? { screen: screened } : {}) };
  }
}
