/**
 * The runs a state directory holds (`.qprune/runs`, one folder per run, see run-store.ts): what each
 * is, how far it got, how big and how old it is, and removing them. Status from the entries: `done`
 * (finished, output written), `failed` (stopped by an error; `--resume` retries it), `stopped`
 * (has a job but neither: interrupted or still running), `other` (a folder without a job entry:
 * experiment run states and demo leftovers, which have no job).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { QpruneError } from '../errors.js';
import { checkRunId } from './run-store.js';

export type RunStatus = 'done' | 'failed' | 'stopped' | 'other';

export interface RunInfo {
  id: string;
  status: RunStatus;
  bytes: number;
  entries: { key: string; bytes: number }[];
  /** Newest entry's modification time. */
  modified: Date;
  job?: { method?: string; sparsity?: number; model?: string; out?: string };
  error?: string;
  out?: string;
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export async function runInfo(root: string, id: string): Promise<RunInfo> {
  const dir = path.join(root, id);
  const names = await fs.readdir(dir).catch(() => { throw new QpruneError(`no run '${id}' in ${root}`); });
  const entries: RunInfo['entries'] = [];
  let modified = (await fs.stat(dir)).mtime;
  for (const name of names.sort()) {
    const st = await fs.stat(path.join(dir, name));
    if (!st.isFile()) continue;
    entries.push({ key: name.replace(/\.json$/, ''), bytes: st.size });
    if (st.mtime > modified) modified = st.mtime;
  }
  const has = (k: string) => entries.some((e) => e.key === k);
  const job = has('job') ? await readJson(path.join(dir, 'job.json')) : undefined;
  const done = has('done') ? await readJson(path.join(dir, 'done.json')) : undefined;
  const failed = has('failed') ? await readJson(path.join(dir, 'failed.json')) : undefined;
  const status: RunStatus = done ? 'done' : failed ? 'failed' : job ? 'stopped' : 'other';
  return {
    id, status, bytes: entries.reduce((a, e) => a + e.bytes, 0), entries, modified,
    ...(job ? { job: { method: job.method as string, sparsity: job.sparsity as number, model: job.model as string, out: job.out as string } } : {}),
    ...(failed && !done ? { error: String(failed.error) } : {}),
    ...(done ? { out: String(done.out) } : {}),
  };
}

export async function listRuns(root: string): Promise<RunInfo[]> {
  const names = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const runs = await Promise.all(names.filter((d) => d.isDirectory()).map((d) => runInfo(root, d.name)));
  return runs.sort((a, b) => a.modified.getTime() - b.modified.getTime());
}

export async function removeRun(root: string, id: string): Promise<RunInfo> {
  checkRunId(id);
  const info = await runInfo(root, id);
  await fs.rm(path.join(root, id), { recursive: true, force: true });
  return info;
}

/** The runs `gc` removes: finished or failed ones older than `days` (stopped runs may still be resumed; `all` takes them too). */
export function collectable(runs: RunInfo[], days: number, now: Date, all = false): RunInfo[] {
  const limit = now.getTime() - days * 86400e3;
  return runs.filter((r) => r.modified.getTime() < limit && (all || r.status === 'done' || r.status === 'failed'));
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MiB` : `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatAge(from: Date, now: Date): string {
  const s = Math.max(0, (now.getTime() - from.getTime()) / 1000);
  return s < 90 ? `${Math.round(s)} s` : s < 5400 ? `${Math.round(s / 60)} min` : s < 129600 ? `${Math.round(s / 3600)} h` : `${Math.round(s / 86400)} d`;
}
