/**
 * Stage 4: refine a QUBO solution against the true metric. The candidate grid comes from
 * refine/mask-encoding.ts (exact k per group; other methods' keep-sets at the same k among the
 * candidates); the objective is the mean PSNR (or SSIM) of the physically pruned model on the
 * validation crops, evaluated in batches by a MaskEvaluator (over the direct, worker-thread or NATS
 * transport). The all-zeros point (every group at its QUBO answer) is evaluated first, so the refined
 * answer is never worse on the objective.
 *
 * Overfitting control: with PSNR and at least two validation images, the images are split in two
 * disjoint halves (even positions: selection, the objective; odd positions: check). The refined answer
 * is accepted only if it also beats the QUBO answer on the check half; otherwise the QUBO answer stays.
 * Both halves come from one evaluation of each candidate (per-image PSNRs), so the check costs nothing.
 *
 * Successive halving (opts.finalists): the search runs on the small crops; its best few points and the
 * QUBO answer are then evaluated once more on larger crops of the same images (a second evaluator), the
 * answer is picked there on the selection half and accepted only if it beats the QUBO answer on the
 * check half at that size. Small crops make the search cheap; the larger ones make its last choice
 * less noisy (selection gains on 64² crops overstated test gains: +0.54 vs +0.15 dB at DnCNN-S 36%).
 *
 * Continuation (opts.continuation, refine/continuation.ts): between the search and the finalists, a
 * (1+λ)-EA on the continuation's crops (a third evaluator), started from the best there of the QUBO
 * answer and the search's best points; the finalists are then its best points (or, without finalists,
 * its best is checked on the check half at that size).
 */
import type { MaskEvaluator } from '../eval/mask-evaluator.js';
import { Alternative, alternativePoints, buildEncoding, Scope } from '../refine/mask-encoding.js';
import type { BudgetFit } from '../refine/count-moves.js';
import type { CostModel } from '../prune/cost-model.js';
import type { KeepMasks } from '../prune/graph.js';
import type { Point, RefineProgress, RefineResult } from '../refine/objective.js';
import type { Finalists } from '../refine/finalists.js';
import type { Continuation } from '../refine/continuation.js';
import { TOP_POINTS } from '../refine/objective.js';
import { refinerByName } from '../refine/refiners.js';
import { boltzmannPrior } from '../refine/prior.js';
import { indicesOf, RefineInfo, Solution, solutionMasks } from '../prune/solution.js';
import type { ScoreResult } from '../score/scores.js';
import type { GroupSolver } from '../qubo/group-solver.js';
import { solvePruning } from './solve.js';
import { QpruneError } from '../errors.js';

/**
 * The earlier prior towards the QUBO answer (prior 'steps'): 40 Adam steps on its likelihood before the
 * first draw. Measured with 200 evaluations (validation crops): DnCNN-S 50% global +0.45 dB with 40 steps
 * vs +0.34 with 10 and +0 without. It makes p nearly a delta on the answer (0.09 groups changed per
 * draw on a 16x8 grid), which the Boltzmann prior replaces.
 */
export const PRIOR_STEPS = 40;
/** Boltzmann prior: groups a draw changes on average (refine/prior.ts). */
export const TARGET_CHANGED = 2.5;
/**
 * PROTES's start: 'boltzmann' from the QUBO energies, 'steps' the earlier 40 Adam steps, 'screened'
 * from the measured gains of every single change of the answer (refine/screen.ts; the screen's
 * evaluations count against the budget).
 */
export const PRIORS = ['boltzmann', 'steps', 'screened'] as const;
export type PriorKind = (typeof PRIORS)[number];
/**
 * The default start: the screen. Measured on DnCNN-S (results/refine-dncnn-screened/) it is ahead of
 * the QUBO-energy prior and of iterated local search at the same budget, and on the synthetic chains
 * (bench:refine) it wins more seeds against both than it loses.
 */
export const DEFAULT_PRIOR: PriorKind = 'screened';
/** The other methods whose keep-sets (at the refined method's k per group) join the candidates. */
export const ALTERNATIVE_METHODS = ['hybrid', 'hybrid-paper', 'fisher', 'taylor'] as const;
/**
 * Points per refiner batch (PROTES draws, the EA's λ): budget / 40 within 8..100, elite a fifth of it.
 * Chosen on synthetic chains with long-range couplings (d = 16, 6-8 choices, 30 seeds, 1,000
 * evaluations, against iterated local search): batch 25 / elite 5 won 36 and lost 21 of 90 where the
 * earlier budget / 10 (100 / 20: ten PROTES iterations, the distribution barely learns) won 28 and lost 40.
 */
export function refineBatch(budget: number): number {
  return Math.min(100, Math.max(8, Math.floor(budget / 40)));
}

/** Default transfer size (filters) between neighbouring groups under a global budget. */
export const MOVES = 2;

/** Transfers of filters between groups a refinement of `solution` makes (opts.moves, else the default). */
export function movesFor(solution: Pick<Solution, 'perLayer'>, scope: Scope, moves?: number): number {
  return moves ?? (solution.perLayer || scope.kind !== 'all' ? 0 : MOVES);
}

/**
 * Run-state tag of a refinement's search space, start and batching, so stored results of another
 * version are not reused ('-b40': batches of budget / 40).
 */
export function refineTag(r: { prior?: PriorKind; scope: Scope; moves?: number; finalists?: Finalists; continuation?: Continuation }, perLayer: boolean, steps = 1): string {
  const moves = movesFor({ perLayer }, r.scope, r.moves);
  const prior = r.prior ?? DEFAULT_PRIOR;
  const c = r.continuation;
  // -ia: an iterative answer's search space holds the other methods' iterative answers too (since stop 38);
  // -as: the other methods' whole answers are evaluated first (since stop 40).
  return `${prior === 'steps' ? `p${PRIOR_STEPS}a` : prior === 'screened' ? 'sc' : 'bz'}-b40-as${moves ? `-m${moves}` : ''}${c ? `-k${c.budget}c${c.crop}` : ''}${r.finalists ? `-f${r.finalists.count}c${r.finalists.crop}${r.finalists.pick === 'ladder' ? 'l' : ''}` : ''}${steps > 1 ? '-ia' : ''}`;
}

export interface RefineStageOptions {
  method: string;
  budget: number;
  seed?: number;
  scope: Scope;
  choices?: number;
  metric?: 'psnr' | 'ssim';
  /** Refiner: points per batch (default refineBatch(budget)). */
  batch?: number;
  /** PROTES's start (default DEFAULT_PRIOR): the screen, the Boltzmann prior from QUBO energies, or Adam steps towards the answer. */
  prior?: PriorKind;
  /** prior 'steps': Adam steps towards the QUBO answer before the first draw (default PRIOR_STEPS). */
  priorSteps?: number;
  /** prior 'boltzmann' or 'screened': groups changed per draw on average (default TARGET_CHANGED). */
  targetChanged?: number;
  /** Other methods' keep-sets, offered per group where they keep the same k. */
  alternatives?: readonly Alternative[];
  /**
   * Transfers of up to this many filters between neighbouring groups (refine/count-moves.ts); default
   * MOVES under a global budget with scope all, 0 per layer (where k per group is the plan).
   */
  moves?: number;
  /** Under a FLOPs or parameter budget: the cost of per-group counts, so transfers keep to the limit. */
  cost?: BudgetFit;
  /** Split the validation images into selection and check halves (default: with PSNR and >= 2 images). */
  check?: boolean;
  /**
   * Successive halving: the `count` best points of the search and the QUBO answer evaluated again by
   * `evaluator` (larger crops of the same validation images); the answer is picked and checked there.
   */
  finalists?: Finalists & { evaluator: MaskEvaluator };
  /**
   * A second search of `budget` evaluations by `evaluator` (larger crops of the same validation images),
   * from the best there of the QUBO answer and the first search's best points; the finalists come from it.
   */
  continuation?: Continuation & { evaluator: MaskEvaluator };
  onProgress?: (p: RefineProgress) => void;
}

/** A FLOPs/parameter cost model in the solution's group order, for transfers under a cost budget. */
export function budgetFit(cost: CostModel, solution: Solution): BudgetFit | undefined {
  if (!solution.budgetBy) return undefined;
  const ids = solution.groups.map((g) => g.id);
  // The limit as a fraction of the full model, so a cost model at another crop size keeps the same budget.
  const limit = (solution.budgetBy.limit / solution.budgetBy.full) * cost.full;
  return { of: (counts) => cost.of(new Map(ids.map((id, i) => [id, counts[i]]))), limit, perFilter: ids.map((id) => cost.perFilter.get(id) ?? 1) };
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
/** Mean over the even (selection) or odd (check) image positions. */
const half = (v: number[], parity: 0 | 1) => mean(v.filter((_, i) => i % 2 === parity));

/**
 * The other methods' answers at the solved plan's k per group (a per-layer solve with those counts):
 * greedy top-k and the other formulations' exact-k answers, offered to refinement as candidates.
 */
export async function alternativesAtK(scores: ScoreResult, solved: Solution, method: string, seed: number, solver?: GroupSolver): Promise<Alternative[]> {
  const sizes = new Map(scores.groups.map((g) => [g.id, g.size]));
  const bad = solved.groups.find((g) => sizes.get(g.id) !== g.size);
  if (bad || sizes.size !== solved.groups.length) throw new QpruneError(`the scores do not belong to this solution's model: ${bad ? `group ${bad.id} has ${bad.size} filters in the solution, ${sizes.get(bad.id) ?? 'none'} in the scores` : `${sizes.size} groups in the scores, ${solved.groups.length} in the solution`}`);
  const keep = new Map(solved.groups.map((g) => [g.id, g.k]));
  const out: Alternative[] = [];
  for (const m of ALTERNATIVE_METHODS) {
    if (m === method) continue;
    const s = await solvePruning(scores, { method: m, sparsity: solved.sparsity, perLayer: true, perLayerKeep: keep, seed }, solver);
    out.push({ label: m, masks: solutionMasks(s) });
  }
  return out;
}

export async function refineSolution(solution: Solution, evaluator: MaskEvaluator, opts: RefineStageOptions): Promise<Solution> {
  const moves = movesFor(solution, opts.scope, opts.moves);
  if (moves > 0 && solution.budgetBy && !opts.cost) throw new QpruneError(`refine: moving filters between groups under a ${solution.budgetBy.unit} budget needs the model's cost model`);
  const enc = buildEncoding(solution, opts.scope, opts.choices ?? 8, opts.alternatives ?? [], moves ? { max: moves, budget: solution.budgetBy ? opts.cost : undefined } : undefined);
  const metric = opts.metric ?? 'psnr';
  const priorKind = opts.prior ?? DEFAULT_PRIOR;
  if (!(PRIORS as readonly string[]).includes(priorKind)) throw new QpruneError(`refine prior must be one of ${PRIORS.join(', ')}, got '${priorKind}'`);
  const zero = enc.dims.map(() => 0);
  const [s0] = await evaluator.evaluate([enc.decode(zero)]);
  const images = s0.perImagePsnr.length;
  const split = (opts.check ?? (metric === 'psnr' && images >= 2)) && images >= 2;
  if (opts.check && !split) throw new QpruneError(`refine: a check split needs PSNR and at least 2 validation images (metric ${metric}, ${images} images)`);
  const objective = (s: { psnr: number; ssim: number; perImagePsnr: number[] }) => (metric === 'ssim' ? s.ssim : split ? half(s.perImagePsnr, 0) : s.psnr);
  const batch = opts.batch ?? refineBatch(opts.budget);
  // The screened start falls back to the QUBO-energy prior when the budget cannot cover the screen.
  const prior = priorKind !== 'steps' && enc.dims.length ? boltzmannPrior([...enc.groups.map((g) => g.energies), ...enc.transfers.map((t) => t.energies)], opts.targetChanged ?? TARGET_CHANGED) : undefined;
  const refiner = refinerByName(opts.method, {
    batch, elite: Math.max(2, Math.round(batch / 5)),
    ...(prior ? { prior: prior.probs } : { priorSteps: opts.priorSteps ?? PRIOR_STEPS }),
    ...(priorKind === 'screened' ? { screen: true, targetChanged: opts.targetChanged ?? TARGET_CHANGED } : {}),
  });
  let infeasible = 0;
  // An infeasible point (a transfer that empties a group) scores -Infinity without an evaluation.
  const scoreBy = (by: MaskEvaluator) => async (points: Point[]): Promise<number[]> => {
    const masks = points.map((p) => enc.tryDecode(p));
    const feasible = masks.filter((m): m is KeepMasks => m !== null);
    const scores = (await by.evaluate(feasible)).map(objective);
    infeasible += masks.length - feasible.length;
    let i = 0;
    return masks.map((m) => (m ? scores[i++] : -Infinity));
  };
  // The other methods' whole answers are evaluated right after the QUBO answer, so the refined answer is
  // never worse on the objective than any of them (and the EA starts from the best).
  const answers = alternativePoints(enc, opts.alternatives ?? []);
  const answerKeys = new Set(answers.map((s) => s.point.join())), answerValues = new Map<string, number>(), search = scoreBy(evaluator);
  const remembered = async (points: Point[]): Promise<number[]> => {
    const v = await search(points);
    points.forEach((p, i) => { if (answerKeys.has(p.join())) answerValues.set(p.join(), v[i]); });
    return v;
  };
  const first = enc.dims.length
    ? await refiner.refine(enc.dims, remembered, { budget: opts.budget, seed: opts.seed ?? 0, initial: [zero, ...answers.map((s) => s.point)], onProgress: opts.onProgress })
    : undefined;
  const isZero = (p: Point) => p.every((v) => v === 0);
  let continuation: RefineInfo['continuation'];
  let result = first;
  if (opts.continuation && first) {
    const c = opts.continuation;
    const starts = [zero, ...finalistPoints(first, { count: TOP_POINTS })].slice(0, c.budget);
    // The start points' values at this size are kept, so the EA's own first batch (the same points) costs nothing more.
    const seen = new Map<string, number>(), larger = scoreBy(c.evaluator);
    const score = async (points: Point[]): Promise<number[]> => {
      const fresh = points.filter((p) => !seen.has(p.join()));
      (await larger(fresh)).forEach((v, i) => seen.set(fresh[i].join(), v));
      return points.map((p) => seen.get(p.join())!);
    };
    const t0 = performance.now();
    const startValues = await score(starts);
    const from = startValues.indexOf(Math.max(...startValues));
    const second = await refinerByName('ea', { batch: refineBatch(c.budget) }).refine(enc.dims, score, { budget: c.budget, seed: opts.seed ?? 0, initial: starts,
      onProgress: opts.onProgress && ((p) => opts.onProgress!({ ...p, evaluations: first.evaluations + p.evaluations, budget: opts.budget + c.budget })) });
    continuation = {
      budget: c.budget, crop: c.crop, evaluations: second.evaluations, seconds: (performance.now() - t0) / 1000, starts: starts.length - 1, startRank: from,
      selection: { before: startValues[0], start: startValues[from], found: second.best },
    };
    result = second;
  }
  let found: Point = result?.bestPoint ?? zero;
  let finalists: RefineInfo['finalists'];
  let accepted: boolean | undefined;
  if (opts.finalists && result && !isZero(found)) {
    const { picked, info } = await pickFinalist(enc, zero, finalistPoints(result, opts.finalists), opts.finalists.evaluator, metric, split);
    found = picked;
    finalists = { crop: opts.finalists.crop, ...info };
    accepted = info.accepted;
  } else if (continuation && !isZero(found)) {
    // Without finalists the continuation's best is checked at its own size (the small crops' check half did not choose it).
    const { picked, info } = await pickFinalist(enc, zero, [found], opts.continuation!.evaluator, metric, split);
    found = picked;
    accepted = info.accepted;
    continuation.check = info.check;
  }
  const [s1] = await evaluator.evaluate([enc.decode(found)]);
  // Accepted only if the check half agrees (a tie or loss there keeps the QUBO answer).
  accepted ??= !split || isZero(found) || half(s1.perImagePsnr, 1) > half(s0.perImagePsnr, 1);
  const bestPoint = accepted ? found : zero;
  const masks = enc.decode(bestPoint);
  const keeps = new Map(solution.groups.map((g) => [g.id, indicesOf(masks.get(g.id)!)]));
  const final = accepted ? s1 : s0;
  const info: RefineInfo = {
    method: opts.method, metric, budget: opts.budget, seed: opts.seed ?? 0, scope: enc.scope, choices: enc.dims,
    evaluations: first?.evaluations ?? 0, iterations: first?.iterations ?? 0, stoppedBy: first?.stoppedBy ?? 'nothing to refine',
    seconds: first?.seconds ?? 0, trace: first?.trace ?? [], bestPoint,
    changedGroups: solution.groups.filter((g) => keeps.get(g.id)!.join() !== g.keep.join()).map((g) => g.id),
    origins: Object.fromEntries(enc.groups.flatMap((g, j) => (bestPoint[j] !== 0 ? [[g.id, g.origins[bestPoint[j]]]] : []))),
    ...(enc.transfers.length ? {
      moves: {
        max: moves, infeasible,
        counts: Object.fromEntries(solution.groups.flatMap((g) => { const k = keeps.get(g.id)!.length; return k !== g.k ? [[g.id, { from: g.k, to: k }]] : []; })),
      },
    } : {}),
    validation: { before: { psnr: s0.psnr, ssim: s0.ssim }, after: { psnr: final.psnr, ssim: final.ssim } },
    prior: priorInfo(priorKind, prior, first?.screen, opts.priorSteps),
    alternatives: (opts.alternatives ?? []).map((a) => a.label),
    ...(first ? { starts: answers.flatMap((s) => { const v = answerValues.get(s.point.join()); return v === undefined ? [] : [{ label: s.label, objective: v }]; }) } : {}),
    ...(continuation ? { continuation } : {}),
    ...(finalists ? { finalists } : {}),
    ...(split ? {
      split: {
        selectionImages: Math.ceil(images / 2), checkImages: Math.floor(images / 2), accepted,
        selection: { before: half(s0.perImagePsnr, 0), found: half(s1.perImagePsnr, 0) },
        check: { before: half(s0.perImagePsnr, 1), found: half(s1.perImagePsnr, 1) },
      },
    } : {}),
  };
  const groups = solution.groups.map((g) => {
    const keep = keeps.get(g.id)!;
    const changed = keep.join() !== g.keep.join();
    return { ...g, k: keep.length, keep, ...(changed ? { energy: undefined, refinedFrom: g.keep } : {}) };
  });
  // In the solution's own units (the cost model may be at another crop size).
  const budgetBy = solution.budgetBy && opts.cost ? { ...solution.budgetBy, kept: (opts.cost.of(groups.map((g) => g.k)) / opts.cost.limit) * solution.budgetBy.limit } : solution.budgetBy;
  return { ...solution, groups, budget: groups.reduce((a, g) => a + g.k, 0), ...(budgetBy ? { budgetBy } : {}), refine: info };
}

/** What solution.json records of PROTES's start. */
function priorInfo(kind: PriorKind, prior: ReturnType<typeof boltzmannPrior> | undefined, screen: RefineResult['screen'], steps?: number): RefineInfo['prior'] {
  // No prior: PROTES started by Adam steps (prior 'steps', or nothing to refine).
  if (kind !== 'screened' && !prior) return { kind: 'steps', steps: steps ?? PRIOR_STEPS };
  const boltzmann = prior ? { temperature: Number.isFinite(prior.temperature) ? prior.temperature : null, expectedChanged: prior.expectedChanged } : { temperature: null, expectedChanged: 0 };
  if (kind !== 'screened') return { kind: 'boltzmann', ...boltzmann };
  if (screen) return { kind, screened: true, evaluations: screen.evaluations, improving: screen.improving, temperature: screen.temperature, expectedChanged: screen.expectedChanged };
  // Not screened (budget too small): PROTES started from the QUBO-energy prior.
  return { kind, screened: false, evaluations: 0, improving: 0, ...boltzmann };
}

/** The points successive halving evaluates again (finalists.ts: `top`, or the `ladder` first), the answer left out. */
function finalistPoints(result: Pick<RefineResult, 'top' | 'ladder'>, f: Pick<Finalists, 'count' | 'pick'>): Point[] {
  const ordered = [...(f.pick === 'ladder' ? result.ladder.map((l) => l.point) : []), ...result.top.map((t) => t.point)];
  const seen = new Set<string>();
  return ordered.filter((p) => {
    const key = p.join(',');
    if (p.every((v) => v === 0) || seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, f.count);
}

/**
 * The last round of successive halving: the QUBO answer (`zero`) and the search's best points, each
 * evaluated once on the finalists' (larger) crops; the best on the selection half (or the whole batch
 * without a split) is picked, and accepted only if it beats the QUBO answer on the check half there.
 */
async function pickFinalist(enc: ReturnType<typeof buildEncoding>, zero: Point, best: Point[], evaluator: MaskEvaluator, metric: 'psnr' | 'ssim', split: boolean):
  Promise<{ picked: Point; info: Omit<NonNullable<RefineInfo['finalists']>, 'crop'> }> {
  const points = [zero, ...best];
  const scores = await evaluator.evaluate(points.map((p) => enc.decode(p)));
  const halves = split && scores[0].perImagePsnr.length >= 2;
  const value = (s: { psnr: number; ssim: number; perImagePsnr: number[] }) => (metric === 'ssim' ? s.ssim : halves ? half(s.perImagePsnr, 0) : s.psnr);
  let pick = 0;
  scores.forEach((s, i) => { if (value(s) > value(scores[pick])) pick = i; });
  const check = (i: number) => (halves ? half(scores[i].perImagePsnr, 1) : value(scores[i]));
  // Picking the QUBO answer back is a decision, not a refusal: nothing changes either way.
  const accepted = pick > 0 && (!halves || check(pick) > check(0));
  return {
    picked: points[pick],
    info: {
      count: best.length, images: scores[0].perImagePsnr.length, rank: pick, accepted,
      selection: { before: value(scores[0]), found: value(scores[pick]) }, ...(halves ? { check: { before: check(0), found: check(pick) } } : {}),
    },
  };
}
