/**
 * A time estimate for an experiment before it starts, so a long table (the model zoo) can be planned.
 * Everything is counted in "full-model pixels": evaluating the unpruned model on one pixel is 1, a
 * pruned model of FLOPs fraction f costs f, a calibration patch pixel costs 3 (forward and the
 * gradient pass). One probe — the full model on the first test image, on the experiment's own
 * evaluation path — gives seconds per full-model pixel. Rows already in the run state are counted
 * too, so on a resumed run it is an upper bound.
 */
import { methodByName } from './methods/registry.js';

export interface EstimateInput {
  seeds: number;
  /** Sparsities per mode, and the modes (per-layer, global-flops, global). */
  sparsities: number[];
  modes: number;
  methods: string[];
  /** Methods with a tuned row. */
  tuned: string[];
  /** TT budget and the refiners given it (0: no TT rows). */
  tt: number;
  refiners: number;
  /** Each TT row's continuation (budget evaluations on crop² crops) and finalists (count + 1 evaluations on crop² crops). */
  continuation?: { budget: number; crop: number };
  finalists?: { count: number; crop: number };
  calibration: { samples: number; patch: number };
  validation: { count: number; crop: number; margin?: number };
  testPixels: number;
}

/** Full-model pixels the experiment evaluates for one model (all seeds). */
export function experimentWork(e: EstimateInput): number {
  const gridSize = (m: string) => methodByName(m).formulation?.tuneGrid.length ?? 0;
  // A crop with a margin runs at (crop + 2 margin)²; larger crops keep the margin.
  const side = (crop: number) => crop + 2 * (e.validation.margin ?? 0);
  const valPixels = e.validation.count * side(e.validation.crop) ** 2;
  // One TT row's search, continuation and finalists, on the same validation images at their crop sizes.
  const refinePixels = e.tt * valPixels + (e.continuation ? e.continuation.budget * e.validation.count * side(e.continuation.crop) ** 2 : 0)
    + (e.finalists ? (e.finalists.count + 1) * e.validation.count * side(e.finalists.crop) ** 2 : 0);
  let work = e.testPixels; // the full model on the test set
  for (let s = 0; s < e.seeds; s++) {
    work += 3 * e.calibration.samples * e.calibration.patch ** 2;
    for (const sparsity of e.sparsities) {
      // A filter fraction s removed from every layer keeps about (1 - s)^2 of the FLOPs.
      const kept = (1 - sparsity) ** 2;
      const rows = e.methods.length + e.tuned.length + (e.tt ? e.refiners : 0);
      // Each row: validation before and after, the test set; tuned rows one validation per grid point; TT rows their budget.
      const perMode = rows * kept * (2 * valPixels + e.testPixels) + e.tuned.reduce((a, m) => a + gridSize(m), 0) * kept * valPixels + (e.tt ? e.refiners * kept * refinePixels : 0);
      work += e.modes * perMode;
    }
  }
  return work;
}

/** "1 h 05 min" / "12 min" / "40 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const min = Math.round(seconds / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}
