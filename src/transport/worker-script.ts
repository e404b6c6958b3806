/**
 * How a worker thread starts: from TypeScript sources (tsx, tests and the CLI) through a bootstrap
 * that registers tsx in the thread; from the built package (dist/*.js) directly.
 */
import { fileURLToPath } from 'node:url';

export function workerScript(entry: URL, data: Record<string, unknown>): { file: string; workerData: Record<string, unknown> } {
  const ts = entry.pathname.endsWith('.ts');
  if (!ts) return { file: fileURLToPath(entry), workerData: data };
  const js = new URL(entry.href.replace(/\.ts$/, '.js'));
  // Built package: the .ts name resolves to the emitted .js beside this module.
  if (import.meta.url.endsWith('.js')) return { file: fileURLToPath(js), workerData: data };
  return { file: fileURLToPath(new URL('../engine/ts-worker.mjs', import.meta.url)), workerData: { ...data, entry: entry.href } };
}
