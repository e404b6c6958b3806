/**
 * A real NATS server for cluster tests, first that answers: NATS_URL; the server our machines run at
 * 127.0.0.1:4222; a local `nats-server` binary spawned with JetStream on a free port; a testcontainers
 * NATS container (testcontainers 11.x) when a container runtime answers. With QPRUNE_REQUIRE_NATS=1
 * (CI) finding none is a failure; otherwise the tests skip with the reason.
 */
import { spawn, ChildProcess, spawnSync } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { clusterNames, connectNats } from '../src/transport/nats-setup.js';
import { ROOT } from './helpers.js';

export function reachable(host: string, port: number, ms = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => { s.destroy(); resolve(ok); };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.setTimeout(ms, () => done(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function natsServerBinary(): string | undefined {
  for (const p of ['nats-server', '/usr/sbin/nats-server', '/usr/local/bin/nats-server']) {
    if (spawnSync(p, ['--version'], { encoding: 'utf8' }).status === 0) return p;
  }
  return undefined;
}

/** A nats-server we own (so tests may kill and restart it): JetStream, file store in a temp dir. */
export class OwnNatsServer {
  private proc?: ChildProcess;
  readonly storeDir = mkdtempSync(path.join(os.tmpdir(), 'qprune-nats-'));
  constructor(readonly binary: string, readonly port: number) {}
  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.proc = spawn(this.binary, ['-js', '-a', '127.0.0.1', '-p', String(this.port), '-sd', this.storeDir], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await reachable('127.0.0.1', this.port, 200)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`nats-server did not start on port ${this.port}`);
  }
  async stop(): Promise<void> {
    if (!this.proc) return;
    const p = this.proc;
    this.proc = undefined;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

export async function findNats(t: TestContext): Promise<{ url: string; how: string; dispose: () => Promise<void> } | undefined> {
  if (process.env.NATS_URL) return { url: process.env.NATS_URL, how: 'NATS_URL', dispose: async () => {} };
  if (await reachable('127.0.0.1', 4222)) return { url: 'nats://127.0.0.1:4222', how: 'local server at 127.0.0.1:4222', dispose: async () => {} };
  const bin = natsServerBinary();
  if (bin) {
    const s = new OwnNatsServer(bin, await freePort());
    await s.start();
    return { url: s.url, how: `spawned ${bin}`, dispose: () => s.dispose() };
  }
  try {
    const { GenericContainer, getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    const c = await new GenericContainer('nats:2.10').withCommand(['-js']).withExposedPorts(4222).start();
    return { url: `nats://${c.getHost()}:${c.getMappedPort(4222)}`, how: 'testcontainers', dispose: async () => { await c.stop(); } };
  } catch {
    // no container runtime
  }
  const msg = 'no NATS server: NATS_URL unset, nothing at 127.0.0.1:4222, no nats-server binary, no container runtime';
  if (process.env.QPRUNE_REQUIRE_NATS === '1') throw new Error(`${msg} (QPRUNE_REQUIRE_NATS=1)`);
  t.skip(msg);
  return undefined;
}

export const testNamespace = () => `qpt${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/** A `qprune serve` child process; resolves once it printed its ready line. */
export async function startServiceProcess(role: string, url: string, ns: string, extra: string[] = []): Promise<ChildProcess & { instance: string }> {
  const p = spawn(process.execPath, [path.join(ROOT, 'bin/qprune.js'), 'serve', role, '--nats', url, '--namespace', ns, ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, QPRUNE_LOG: 'warn' } });
  let err = '';
  p.stderr!.on('data', (d) => (err += d));
  const instance = await new Promise<string>((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d) => {
      out += d;
      const m = /ready \w+ (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    p.once('exit', (code) => reject(new Error(`${role} exited (${code}) before ready: ${err}`)));
  });
  return Object.assign(p, { instance });
}

/** Deletes a namespace's streams, object store and run KV. */
export async function dropNamespace(nc: NatsConnection, ns: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const names = clusterNames(ns);
  for (const s of [names.jobs, names.results, names.dlq, `OBJ_${names.objects}`, `KV_${names.runs}`]) await jsm.streams.delete(s).catch(() => {});
}

/** A fresh namespace for one test; its streams, object store and run KV are deleted afterwards. */
export async function withNamespace(t: TestContext, url: string): Promise<string> {
  const ns = testNamespace();
  t.after(async () => {
    const nc = await connectNats(url, 'qprune-test-cleanup');
    await dropNamespace(nc, ns);
    await nc.close();
  });
  return ns;
}
