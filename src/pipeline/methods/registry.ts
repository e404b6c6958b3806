/** The pruning methods by name. Adding a method: its module in this folder, one line here, its test. */
import { QpruneError } from '../../errors.js';
import { fisher, l1, taylor } from './greedy.js';
import { l1QuboMethod } from './l1-qubo.js';
import { quboMethod } from './qubo-method.js';
import { crossLayer } from './cross-layer.js';
import { paper } from '../../qubo/formulations/paper.js';
import { secondOrder } from '../../qubo/formulations/second-order.js';
import { reconstruction } from '../../qubo/formulations/reconstruction.js';
import type { PruningMethod } from './types.js';

const ALL: PruningMethod[] = [l1, taylor, fisher, l1QuboMethod, quboMethod(secondOrder), quboMethod(paper), quboMethod(reconstruction), crossLayer];

export const METHOD_REGISTRY: ReadonlyMap<string, PruningMethod> = new Map(ALL.map((m) => [m.name, m]));
export const METHODS: readonly string[] = ALL.map((m) => m.name);

export function methodByName(name: string): PruningMethod {
  const m = METHOD_REGISTRY.get(name);
  if (!m) throw new QpruneError(`method must be one of ${METHODS.join(', ')}, got '${name}'`);
  return m;
}
