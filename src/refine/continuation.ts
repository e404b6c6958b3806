/**
 * A refinement's continuation as a plan or flag asks for it: after the search on the small validation
 * crops, a second, shorter search on larger crops of the same images, started from the first one's best
 * points there. pipeline/refine.ts runs it (a (1+λ)-EA); the finalists, when asked, are then its best.
 *
 * Why: on DnCNN-S the 64² crops' selection gains were about twice what the same points gained on 256²
 * crops of the same images, and the 256² gains were close to the test gains (results/dncnn-steps3-ea-tuned-pl36:
 * +0.27 / +0.29 dB on 64², +0.14 / +0.17 on 256², +0.12 / +0.11 on BSD68). Re-ranking the small crops' best
 * (the finalists) only chooses among points the small crops liked; a continuation searches where the
 * larger crops point.
 */
import { QpruneError } from '../errors.js';

/** A continuation: `budget` evaluations (its start points included) on crop x crop crops. */
export interface Continuation { budget: number; crop: number }

/** Crop side of a continuation when a flag gives only its budget. */
export const CONTINUATION_CROP = 128;

/** `B` or `BxC` (B evaluations on C x C crops); undefined when absent or B = 0. */
export function parseContinuation(text: string | undefined, flag: string): Continuation | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)(?:x(\d+))?$/.exec(text.trim());
  if (!m) throw new QpruneError(`${flag} must be B or BxC (B evaluations on C x C crops), got '${text}'`);
  const budget = Number(m[1]), crop = m[2] !== undefined ? Number(m[2]) : CONTINUATION_CROP;
  if (crop < 8) throw new QpruneError(`${flag}: the continuation's crop must be >= 8 pixels, got ${crop}`);
  return budget ? { budget, crop } : undefined;
}
