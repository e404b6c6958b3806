/**
 * `cross-layer`: the second-order loss estimate over every gate of the network at once,
 *   E(x) = s·(1−x)ᵀ F (1−x),  F = (1/2N) Σ_n g_n g_nᵀ over all gates (not one group at a time),
 * so the estimate sees how removing filters in one layer changes the cost of removing them in another.
 * Its diagonal blocks are the `hybrid` QUBOs (same scale s, loss units); an off-diagonal block F_ab
 * adds C_ab = 2·c·s·F_ab to the pairs and −2·c·s·Σ F_ab to each filter's linear term (the expansion
 * of (1−x)ᵀF(1−x) in x, as formulate.ts does inside a group), c the `couple` weight (0 = hybrid).
 * Blocks come from calibration with --couple-layers (all pairs or a band of neighbouring groups).
 * Solved in two steps: the hybrid answer (per-layer k, or the shared-μ capacity search for a global
 * budget) fixes each group's k, then the decomposition solver (qubo/decompose.ts) lowers the network
 * energy group by group on the solver replicas with every k held, so the budget is met exactly as
 * the hybrid met it.
 */
import { QpruneError } from '../../errors.js';
import { resolveWeights, type Formulation } from '../../qubo/formulations/types.js';
import { secondOrder, secondOrderScale } from '../../qubo/formulations/second-order.js';
import { secondOrderMatrix } from '../../qubo/formulate.js';
import { NetworkQubo, type CouplingBlock } from '../../qubo/network-qubo.js';
import { decompose } from '../../qubo/decompose.js';
import { Qubo } from '../../qubo/problem.js';
import type { ScoreResult } from '../../score/scores.js';
import { indicesOf } from '../../prune/solution.js';
import { quboMethod } from './qubo-method.js';
import type { PruningMethod } from './types.js';

export const crossLayerFormulation: Formulation = {
  name: 'cross-layer',
  summary: 'second-order loss estimate with the Fisher matrix over all gates (cross-group blocks from --couple-layers), decomposed by group',
  parameters: {
    couple: { type: 'number', doc: 'weight of the cross-group Fisher blocks (0 = hybrid, 1 = the full second-order estimate)', default: 0.5, min: 0, max: 1 },
  },
  // Why not 1 by default: F = GGᵀ/2N over all n gates has rank <= N calibration samples (DnCNN: n = 1,024,
  // N = 256), so at c = 1 the solver finds removal sets whose per-sample gradient sums cancel and the
  // estimate collapses toward 0 (measured: bench:cross-layer). For c < 1 the matrix is c·F + (1−c)·blockdiag(F),
  // a shrinkage toward the per-group matrices (full rank when N exceeds the group size), which it cannot collapse.
  tuneGrid: [{ couple: 0.25 }, { couple: 0.5 }, { couple: 1 }],
  // The per-group part: hybrid's QUBOs at its defaults (the couplings are added by networkQubo).
  build: (groups) => secondOrder.build(groups, {}),
};

/** The network QUBO of the cross-layer estimate: hybrid blocks on the diagonal, the scores' cross blocks off it. */
export function networkQubo(scores: ScoreResult, couple: number): NetworkQubo {
  const groups = scores.groups;
  const blocks = secondOrder.build(groups, {});
  const s = secondOrderScale(groups); // the scale of hybrid's blocks at its defaults
  const index = new Map(groups.map((g, i) => [g.id, i]));
  const lin = blocks.map((q) => Float64Array.from(q.lin));
  const couplings: CouplingBlock[] = [];
  // The constants the expansion in x drops, so that energies are s·(1−x)ᵀF(1−x) itself (0 = nothing removed).
  let offset = 0;
  groups.forEach((g) => {
    const f = secondOrderMatrix(g);
    for (let i = 0; i < g.size; i++) for (let j = 0; j < g.size; j++) offset += s * f(i, j);
  });
  for (const c of scores.cross ?? []) {
    let a = index.get(c.a), b = index.get(c.b);
    if (a === undefined || b === undefined) throw new QpruneError(`cross-group block ${c.a}/${c.b} names a group the scores lack`);
    let F = Float64Array.from(c.matrix);
    let na = groups[a].size, nb = groups[b].size;
    if (a > b) { // keep blocks row-side first in group order
      const T = new Float64Array(na * nb);
      for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) T[j * na + i] = F[i * nb + j];
      [a, b, F, na, nb] = [b, a, T, nb, na];
    }
    const C = F.map((v) => 2 * couple * s * v);
    for (const v of C) offset += v;
    for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) { lin[a][i] -= C[i * nb + j]; lin[b][j] -= C[i * nb + j]; }
    couplings.push({ a, b, C });
  }
  return new NetworkQubo(groups.map((g) => g.id), blocks.map((q, g) => new Qubo(q.n, lin[g], q.W, q.k)), couplings, offset);
}

const hybrid = quboMethod(secondOrder);

export const crossLayer: PruningMethod = {
  name: 'cross-layer', summary: `${crossLayerFormulation.summary}; budget of the hybrid answer held exactly`, qubo: true, formulation: crossLayerFormulation,
  async solve(input) {
    const { scores, solver, reads, sweeps, seed, formulation } = input;
    if (!scores.cross?.length) throw new QpruneError('cross-layer needs the cross-group Fisher blocks: score with --couple-layers K|all (prune and experiment ask for them when cross-layer is among the methods)');
    let couple: number;
    try {
      ({ couple } = resolveWeights(crossLayerFormulation, formulation));
    } catch (err) {
      throw new QpruneError((err as Error).message);
    }
    const start = await hybrid.solve({ ...input, formulation: {} });
    const net = networkQubo(scores, couple);
    const xs = start.groups.map((g) => {
      const x = new Uint8Array(g.size);
      for (const i of g.keep) x[i] = 1;
      return x;
    });
    const r = await decompose(net, xs, solver, { reads, sweeps, seed: seed + 7919 });
    return {
      groups: start.groups.map((g, i) => {
        const keep = indicesOf(r.xs[i]), energy = net.folded(i, r.xs).energy(r.xs[i]), key = keep.join();
        // The decomposed answer first, then the hybrid's annealer answers (refinement's candidates).
        return { ...g, keep, energy, samples: [{ keep, energy }, ...(g.samples ?? []).filter((x) => x.keep.join() !== key)] };
      }),
      info: {
        ...start.info, formulation: 'cross-layer', weights: { couple }, couplingBlocks: net.couplings.length,
        networkEnergy: { hybrid: r.startEnergy, final: r.energy }, rounds: r.rounds, subproblems: r.subproblems,
      },
    };
  },
};
