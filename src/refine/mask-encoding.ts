/**
 * Encoding of pruning decisions as a TT grid that keeps sparsity exact: each group in scope gets a
 * list of candidate keep-sets, all with exactly the group's k ones, and a grid point picks one per
 * group. Candidate 0 is the QUBO answer; then the other methods' keep-sets at the same k (the
 * alternatives: other formulations' answers, greedy Fisher/Taylor top-k), so the refined answer can
 * take any of them group by group; then the annealer's other distinct answers (lowest energy first);
 * then single-swap neighbours of the answer (drop one kept filter, keep one pruned filter) ranked by
 * QUBO energy. Groups outside the scope stay at their QUBO answer.
 *
 * Under a global budget (scope all) the grid can also move filters between groups: transfer
 * coordinates after the groups' (count-moves.ts), so the refined allocation may differ from the
 * solver's while the filter total (or, repaired, the FLOPs/parameter limit) holds.
 */
import { QpruneError } from '../errors.js';
import type { KeepMasks } from '../prune/graph.js';
import type { Qubo } from '../qubo/problem.js';
import { maskOf, quboFromJson, Solution } from '../prune/solution.js';
import type { Point } from './objective.js';
import { BudgetFit, countChanges, fitBudget, resizeMask, transferOf } from './count-moves.js';

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

/** A transfer coordinate: how many filters group `from[0]` takes from group `from[1]` (transferOf). */
export interface Transfer {
  between: [string, string];
  /** Energy change of each value at the QUBO answers (both groups resized), for the prior. */
  energies: number[];
}

export interface Encoding {
  /** Groups in scope, in model order: one grid dimension each. */
  groups: GroupCandidates[];
  /** Transfer coordinates (after the groups' in a point); empty without moves. */
  transfers: Transfer[];
  /** Every coordinate: the groups' candidate counts, then the transfers' value counts. */
  dims: number[];
  /** Keep-sets of every group (scope or not) for a grid point; throws for an infeasible point. */
  decode(point: Point): KeepMasks;
  /** As decode; null when a transfer empties or overfills a group or the cost limit cannot be met. */
  tryDecode(point: Point): KeepMasks | null;
  scope: string;
}

/** Moves of filters between groups: transfers of up to `max` filters between neighbouring groups. */
export interface MoveOptions {
  max: number;
  /** Under a FLOPs or parameter budget: the cost limit every decoded point is brought within. */
  budget?: BudgetFit;
  /** Fewest filters a group keeps (default 1). */
  min?: number;
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

export function buildEncoding(solution: Solution, scope: Scope, choices = 8, alternatives: readonly Alternative[] = [], moves?: MoveOptions): Encoding {
  if (!(Number.isInteger(choices) && choices >= 2)) throw new QpruneError(`--choices must be an integer >= 2, got ${choices}`);
  const maxMove = moves?.max ?? 0;
  if (!(Number.isInteger(maxMove) && maxMove >= 0)) throw new QpruneError(`moves must be a whole number of filters >= 0, got ${maxMove}`);
  if (maxMove > 0 && solution.perLayer) throw new QpruneError('moves of filters between groups need a global budget: a per-layer solution fixes k in every group');
  if (maxMove > 0 && scope.kind !== 'all') throw new QpruneError('moves of filters between groups need scope all (the transfers run along every group)');
  const qubos: Qubo[] = [];
  const all: GroupCandidates[] = solution.groups.map((g) => {
    if (!g.qubo) throw new QpruneError(`solution group ${g.id} has no QUBO (method ${solution.method}): refinement needs a QUBO method's solution (hybrid or l1-qubo)`);
    const q = quboFromJson(g.qubo, g.k);
    qubos.push(q);
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
  const min = moves?.min ?? 1;
  const resized = new Map<string, Uint8Array | null>();
  const resize = (g: number, candidate: number, delta: number): Uint8Array | null => {
    const key = `${g}:${candidate}:${delta}`;
    if (!resized.has(key)) resized.set(key, resizeMask(qubos[g], all[g].masks[candidate], delta, min));
    return resized.get(key)!;
  };
  const values = 2 * maxMove + 1;
  const transfers: Transfer[] = maxMove > 0 ? all.slice(0, -1).map((g, j) => {
    const energies = Array.from({ length: values }, (_, v) => {
      const t = transferOf(v), a = resize(j, 0, t), b = resize(j + 1, 0, -t);
      return a && b ? qubos[j].energy(a) - all[j].energies[0] + qubos[j + 1].energy(b) - all[j + 1].energies[0] : Infinity;
    });
    // An impossible transfer keeps a finite prior energy far above every possible one (tryDecode refuses it).
    const finite = energies.filter(Number.isFinite), top = Math.max(...finite), spread = top - Math.min(...finite) || 1;
    return { between: [g.id, all[j + 1].id] as [string, string], energies: energies.map((e) => (Number.isFinite(e) ? e : top + 100 * spread)) };
  }) : [];
  const chosenAt = new Map(chosen.map((g, j) => [g.id, j]));
  const tryDecode = (point: Point): KeepMasks | null => {
    const m = new Map(base);
    chosen.forEach((g, j) => m.set(g.id, g.masks[point[j]]));
    if (!transfers.length) return m;
    const changes = countChanges(point.slice(chosen.length), all.length);
    const masks: Uint8Array[] = [];
    for (let g = 0; g < all.length; g++) {
      const j = chosenAt.get(all[g].id);
      const x = changes[g] ? resize(g, j === undefined ? 0 : point[j], changes[g]) : m.get(all[g].id)!;
      if (!x) return null;
      masks.push(x);
    }
    if (moves?.budget && changes.some((c) => c !== 0)) {
      const own = masks.map((x) => Uint8Array.from(x));
      if (!fitBudget(qubos, own, moves.budget, min)) return null;
      own.forEach((x, g) => (masks[g] = x));
    }
    return new Map(all.map((g, i) => [g.id, masks[i]]));
  };
  const moveLabel = transfers.length ? `; transfers of up to ${maxMove} filters between neighbouring groups${moves?.budget ? ' (cost limit repaired)' : ''}` : '';
  return {
    groups: chosen,
    transfers,
    dims: [...chosen.map((g) => g.masks.length), ...transfers.map(() => values)],
    scope: `${label}: ${chosen.map((g) => g.id).join(', ')}${moveLabel}`,
    tryDecode,
    decode(point: Point): KeepMasks {
      const m = tryDecode(point);
      if (!m) throw new QpruneError(`grid point ${point.join(',')} is infeasible: a transfer leaves a group outside 1..size or the cost limit cannot be met`);
      return m;
    },
  };
}

/** An alternative's whole answer as a grid point (label: the alternative's). */
export interface AlternativePoint { label: string; point: Point }

/**
 * The grid points that decode to an alternative's keep-sets in every group, transfers at zero: the
 * other formulations' and greedy answers at the solver's k per group. Refinement evaluates them first,
 * so its answer is never worse on its objective than any of them. An alternative that equals the QUBO
 * answer, repeats an earlier one, or is not among some group's candidates (the candidate list was full,
 * or outside the scope it differs from the answer) gives no point.
 */
export function alternativePoints(enc: Encoding, alternatives: readonly Alternative[]): AlternativePoint[] {
  const out: AlternativePoint[] = [];
  const seen = new Set([enc.dims.map(() => 0).join()]);
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
  for (const alt of alternatives) {
    const point: Point = enc.dims.map(() => 0);
    const found = enc.groups.every((g, j) => {
      const m = alt.masks.get(g.id);
      const i = m ? g.masks.findIndex((c) => same(c, m)) : -1;
      point[j] = i;
      return i >= 0;
    });
    if (!found || seen.has(point.join())) continue;
    const decoded = enc.tryDecode(point);
    // Groups outside the scope stay at the answer: the point is the alternative only where it agrees there.
    if (!decoded || [...alt.masks].some(([id, m]) => !decoded.has(id) || !same(decoded.get(id)!, m))) continue;
    seen.add(point.join());
    out.push({ label: alt.label, point });
  }
  return out;
}
