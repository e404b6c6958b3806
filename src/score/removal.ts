/**
 * What the scores assume a removed channel becomes: 'zero' (the masked model, no compensation) or
 * 'mean' (its calibration mean, which --compensate mean and linear leave at least). The first-order
 * effect of a removal is then Σ_positions (a − μ)·∂L/∂a = g − μ·s with s = Σ_positions ∂L/∂a, so
 * Taylor, Fisher and the Fisher matrix measure the removal the pruner actually performs
 * (score/accumulator.ts centres them).
 */
import type { Compensation } from '../prune/compensation.js';

export const REMOVALS = ['zero', 'mean'] as const;
export type Removal = (typeof REMOVALS)[number];

/** The removal a compensation performs: anything but 'none' leaves a removed channel its mean. */
export function removalFor(compensation: Compensation): Removal {
  return compensation === 'none' ? 'zero' : 'mean';
}
