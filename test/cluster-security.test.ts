/**
 * Cluster security (issue #19, defects 6 and 8): one nkey user per role with least-privilege NATS
 * permissions (cluster/permissions.ts) runs a whole job and cannot step outside its role; a forged
 * evaluator cannot change a run's answer unnoticed; the deploy configs are valid, bind no public
 * interface in plaintext, have no monitor port, and the TLS one works with a CA made by the test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { NatsTransport } from '../src/transport/nats.js';
import { clusterNames, connectNats, natsAuth, type NatsAuth } from '../src/transport/nats-setup.js';
import { startService } from '../src/cluster/service.js';
import { writeClusterKeys } from '../src/cluster/permissions.js';
import { runPruneJob } from '../src/pipeline/prune-job.js';
import { scoresToWire } from '../src/transport/wire.js';
import { initBackend } from '../src/engine/backend.js';
import { findNats, freePort, natsServerBinary, reachable, withNamespace } from './nats-helper.js';
import { ROOT, tempDir } from './helpers.js';

const job = (out: string) => ({
  model: path.join(ROOT, 'models/demo-dncnn-s25'), data: 'procedural:deadleaves:6:64', noise: 'gaussian:25', sparsity: 0.5, method: 'hybrid' as const,
  calibration: { samples: 8, patch: 32 }, validation: { count: 4, crop: 48 }, sweep: [], seed: 3, out,
});

/** A nats-server of the test's own with a given config; killed afterwards. */
async function serverWith(t: import('node:test').TestContext, conf: string, port: number, env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<void> {
  const bin = natsServerBinary();
  if (!bin) throw new Error('no nats-server binary');
  const p = spawn(bin, ['-c', conf], { stdio: 'ignore', env: { ...process.env, ...env }, cwd });
  t.after(() => { p.kill('SIGKILL'); });
  for (let i = 0; i < 100 && !(await reachable('127.0.0.1', port, 200)); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(await reachable('127.0.0.1', port), `nats-server -c ${conf} listens on ${port}`);
}

function haveServer(t: import('node:test').TestContext): boolean {
  if (natsServerBinary()) return true;
  if (process.env.QPRUNE_REQUIRE_NATS === '1') throw new Error('no nats-server binary (QPRUNE_REQUIRE_NATS=1)');
  t.skip('no nats-server binary');
  return false;
}

test('6. one nkey user per role: a whole run works, and no role can step outside its own subjects', { timeout: 5 * 60 * 1000 }, async (t) => {
  if (!haveServer(t)) return;
  await initBackend('cpu');
  const dir = tempDir(t), port = await freePort();
  writeClusterKeys(path.join(dir, 'keys'));
  writeFileSync(path.join(dir, 'nats.conf'), `host: 127.0.0.1\nport: ${port}\njetstream { store_dir: "${dir}/js" }\ninclude keys/users.conf\n`);
  await serverWith(t, path.join(dir, 'nats.conf'), port);
  const url = `nats://127.0.0.1:${port}`, key = (role: string): NatsAuth => ({ nkeyFile: path.join(dir, 'keys', `${role}.nk`) });
  await assert.rejects(connectNats(url, 'anonymous', {}), /cannot connect to NATS/, 'no credentials, no connection');
  // The coordinator creates the streams; services with role credentials may not, and join them.
  const transport = await NatsTransport.connect({ url, auth: key('coordinator') });
  t.after(() => transport.close());
  const services = await Promise.all((['scorer', 'solver', 'evaluator'] as const).map((role) => startService({ url, role, kind: ({ scorer: 'score', solver: 'solve', evaluator: 'eval' } as const)[role], auth: key(role), thread: { backend: 'cpu' } })));
  t.after(() => Promise.all(services.map((s) => s.stop())));
  const report = await runPruneJob(job(path.join(dir, 'out')), { stages: transport });
  assert.ok(report.validation.verified, 'the chosen candidate was verified in the coordinator');
  assert.equal(report.validation.verified!.local.psnr, report.validation.verified!.remote.psnr);
  assert.ok(services.every((s) => s.stats.done > 0), 'every role did its work under its own credentials');

  const names = clusterNames('qprune');
  const solver = await connectNats(url, 'solver-probe', key('solver'));
  t.after(() => solver.close());
  const denied = /permissions violation/i;
  await assert.rejects(jetstream(solver).publish(names.resultSubject('r1', 'eval', 'f'.repeat(32)), new Uint8Array(4)), denied, 'a solver cannot publish an eval result');
  await assert.rejects(jetstream(solver).publish(names.jobSubject('eval'), new Uint8Array(4)), denied, 'a solver cannot send jobs');
  await assert.rejects((async () => (await new Kvm(solver).open(names.runs)).get('x'))(), denied, 'a solver cannot read the run KV');
  await assert.rejects((await jetstreamManager(solver, { checkAPI: false })).streams.delete(names.jobs), denied, 'a solver cannot manage streams');
  const evaluator = await connectNats(url, 'evaluator-probe', key('evaluator'));
  t.after(() => evaluator.close());
  await assert.rejects(jetstream(evaluator).publish(names.resultSubject('r1', 'solve', 'f'.repeat(32)), new Uint8Array(4)), denied, 'an evaluator cannot publish a solve result');
});

test('6. a forged evaluator cannot change the answer unnoticed: the coordinator re-evaluates the chosen candidate', { timeout: 5 * 60 * 1000 }, async (t) => {
  const nats = await findNats(t);
  if (!nats) return;
  t.after(() => nats.dispose());
  await initBackend('cpu');
  const ns = await withNamespace(t, nats.url);
  const transport = await NatsTransport.connect({ url: nats.url, namespace: ns });
  t.after(() => transport.close());
  // Real scorer and solver; the "evaluator" answers every candidate with 48.78 dB without looking.
  const forger = async (payload: Uint8Array) => {
    const { decodeEvalJob } = await import('../src/transport/wire.js');
    const j = decodeEvalJob(payload);
    return { eval: scoresToWire(j.keeps.map(() => ({ psnr: 48.78, ssim: 0.99, perImagePsnr: [48.78], cached: false, exportMs: 0, sessionMs: 0, runMs: 0 }))) };
  };
  const services = await Promise.all([
    startService({ url: nats.url, namespace: ns, role: 'scorer', kind: 'score', thread: { backend: 'cpu' } }),
    startService({ url: nats.url, namespace: ns, role: 'solver', kind: 'solve' }),
    startService({ url: nats.url, namespace: ns, role: 'evaluator', kind: 'eval', handler: forger }),
  ]);
  t.after(() => Promise.all(services.map((s) => s.stop())));
  const out = path.join(tempDir(t), 'forged');
  await assert.rejects(runPruneJob(job(out), { stages: transport }), /the cluster's evaluators scored the chosen candidate 48\.780 dB, this process \d+\.\d{3} dB: an evaluator is faulty or forged its answers; the run is refused/);
  assert.throws(() => readFileSync(path.join(out, 'report.json')), /ENOENT/, 'nothing written');
});

test('8. deploy configs: valid, no public plaintext listener, no monitor port, nkey users; TLS with a CA made by the test', { timeout: 3 * 60 * 1000 }, async (t) => {
  if (!haveServer(t)) return;
  const dir = tempDir(t);
  const confs = readdirSync(path.join(ROOT, 'deploy')).filter((f) => f.endsWith('.conf'));
  assert.ok(confs.length >= 4);
  for (const f of confs) {
    const text = readFileSync(path.join(ROOT, 'deploy', f), 'utf8').split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
    assert.doesNotMatch(text, /0\.0\.0\.0|http_port|^\s*http\s*:|password|authorization/m, `${f}: no wildcard address, monitor port or password`);
    assert.match(text, /include keys\/users\.conf/, `${f}: the role users`);
    assert.match(text, /^host: (127\.0\.0\.1|\$QPRUNE_NATS_HOST)$/m, `${f}: a named interface`);
    if (f !== 'nats-single.conf') assert.match(text, /tls \{[^}]*verify: true/, `${f}: TLS with client certificates`);
  }
  // As deployed: deploy/ with its keys, nats-server run from the directory above it.
  const deploy = path.join(dir, 'deploy');
  cpSync(path.join(ROOT, 'deploy'), deploy, { recursive: true });
  writeClusterKeys(path.join(deploy, 'keys'));
  const certs = spawnSync('bash', [path.join(ROOT, 'scripts/nats-tls-certs.sh'), path.join(deploy, 'keys')], { encoding: 'utf8' });
  assert.equal(certs.status, 0, certs.stderr);
  const env = { ...process.env, QPRUNE_NATS_HOST: '127.0.0.1' };
  for (const f of confs) {
    const r = spawnSync(natsServerBinary()!, ['-t', '-c', path.join('deploy', f)], { encoding: 'utf8', env, cwd: dir });
    assert.equal(r.status, 0, `${f}: ${r.stderr}${r.stdout}`);
  }
  // The TLS config, on a free port with a temporary store: a client needs the CA, its certificate and its key.
  const port = await freePort();
  writeFileSync(path.join(deploy, 'tls-test.conf'), readFileSync(path.join(deploy, 'nats-tls.conf'), 'utf8').replace('port: 4222', `port: ${port}`).replace('/var/lib/qprune-nats', path.join(dir, 'js')));
  await serverWith(t, path.join('deploy', 'tls-test.conf'), port, { QPRUNE_NATS_HOST: '127.0.0.1' }, dir);
  const url = `tls://127.0.0.1:${port}`, k = path.join(deploy, 'keys');
  const full: NatsAuth = { nkeyFile: path.join(k, 'coordinator.nk'), tls: { ca: path.join(k, 'ca.pem'), cert: path.join(k, 'client-cert.pem'), key: path.join(k, 'client-key.pem') } };
  const ok = await connectNats(url, 'tls-client', full);
  await jetstreamManager(ok);
  await ok.close();
  await assert.rejects(connectNats(url, 'no-ca', { ...full, tls: { cert: full.tls!.cert, key: full.tls!.key } }), /cannot connect to NATS/, 'a server certificate of an unknown CA is refused');
  await assert.rejects(connectNats(url, 'no-client-cert', { ...full, tls: { ca: full.tls!.ca } }), /cannot connect to NATS/, 'a client without a certificate is refused');
});

test('credentials in a NATS URL are used and never echoed', async () => {
  const a = natsAuth('nats://alice:s%40cret@127.0.0.1:4999', {});
  assert.equal(a.servers, 'nats://127.0.0.1:4999');
  assert.deepEqual([a.auth.user, a.auth.pass], ['alice', 's@cret']);
  assert.equal(natsAuth('nats://tok123@h:1', {}).auth.token, 'tok123');
  assert.equal(natsAuth('nats://h:1', { NATS_USER: 'u', NATS_PASS: 'p' }).auth.user, 'u');
  const port = await freePort();
  await assert.rejects(connectNats(`nats://alice:s%40cret@127.0.0.1:${port}`, 'nobody-there'), (err: Error) => !/cret|alice/.test(err.message) && /127\.0\.0\.1/.test(err.message));
});
