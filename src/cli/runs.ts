/** `qprune runs`: the run states of `qprune prune` in a state directory (list, inspect, remove, collect). */
import { parseWords, intOption } from './args.js';
import type { Command } from './command.js';
import { QpruneError } from '../errors.js';
import { collectable, formatAge, formatBytes, listRuns, removeRun, runInfo, RunInfo } from '../pipeline/run-list.js';

export const runsHelp = `usage: qprune runs ls|show|rm|gc [options]

The run states \`qprune prune\` keeps (one folder per run, default .qprune/runs), so that
\`qprune prune --resume ID\` continues after a crash or Ctrl-C. Status: done (output written),
failed (stopped by an error; the error is shown, --resume retries), stopped (interrupted, or still
running), other (a folder without a prune job: experiment and demo states). Runs kept in NATS
(--nats) are not listed here.

  ls                list every run: id, status, size, age, method and sparsity, output
  show ID           one run: its job, status, error and every entry with its size
  rm ID [ID ...]    remove these runs
  gc                remove finished and failed runs older than --older-than days
    --older-than D  days (default 7; 0 = any age)
    --all           stopped and other runs too
  --state-dir D     the state directory (default .qprune/runs)
  --json            machine-readable output (ls, show)`;

const OPTIONS = { 'state-dir': { type: 'string' }, json: { type: 'boolean' }, 'older-than': { type: 'string' }, all: { type: 'boolean' } } as const;

function line(r: RunInfo, now: Date): string {
  const what = r.job ? `${r.job.method}@${Math.round((r.job.sparsity ?? 0) * 1000) / 10}%` : '';
  return `${r.id.padEnd(28)} ${r.status.padEnd(7)} ${formatBytes(r.bytes).padStart(10)} ${formatAge(r.modified, now).padStart(7)}  ${what}${r.out ? ` -> ${r.out}` : r.job?.out ? ` (out ${r.job.out})` : ''}${r.error ? `  error: ${r.error}` : ''}`;
}

export async function runRuns(argv: string[]): Promise<string> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseWords(rest, OPTIONS);
  const root = values['state-dir'] ?? '.qprune/runs';
  const now = new Date();
  const one = () => {
    if (positionals.length !== 1) throw new QpruneError(`runs ${sub} takes one run id, got ${positionals.length}`);
    return positionals[0];
  };
  switch (sub) {
    case 'ls': {
      if (positionals.length) throw new QpruneError(`runs ls takes no run ids (got ${positionals.join(' ')})`);
      const runs = await listRuns(root);
      if (values.json) return JSON.stringify(runs, null, 1);
      if (!runs.length) return `no runs in ${root}`;
      const total = runs.reduce((a, r) => a + r.bytes, 0);
      return [`${'run'.padEnd(28)} ${'status'.padEnd(7)} ${'size'.padStart(10)} ${'age'.padStart(7)}  job`, ...runs.map((r) => line(r, now)), `${runs.length} runs, ${formatBytes(total)} in ${root}`].join('\n');
    }
    case 'show': {
      const r = await runInfo(root, one());
      if (values.json) return JSON.stringify(r, null, 1);
      return [line(r, now), ...(r.job ? [`job: ${r.job.method} at ${r.job.sparsity} on ${r.job.model}, out ${r.job.out}`] : []), ...r.entries.map((e) => `  ${e.key.padEnd(40)} ${formatBytes(e.bytes).padStart(10)}`)].join('\n');
    }
    case 'rm': {
      if (!positionals.length) throw new QpruneError('runs rm needs at least one run id');
      const gone = [];
      for (const id of positionals) gone.push(await removeRun(root, id));
      return `removed ${gone.length} run${gone.length === 1 ? '' : 's'} (${formatBytes(gone.reduce((a, r) => a + r.bytes, 0))}): ${gone.map((r) => r.id).join(', ')}`;
    }
    case 'gc': {
      if (positionals.length) throw new QpruneError(`runs gc takes no run ids (got ${positionals.join(' ')}; use runs rm)`);
      const days = intOption(values['older-than'], 'older-than', { min: 0, fallback: 7 })!;
      const victims = collectable(await listRuns(root), days, now, !!values.all);
      for (const r of victims) await removeRun(root, r.id);
      return `removed ${victims.length} run${victims.length === 1 ? '' : 's'} (${formatBytes(victims.reduce((a, r) => a + r.bytes, 0))}) older than ${days} d from ${root}`;
    }
    default:
      throw new QpruneError(`runs needs ls, show, rm or gc${sub ? `, got '${sub}'` : ''}`);
  }
}

export const command: Command = { summary: 'list, inspect and remove the run states of qprune prune', help: runsHelp, run: runRuns };
