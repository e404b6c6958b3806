/**
 * Hybrid QUBO: per group the second-order loss estimate (Fisher relevance + gradient-weighted channel
 * similarity, optional Taylor and activation-similarity terms; qubo/formulate.ts), one scale
 * network-wide; global budget by the shared-μ capacity search, per layer by exact-k swap SA.
 */
import { hybridQubo } from '../../qubo/formulate.js';
import { globalCapacity } from '../../qubo/capacity.js';
import { best } from '../../qubo/sampleset.js';
import { indicesOf, quboToJson } from '../../prune/solution.js';
import { samplesOf } from './samples.js';
import type { PruningMethod } from './types.js';

export const hybridMethod: PruningMethod = {
  name: 'hybrid', summary: 'second-order QUBO (Fisher matrix), exact budget by capacity search', qubo: true,
  async solve({ scores, perLayer, perLayerK, budget, min, solver, reads, sweeps, seed, keepSamples, formulation }) {
    const groups = scores.groups;
    // One scale for every group (largest Fisher score network-wide): the energies stay in loss units.
    const scale = 1 / (Math.max(...groups.map((g) => Math.max(...g.fisher))) || 1);
    const qubos = groups.map((g) => hybridQubo(g, { scale, ...formulation }));
    if (perLayer) {
      const sets = await solver.solveAll(groups.map((g, i) => ({ id: g.id, qubo: qubos[i].withK(perLayerK(g)), sampler: 'swap' as const, params: { reads, sweeps, seed: seed + i } })));
      return {
        groups: groups.map((g, i) => {
          const b = best(sets[i]);
          return { id: g.id, size: g.size, k: perLayerK(g), keep: indicesOf(b.x), energy: b.energy, qubo: quboToJson(qubos[i]), samples: samplesOf(sets[i], qubos[i], keepSamples) };
        }),
      };
    }
    const r = await globalCapacity(groups.map((g, i) => ({ id: g.id, qubo: qubos[i], min })), budget, { reads, sweeps, seed }, solver);
    return {
      groups: r.groups.map((s, i) => ({ id: s.id, size: groups[i].size, k: s.k, keep: indicesOf(s.x), energy: s.energy, qubo: quboToJson(qubos[i]), samples: samplesOf(s.set, qubos[i], keepSamples) })),
      info: { mu: r.mu, capacitySteps: r.steps, capacityTrace: r.trace },
    };
  },
};
