/**
 * `tt-guided`: the (1+λ)-EA with PROTES's model as its mutation operator. The plain EA (evolution.ts)
 * beat PROTES at the same budget on both real models (README, Refinement): it keeps one point and
 * changes about one coordinate per mutant, where PROTES's draws roam the whole distribution. Here the
 * EA keeps its acceptance rule and mutation rate, but a changed coordinate takes its new value from a
 * tensor-train distribution's conditional p(x_j | the mutant's other coordinates), the train fitted
 * (Adam steps on the negative log-likelihood, as PROTES) to the best points seen after every batch;
 * a share `explore` of the changes stay uniform, so a value the train rates low is still tried. With
 * the screen (screen.ts) the train starts from the measured single-change gains' Boltzmann prior, and
 * the EA from the best point the screen found. The same EA with uniform values (`ea`) is its ablation.
 */
import { Rng } from '../data/rng.js';
import { QpruneError } from '../errors.js';
import { Adam, TTDistribution } from './tt-distribution.js';
import { evolve, Mutation } from './evolution.js';
import { redraw } from './local-search.js';
import { screenedStart } from './screen.js';
import { Point, RefineOptions, RefineResult, TrackedObjective, TrackedRefiner } from './objective.js';

export interface GuidedEvolutionParams {
  /** Mutants per batch (λ). */
  batch?: number;
  /** Best points seen that the train is fitted to after each batch. */
  elite?: number;
  rank?: number;
  lr?: number;
  /** Adam steps per batch. */
  gradientSteps?: number;
  /** Start marginals of the train (e.g. the QUBO energies' Boltzmann prior); the screen replaces them. */
  prior?: number[][];
  /** Screen every single change of the first initial point first (screen.ts). */
  screen?: boolean;
  /** Screened prior: coordinates a draw changes on average (default 2.5). */
  targetChanged?: number;
  /** Share of changed coordinates that take a uniformly drawn value instead of the train's (0..1, default 0.25). */
  explore?: number;
}

/** A coordinate's new value from the train's conditional given the mutant's other coordinates (never its current value). */
function trainMutation(dist: TTDistribution, adam: Adam, tracked: TrackedObjective, p: Required<Pick<GuidedEvolutionParams, 'elite' | 'gradientSteps' | 'explore'>>): Mutation {
  return {
    value(y: Point, j: number, rng: Rng): number {
      const n = tracked.dims[j];
      if (rng.next() < p.explore) return redraw(rng, n, y[j]);
      const q = dist.conditional(y, j);
      const total = 1 - q[y[j]];
      if (!(total > 1e-12)) return redraw(rng, n, y[j]);
      let u = rng.next() * total;
      for (let c = 0; c < n; c++) {
        if (c === y[j]) continue;
        u -= q[c];
        if (u < 0) return c;
      }
      return redraw(rng, n, y[j]); // rounding left u ≥ 0: any other value
    },
    learn(): void {
      const elite = tracked.top(p.elite).map((e) => e.point);
      if (elite.length) for (let s = 0; s < p.gradientSteps; s++) adam.step(dist.nllGradient(elite).grad);
    },
  };
}

export class GuidedEvolutionRefiner extends TrackedRefiner<GuidedEvolutionParams> {
  readonly name = 'tt-guided';
  protected async search(dims: number[], tracked: TrackedObjective, options: RefineOptions): Promise<RefineResult> {
    const p = { batch: 16, elite: 20, rank: 5, lr: 0.03, gradientSteps: 3, screen: false, targetChanged: 2.5, explore: 0.25, ...this.params };
    if (!(p.explore >= 0 && p.explore <= 1)) throw new QpruneError(`tt-guided: explore must be in 0..1, got ${p.explore}`);
    const rng = Rng.derive(options.seed ?? 0, 0x6e1de);
    let iteration = 0;
    let prior = p.prior;
    let screened: RefineResult['screen'];
    if (p.screen && options.initial?.length && !tracked.done()) {
      const start = await screenedStart(tracked, options.initial[0], iteration, p.targetChanged);
      if (start) ({ prior, record: screened, iteration } = start);
    }
    const dist = new TTDistribution(dims, p.rank, rng, 0.1, prior);
    const adam = new Adam(dist.cores, p.lr);
    const mutation = trainMutation(dist, adam, tracked, p);
    mutation.learn!();
    const from: Point = tracked.bestPoint.length ? [...tracked.bestPoint] : options.initial?.[0] ? [...options.initial[0]] : dims.map((n) => rng.int(n));
    const ea = tracked.done() ? { iteration, converged: false } : await evolve(tracked, dims, from, rng, p.batch, iteration, mutation);
    return { ...tracked.result(this.name, ea.iteration, ea.converged ? 'converged' : 'budget'), ...(screened ? { screen: screened } : {}) };
  }
}
