/**
 * Successive halving's last round as a plan or flag asks for it: how many of the search's best points
 * (RefineResult.top) are evaluated again, and on how large crops. pipeline/refine.ts runs it.
 */
import { QpruneError } from '../errors.js';
import { TOP_POINTS } from './objective.js';

/** Successive halving as a plan asks for it: the search's `count` best points re-evaluated on crop x crop crops. */
export interface Finalists { count: number; crop: number }

/** Crop side of the finalists' evaluation when a flag gives only their number. */
export const FINALIST_CROP = 256;

/** `N` or `NxC` (N finalists on C x C crops); undefined when absent or N = 0. */
export function parseFinalists(text: string | undefined, flag: string): Finalists | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)(?:x(\d+))?$/.exec(text.trim());
  if (!m) throw new QpruneError(`${flag} must be N or NxC (N finalists on C x C crops), got '${text}'`);
  const count = Number(m[1]), crop = m[2] !== undefined ? Number(m[2]) : FINALIST_CROP;
  if (count > TOP_POINTS) throw new QpruneError(`${flag}: at most ${TOP_POINTS} finalists (the points a search keeps), got ${count}`);
  if (crop < 8) throw new QpruneError(`${flag}: the finalists' crop must be >= 8 pixels, got ${crop}`);
  return count ? { count, crop } : undefined;
}
