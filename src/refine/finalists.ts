/**
 * Successive halving's last round as a plan or flag asks for it: how many of the search's best points
 * (RefineResult.top) are evaluated again, and on how large crops. pipeline/refine.ts runs it.
 */
import { QpruneError } from '../errors.js';
import { TOP_POINTS } from './objective.js';

/**
 * Successive halving as a plan asks for it: `count` of the search's points re-evaluated on crop x crop
 * crops. `pick` says which: `top` (default) its best on the small crops; `ladder` first the best point
 * within 1, 2, 4, … changed groups of the answer (RefineResult.ladder), then its best: the small crops
 * reward points that change many groups (each change fitted to them), so the larger crops choose how far
 * from the answer to go, as early stopping does along a training run.
 */
export interface Finalists { count: number; crop: number; pick?: FinalistPick }
export const FINALIST_PICKS = ['top', 'ladder'] as const;
export type FinalistPick = (typeof FINALIST_PICKS)[number];

/** Crop side of the finalists' evaluation when a flag gives only their number. */
export const FINALIST_CROP = 256;

/** `N`, `NxC` (N finalists on C x C crops), either with `:ladder`; undefined when absent or N = 0. */
export function parseFinalists(text: string | undefined, flag: string): Finalists | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)(?:x(\d+))?(?::(top|ladder))?$/.exec(text.trim());
  if (!m) throw new QpruneError(`${flag} must be N or NxC (N finalists on C x C crops), optionally :ladder, got '${text}'`);
  const count = Number(m[1]), crop = m[2] !== undefined ? Number(m[2]) : FINALIST_CROP;
  if (count > TOP_POINTS) throw new QpruneError(`${flag}: at most ${TOP_POINTS} finalists (the points a search keeps), got ${count}`);
  if (crop < 8) throw new QpruneError(`${flag}: the finalists' crop must be >= 8 pixels, got ${crop}`);
  return count ? { count, crop, ...(m[3] === 'ladder' ? { pick: 'ladder' as const } : {}) } : undefined;
}
