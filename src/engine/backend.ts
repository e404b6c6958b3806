/**
 * Run-time choice of the tfjs backend: tfjs-node-gpu -> tfjs-node -> wasm -> cpu.
 *
 * The native packages are optional dependencies: their install step downloads libtensorflow, which
 * fails on offline machines and npm then leaves them out. A package can also be present without its
 * native binding (install script skipped), so we probe for `lib/napi-v* /tfjs_binding.node` before
 * `require`, which would otherwise throw deep inside the package.
 */
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { QpruneError } from '../errors.js';
import { log } from '../log.js';
import { registerConvGradients } from './conv-grad.js';

export const BACKEND_NAMES = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendInfo {
  /** Our name for the backend (node-gpu, node, wasm, cpu). */
  name: BackendName;
  /** tfjs' registry name (tensorflow, wasm, cpu). */
  tfjsName: string;
  /** Why it was chosen (requested, or the first that worked). */
  reason: string;
  /** Threads one backend instance uses for one op. */
  threads: number;
  simd?: boolean;
}

const require = createRequire(import.meta.url);

function packageDir(pkg: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return undefined;
  }
}

/** True when the package is installed and its native binding was built/downloaded. */
export function hasNativeBinding(pkg: string): boolean {
  const dir = packageDir(pkg);
  if (!dir) return false;
  const lib = path.join(dir, 'lib');
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(path.join(lib, d, 'tfjs_binding.node')));
}

async function tryNative(pkg: string): Promise<boolean> {
  if (!hasNativeBinding(pkg)) return false;
  try {
    require(pkg); // registers the 'tensorflow' backend on the shared tfjs-core
    return await tf.setBackend('tensorflow');
  } catch (err) {
    log.debug(`${pkg} failed to load: ${(err as Error).message}`);
    return false;
  }
}

let wasmRegistered = false;
async function tryWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!wasmRegistered) {
      const dir = packageDir('@tensorflow/tfjs-backend-wasm');
      if (!dir) return false;
      wasm.setWasmPaths(path.join(dir, 'dist') + path.sep);
      wasmRegistered = true;
    }
    return await tf.setBackend('wasm');
  } catch (err) {
    log.debug(`wasm backend failed: ${(err as Error).message}`);
    return false;
  }
}

const attempts: Record<BackendName, () => Promise<boolean>> = {
  'node-gpu': () => tryNative('@tensorflow/tfjs-node-gpu'),
  node: () => tryNative('@tensorflow/tfjs-node'),
  wasm: tryWasm,
  cpu: () => tf.setBackend('cpu'),
};

let active: BackendInfo | undefined;

// Production mode: skips per-op debug checks and the console banners tfjs prints in Node.
tf.enableProdMode();

export function parseBackendName(value: string): BackendName {
  if ((BACKEND_NAMES as readonly string[]).includes(value)) return value as BackendName;
  throw new QpruneError(`unknown backend '${value}' (choose one of ${BACKEND_NAMES.join(', ')})`);
}

/**
 * Select and initialise the backend. `requested` (or QPRUNE_BACKEND) forces one and fails clearly if
 * it is unavailable; otherwise the first available in the preference order wins.
 */
export async function initBackend(requested?: string): Promise<BackendInfo> {
  const want = requested ?? process.env.QPRUNE_BACKEND;
  if (active && (!want || want === active.name)) return active;
  let chosen: BackendName | undefined;
  let reason: string;
  if (want) {
    const name = parseBackendName(want);
    if (!(await attempts[name]())) {
      throw new QpruneError(`backend '${name}' is not available on this machine` +
        (name.startsWith('node') ? ' (its native binding is not installed)' : ''));
    }
    chosen = name;
    reason = requested ? 'requested with --backend' : 'requested with QPRUNE_BACKEND';
  } else {
    for (const name of BACKEND_NAMES) {
      if (await attempts[name]()) {
        chosen = name;
        break;
      }
    }
    if (!chosen) throw new Error('no tfjs backend could be initialised (not even cpu)');
    reason = 'first available of ' + BACKEND_NAMES.join(' > ');
  }
  await tf.ready();
  registerConvGradients(tf.getBackend());
  const info: BackendInfo = { name: chosen, tfjsName: tf.getBackend(), reason, threads: chosen === 'wasm' || chosen === 'cpu' ? 1 : os.cpus().length };
  if (chosen === 'wasm') info.simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean;
  active = info;
  log.debug(`backend: ${info.name} (${info.reason})`);
  return info;
}

export function activeBackend(): BackendInfo {
  if (!active) throw new Error('initBackend() has not been called');
  return active;
}

export { tf };
