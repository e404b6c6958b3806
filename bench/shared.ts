/** Locating ../shared for benchmarks (QPRUNE_SHARED overrides); exits 2 with a message when absent. */
import path from 'node:path';
import { existsSync } from 'node:fs';

export const SHARED = path.resolve(process.env.QPRUNE_SHARED ?? path.join(import.meta.dirname, '..', '..', 'shared'));
export const DNCNN_MODEL = path.join(SHARED, 'models/dncnn-keras-sigma25/model.json');

export function requireShared(bench: string, file = DNCNN_MODEL): string {
  if (!existsSync(file)) {
    console.error(`${bench} needs ${file} (../shared)`);
    process.exit(2);
  }
  return file;
}
