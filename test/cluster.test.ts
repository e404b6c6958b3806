/**
 * The cluster against a real NATS (test/nats-helper.ts): same answers in-process and over NATS with 1
 * and 3 solver replicas; kill -9 of a solver mid-job; coordinator crash and resume; NATS restart
 * mid-run; 10,000 malformed payloads; eval jobs on evaluator services; $SRV discovery; whole runs
 * (qprune prune --nats) on scorer/solver/evaluator services and on coordinators, one killed mid-run.
 * Every test uses its own namespace (streams, subjects, consumers) and deletes it afterwards.
 */
import { test, TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { jetstream, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { Rng } from '../src/data/rng.js';
import { Qubo } from '../src/qubo/problem.js';
import { localSolver, SolveRequest } from '../src/qubo/group-solver.js';
import { solvePruning } from '../src/pipeline/solve.js';
import { scoresToJson } from '../src/score/scores.js';
import { DirectTransport } from '../src/transport/direct.js';
import { NatsTransport } from '../src/transport/nats.js';
import { TransportSolver } from '../src/transport/remote-solver.js';
import { TransportEvaluator } from '../src/transport/remote-evaluator.js';
import { clusterNames, connectNats } from '../src/transport/nats-setup.js';
import { encodeEvalJob, encodeScoreJob, encodeSolveJob } from '../src/transport/wire.js';
import { encodeRunSpec } from '../src/transport/wire.js';
import { qprune } from '../src/wire/qprune.js';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { buildValidationBatch, CandidateEvaluator } from '../src/eval/candidates.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { findNats, natsServerBinary, OwnNatsServer, freePort, startServiceProcess, testNamespace, withNamespace } from './nats-helper.js';
import { ROOT, tempDir } from './helpers.js';
import { fakeScores } from './fixtures/fake-scores.js';


/** Heavy-ish sub-QUBOs (~0.3 s each here) so that processes can die mid-job. */
function heavyRequests(count: number, n = 64, sweeps = 12000): SolveRequest[] {
  const rng = Rng.derive(11);
  return Array.from({ length: count }, (_, i) => {
    const Q = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal()));
    return { id: `h${i}`, qubo: Qubo.fromUpper(Q, n / 2), sampler: 'swap' as const, params: { reads: 4, sweeps, seed: i } };
  });
}

const samplesOf = (sets: { samples: Uint8Array[]; energies: number[] }[]) => sets.map((s) => ({ e: s.energies, x: s.samples.map((x) => x.join('')) }));

/** Until the namespace's results stream holds `count` results (up to 60 s: process start-up is slow on a loaded machine). */
async function waitForResults(jsm: JetStreamManager, ns: string, count: number): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const info = await jsm.streams.info(clusterNames(ns).results).catch(() => null);
    if (info && info.state.messages >= count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}


test('cluster over a real NATS', { timeout: 10 * 60 * 1000 }, async (t) => {
  const nats = await findNats(t);
  if (!nats) return;
  t.after(() => nats.dispose());
  t.diagnostic(`NATS: ${nats.how} (${nats.url})`);
  const kill = (p: { kill: (s: NodeJS.Signals) => boolean; exitCode: number | null; signalCode?: string | null }) => { if (p.exitCode === null && !p.signalCode) p.kill('SIGKILL'); };

  await t.test('same solution in-process, over NATS with 1 solver and with 3 solvers', async (t) => {
    const scores = fakeScores([16, 24, 8, 32, 20], 4);
    const opts = { method: 'hybrid', sparsity: 0.5, seed: 3, sweeps: 300 };
    const local = await solvePruning(scores, opts);
    const inproc = await solvePruning(scores, opts, new TransportSolver(new DirectTransport(), 'r1'));
    assert.deepEqual(inproc.groups, local.groups);
    for (const replicas of [1, 3]) {
      const ns = await withNamespace(t, nats.url);
      const procs = await Promise.all(Array.from({ length: replicas }, () => startServiceProcess('solver', nats.url, ns)));
      t.after(() => procs.forEach(kill));
      const transport = await NatsTransport.connect({ url: nats.url, namespace: ns });
      t.after(() => transport.close().catch(() => {}));
      const remote = await solvePruning(scores, opts, new TransportSolver(transport, `replicas${replicas}`));
      for (const p of procs) p.kill('SIGTERM'); // graceful drain
      await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
      assert.ok(procs.every((p) => p.exitCode === 0), 'services drained and exited 0 on SIGTERM');
      assert.deepEqual(remote.groups, local.groups, `${replicas} replica(s)`);
    }
    // Same for per-layer hybrid and L1-QUBO through the in-process transport.
    for (const o of [{ ...opts, perLayer: true }, { ...opts, method: 'l1-qubo' }]) {
      assert.deepEqual((await solvePruning(scores, o, new TransportSolver(new DirectTransport(), 'r2'))).groups, (await solvePruning(scores, o)).groups);
    }
  });

  await t.test('kill -9 of a solver mid-job: identical results, every job accounted for', async (t) => {
    const ns = await withNamespace(t, nats.url);
    const a = await startServiceProcess('solver', nats.url, ns, ['--ack-wait', '2']);
    const b = await startServiceProcess('solver', nats.url, ns, ['--ack-wait', '2']);
    t.after(() => [a, b].forEach(kill));
    const reqs = heavyRequests(10);
    const expected = samplesOf(await localSolver.solveAll(reqs));
    const transport = await NatsTransport.connect({ url: nats.url, namespace: ns, ackWait: 2 });
    t.after(() => transport.close().catch(() => {}));
    const run = new TransportSolver(transport, 'kill9').solveAll(reqs);
    await new Promise((r) => setTimeout(r, 800)); // both solvers are busy by now
    a.kill('SIGKILL');
    const got = await run;
    assert.equal(got.length, reqs.length);
    assert.deepEqual(samplesOf(got), expected);
    assert.equal(transport.sent, reqs.length, 'each job sent once; the dead worker\'s job was redelivered by the server');
  });

  await t.test('kill -9 of an evaluator mid-job: identical scores, every job accounted for', async (t) => {
    const ns = await withNamespace(t, nats.url);
    const a = await startServiceProcess('evaluator', nats.url, ns, ['--ack-wait', '2']);
    const b = await startServiceProcess('evaluator', nats.url, ns, ['--ack-wait', '2']);
    t.after(() => [a, b].forEach(kill));
    await initBackend('cpu');
    const { model } = await loadModel(path.join(ROOT, 'models/demo-dncnn-s25/model.json'));
    const source = await openDataset('procedural:deadleaves:4:96', { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 });
    const batch = await buildValidationBatch(source, 4, 96);
    const groups = analyzeChannels(model).groups.filter((g) => g.prunable);
    const rng = Rng.derive(7);
    const keeps = Array.from({ length: 24 }, () => new Map(groups.map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i === 0 || rng.next() < 0.6 ? 1 : 0))])));
    const local = new CandidateEvaluator(model, batch, { threads: 1 });
    const expected = await local.evaluate(keeps);
    await local.close();
    const transport = await NatsTransport.connect({ url: nats.url, namespace: ns, ackWait: 2 });
    t.after(() => transport.close().catch(() => {}));
    const remote = await TransportEvaluator.create(transport, 'kill9eval', model, batch);
    const run = remote.evaluate(keeps);
    // Kill one evaluator once results are coming in (both are busy by then).
    const nc = await connectNats(nats.url, 'qprune-test-eval-kill');
    const jsm = await jetstreamManager(nc);
    await waitForResults(jsm, ns, 2);
    a.kill('SIGKILL');
    await nc.close();
    const got = await run;
    got.forEach((s, i) => assert.ok(Math.abs(s.psnr - expected[i].psnr) < 1e-9, `candidate ${i}: ${s.psnr} vs ${expected[i].psnr}`));
    assert.equal(transport.sent, keeps.length, 'each job sent once; the dead evaluator\'s job was redelivered by the server');
  });

  await t.test('coordinator killed mid-run: the rerun resumes and recomputes no finished job', async (t) => {
    const ns = await withNamespace(t, nats.url);
    const solver = await startServiceProcess('solver', nats.url, ns);
    t.after(() => kill(solver));
    const dir = tempDir(t);
    const scoresPath = path.join(dir, 'scores.json');
    writeFileSync(scoresPath, scoresToJson(fakeScores([64, 64, 64, 64, 64, 64], 9)));
    const args = [path.join(ROOT, 'bin/qprune.js'), 'solve', '--scores', scoresPath, '--sparsity', '0.5', '--method', 'hybrid', '--per-layer', '--sweeps', '20000',
      '--out', path.join(dir, 'sol.json'), '--nats', nats.url, '--namespace', ns, '--run', 'resume1'];
    const first = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    // Wait for at least one stored result, then kill the coordinator.
    const nc = await connectNats(nats.url, 'qprune-test');
    const jsm = await jetstreamManager(nc);
    await waitForResults(jsm, ns, 1);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const finishedBefore = (await jsm.streams.info(clusterNames(ns).results)).state.messages;
    await nc.close();
    assert.ok(finishedBefore >= 1 && finishedBefore < 6, `finished before the kill: ${finishedBefore}`);
    const second = spawn(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
    assert.equal(await new Promise((r) => second.once('exit', r)), 0);
    const sol = JSON.parse(readFileSync(path.join(dir, 'sol.json'), 'utf8'));
    assert.ok(sol.info.jobsReused >= finishedBefore, `reused ${sol.info.jobsReused} stored results (${finishedBefore} were finished)`);
    assert.equal(sol.info.jobsReused + sol.info.jobsSent, 6);
    const local = await solvePruning(fakeScores([64, 64, 64, 64, 64, 64], 9), { method: 'hybrid', sparsity: 0.5, perLayer: true, sweeps: 20000 });
    assert.deepEqual(sol.groups, local.groups);
  });

  await t.test('NATS restarted mid-run: services reconnect and the run completes', async (t) => {
    const bin = natsServerBinary();
    if (!bin) {
      if (process.env.QPRUNE_REQUIRE_NATS === '1') throw new Error('no nats-server binary to restart (QPRUNE_REQUIRE_NATS=1)');
      return t.skip('no nats-server binary: cannot restart a server we do not own');
    }
    const own = new OwnNatsServer(bin, await freePort());
    await own.start();
    t.after(() => own.dispose());
    const solver = await startServiceProcess('solver', own.url, 'qprune', ['--ack-wait', '3']);
    t.after(() => kill(solver));
    const reqs = heavyRequests(8);
    const expected = samplesOf(await localSolver.solveAll(reqs));
    const transport = await NatsTransport.connect({ url: own.url, ackWait: 3 });
    t.after(() => transport.close().catch(() => {}));
    const run = new TransportSolver(transport, 'restart').solveAll(reqs);
    await new Promise((r) => setTimeout(r, 700));
    await own.stop();
    await new Promise((r) => setTimeout(r, 1000));
    await own.start();
    assert.deepEqual(samplesOf(await run), expected);
    // Close while the server is up: the after hooks stop it, and a client draining against a dead
    // server (reconnecting forever, as services should) would keep this process alive.
    await transport.close();
    kill(solver);
  });

  await t.test('13,000 malformed payloads to every job subject and oversized messages: dead-lettered or refused, every service stays up', async (t) => {
    const ns = await withNamespace(t, nats.url);
    const solver = await startServiceProcess('solver', nats.url, ns);
    const others = await Promise.all(['evaluator', 'scorer', 'coordinator'].map((r) => startServiceProcess(r, nats.url, ns)));
    t.after(() => [solver, ...others].forEach(kill));
    const names = clusterNames(ns);
    const transport = await NatsTransport.connect({ url: nats.url, namespace: ns });
    t.after(() => transport.close().catch(() => {}));
    const nc = transport.nc, js = jetstream(nc);
    const rng = Rng.derive(1);
    // 10,000 to the solvers, 1,000 to each other role: random bytes, and valid jobs cut short.
    const valid: Record<string, Uint8Array> = {
      solve: encodeSolveJob(heavyRequests(1, 8, 10)[0], 'fuzz'),
      eval: encodeEvalJob('fuzz', 'model-x', 'batch-x', [new Map([['g0', Uint8Array.from([1, 0, 1])]])], true),
      score: encodeScoreJob('fuzz', { modelKey: 'model-x', patchesKey: 'patches-x', data: 'x', noise: '', samples: 8, patch: 8, batch: 8, seed: 0, engine: 'onnxruntime', removal: 'zero' }),
      run: encodeRunSpec('fuzz', { model: 'nowhere', sparsity: 2 }),
    };
    const counts: Record<string, number> = { solve: 10000, eval: 1000, score: 1000, run: 1000 };
    const N = Object.values(counts).reduce((a, b) => a + b, 0);
    const acks = [];
    for (const [kind, count] of Object.entries(counts)) {
      for (let i = 0; i < count; i++) {
        const payload = i % 2 === 0
          ? Uint8Array.from({ length: rng.int(200) }, () => rng.int(256)) // random bytes
          : valid[kind].subarray(0, rng.int(valid[kind].length)); // truncated valid job
        acks.push(js.publish(names.jobSubject(kind as 'solve'), payload));
        if (acks.length >= 500) await Promise.all(acks.splice(0));
      }
    }
    await Promise.all(acks);
    // Garbage on the other subjects too: a result subject of a live run, heartbeats, the status endpoint.
    for (let i = 0; i < 100; i++) nc.publish(`${ns}.results.fuzz.${i}`, Uint8Array.from({ length: 50 }, () => rng.int(256)));
    assert.throws(() => nc.publish(names.jobSubject('solve'), new Uint8Array(nc.info!.max_payload + 1)), /max_payload|MAX_PAYLOAD|exceeded/i);
    const jsm = await jetstreamManager(nc);
    for (let i = 0; i < 600; i++) {
      if ((await jsm.streams.info(names.dlq)).state.messages >= N) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal((await jsm.streams.info(names.dlq)).state.messages, N, 'every malformed job dead-lettered');
    for (const p of [solver, ...others]) assert.equal(p.exitCode, null, 'every service still running');
    for (const [p, role] of others.map((o, i) => [o, ['evaluator', 'scorer', 'coordinator'][i]] as const)) {
      const st = await nc.request(`${ns}.status.${role}.${p.instance}`, undefined, { timeout: 2000 });
      assert.equal(qprune.Heartbeat.decode(st.data).service, role);
    }
    const reqs = heavyRequests(2, 16, 50);
    assert.deepEqual(samplesOf(await new TransportSolver(transport, 'after-fuzz').solveAll(reqs)), samplesOf(await localSolver.solveAll(reqs)));
    const status = await nc.request(`${ns}.status.solver.${solver.instance}`, Uint8Array.from([1, 2, 3]), { timeout: 2000 });
    assert.equal(qprune.Heartbeat.decode(status.data).service, 'solver');
  });

  await t.test('eval jobs on evaluator services equal in-process scores; $SRV PING finds the replicas', async (t) => {
    const ns = await withNamespace(t, nats.url);
    const evs = await Promise.all([0, 1].map(() => startServiceProcess('evaluator', nats.url, ns)));
    t.after(() => evs.forEach(kill));
    await initBackend('cpu');
    const { model } = await loadModel(path.join(ROOT, 'models/demo-dncnn-s25/model.json'));
    const source = await openDataset('procedural:deadleaves:3:48', { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 });
    const batch = await buildValidationBatch(source, 3, 48);
    const groups = analyzeChannels(model).groups.filter((g) => g.prunable);
    const rng = Rng.derive(2);
    const keeps = Array.from({ length: 4 }, () => new Map(groups.map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i === 0 || rng.next() < 0.5 ? 1 : 0))])));
    const local = new CandidateEvaluator(model, batch, { threads: 1 });
    const expected = await local.evaluate(keeps);
    await local.close();
    const transport = await NatsTransport.connect({ url: nats.url, namespace: ns });
    t.after(() => transport.close().catch(() => {}));
    const remote = await TransportEvaluator.create(transport, 'evalrun', model, batch);
    const got = await remote.evaluate(keeps);
    got.forEach((s, i) => {
      assert.ok(Math.abs(s.psnr - expected[i].psnr) < 1e-9, `psnr ${s.psnr} vs ${expected[i].psnr}`);
      assert.ok(Math.abs(s.ssim - expected[i].ssim) < 1e-9);
    });
    // The CLI end to end: qprune refine with --nats gives the keep-sets and PSNRs of the local run.
    const dir = tempDir(t);
    const scores = fakeScores(groups.map((g) => g.size), 5);
    scores.groups.forEach((g, i) => (g.id = groups[i].id));
    writeFileSync(path.join(dir, 'sol.json'), JSON.stringify(await solvePruning(scores, { method: 'hybrid', sparsity: 0.5, sweeps: 200 })));
    const refineArgs = (out: string) => [path.join(ROOT, 'bin/qprune.js'), 'refine', '--model', path.join(ROOT, 'models/demo-dncnn-s25/model.json'), '--solution', path.join(dir, 'sol.json'),
      '--data', 'procedural:deadleaves:3:48', '--noise', 'gaussian:25', '--val', '3', '--crop', '48', '--budget', '16', '--out', path.join(dir, out)];
    for (const [out, extra] of [['local.json', ['--workers', '0']], ['nats.json', ['--nats', nats.url, '--namespace', ns]]] as const) {
      const p = spawn(process.execPath, [...refineArgs(out), ...extra], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, QPRUNE_LOG: 'warn' } });
      assert.equal(await new Promise((r) => p.once('exit', r)), 0, `refine ${out}`);
    }
    const [viaLocal, viaNats] = ['local.json', 'nats.json'].map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    assert.deepEqual(viaNats.groups, viaLocal.groups);
    assert.ok(Math.abs(viaNats.refine.validation.after.psnr - viaLocal.refine.validation.after.psnr) < 1e-9);
    const pings = [];
    for await (const m of await transport.nc.requestMany('$SRV.PING.qprune-evaluator', undefined, { maxWait: 1000 })) pings.push(JSON.parse(new TextDecoder().decode(m.data)));
    const ours = pings.filter((p) => p.metadata?.namespace === ns).map((p) => p.metadata.instance).sort();
    assert.deepEqual(ours, evs.map((e) => e.instance).sort());
  });
  await t.test('prune --nats (scorer, solver, evaluator services) equals the local run; a coordinator killed mid-run is resumed by another, nothing recomputed', async (t) => {
    const ns = await withNamespace(t, nats.url);
    const dir = tempDir(t), state = tempDir(t);
    const cli = path.join(ROOT, 'bin/qprune.js');
    const common = ['prune', '--model', path.join(ROOT, 'models/demo-dncnn-s25'), '--data', 'procedural:deadleaves:6:64', '--noise', 'gaussian:25', '--sparsity', '0.5',
      '--method', 'hybrid', '--refine', 'protes', '--budget', '40', '--calib', '8', '--patch', '32', '--val', '4', '--crop', '48', '--sweep', 'none', '--seed', '2'];
    // Every CLI child is killed when the test ends: a failed assertion must not leave a submitted run waiting (and the file hanging).
    const children: ReturnType<typeof spawn>[] = [];
    t.after(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
    const runCliAsync = (args: string[]) => new Promise<{ code: number | null; err: string }>((resolve) => {
      const p = spawn(process.execPath, [cli, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, QPRUNE_LOG: 'warn' } });
      children.push(p);
      let err = '';
      p.stderr!.on('data', (d) => (err += d));
      p.once('exit', (code) => resolve({ code, err }));
    });
    const local = await runCliAsync([...common, '--workers', '0', '--state-dir', state, '--out', path.join(dir, 'local')]);
    assert.equal(local.code, 0, local.err);
    // The first service creates the consumers: a short ack_wait so a dead coordinator's run is redelivered soon.
    // Coordinators write under their output root: the submitted run names its output relative to it.
    const coordA = await startServiceProcess('coordinator', nats.url, ns, ['--ack-wait', '3', '--out-root', dir]);
    const services = await Promise.all(['scorer', 'solver', 'evaluator'].map((r) => startServiceProcess(r, nats.url, ns)));
    t.after(() => [coordA, ...services].forEach(kill));
    const viaNats = await runCliAsync([...common, '--nats', nats.url, '--namespace', ns, '--out', path.join(dir, 'nats')]);
    assert.equal(viaNats.code, 0, viaNats.err);
    const read = (d: string, f: string) => JSON.parse(readFileSync(path.join(dir, d, f), 'utf8'));
    const keeps = (d: string) => read(d, 'solution.json').groups.map((g: { keep: number[] }) => g.keep);
    assert.deepEqual(keeps('nats'), keeps('local'));
    assert.ok(Math.abs(read('nats', 'report.json').validation.after.psnr - read('local', 'report.json').validation.after.psnr) < 1e-9);

    // Whole run on a coordinator; kill -9 it once refinement has journaled some candidates.
    const submitted = runCliAsync([...common, '--nats', nats.url, '--namespace', ns, '--submit', '--run', 'cr1', '--out', 'submitted']);
    const nc = await connectNats(nats.url, 'qprune-test-kv');
    t.after(() => nc.close());
    const kv = await new Kvm(nc).create(`${ns}-runs`, { history: 1 });
    // Bounded by wall time, not by polls: on a loaded machine scoring alone took longer than 30 s (stop 38).
    for (const deadline = Date.now() + 180_000; Date.now() < deadline;) {
      const e = await kv.get('cr1.evaluations');
      if (e && e.value.length && JSON.parse(e.string()).bytes > 3000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(await kv.get('cr1.scores'), 'scores in the run state before the kill');
    coordA.kill('SIGKILL');
    const coordB = await startServiceProcess('coordinator', nats.url, ns, ['--out-root', dir]);
    t.after(() => kill(coordB));
    const done = await submitted;
    assert.equal(done.code, 0, done.err);
    const rep = read('submitted', 'report.json'), ref = read('local', 'report.json');
    assert.equal(rep.run.resumed, true, 'the second coordinator resumed the run');
    assert.equal(rep.scores.resumed, true, 'scores not recomputed');
    assert.ok(rep.evaluations.replayedFromRunState > 0, 'journaled candidates not re-evaluated');
    assert.equal(rep.evaluations.sent + rep.evaluations.replayedFromRunState, ref.evaluations.sent, 'every candidate evaluated once');
    assert.deepEqual(keeps('submitted'), keeps('local'));
    // Every score job of the namespace: the one of --nats and the one of cr1, never a second for cr1.
    const scorerStats = qprune.Heartbeat.decode((await nc.request(`${ns}.status.scorer.${services[0].instance}`, undefined, { timeout: 2000 })).data);
    assert.equal(scorerStats.jobsDone, 2);
  });
});
