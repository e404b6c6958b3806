import type { Qubo } from '../../qubo/problem.js';
import type { SampleSet } from '../../qubo/sampleset.js';
import { indicesOf } from '../../prune/solution.js';

/** The first `limit` distinct annealer answers of a group, as keep lists with their energies (refinement's candidates). */
export function samplesOf(set: SampleSet, q: Qubo, limit: number): { keep: number[]; energy: number }[] {
  return set.samples.slice(0, limit).map((x, i) => ({ keep: indicesOf(x), energy: set.energies[i] ?? q.energy(x) }));
}
