/**
 * Screening of the unary effects (issue #18, Deliver 3): before the tensor-train search, every
 * single-coordinate change of the start point is evaluated once (one batch), and the measured gains
 * become the search's prior. The QUBO's energies only estimate what a candidate costs; the screen
 * measures it on the objective itself. PROTES then spends its budget on what the screen cannot see,
 * the interactions: its start is a Boltzmann distribution p_j(c) ∝ exp(Δ_j(c)/T) centred on the point
 * that takes every coordinate's best measured change (the additive optimum), so draws combine the
 * improving changes that local search would take one neighbourhood at a time.
 */
import { boltzmannPrior, BoltzmannPrior } from './prior.js';
import { singleChanges } from './local-search.js';
import type { Point, RefineResult, TrackedObjective } from './objective.js';

export interface Screen {
  /** gains[j][c]: objective of `from` with coordinate j set to c, minus the objective at `from` (−Infinity: infeasible). */
  gains: number[][];
  /** Per coordinate, the choice with the largest gain (from[j] when none improves). */
  additive: Point;
  iteration: number;
}

/**
 * Evaluate every single-coordinate change of `from` in one batch. Returns undefined when the budget
 * left does not cover the whole neighbourhood (a partial screen would leave coordinates unmeasured).
 */
export async function screenUnary(tracked: TrackedObjective, from: Point, iteration: number): Promise<Screen | undefined> {
  const moves = singleChanges(tracked.dims, from);
  const fresh = moves.filter((m) => !tracked.has(m)).length + (tracked.has(from) ? 0 : 1);
  if (fresh > tracked.remaining) return undefined;
  const [f0, ...values] = await tracked.evaluate([from, ...moves], ++iteration);
  const gains = tracked.dims.map((n) => new Array<number>(n).fill(0));
  // values come in singleChanges' order: coordinate by coordinate, choices ascending.
  let i = 0;
  from.forEach((v, j) => {
    for (let c = 0; c < tracked.dims[j]; c++) {
      if (c === v) continue;
      const value = values[i++];
      gains[j][c] = Number.isFinite(value) ? value - f0 : -Infinity;
    }
  });
  const additive = gains.map((row, j) => row.reduce((b, g, c) => (g > row[b] ? c : b), from[j]));
  return { gains, additive, iteration };
}

/**
 * The Boltzmann prior of a screen: energies −gain, base the additive optimum, T set so a draw changes
 * `targetChanged` coordinates from it on average (prior.ts). Infeasible choices get an energy far above
 * every measured one, so they are (almost) never drawn.
 */
export function screenedPrior(s: Screen, targetChanged: number): BoltzmannPrior {
  const finite = s.gains.flat().filter(Number.isFinite);
  const spread = finite.length ? Math.max(...finite) - Math.min(...finite) : 0;
  const wall = (spread || 1) * 1e3;
  const energies = s.gains.map((row) => row.map((g) => (Number.isFinite(g) ? -g : wall)));
  return boltzmannPrior(energies, targetChanged, s.additive);
}

/**
 * The screened start of a search (PROTES, tt-guided): the screen of `from`, its prior, and the additive
 * optimum (the prior's mode, on a separable objective the optimum) evaluated at once. Undefined when the
 * budget left cannot cover the screen. `record` is what RefineResult.screen reports.
 */
export async function screenedStart(tracked: TrackedObjective, from: Point, iteration: number, targetChanged: number): Promise<{ prior: number[][]; record: NonNullable<RefineResult['screen']>; iteration: number } | undefined> {
  const s = await screenUnary(tracked, from, iteration);
  if (!s) return undefined;
  const bz = screenedPrior(s, targetChanged);
  const record = {
    evaluations: tracked.evaluations, improving: s.gains.reduce((a, row) => a + row.filter((g) => g > 0).length, 0),
    temperature: Number.isFinite(bz.temperature) ? bz.temperature : null, expectedChanged: bz.expectedChanged, additive: s.additive,
  };
  await tracked.evaluate([s.additive], s.iteration + 1);
  return { prior: bz.probs, record, iteration: s.iteration + 1 };
}
