/**
 * The refiner registry: each entry says what it is, which parameters it reads, and how to make one.
 * Adding a refiner is one entry here plus its module.
 */
import { QpruneError } from '../errors.js';
import type { Refiner } from './objective.js';
import { ProtesRefiner, ProtesParams } from './protes.js';
import { TtoptRefiner, TtoptParams } from './ttopt.js';
import { RandomSearch } from './random-search.js';
import { EvolutionRefiner, LocalSearchRefiner } from './evolution.js';
import { GuidedEvolutionParams, GuidedEvolutionRefiner } from './guided-evolution.js';

export type RefinerParams = ProtesParams & TtoptParams & GuidedEvolutionParams;

/** `tt-ea`'s share of the budget for the EA (a guess, not tuned: the EA needed ~300 evaluations to pull ahead on DnCNN-S). */
export const TT_EA_TAIL = 0.3;

class ProtesThenEvolution extends ProtesRefiner {
  override readonly name: string = 'tt-ea';
}

export interface RefinerEntry {
  summary: string;
  /** The RefinerParams this refiner reads. */
  parameters: readonly (keyof RefinerParams)[];
  create(params: RefinerParams): Refiner;
}

export const REFINER_REGISTRY = {
  protes: {
    summary: 'PROTES-style: a tensor-train probability over the candidate grid, elite log-likelihood steps (alias: tt)',
    parameters: ['batch', 'elite', 'rank', 'lr', 'gradientSteps', 'priorSteps', 'stallLimit', 'screen', 'targetChanged'],
    create: (p) => new ProtesRefiner(p),
  },
  'tt-ea': {
    summary: `PROTES as protes for the first ${100 - TT_EA_TAIL * 100}% of the budget, then the (1+λ)-EA from its best point`,
    parameters: ['batch', 'elite', 'rank', 'lr', 'gradientSteps', 'priorSteps', 'stallLimit', 'screen', 'targetChanged', 'eaTail'],
    create: (p) => new ProtesThenEvolution({ eaTail: TT_EA_TAIL, ...p }),
  },
  'tt-guided': {
    summary: 'the (1+λ)-EA with mutations drawn from a tensor-train distribution fitted to the best points seen (PROTES\'s model as the mutation operator; screened start)',
    parameters: ['batch', 'elite', 'rank', 'lr', 'gradientSteps', 'prior', 'screen', 'targetChanged', 'explore'],
    create: (p) => new GuidedEvolutionRefiner(p),
  },
  ttopt: {
    summary: 'TTOpt-style: tensor-train cross with maxvol row selection',
    parameters: ['rank', 'sweeps', 'polish'],
    create: (p) => new TtoptRefiner(p),
  },
  random: {
    summary: 'uniform random search over the grid (the yardstick)',
    parameters: ['batch'],
    create: (p) => new RandomSearch({ batch: p.batch }),
  },
  ea: {
    summary: '(1+λ) evolutionary algorithm from the QUBO answer (ablation baseline; λ = batch)',
    parameters: ['batch'],
    create: (p) => new EvolutionRefiner({ batch: p.batch }),
  },
  local: {
    summary: 'iterated local search: coordinate ascent from the QUBO answer, kicks at local optima (ablation baseline)',
    parameters: [],
    create: () => new LocalSearchRefiner(),
  },
} as const satisfies Record<string, RefinerEntry>;

export type RefinerName = keyof typeof REFINER_REGISTRY;
export const REFINERS = Object.keys(REFINER_REGISTRY) as RefinerName[];

export function refinerByName(name: string, params: RefinerParams = {}): Refiner {
  if (!Object.hasOwn(REFINER_REGISTRY, name)) throw new QpruneError(`unknown refine method '${name}' (expected ${REFINERS.join(', ')})`);
  return REFINER_REGISTRY[name as RefinerName].create(params);
}
