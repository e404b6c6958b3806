/**
 * The annealing kernels of anneal.ts compiled to WebAssembly with 128-bit SIMD (source:
 * wasm/anneal.wat, built by `npm run build:wasm`): the O(n) local-field update is the hot loop, and
 * JS runs it at ~3 ns per element here. Same generator, same draw order, same arithmetic per element
 * as the JS kernels, so both give identical samples (tested).
 */
import { readFileSync } from 'node:fs';
import { Rng } from '../data/rng.js';
import type { Qubo } from './problem.js';

interface Exports {
  memory: WebAssembly.Memory;
  swap(n: number, k: number, W: number, f: number, ones: number, zeros: number, betas: number, sweeps: number, rng: number): number;
  flip(n: number, W: number, f: number, x: number, zero: number, betas: number, sweeps: number, rng: number): number;
}

let kernels: Exports | undefined;
function load(): Exports {
  if (!kernels) {
    const bytes = readFileSync(new URL('./wasm/anneal.wasm', import.meta.url));
    kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports;
  }
  return kernels;
}

/** One problem and schedule copied into wasm memory once; reads then run against it. */
export class WasmAnnealer {
  private readonly k = load();
  private readonly n: number;
  private readonly off: { W: number; f: number; zero: number; ones: number; zeros: number; x: number; betas: number; rng: number };
  private readonly sweeps: number;

  constructor(private readonly q: Qubo, betas: Float64Array) {
    const n = (this.n = q.n);
    this.sweeps = betas.length;
    const W = 0, f = W + n * n * 8, zero = f + n * 8, ones = zero + n * 8, zeros = ones + n * 4, x = zeros + n * 4;
    const b = Math.ceil((x + n) / 8) * 8, rng = b + betas.length * 8, end = rng + 16;
    const mem = this.k.memory;
    if (mem.buffer.byteLength < end) mem.grow(Math.ceil((end - mem.buffer.byteLength) / 65536));
    new Float64Array(mem.buffer, W, n * n).set(q.W);
    new Float64Array(mem.buffer, zero, n).fill(0);
    new Float64Array(mem.buffer, b, betas.length).set(betas);
    this.off = { W, f, zero, ones, zeros, x, betas: b, rng };
  }

  private withRng<T>(rng: Rng, run: (buf: ArrayBuffer) => T): T {
    const buf = this.k.memory.buffer;
    new Uint32Array(buf, this.off.rng, 4).set(rng.getState());
    const out = run(buf);
    rng.setState(new Uint32Array(this.k.memory.buffer, this.off.rng, 4));
    return out;
  }

  swap(x: Uint8Array, rng: Rng): number {
    const { n, off } = this;
    const buf = this.k.memory.buffer;
    new Float64Array(buf, off.f, n).set(this.q.localFields(x));
    const ones = new Int32Array(buf, off.ones, n), zeros = new Int32Array(buf, off.zeros, n);
    let k = 0, z = 0;
    for (let i = 0; i < n; i++) {
      if (x[i]) ones[k++] = i;
      else zeros[z++] = i;
    }
    const accepted = this.withRng(rng, () => this.k.swap(n, k, off.W, off.f, off.ones, off.zeros, off.betas, this.sweeps, off.rng));
    const m = this.k.memory.buffer;
    const onesOut = new Int32Array(m, off.ones, k);
    x.fill(0);
    for (let i = 0; i < k; i++) x[onesOut[i]] = 1;
    return accepted;
  }

  flip(x: Uint8Array, rng: Rng): number {
    const { n, off } = this;
    const buf = this.k.memory.buffer;
    new Float64Array(buf, off.f, n).set(this.q.localFields(x));
    new Uint8Array(buf, off.x, n).set(x);
    const accepted = this.withRng(rng, () => this.k.flip(n, off.W, off.f, off.x, off.zero, off.betas, this.sweeps, off.rng));
    x.set(new Uint8Array(this.k.memory.buffer, off.x, n));
    return accepted;
  }
}
