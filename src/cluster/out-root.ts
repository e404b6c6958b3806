/**
 * Where a coordinator may write: a submitted run names its output directory relative to the
 * coordinator's output root (`qprune serve coordinator --out-root DIR`), never outside it. Refused:
 * absolute paths, '..' that leaves the root, and any existing part of the path that is a symbolic
 * link (it could point anywhere; --force would then delete what it points at).
 */
import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { BadRequest } from '../errors.js';

export function resolveUnderRoot(root: string, out: string): string {
  if (!out) throw new BadRequest('the run has no output directory');
  if (path.isAbsolute(out)) throw new BadRequest(`output '${out}' must be relative to the coordinator's output root (an absolute path was given)`);
  mkdirSync(root, { recursive: true });
  const realRoot = realpathSync(root);
  const target = path.resolve(realRoot, out);
  const rel = path.relative(realRoot, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) throw new BadRequest(`output '${out}' leaves the coordinator's output root`);
  let at = realRoot;
  for (const part of rel.split(path.sep)) {
    at = path.join(at, part);
    let link = false;
    try {
      link = lstatSync(at).isSymbolicLink();
    } catch {
      break; // the rest does not exist yet: it will be created as plain directories
    }
    if (link) throw new BadRequest(`output '${out}' passes through a symbolic link (${path.relative(realRoot, at)}): refused`);
  }
  return target;
}
