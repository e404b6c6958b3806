/**
 * Stage 3: turn scores into keep-sets, by one of the methods we compare.
 *   l1 | taylor | fisher  greedy ranking (global: top K network-wide, L1 divided by its group max, Taylor
 *                         and Fisher as they are (loss units); per layer: top k_g)
 *   l1-qubo               per group -L̂1 + λ(Σx-k)² solved by single-flip SA, then repaired to exactly k
 *                         (the classic penalty formulation, our baseline); k_g from the global L1 ranking
 *                         or the uniform ratio
 *   hybrid                per group the second-order loss estimate: Fisher relevance + gradient-weighted
 *                         channel similarity (Fisher cross terms), one scale network-wide (qubo/formulate.ts);
 *                         global budget by the shared-μ capacity search, per layer by exact-k swap SA
 * Sparsity s is the fraction of prunable filters removed: K = round((1-s)·total) are kept.
 */
import { QpruneError } from '../errors.js';
import type { GroupScore, ScoreResult } from '../score/scores.js';
import { globalTopK, topK } from '../qubo/baselines.js';
import { hybridQubo, HybridParams, l1Qubo } from '../qubo/formulate.js';
import { globalCapacity, repairToK } from '../qubo/capacity.js';
import { GroupSolver, localSolver } from '../qubo/group-solver.js';
import { best, SampleSet } from '../qubo/sampleset.js';
import type { Qubo } from '../qubo/problem.js';
import { indicesOf, quboToJson, Solution, SolutionGroup } from './solution.js';

export const METHODS = ['l1', 'taylor', 'fisher', 'l1-qubo', 'hybrid'] as const;
export type Method = (typeof METHODS)[number];

export interface SolveOptions {
  method: string;
  sparsity: number;
  perLayer?: boolean;
  seed?: number;
  reads?: number;
  sweeps?: number;
  /** Minimum channels kept per group (default 1). */
  minChannels?: number;
  hybrid?: HybridParams;
  /** Distinct annealer answers kept per group for refinement (default 16). */
  keepSamples?: number;
}

export function checkSparsity(s: number): void {
  if (!(Number.isFinite(s) && s > 0 && s < 1)) throw new QpruneError(`sparsity must be in (0, 1), got ${s}`);
}

function perLayerK(g: GroupScore, s: number, min: number): number {
  return Math.min(g.size, Math.max(min, Math.round((1 - s) * g.size)));
}

function greedyScores(g: GroupScore, method: string): Float64Array {
  return method === 'l1' || method === 'l1-qubo' ? g.l1 : method === 'taylor' ? g.taylor : g.fisher;
}

function samplesOf(set: SampleSet, q: Qubo, limit: number): { keep: number[]; energy: number }[] {
  return set.samples.slice(0, limit).map((x, i) => ({ keep: indicesOf(x), energy: set.energies[i] ?? q.energy(x) }));
}

export async function solvePruning(scores: ScoreResult, opts: SolveOptions, solver: GroupSolver = localSolver): Promise<Solution> {
  const t0 = performance.now();
  checkSparsity(opts.sparsity);
  if (!(METHODS as readonly string[]).includes(opts.method)) throw new QpruneError(`unknown method '${opts.method}' (expected ${METHODS.join(', ')})`);
  const groups = scores.groups;
  if (!groups.length) throw new QpruneError('the model has no prunable channel groups');
  const seed = opts.seed ?? 0, min = opts.minChannels ?? 1, reads = opts.reads ?? 10, sweeps = opts.sweeps ?? 1000;
  const limit = opts.keepSamples ?? 16;
  const total = groups.reduce((a, g) => a + g.size, 0);
  const budget = opts.perLayer ? groups.reduce((a, g) => a + perLayerK(g, opts.sparsity, min), 0) : Math.round((1 - opts.sparsity) * total);
  const minTotal = groups.reduce((a, g) => a + Math.min(min, g.size), 0);
  if (budget < minTotal) throw new QpruneError(`sparsity ${opts.sparsity} keeps ${budget} filters, fewer than the ${minTotal} the per-group minimum of ${min} needs`);

  // k per group and the greedy keep-sets (also what fixes k for l1-qubo under a global budget).
  const greedyKeep = (method: string): Map<string, Uint8Array> =>
    opts.perLayer
      ? new Map(groups.map((g) => [g.id, topK(greedyScores(g, method), perLayerK(g, opts.sparsity, min))]))
      : globalTopK(groups.map((g) => ({ id: g.id, scores: greedyScores(g, method), min })), budget, method === 'l1' || method === 'l1-qubo');

  let out: SolutionGroup[];
  const info: Record<string, unknown> = {};
  if (opts.method === 'l1' || opts.method === 'taylor' || opts.method === 'fisher') {
    const keep = greedyKeep(opts.method);
    out = groups.map((g) => ({ id: g.id, size: g.size, k: indicesOf(keep.get(g.id)!).length, keep: indicesOf(keep.get(g.id)!) }));
  } else if (opts.method === 'l1-qubo') {
    const ks = greedyKeep('l1');
    const kOf = groups.map((g) => indicesOf(ks.get(g.id)!).length);
    const qs = groups.map((g, i) => l1Qubo(g, kOf[i]));
    const sets = await solver.solveAll(groups.map((g, i) => ({ id: g.id, qubo: qs[i], sampler: 'flip' as const, params: { reads, sweeps, seed: seed + i } })));
    out = groups.map((g, i) => {
      const k = kOf[i], q = qs[i], set = sets[i];
      const x = repairToK(q, best(set).x, k); // the penalty does not guarantee k: move to exactly k
      return { id: g.id, size: g.size, k, keep: indicesOf(x), energy: q.energy(x), qubo: quboToJson(q), samples: samplesOf(set, q, limit).filter((s) => s.keep.length === k) };
    });
  } else {
    // One scale for every group (largest Fisher score network-wide): the energies stay in loss units.
    const scale = 1 / (Math.max(...groups.map((g) => Math.max(...g.fisher))) || 1);
    const qubos = groups.map((g) => hybridQubo(g, { scale, ...opts.hybrid }));
    if (opts.perLayer) {
      const sets = await solver.solveAll(groups.map((g, i) => ({ id: g.id, qubo: qubos[i].withK(perLayerK(g, opts.sparsity, min)), sampler: 'swap' as const, params: { reads, sweeps, seed: seed + i } })));
      out = groups.map((g, i) => {
        const k = perLayerK(g, opts.sparsity, min);
        const set = sets[i];
        const b = best(set);
        return { id: g.id, size: g.size, k, keep: indicesOf(b.x), energy: b.energy, qubo: quboToJson(qubos[i]), samples: samplesOf(set, qubos[i], limit) };
      });
    } else {
      const r = await globalCapacity(groups.map((g, i) => ({ id: g.id, qubo: qubos[i], min })), budget, { reads, sweeps, seed }, solver);
      info.mu = r.mu;
      info.capacitySteps = r.steps;
      info.capacityTrace = r.trace;
      out = r.groups.map((s, i) => ({ id: s.id, size: groups[i].size, k: s.k, keep: indicesOf(s.x), energy: s.energy, qubo: quboToJson(qubos[i]), samples: samplesOf(s.set, qubos[i], limit) }));
    }
  }
  const kept = out.reduce((a, g) => a + g.k, 0);
  if (kept !== budget) throw new QpruneError(`internal: ${opts.method} kept ${kept} filters, budget ${budget}`);
  return { version: 1, method: opts.method, sparsity: opts.sparsity, perLayer: !!opts.perLayer, seed, budget, total, seconds: (performance.now() - t0) / 1000, groups: out, info };
}
