/**
 * A pruning method: scores in, one keep-set per group out, at exactly the budget solvePruning set.
 * Torch-Pruning's split: an Importance ranks a group's filters; a method decides from importances
 * (greedy) or from a QUBO over them. Methods live in the registry (registry.ts), one module each.
 */
import type { GroupScore, ScoreResult } from '../../score/scores.js';
import type { GroupSolver } from '../../qubo/group-solver.js';
import type { Formulation, FormulationWeights } from '../../qubo/formulations/types.js';
import type { SolutionGroup } from '../../prune/solution.js';
import type { Allocation, CapacityBudget } from '../../qubo/capacity.js';

/** Per-filter importance of one group (higher = more important to keep). */
export type Importance = (g: GroupScore) => Float64Array;

export interface MethodInput {
  scores: ScoreResult;
  sparsity: number;
  perLayer: boolean;
  seed: number;
  reads: number;
  sweeps: number;
  /** The global budget: filters kept in all (reached exactly), or a FLOPs/parameter limit. */
  capacity: CapacityBudget;
  /** Minimum filters kept per group. */
  min: number;
  /** Distinct annealer answers kept per group for refinement. */
  keepSamples: number;
  /** k of a group under the uniform per-layer ratio. */
  perLayerK(g: GroupScore): number;
  /** Keep-sets of a greedy ranking by an importance at the budget (global, or per layer). */
  greedyKeep(importance: Importance, normalizePerGroup: boolean): Map<string, Uint8Array>;
  solver: GroupSolver;
  /** The formulation's weights (declared by it; defaults filled in by it). */
  formulation: FormulationWeights;
  /** How a QUBO method spreads a global budget over groups (qubo/capacity.ts). */
  allocation: Allocation;
}

export interface PruningMethod {
  readonly name: string;
  readonly summary: string;
  /** Whether the answer is a QUBO solution (annealer samples per group) that refinement can start from. */
  readonly qubo: boolean;
  /** The QUBO formulation behind it, if any: its declared weights are the method's parameters. */
  readonly formulation?: Formulation;
  solve(input: MethodInput): Promise<{ groups: SolutionGroup[]; info?: Record<string, unknown> }>;
}
