/** A MaskEvaluator for refinement tests: each candidate's per-image PSNRs come from a function of its masks. */
import type { KeepMasks } from '../../src/prune/graph.js';
import type { CandidateScore, MaskEvaluator } from '../../src/eval/mask-evaluator.js';

export function fakeEvaluator(perImage: (masks: KeepMasks) => number[]): MaskEvaluator {
  let evaluations = 0;
  return {
    get evaluations() { return evaluations; },
    async close() {},
    async evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]> {
      evaluations += keeps.length;
      return keeps.map((k) => {
        const images = perImage(k);
        return { psnr: images.reduce((a, b) => a + b, 0) / images.length, ssim: 0.5, perImagePsnr: images, cached: false, exportMs: 0, sessionMs: 0, runMs: 0 };
      });
    },
  };
}
