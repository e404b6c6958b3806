import os from 'node:os';
import { readFileSync } from 'node:fs';

/** Cores this process may use: the default number of worker threads. */
export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * The widest x86 vector extension the CPU reports (Linux /proc/cpuinfo flags), or undefined elsewhere.
 * Results record it: QUBO answers of the same seed differed between an AVX2 and an AVX-512 machine
 * (README, "Reproducibility across machines"), where onnxruntime may pick other kernels.
 */
export function vectorExtension(cpuinfo = readCpuinfo()): string | undefined {
  const flags = new Set(/^flags\s*:\s*(.*)$/m.exec(cpuinfo ?? '')?.[1].split(/\s+/) ?? []);
  if (!flags.size) return undefined;
  return flags.has('avx512f') ? 'AVX-512' : flags.has('avx2') ? 'AVX2' : 'no AVX2';
}

function readCpuinfo(): string | undefined {
  try { return readFileSync('/proc/cpuinfo', 'utf8'); } catch { return undefined; }
}
