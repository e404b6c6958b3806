/** Refiners by name, for the CLI and the pipeline. */
import { QpruneError } from '../errors.js';
import type { Refiner } from './objective.js';
import { ProtesRefiner, ProtesParams } from './protes.js';
import { TtoptRefiner, TtoptParams } from './ttopt.js';
import { RandomSearch } from './random-search.js';

export const REFINERS = ['protes', 'ttopt', 'random'] as const;
export type RefinerName = (typeof REFINERS)[number];

export function refinerByName(name: string, params: ProtesParams & TtoptParams = {}): Refiner {
  switch (name) {
    case 'protes': return new ProtesRefiner(params);
    case 'ttopt': return new TtoptRefiner(params);
    case 'random': return new RandomSearch(params.batch);
    default: throw new QpruneError(`unknown refine method '${name}' (expected ${REFINERS.join(', ')})`);
  }
}
