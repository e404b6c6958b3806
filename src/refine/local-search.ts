/**
 * Batched coordinate ascent from a point: evaluate every single-coordinate change in one batch, move
 * to the best improving one, repeat until none improves or the budget runs out. Used to polish a
 * refiner's answer with leftover budget (a TT distribution that has collapsed stops producing new
 * points; the last steps to a local optimum are cheaper done directly).
 */
import type { Point, TrackedObjective } from './objective.js';

export async function coordinateAscent(tracked: TrackedObjective, from: Point, iteration: number): Promise<number> {
  let x = [...from];
  let fx = tracked.cached(x) ?? (await tracked.evaluate([x], iteration))[0];
  for (;;) {
    const moves: Point[] = [];
    x.forEach((v, j) => {
      for (let i = 0; i < tracked.dims[j]; i++) if (i !== v) { const y = [...x]; y[j] = i; moves.push(y); }
    });
    const fresh = moves.filter((m) => !tracked.has(m));
    if (fresh.length > tracked.remaining) return iteration; // a partial neighbourhood could miss the best move; stop cleanly
    const values = await tracked.evaluate(moves, ++iteration);
    let best = -1;
    values.forEach((v, i) => { if (v > fx && (best < 0 || v > values[best])) best = i; });
    if (best < 0) return iteration;
    x = moves[best];
    fx = values[best];
  }
}
