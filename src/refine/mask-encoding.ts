/**
 * Encoding of pruning decisions as a TT grid that keeps sparsity exact: each group in scope gets a
 * list of candidate keep-sets, all with exactly the group's k ones, and a grid point picks one per
 * group. Candidate 0 is the QUBO answer; then the other methods' keep-sets at the same k (the
 * alternatives: other formulations' answers, greedy Fisher/Taylor top-k), so the refined answer can
 * take any of them group by group; then the annealer's other distinct answers (lowest energy first);
 * then single-swap neighbours of the answer (drop one kept filter, keep one pruned filter) ranked by
 * QUBO energy. Groups outside the scope stay at their QUBO answer.
 */
import { QpruneError } from '../errors.js';
import type { KeepMasks } from '../prune/graph.js';
import type { Qubo } from '../qubo/problem.js';
import { maskOf, quboFromJson, Solution } from '../prune/solution.js';
import type { Point } from './objective.js';

export interface GroupCandidates {
  id: string;
  k: number;
  masks: Uint8Array[];
  energies: number[];
  /** Where each candidate came from: 'qubo' (the answer), an alternative's label, 'read' or 'swap'. */
  origins: string[];
  /** Energy gap between the best two candidates (small: the QUBO barely prefers its answer). */
  gap: number;
}

export interface Encoding {
  /** Groups in scope, in model order: one grid dimension each. */
  groups: GroupCandidates[];
  dims: number[];
  /** Keep-sets of every group (scope or not) for a grid point. */
  decode(point: Point): KeepMasks;
  scope: string;
}

/** A keep-set of every group from another method (its label names it in reports). */
export interface Alternative { label: string; masks: KeepMasks }

export function candidateList(q: Qubo, answer: Uint8Array, others: Uint8Array[], count: number, alternatives: { label: string; mask: Uint8Array }[] = []): { masks: Uint8Array[]; energies: number[]; origins: string[] } {
  const seen = new Set<string>();
  const masks: Uint8Array[] = [], energies: number[] = [], origins: string[] = [];
  const k = answer.reduce((a, v) => a + v, 0);
  const push = (x: Uint8Array, origin: string, e = q.energy(x)) => {
    const key = x.join('');
    if (seen.has(key) || masks.length >= count) return;
    seen.add(key);
    masks.push(x);
    energies.push(e);
    origins.push(origin);
  };
  push(answer, 'qubo');
  for (const a of alternatives) if (a.mask.length === answer.length && a.mask.reduce((t, v) => t + v, 0) === k) push(Uint8Array.from(a.mask), a.label);
  for (const x of others) push(x, 'read');
  if (masks.length < count) {
    // Single swaps of the answer: ΔE(a out, b in) = f_b - f_a - W_ab from local fields, cheapest first.
    const f = q.localFields(answer);
    const swaps: { a: number; b: number; d: number }[] = [];
    for (let a = 0; a < q.n; a++) {
      if (!answer[a]) continue;
      for (let b = 0; b < q.n; b++) if (!answer[b]) swaps.push({ a, b, d: f[b] - f[a] - q.W[a * q.n + b] });
    }
    swaps.sort((s, t) => s.d - t.d || s.a - t.a || s.b - t.b);
    const e0 = q.energy(answer);
    for (const s of swaps) {
      if (masks.length >= count) break;
      const x = Uint8Array.from(answer);
      x[s.a] = 0;
      x[s.b] = 1;
      push(x, 'swap', e0 + s.d);
    }
  }
  return { masks, energies, origins };
}

export type Scope = { kind: 'all' } | { kind: 'window'; start: number; length: number } | { kind: 'gap'; count: number };

export function parseScope(spec: string): Scope {
  if (spec === 'all') return { kind: 'all' };
  let m = /^window:(\d+):(\d+)$/.exec(spec);
  if (m) return { kind: 'window', start: Number(m[1]), length: Number(m[2]) };
  m = /^gap:(\d+)$/.exec(spec);
  if (m && Number(m[1]) > 0) return { kind: 'gap', count: Number(m[1]) };
  throw new QpruneError(`--scope must be all, window:START:LENGTH or gap:COUNT, got '${spec}'`);
}

export function buildEncoding(solution: Solution, scope: Scope, choices = 8, alternatives: readonly Alternative[] = []): Encoding {
  if (!(Number.isInteger(choices) && choices >= 2)) throw new QpruneError(`--choices must be an integer >= 2, got ${choices}`);
  const all: GroupCandidates[] = solution.groups.map((g) => {
    if (!g.qubo) throw new QpruneError(`solution group ${g.id} has no QUBO (method ${solution.method}): refinement needs a QUBO method's solution (hybrid or l1-qubo)`);
    const q = quboFromJson(g.qubo, g.k);
    const answer = maskOf(g.size, g.keep);
    const others = (g.samples ?? []).filter((s) => s.keep.length === g.k).map((s) => maskOf(g.size, s.keep));
    const alt = alternatives.flatMap((a) => { const m = a.masks.get(g.id); return m ? [{ label: a.label, mask: m }] : []; });
    const { masks, energies, origins } = candidateList(q, answer, others, choices, alt);
    const sorted = [...energies].sort((a, b) => a - b);
    return { id: g.id, k: g.k, masks, energies, origins, gap: sorted.length > 1 ? sorted[1] - sorted[0] : Infinity };
  });
  let chosen: GroupCandidates[];
  let label: string;
  if (scope.kind === 'all') {
    chosen = all;
    label = `all ${all.length} groups`;
  } else if (scope.kind === 'window') {
    if (scope.start >= all.length || scope.length < 1) throw new QpruneError(`scope window ${scope.start}:${scope.length} is outside the ${all.length} groups`);
    chosen = all.slice(scope.start, scope.start + scope.length);
    label = `groups ${scope.start}..${scope.start + chosen.length - 1} (window of ${chosen.length})`;
  } else {
    const ids = new Set([...all].sort((a, b) => a.gap - b.gap).slice(0, scope.count).map((g) => g.id));
    chosen = all.filter((g) => ids.has(g.id));
    label = `the ${chosen.length} groups with the smallest QUBO energy gap`;
  }
  chosen = chosen.filter((g) => g.masks.length > 1); // a group with one candidate has nothing to choose
  const base = new Map(all.map((g) => [g.id, g.masks[0]]));
  return {
    groups: chosen,
    dims: chosen.map((g) => g.masks.length),
    scope: `${label}: ${chosen.map((g) => g.id).join(', ')}`,
    decode(point: Point): KeepMasks {
      const m = new Map(base);
      chosen.forEach((g, j) => m.set(g.id, g.masks[point[j]]));
      return m;
    },
  };
}
