/**
 * A method from a QUBO formulation (qubo/formulations/): one QUBO per group in network-wide units;
 * global budget by the shared-μ capacity search, per layer by exact-k swap SA. Dead channels have no
 * relevance in any formulation, so they are the first to go.
 */
import { globalCapacity } from '../../qubo/capacity.js';
import { best } from '../../qubo/sampleset.js';
import { indicesOf, quboToJson } from '../../prune/solution.js';
import { QpruneError } from '../../errors.js';
import type { Formulation } from '../../qubo/formulations/types.js';
import { resolveWeights } from '../../qubo/formulations/types.js';
import { samplesOf } from './samples.js';
import type { PruningMethod } from './types.js';

export function quboMethod(f: Formulation): PruningMethod {
  return {
    name: f.name, summary: `${f.summary}; exact budget by capacity search`, qubo: true, formulation: f,
    async solve({ scores, perLayer, perLayerK, capacity, min, solver, reads, sweeps, seed, keepSamples, formulation, allocation }) {
      const groups = scores.groups;
      let weights: Record<string, number>;
      try {
        weights = resolveWeights(f, formulation);
      } catch (err) {
        throw new QpruneError((err as Error).message);
      }
      const qubos = f.build(groups, weights);
      if (perLayer) {
        const sets = await solver.solveAll(groups.map((g, i) => ({ id: g.id, qubo: qubos[i].withK(perLayerK(g)), sampler: 'swap' as const, params: { reads, sweeps, seed: seed + i } })));
        return {
          groups: groups.map((g, i) => {
            const b = best(sets[i]);
            return { id: g.id, size: g.size, k: perLayerK(g), keep: indicesOf(b.x), energy: b.energy, qubo: quboToJson(qubos[i]), samples: samplesOf(sets[i], qubos[i], keepSamples) };
          }),
          info: { formulation: f.name, weights },
        };
      }
      const r = await globalCapacity(groups.map((g, i) => ({ id: g.id, qubo: qubos[i], min })), capacity, { reads, sweeps, seed, allocation }, solver);
      return {
        groups: r.groups.map((s, i) => ({ id: s.id, size: groups[i].size, k: s.k, keep: indicesOf(s.x), energy: s.energy, qubo: quboToJson(qubos[i]), samples: samplesOf(s.set, qubos[i], keepSamples) })),
        info: { formulation: f.name, weights, allocation, mu: r.mu, capacitySteps: r.steps, capacityTrace: r.trace },
      };
    },
  };
}
