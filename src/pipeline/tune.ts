/**
 * Weights chosen by the tool: every point of a formulation's tuning grid is solved at the plan's budget
 * and scored on the validation crops (the selection split, never the test images); the best PSNR wins
 * (ties: the earlier grid point). The whole grid is reported, so the choice can be checked.
 */
import { QpruneError } from '../errors.js';
import type { FormulationWeights } from '../qubo/formulations/types.js';
import { resolveWeights } from '../qubo/formulations/types.js';
import type { Solution } from '../prune/solution.js';
import { methodByName } from './methods/registry.js';

export interface TuneResult {
  method: string;
  /** Where the scoring crops came from. */
  selection: string;
  best: Record<string, number>;
  grid: { weights: Record<string, number>; psnr: number; ssim: number }[];
}

export async function tuneFormulation(
  method: string,
  solve: (weights: FormulationWeights) => Promise<Solution>,
  evaluate: (s: Solution) => Promise<{ psnr: number; ssim: number }>,
  selection: string,
): Promise<TuneResult> {
  const f = methodByName(method).formulation;
  if (!f) throw new QpruneError(`tuning needs a method with a QUBO formulation (its weights are what is tuned); ${method} has none`);
  const grid: TuneResult['grid'] = [];
  for (const point of f.tuneGrid) {
    const weights = resolveWeights(f, point);
    const q = await evaluate(await solve(weights));
    grid.push({ weights, psnr: q.psnr, ssim: q.ssim });
  }
  if (!grid.length) throw new QpruneError(`${method} declares no tuning grid`);
  const best = grid.reduce((a, b) => (b.psnr > a.psnr ? b : a));
  return { method, selection, best: best.weights, grid };
}
