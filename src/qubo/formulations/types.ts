/**
 * A QUBO formulation: the scores of every prunable group in, one QUBO per group out (x_i = 1 keeps
 * filter i), all in one network-wide unit, so that one capacity multiplier μ (the cost of keeping a
 * filter) is fair across groups. Parameters are declared, as samplers declare theirs.
 */
import type { GroupScore } from '../../score/scores.js';
import type { Qubo } from '../problem.js';
import { parameterProblem, type ParameterDecl } from '../samplers.js';

export type FormulationWeights = Readonly<Record<string, number>>;

export interface Formulation {
  readonly name: string;
  readonly summary: string;
  readonly parameters: Readonly<Record<string, ParameterDecl>>;
  /** The points `--tune` tries (each a full set of weights): small, because each is a solve and an evaluation. */
  readonly tuneGrid: readonly FormulationWeights[];
  build(groups: GroupScore[], weights: FormulationWeights): Qubo[];
}

/** The weights with the declared defaults filled in; an undeclared or out-of-range weight is named. */
export function resolveWeights(f: Formulation, weights: FormulationWeights): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(weights)) {
    const d = f.parameters[k];
    if (!d) throw new Error(`${f.name} has no weight '${k}' (it takes ${Object.keys(f.parameters).join(', ') || 'none'})`);
    const problem = parameterProblem(k, d, v);
    if (problem) throw new Error(`${f.name}: ${problem}`);
  }
  for (const [k, d] of Object.entries(f.parameters)) out[k] = weights[k] ?? (d.default as number);
  return out;
}
