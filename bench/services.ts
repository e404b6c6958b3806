/**
 * npm run bench:services: resident memory of each `qprune serve ROLE` process with nothing to do,
 * read with `ps` (RSS): the highest value while it starts, at its ready line, and after 15 s idle
 * (sampled every 0.5 s). Needs NATS (NATS_URL or 127.0.0.1:4222); uses its own namespace and deletes it.
 */
import { spawn, execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { clusterNames, connectNats } from '../src/transport/nats-setup.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const ns = `qpbench${Date.now().toString(36)}`;
const IDLE_S = 15;

const rssMiB = (pid: number): number => {
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  } catch {
    return NaN;
  }
};

async function measure(role: string): Promise<{ role: string; startMax: number; ready: number; settled: number; readyS: number }> {
  const t0 = performance.now();
  const p = spawn(process.execPath, [path.join(ROOT, 'bin/qprune.js'), 'serve', role, '--nats', url, '--namespace', ns], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QPRUNE_LOG: 'warn' } });
  let startMax = 0;
  const sampler = setInterval(() => { startMax = Math.max(startMax, rssMiB(p.pid!) || 0); }, 100);
  await new Promise<void>((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d) => { out += d; if (/ready /.test(out)) resolve(); });
    p.once('exit', (c) => reject(new Error(`${role} exited with ${c} before ready`)));
  });
  clearInterval(sampler);
  const readyS = (performance.now() - t0) / 1000;
  const ready = rssMiB(p.pid!);
  startMax = Math.max(startMax, ready);
  let settled = ready;
  for (let i = 0; i < IDLE_S * 2; i++) {
    await new Promise((r) => setTimeout(r, 500));
    settled = rssMiB(p.pid!);
  }
  p.kill('SIGTERM');
  await new Promise((r) => p.once('exit', r));
  return { role, startMax, ready, settled, readyS };
}

const rows = [];
for (const role of ['solver', 'evaluator', 'scorer', 'coordinator']) rows.push(await measure(role));
const nc = await connectNats(url, 'qprune-bench-cleanup');
const jsm = await jetstreamManager(nc);
const names = clusterNames(ns);
for (const s of [names.jobs, names.results, names.dlq, `OBJ_${names.objects}`, `KV_${ns}-runs`]) await jsm.streams.delete(s).catch(() => {});
await nc.close();
console.log(`qprune serve ROLE, idle, RSS in MiB (ps); ${process.version}; NATS ${url}`);
console.log('role          start max   at ready   after 15 s idle   ready after');
for (const r of rows) console.log(`${r.role.padEnd(12)} ${r.startMax.toFixed(0).padStart(10)} ${r.ready.toFixed(0).padStart(10)} ${r.settled.toFixed(0).padStart(17)} ${r.readyS.toFixed(1).padStart(11)} s`);
