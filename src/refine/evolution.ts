/**
 * Ablation baselines for refinement at the same budget, over the same grid as PROTES:
 * - `ea`: a (1+λ) evolutionary algorithm: λ mutants of the current point per batch (each coordinate
 *   redrawn with probability 1/d, at least one), the best replaces the point when it is no worse;
 * - `local`: iterated local search: batched coordinate ascent from the initial point to a local
 *   optimum, then a kick (a few coordinates of the best point redrawn) and ascent again.
 * Both start from options.initial[0] (the QUBO answer in the mask encoding), like PROTES's prior; the EA
 * from the best of options.initial (ties: the first), so a continuation on larger crops starts where
 * they point among the first search's best.
 */
import { Rng } from '../data/rng.js';
import { iteratedAscent, redraw } from './local-search.js';
import { Point, RefineOptions, RefineResult, TrackedObjective, TrackedRefiner } from './objective.js';

/** The (1+λ)-EA's random stream for a search seed (shared by `ea` and PROTES's EA tail). */
export const evolutionRng = (seed: number) => Rng.derive(seed, 0xea);

/**
 * How a mutant's changed coordinate gets its new value (never its current one), and what the operator
 * learns from each evaluated batch. The plain EA redraws uniformly; guided-evolution.ts draws from a
 * tensor-train distribution fitted to the best points seen.
 */
export interface Mutation {
  value(y: Point, j: number, rng: Rng): number;
  learn?(): void;
}

/** The plain EA's mutation: a uniformly drawn other value. */
export const uniformMutation = (dims: readonly number[]): Mutation => ({ value: (y, j, rng) => redraw(rng, dims[j], y[j]) });

/**
 * (1+λ)-EA from x until the budget is spent or 100 batches in a row bring no unseen point; returns the
 * last iteration number and whether it stopped converged.
 */
export async function evolve(tracked: TrackedObjective, dims: number[], from: Point, rng: Rng, lambda: number, iteration = 0, mutation: Mutation = uniformMutation(dims)): Promise<{ iteration: number; converged: boolean }> {
  const free = dims.map((n, j) => (n > 1 ? j : -1)).filter((j) => j >= 0);
  let x: Point = [...from];
  let fx = tracked.cached(x) ?? (await tracked.evaluate([x]))[0];
  let stalls = 0;
  while (!tracked.done() && free.length && stalls < 100) {
    iteration++;
    const mutants: Point[] = Array.from({ length: lambda }, () => {
      const y = [...x];
      let changed = 0;
      for (const j of free) if (rng.next() < 1 / free.length) { y[j] = mutation.value(y, j, rng); changed++; }
      if (!changed) { const j = free[rng.int(free.length)]; y[j] = mutation.value(y, j, rng); }
      return y;
    });
    const before = tracked.evaluations;
    const values = await tracked.evaluate(mutants, iteration);
    mutation.learn?.();
    stalls = tracked.evaluations === before ? stalls + 1 : 0;
    let best = -1;
    values.forEach((v, i) => { if (Number.isFinite(v) && v >= fx && (best < 0 || v > values[best])) best = i; });
    if (best >= 0) { x = mutants[best]; fx = values[best]; }
  }
  return { iteration, converged: stalls >= 100 };
}

/** The best of the initial points as evaluated (ties and unevaluated ones: the earlier point wins). */
function bestInitial(tracked: TrackedObjective, initial: Point[]): Point {
  let best = initial[0], value = tracked.cached(best) ?? -Infinity;
  for (const p of initial.slice(1)) {
    const v = tracked.cached(p);
    if (v !== undefined && v > value) { best = p; value = v; }
  }
  return [...best];
}

export class EvolutionRefiner extends TrackedRefiner<{ batch?: number }> {
  readonly name = 'ea';
  protected async search(dims: number[], tracked: TrackedObjective, options: RefineOptions): Promise<RefineResult> {
    const rng = evolutionRng(options.seed ?? 0);
    const from: Point = options.initial?.length ? bestInitial(tracked, options.initial) : dims.map((n) => rng.int(n));
    const { iteration, converged } = await evolve(tracked, dims, from, rng, this.params.batch ?? 16);
    return tracked.result(this.name, iteration, converged ? 'converged' : 'budget');
  }
}

export class LocalSearchRefiner extends TrackedRefiner<{ kick?: number }> {
  readonly name = 'local';
  protected async search(dims: number[], tracked: TrackedObjective, options: RefineOptions): Promise<RefineResult> {
    const kick = this.params.kick ?? 2;
    const rng = Rng.derive(options.seed ?? 0, 0x10ca1);
    const from: Point = options.initial?.[0] ? [...options.initial[0]] : dims.map((n) => rng.int(n));
    const iteration = await iteratedAscent(tracked, from, rng, 0, kick);
    return tracked.result(this.name, iteration, tracked.done() ? 'budget' : 'converged');
  }
}
