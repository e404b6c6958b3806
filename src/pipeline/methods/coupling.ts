/**
 * Which cross-group Fisher blocks a run's calibration asks for (`--couple-layers`): only the
 * cross-layer method uses them, and they cost memory and a larger scores file, so the choice is made
 * from the methods a run will solve.
 */
import { QpruneError } from '../../errors.js';
import { COUPLE_ALL } from '../../score/accumulator.js';
import type { ScoreResult } from '../../score/scores.js';
import { log } from '../../log.js';

/** `--couple-layers K|all`: how far apart (in groups) the cross-group blocks reach; undefined when not given. */
export function parseCoupling(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text === 'all') return COUPLE_ALL;
  const k = Number(text);
  if (!(Number.isInteger(k) && k >= 0 && k < COUPLE_ALL)) throw new QpruneError(`--couple-layers must be 'all' or an integer in 0..${COUPLE_ALL - 1}, got '${text}'`);
  return k;
}

/**
 * The methods a sweep can run on these scores: cross-layer only when they hold cross-group blocks
 * (calibrating every pair costs memory and a larger scores file, so a plain prune does not ask for them).
 */
export function sweepMethods(methods: readonly string[], scores: ScoreResult): string[] {
  if (scores.cross?.length || !methods.includes('cross-layer')) return [...methods];
  log.info('sweep: cross-layer left out (the scores hold no cross-group Fisher blocks; --couple-layers all adds them)');
  return methods.filter((m) => m !== 'cross-layer');
}

/** The calibration's coupling band when none is given: every pair if cross-layer is among the methods, else none. */
export function defaultCoupling(methods: readonly string[]): number {
  return methods.includes('cross-layer') ? COUPLE_ALL : 0;
}
