/**
 * solution.json: which filters each prunable group keeps, how that was decided, and (for QUBO
 * methods) each group's QUBO and the distinct low-energy answers the annealer found, which the
 * refinement stage turns into candidate lists. Refinement writes the same format with `refine` added.
 */
import { readFile } from 'node:fs/promises';
import { QpruneError, describeJsonError } from '../errors.js';
import { Qubo } from '../qubo/problem.js';
import type { KeepMasks } from './graph.js';

export interface SolutionGroup {
  id: string;
  size: number;
  k: number;
  /** Indices of kept channels, ascending. */
  keep: number[];
  /** QUBO energy of `keep` (QUBO methods). */
  energy?: number;
  /** The group's QUBO (QUBO methods): linear terms and the upper triangle of the couplings, row by row. */
  qubo?: { lin: number[]; upper: number[][] };
  /** Distinct exact-k answers of the annealer, lowest energy first (QUBO methods). */
  samples?: { keep: number[]; energy: number }[];
  /** Set by refinement when it changed this group: the QUBO answer it replaced. */
  refinedFrom?: number[];
}

/** What TT refinement did to a solution (pipeline/refine.ts). */
export interface RefineInfo {
  method: string;
  metric: 'psnr' | 'ssim';
  budget: number;
  seed: number;
  /** Which groups were searched, in words. */
  scope: string;
  /** Candidates per searched group (the grid). */
  choices: number[];
  evaluations: number;
  iterations: number;
  stoppedBy: string;
  seconds: number;
  /** Best objective value after each batch. */
  trace: { evaluations: number; best: number }[];
  bestPoint: number[];
  changedGroups: string[];
  /** Where each changed group's new keep-set came from (mask-encoding.ts origins). */
  origins?: Record<string, string>;
  /** Every validation image: the QUBO answer and the final answer. */
  validation: { before: { psnr: number; ssim: number }; after: { psnr: number; ssim: number } };
  /**
   * How PROTES started: the Boltzmann prior of the QUBO energies (its temperature, null = uniform; groups
   * changed per draw), Adam steps, or the screen (whether the budget allowed it, its evaluations, answer
   * included, and the improving single changes; without it the QUBO-energy prior's figures).
   */
  prior?: { kind: 'boltzmann'; temperature: number | null; expectedChanged: number } | { kind: 'steps'; steps: number }
    | { kind: 'screened'; screened: boolean; evaluations: number; improving: number; temperature: number | null; expectedChanged: number };
  /**
   * Moves of filters between groups (global budgets): the largest transfer, grid points refused as
   * infeasible (never evaluated), and each group whose count the answer changed.
   */
  moves?: { max: number; infeasible: number; counts: Record<string, { from: number; to: number }> };
  /** Labels of the other methods whose keep-sets were candidates. */
  alternatives?: string[];
  /**
   * The other methods' whole answers (at the solver's k per group) evaluated before the search, with
   * their objective values; the answer is never worse on the objective than any of them. The EA starts
   * from the best of them and the QUBO answer.
   */
  starts?: { label: string; objective: number }[];
  /**
   * Selection (objective, even image positions) and check (odd) halves of the validation images: the
   * best point found is accepted only if it beats the QUBO answer on the check half too.
   */
  split?: { selectionImages: number; checkImages: number; accepted: boolean; selection: { before: number; found: number }; check: { before: number; found: number } };
  /**
   * Successive halving: the search's `count` best points and the QUBO answer evaluated on crop x crop crops;
   * rank = the picked point's place among the search's best (1 = its best; 0 = the QUBO answer kept),
   * with its selection and check figures at that size, and whether it beat the QUBO answer there.
   */
  finalists?: { count: number; crop: number; images: number; rank: number; accepted: boolean; selection: { before: number; found: number }; check?: { before: number; found: number } };
  /**
   * The continuation (a second search on crop x crop crops, pipeline/refine.ts): its budget, evaluations
   * used (start points included) and seconds, how many of the first search's best points it was offered
   * beside the QUBO answer, which one it started from (0 = the answer), and the selection half (or the
   * whole objective without a split) at that size for the answer, the start and its best; check: at that
   * size, when no finalists followed it.
   */
  continuation?: {
    budget: number; crop: number; evaluations: number; seconds: number; starts: number; startRank: number;
    selection: { before: number; start: number; found: number }; check?: { before: number; found: number };
  };
}

export interface Solution {
  version: 1;
  method: string;
  sparsity: number;
  perLayer: boolean;
  seed: number;
  budget: number;
  total: number;
  seconds: number;
  groups: SolutionGroup[];
  /** A global FLOPs/parameter budget (absent: in filters): the limit, what the kept filters cost, the full model's cost. */
  budgetBy?: { unit: 'flops' | 'params'; limit: number; kept: number; full: number };
  /** Filled by the refinement stage. */
  refine?: RefineInfo;
  info?: Record<string, unknown>;
}

export function indicesOf(x: Uint8Array): number[] {
  const out: number[] = [];
  x.forEach((v, i) => v && out.push(i));
  return out;
}

export function maskOf(size: number, keep: number[]): Uint8Array {
  const x = new Uint8Array(size);
  for (const i of keep) x[i] = 1;
  return x;
}

export function quboToJson(q: Qubo): { lin: number[]; upper: number[][] } {
  return { lin: Array.from(q.lin), upper: Array.from({ length: q.n }, (_, i) => Array.from(q.W.subarray(i * q.n + i + 1, (i + 1) * q.n))) };
}

export function quboFromJson(j: { lin: number[]; upper: number[][] }, k: number | null): Qubo {
  const n = j.lin.length;
  const Q = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, c) => (c === i ? j.lin[i] : c > i ? j.upper[i]?.[c - i - 1] : 0)));
  return Qubo.fromUpper(Q, k, 'solution QUBO');
}

export function solutionMasks(s: Solution): KeepMasks {
  return new Map(s.groups.map((g) => [g.id, maskOf(g.size, g.keep)]));
}

export function parseSolution(text: string, where: string): Solution {
  let j: Solution;
  try {
    j = JSON.parse(text);
  } catch (err) {
    throw new QpruneError(`${where} is not valid JSON: ${describeJsonError(err)}`);
  }
  if (j?.version !== 1 || !Array.isArray(j.groups)) throw new QpruneError(`${where} is not a qprune solution (version 1 with groups)`);
  for (const g of j.groups) {
    if (typeof g.id !== 'string' || !Number.isInteger(g.size) || !Array.isArray(g.keep)) throw new QpruneError(`${where}: malformed group ${JSON.stringify(g).slice(0, 80)}`);
    if (g.keep.length !== g.k || g.keep.some((i) => !Number.isInteger(i) || i < 0 || i >= g.size)) throw new QpruneError(`${where}: group ${g.id} keeps invalid indices or not exactly k = ${g.k}`);
  }
  return j;
}

export async function readSolution(path: string): Promise<Solution> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new QpruneError(`cannot read solution file ${path}`);
  }
  return parseSolution(text, path);
}
