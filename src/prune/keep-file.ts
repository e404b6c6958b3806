/**
 * keep.json: which channels of each group survive.
 *   { "groups": { "g0": [0, 2, 5, ...], "g3": [...] } }   (kept channel indices; groups left out keep all)
 * Also accepted per group: { "mask": [1, 0, 1, ...] } with exactly the group's size; and a whole
 * solution.json (`qprune solve`/`prune` output: "groups": [{ "id", "keep": [...] }, ...]).
 */
import { QpruneError, describeJsonError } from '../errors.js';
import { readFileOrFail, writeFileAtomic } from '../fsutil.js';
import { ChannelGraph, KeepMasks, masksFromIndices } from './graph.js';

export async function readKeepFile(file: string, graph: ChannelGraph): Promise<KeepMasks> {
  let json: unknown;
  try {
    json = JSON.parse((await readFileOrFail(file, 'keep file')).toString('utf8'));
  } catch (err) {
    if (err instanceof QpruneError) throw err;
    throw new QpruneError(`keep file ${file} is not valid JSON: ${describeJsonError(err)}`);
  }
  let groups = (json as { groups?: unknown }).groups;
  if (Array.isArray(groups)) {
    // A solution: its groups are a list of {id, keep}.
    const entries = groups.map((g: unknown, i) => {
      const { id, keep } = (g ?? {}) as { id?: unknown; keep?: unknown };
      if (typeof id !== 'string' || !Array.isArray(keep)) throw new QpruneError(`keep file ${file}: groups[${i}] of a solution needs "id" and "keep" (a list of kept indices)`);
      return [id, keep] as const;
    });
    groups = Object.fromEntries(entries);
  }
  if (typeof groups !== 'object' || groups === null || Array.isArray(groups)) {
    throw new QpruneError(`keep file ${file} needs an object "groups": {"<group id>": [kept indices]}`);
  }
  const indices: Record<string, number[]> = {};
  const masks: KeepMasks = new Map();
  for (const [id, v] of Object.entries(groups)) {
    if (Array.isArray(v)) indices[id] = v as number[];
    else if (v && typeof v === 'object' && Array.isArray((v as { mask?: unknown }).mask)) masks.set(id, Uint8Array.from((v as { mask: number[] }).mask));
    else throw new QpruneError(`keep file ${file}: group '${id}' must be a list of kept indices or {"mask": [...]}`);
  }
  for (const [id, m] of masksFromIndices(graph, indices)) masks.set(id, m);
  return masks;
}

export async function writeKeepFile(file: string, keep: KeepMasks): Promise<void> {
  const groups: Record<string, number[]> = {};
  for (const [id, m] of keep) groups[id] = Array.from(m).flatMap((v, i) => (v ? [i] : []));
  await writeFileAtomic(file, JSON.stringify({ groups }, null, 1) + '\n');
}
