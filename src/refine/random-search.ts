/** Uniform random search over the grid: the yardstick every refiner must beat at equal budget. */
import { Rng } from '../data/rng.js';
import { BatchObjective, RefineOptions, Refiner, RefineResult, TrackedObjective } from './objective.js';

export class RandomSearch implements Refiner {
  readonly name = 'random';
  constructor(private readonly batch = 100) {}

  async refine(dims: number[], objective: BatchObjective, options: RefineOptions): Promise<RefineResult> {
    const tracked = new TrackedObjective(dims, objective, options);
    const rng = Rng.derive(options.seed ?? 0, 0x7a4d);
    await tracked.start();
    let iteration = 0, stalls = 0;
    while (!tracked.done() && stalls < 100) {
      iteration++;
      const before = tracked.evaluations;
      await tracked.evaluate(Array.from({ length: this.batch }, () => dims.map((n) => rng.int(n))), iteration);
      stalls = tracked.evaluations === before ? stalls + 1 : 0;
    }
    return tracked.result(this.name, iteration, stalls >= 100 ? 'converged' : 'budget');
  }
}
