/**
 * Batched coordinate ascent from a point: evaluate every single-coordinate change in one batch, move
 * to the best improving one, repeat until none improves or the budget runs out. Used to polish a
 * refiner's answer with leftover budget (a TT distribution that has collapsed stops producing new
 * points; the last steps to a local optimum are cheaper done directly).
 * When the budget left is smaller than the next neighbourhood: with `rng`, a random part of it that
 * the budget covers is evaluated (the best improving move among those is taken); without, it stops.
 * Stopping wasted up to a whole neighbourhood of budget (20% of 200 evaluations on a 16 x 6 grid),
 * which made local search look worse than it is at small budgets.
 */
import type { Point, TrackedObjective } from './objective.js';
import type { Rng } from '../data/rng.js';

export async function coordinateAscent(tracked: TrackedObjective, from: Point, iteration: number, rng?: Rng): Promise<number> {
  let x = [...from];
  let fx = tracked.cached(x) ?? (await tracked.evaluate([x], iteration))[0];
  for (;;) {
    let moves = singleChanges(tracked.dims, x);
    let fresh = moves.filter((m) => !tracked.has(m));
    if (fresh.length > tracked.remaining) {
      if (!rng || tracked.remaining <= 0) return iteration;
      fresh = rng.shuffle(fresh).slice(0, tracked.remaining);
      moves = [...moves.filter((m) => tracked.has(m)), ...fresh];
    }
    const values = await tracked.evaluate(moves, ++iteration);
    let best = -1;
    values.forEach((v, i) => { if (v > fx && (best < 0 || v > values[best])) best = i; });
    if (best < 0) return iteration;
    x = moves[best];
    fx = values[best];
  }
}

/** Every point one coordinate away from x, coordinate by coordinate, choices in ascending order. */
export function singleChanges(dims: readonly number[], x: Point): Point[] {
  const moves: Point[] = [];
  x.forEach((v, j) => {
    for (let c = 0; c < dims[j]; c++) if (c !== v) { const y = [...x]; y[j] = c; moves.push(y); }
  });
  return moves;
}

/** A different value for one coordinate of n, uniformly. */
export function redraw(rng: Rng, n: number, not: number): number {
  const v = rng.int(n - 1);
  return v >= not ? v + 1 : v;
}

/**
 * Iterated local search until the budget is spent: coordinate ascent from `from`, then a kick (`kick`
 * coordinates of the best point seen redrawn) and ascent again; stops when a round evaluates nothing new.
 */
export async function iteratedAscent(tracked: TrackedObjective, from: Point, rng: Rng, iteration: number, kick = 2): Promise<number> {
  const free = tracked.dims.map((n, j) => (n > 1 ? j : -1)).filter((j) => j >= 0);
  let start = [...from];
  while (!tracked.done() && free.length) {
    const before = tracked.evaluations;
    iteration = await coordinateAscent(tracked, start, iteration, rng);
    start = [...tracked.bestPoint];
    for (let t = 0; t < Math.min(kick, free.length); t++) { const j = free[rng.int(free.length)]; start[j] = redraw(rng, tracked.dims[j], start[j]); }
    if (tracked.evaluations === before) break;
  }
  return iteration;
}
