/** QUBO formulations by name. Adding one: its module in this folder, one line here, its test. */
import { QpruneError } from '../../errors.js';
import { secondOrder } from './second-order.js';
import { paper } from './paper.js';
import { reconstruction } from './reconstruction.js';
import type { Formulation } from './types.js';

const ALL: Formulation[] = [secondOrder, paper, reconstruction];

export const FORMULATIONS: ReadonlyMap<string, Formulation> = new Map(ALL.map((f) => [f.name, f]));

export function formulationByName(name: string): Formulation {
  const f = FORMULATIONS.get(name);
  if (!f) throw new QpruneError(`unknown formulation '${name}' (${[...FORMULATIONS.keys()].join(', ')})`);
  return f;
}
