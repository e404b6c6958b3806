/** `qprune qubo solve|gen`: run our samplers on QUBO instance files, or write seeded instances. */
import { existsSync } from 'node:fs';
import type { Command } from './command.js';
import { parse, intOption, required } from './args.js';
import { readFileOrFail, writeFileAtomic } from '../fsutil.js';
import { Qubo } from '../qubo/problem.js';
import { SamplerName, samplerByName } from '../qubo/samplers.js';
import { capacitySolve } from '../qubo/capacity.js';
import { randomPruningQubo } from '../qubo/generate.js';
import { sampleParallel } from '../transport/parallel-reads.js';
import { QpruneError } from '../errors.js';

export const quboHelp = `usage: qprune qubo solve --instance f.json [--sampler swap|flip|capacity|greedy|exhaustive]
                        [--reads R] [--sweeps S] [--seed N] [--k K] [--workers W] [--json]
       qprune qubo gen --n N [--k K] [--seed N] [--coupling C] --out f.json [--force]

Instances: {"n": N, "k": K|null, "Q": [[...]]} (upper triangle used). swap keeps exactly k ones by
construction; capacity bisects a linear shift to reach k, then swap-polishes; flip is plain
single-flip SA (dwave-samplers semantics, automatic beta range).`;

export async function runQubo(argv: string[]): Promise<string> {
  const [sub, ...rest] = argv;
  if (sub === 'gen') {
    const { values } = parse(rest, { n: { type: 'string' }, k: { type: 'string' }, seed: { type: 'string' }, coupling: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } });
    const out = required(values.out, 'out');
    if (existsSync(out) && !values.force) throw new QpruneError(`output ${out} exists (use --force to overwrite)`);
    const n = intOption(values.n, 'n', { min: 1 })!;
    if (n === undefined) throw new QpruneError('--n is required');
    const q = randomPruningQubo(n, intOption(values.seed, 'seed', { fallback: 0 })!, intOption(values.k, 'k', { min: 0 }) ?? null, values.coupling ? Number(values.coupling) : 0.1);
    await writeFileAtomic(out, q.toJson());
    return `wrote ${out} (n=${n}${q.k !== null ? `, k=${q.k}` : ''})`;
  }
  if (sub !== 'solve') throw new QpruneError(`qubo needs a subcommand: solve or gen\n${quboHelp}`);
  const { values } = parse(rest, {
    instance: { type: 'string' }, sampler: { type: 'string' }, reads: { type: 'string' }, sweeps: { type: 'string' },
    seed: { type: 'string' }, k: { type: 'string' }, json: { type: 'boolean' }, workers: { type: 'string' },
  });
  const file = required(values.instance, 'instance');
  let q = Qubo.fromJson((await readFileOrFail(file, 'QUBO instance')).toString('utf8'), `QUBO instance ${file}`);
  const k = intOption(values.k, 'k', { min: 0 });
  if (k !== undefined) q = q.withK(k);
  const params = { reads: intOption(values.reads, 'reads', { min: 1, fallback: 10 }), sweeps: intOption(values.sweeps, 'sweeps', { min: 1, fallback: 1000 }), seed: intOption(values.seed, 'seed', { fallback: 0 }) };
  const name = values.sampler ?? (q.k !== null ? 'swap' : 'flip');
  let set;
  if (name === 'capacity') {
    if (q.k === null) throw new QpruneError('capacity search needs k (in the instance or --k)');
    set = capacitySolve(q, q.k, params).set;
  } else {
    const workers = intOption(values.workers, 'workers', { min: 1, fallback: 1 })!;
    const sampler = samplerByName(name); // validate the name before starting workers
    set = workers > 1 ? await sampleParallel(q, name as SamplerName, params, workers) : sampler.sample(q, params);
  }
  const x = set.samples[0];
  const ones = x.reduce((a, b) => a + b, 0);
  const result = { sampler: name, instance: file, n: q.n, k: q.k, bestEnergy: set.energies[0], ones, seconds: set.timing.seconds, proposalsPerSecond: set.timing.proposalsPerSecond, distinct: set.samples.length, info: set.info, best: Array.from(x) };
  if (values.json) return JSON.stringify(result);
  return `${name}: best energy ${set.energies[0].toFixed(6)} with ${ones} ones (n=${q.n}${q.k !== null ? `, k=${q.k}` : ''}) in ${set.timing.seconds.toFixed(3)} s, ${(set.timing.proposalsPerSecond / 1e6).toFixed(1)} M proposals/s`;
}

export const command: Command = { summary: 'solve QUBO instance files with our samplers, or generate instances', help: quboHelp, run: runQubo };
