import { promises as fs, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { QpruneError } from './errors.js';

/** Throws a QpruneError naming the path when it does not exist. */
export async function requirePath(p: string, what = 'path'): Promise<import('node:fs').Stats> {
  try {
    return await fs.stat(p);
  } catch {
    throw new QpruneError(`${what} not found: ${p}`);
  }
}

export async function readFileOrFail(p: string, what = 'file'): Promise<Buffer> {
  await requirePath(p, what);
  try {
    await fs.access(p, fsConstants.R_OK);
    return await fs.readFile(p);
  } catch (err) {
    throw new QpruneError(`cannot read ${what} ${p}: ${(err as Error).message}`);
  }
}

/**
 * Writes a file so readers never see a half-written version: write a sibling temp file, fsync,
 * then rename over the target (rename is atomic within one filesystem).
 */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
