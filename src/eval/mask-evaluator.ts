/** The seam between the search (refinement, the pipeline's checks) and where candidates are scored. */
import type { KeepMasks } from '../prune/graph.js';

/** One candidate's quality on the validation batch. */
export interface CandidateScore {
  psnr: number;
  ssim: number;
  perImagePsnr: number[];
  cached: boolean;
  /** Milliseconds: export (slice + encode), session creation, inference + metrics. */
  exportMs: number;
  sessionMs: number;
  runMs: number;
}

/** Scores batches of keep-sets of one model on one validation batch. */
export interface MaskEvaluator {
  evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]>;
  close(): Promise<void>;
  /** Candidates actually evaluated so far (not answered from a cache). */
  readonly evaluations: number;
}
