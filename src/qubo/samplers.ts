/**
 * Samplers behind one interface, dwave-samplers style: sample(problem, params) -> SampleSet.
 * Read r always uses the random stream (seed, r), so results do not depend on how reads are spread
 * over worker threads.
 */
import { Rng } from '../data/rng.js';
import { QpruneError } from '../errors.js';
import { annealFlip, annealSwap, defaultBetaRange, geometricSchedule, randomKSubset, swapDescent } from './anneal.js';
import { Qubo } from './problem.js';
import { SampleSet, toSampleSet } from './sampleset.js';
import { WasmAnnealer } from './anneal-wasm.js';

export interface SampleParams {
  reads?: number;
  sweeps?: number;
  seed?: number;
  /** [β hot, β cold]; default: dwave-samplers' automatic range from the problem's fields. */
  betaRange?: [number, number];
  /** Starting states, one per read (cycled). */
  initialStates?: Uint8Array[];
  /** Cardinality for exact-k samplers (default: the problem's k). */
  k?: number;
  /** First read index (for splitting reads across workers). */
  firstRead?: number;
}

/** A declared sampler parameter (dwave-samplers' `parameters`): what it is, its range, its default. */
export interface ParameterDecl {
  type: 'int' | 'number' | 'states' | 'range';
  doc: string;
  default?: number | string;
  min?: number;
  max?: number;
}

export interface Sampler {
  readonly name: string;
  /** The SampleParams this sampler reads; anything else is ignored by it. */
  readonly parameters: Readonly<Record<string, ParameterDecl>>;
  sample(q: Qubo, params?: SampleParams): SampleSet;
}

const READS: ParameterDecl = { type: 'int', doc: 'independent reads (annealing runs)', default: 10, min: 1, max: 100000 };
const SWEEPS: ParameterDecl = { type: 'int', doc: 'sweeps per read (n proposals each)', default: 1000, min: 1, max: 1e7 };
const SEED: ParameterDecl = { type: 'int', doc: 'read r draws from the random stream (seed, r)', default: 0, min: 0, max: 2 ** 32 - 1 };
const BETA: ParameterDecl = { type: 'range', doc: '[beta hot, beta cold]', default: "dwave-samplers' automatic range from the problem's fields" };
const INITIAL: ParameterDecl = { type: 'states', doc: 'starting states, one per read (cycled)' };
const FIRST_READ: ParameterDecl = { type: 'int', doc: 'index of the first read (reads split over replicas)', default: 0, min: 0 };
const K: ParameterDecl = { type: 'int', doc: "cardinality (default: the problem's k)", min: 0 };
const ANNEALER_PARAMETERS = { reads: READS, sweeps: SWEEPS, seed: SEED, betaRange: BETA, initialStates: INITIAL, firstRead: FIRST_READ };

/** Why a numeric value does not fit its declaration (undefined when it does): one range rule for samplers and formulations. */
export function parameterProblem(key: string, decl: ParameterDecl, value: unknown): string | undefined {
  const v = value as number;
  if (typeof v === 'number' && Number.isFinite(v) && (decl.type !== 'int' || Number.isInteger(v)) && v >= (decl.min ?? -Infinity) && v <= (decl.max ?? Infinity)) return undefined;
  return `${key} must be ${decl.type === 'int' ? 'an integer ' : ''}in ${decl.min ?? '-inf'}..${decl.max ?? 'inf'}, got ${v}`;
}

/** Checks the numeric params a sampler declares against their ranges (params it does not declare, it ignores). */
export function checkSampleParams(sampler: Sampler, params: SampleParams): void {
  for (const [key, value] of Object.entries(params)) {
    const decl = sampler.parameters[key];
    if (value === undefined || !decl || (decl.type !== 'int' && decl.type !== 'number')) continue;
    const problem = parameterProblem(key, decl, value);
    if (problem) throw new QpruneError(`${sampler.name} sampler: ${problem}`);
  }
}

function requireK(q: Qubo, params: SampleParams, who: string): number {
  const k = params.k ?? q.k;
  if (k === null || k === undefined) throw new QpruneError(`${who} needs a cardinality k (in the instance or as a parameter)`);
  if (!Number.isInteger(k) || k < 0 || k > q.n) throw new QpruneError(`${who}: k = ${k} is outside 0..${q.n}`);
  return k;
}

abstract class Annealer implements Sampler {
  abstract readonly name: string;
  abstract readonly parameters: Readonly<Record<string, ParameterDecl>>;
  /** `engine: 'js'` runs the reference JS kernels (same results as wasm, slower). */
  constructor(protected readonly engine: 'wasm' | 'js' = 'wasm') {}
  protected abstract start(q: Qubo, params: SampleParams, rng: Rng, read: number): Uint8Array;
  protected abstract run(kernel: WasmAnnealer | undefined, q: Qubo, x: Uint8Array, betas: Float64Array, rng: Rng): number;
  protected polish(_q: Qubo, _x: Uint8Array): void {}

  sample(q: Qubo, params: SampleParams = {}): SampleSet {
    const reads = params.reads ?? 10, sweeps = params.sweeps ?? 1000, seed = params.seed ?? 0;
    const [b0, b1] = params.betaRange ?? defaultBetaRange(q);
    const betas = geometricSchedule(b0, b1, sweeps);
    const out: { x: Uint8Array; energy: number }[] = [];
    const kernel = this.engine === 'wasm' ? new WasmAnnealer(q, betas) : undefined;
    let accepted = 0, annealMs = 0;
    const t0 = performance.now();
    for (let r = 0; r < reads; r++) {
      const read = (params.firstRead ?? 0) + r;
      const rng = Rng.derive(seed, read);
      const x = this.start(q, params, rng, read);
      const ta = performance.now();
      accepted += this.run(kernel, q, x, betas, rng);
      annealMs += performance.now() - ta;
      this.polish(q, x);
      out.push({ x, energy: q.energy(x) });
    }
    const seconds = (performance.now() - t0) / 1000;
    const proposals = reads * sweeps * q.n;
    // Proposal rate over the annealing loops alone (what a native annealer's rate measures).
    const set = toSampleSet(out, seconds, proposals, {
      sampler: this.name, reads, sweeps, betaRange: [b0, b1], acceptance: accepted / proposals, annealSeconds: annealMs / 1000,
      readEnergies: out.map((r) => r.energy), // in read order, for time-to-solution figures
    });
    set.timing.proposalsPerSecond = proposals / (annealMs / 1000);
    return set;
  }
}

/** Single-flip SA for unconstrained (or penalised) QUBOs. */
export class FlipAnnealer extends Annealer {
  readonly name = 'flip';
  readonly parameters = ANNEALER_PARAMETERS;
  protected start(q: Qubo, params: SampleParams, rng: Rng, read: number): Uint8Array {
    const init = params.initialStates;
    if (init?.length) return Uint8Array.from(init[read % init.length]);
    return Uint8Array.from({ length: q.n }, () => (rng.nextU32() & 1));
  }
  protected run(kernel: WasmAnnealer | undefined, q: Qubo, x: Uint8Array, betas: Float64Array, rng: Rng): number {
    return kernel ? kernel.flip(x, rng) : annealFlip(q, x, betas, rng);
  }
}

/** Swap-move SA: Σx = k holds exactly at every step; a final zero-temperature swap descent. */
export class SwapAnnealer extends Annealer {
  readonly name = 'swap';
  readonly parameters = { ...ANNEALER_PARAMETERS, k: K };
  constructor(private readonly polishResult = true, engine: 'wasm' | 'js' = 'wasm') {
    super(engine);
  }
  protected start(q: Qubo, params: SampleParams, rng: Rng, read: number): Uint8Array {
    const k = requireK(q, params, 'swap sampler');
    const init = params.initialStates;
    if (init?.length) {
      const x = Uint8Array.from(init[read % init.length]);
      if (x.reduce((a, b) => a + b, 0) !== k) throw new QpruneError(`swap sampler: initial state ${read % init.length} does not have exactly k = ${k} ones`);
      return x;
    }
    return randomKSubset(q.n, k, rng);
  }
  protected run(kernel: WasmAnnealer | undefined, q: Qubo, x: Uint8Array, betas: Float64Array, rng: Rng): number {
    return kernel ? kernel.swap(x, rng) : annealSwap(q, x, betas, rng);
  }
  protected override polish(q: Qubo, x: Uint8Array): void {
    if (this.polishResult) swapDescent(q, x);
  }
}

/** Greedy: with k, the k best single-variable terms then swap descent; without, flip descent from all-zero. */
export class GreedySampler implements Sampler {
  readonly name = 'greedy';
  readonly parameters = { k: K };
  sample(q: Qubo, params: SampleParams = {}): SampleSet {
    const t0 = performance.now();
    const k = params.k ?? q.k;
    const x = new Uint8Array(q.n);
    if (k !== null && k !== undefined) {
      Array.from({ length: q.n }, (_, i) => i).sort((a, b) => q.lin[a] - q.lin[b]).slice(0, k).forEach((i) => (x[i] = 1));
      swapDescent(q, x);
    } else {
      const f = q.localFields(x);
      for (;;) {
        let bi = -1, bd = -1e-12;
        for (let i = 0; i < q.n; i++) {
          const d = x[i] ? -f[i] : f[i];
          if (d < bd) { bd = d; bi = i; }
        }
        if (bi < 0) break;
        const s = x[bi] ? -1 : 1;
        for (let j = 0; j < q.n; j++) f[j] += s * q.W[bi * q.n + j];
        x[bi] ^= 1;
      }
    }
    return toSampleSet([{ x, energy: q.energy(x) }], (performance.now() - t0) / 1000, 0, { sampler: this.name });
  }
}

/** Exhaustive search (n <= 24): every state, or every state with exactly k ones. */
export class ExhaustiveSampler implements Sampler {
  readonly name = 'exhaustive';
  /** n is limited to 24: 2^n states. */
  static readonly MAX_N = 24;
  readonly parameters = { k: K };
  sample(q: Qubo, params: SampleParams = {}): SampleSet {
    if (q.n > ExhaustiveSampler.MAX_N) throw new QpruneError(`exhaustive search is limited to n <= ${ExhaustiveSampler.MAX_N} (got ${q.n})`);
    const k = params.k ?? q.k;
    const t0 = performance.now();
    const n = q.n;
    const x = new Uint8Array(n);
    const f = q.localFields(x);
    let e = 0, ones = 0;
    let bestE = k === null || k === 0 ? 0 : Infinity;
    let bestX = new Uint8Array(n);
    // Gray code: step t flips the bit of t's lowest set bit; energy and fields update in O(n).
    for (let t = 1; t < 1 << n; t++) {
      const i = 31 - Math.clz32(t & -t);
      const s = x[i] ? -1 : 1;
      e += s * f[i];
      for (let j = 0; j < n; j++) f[j] += s * q.W[i * n + j];
      x[i] ^= 1;
      ones += s;
      if ((k === null || ones === k) && e < bestE - 1e-12) {
        bestE = e;
        bestX = Uint8Array.from(x);
      }
    }
    return toSampleSet([{ x: bestX, energy: q.energy(bestX) }], (performance.now() - t0) / 1000, 1 << n, { sampler: this.name });
  }
}

/** The sampler registry: adding a sampler is one entry here (and its class above or in its own file). */
export const SAMPLERS: Readonly<Record<string, () => Sampler>> = {
  swap: () => new SwapAnnealer(),
  flip: () => new FlipAnnealer(),
  greedy: () => new GreedySampler(),
  exhaustive: () => new ExhaustiveSampler(),
};
export type SamplerName = 'swap' | 'flip' | 'greedy' | 'exhaustive';

export function samplerByName(name: string): Sampler {
  if (!Object.hasOwn(SAMPLERS, name)) throw new QpruneError(`unknown sampler '${name}' (${Object.keys(SAMPLERS).join(', ')})`);
  return SAMPLERS[name]();
}
