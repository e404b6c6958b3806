/** Uniform random search over the grid: the yardstick every refiner must beat at equal budget. */
import { Rng } from '../data/rng.js';
import { RefineOptions, RefineResult, TrackedObjective, TrackedRefiner } from './objective.js';

export class RandomSearch extends TrackedRefiner<{ batch?: number }> {
  readonly name = 'random';
  protected async search(dims: number[], tracked: TrackedObjective, options: RefineOptions): Promise<RefineResult> {
    const batch = this.params.batch ?? 100;
    const rng = Rng.derive(options.seed ?? 0, 0x7a4d);
    let iteration = 0, stalls = 0;
    while (!tracked.done() && stalls < 100) {
      iteration++;
      const before = tracked.evaluations;
      await tracked.evaluate(Array.from({ length: batch }, () => dims.map((n) => rng.int(n))), iteration);
      stalls = tracked.evaluations === before ? stalls + 1 : 0;
    }
    return tracked.result(this.name, iteration, stalls >= 100 ? 'converged' : 'budget');
  }
}
