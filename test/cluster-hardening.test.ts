/**
 * Cluster hardening (issue #19), one test per defect found by a reliability and an attacker's review,
 * against a real NATS (test/nats-helper.ts): deterministic failures end in an error result and leave
 * the work queue; a failed object fetch is retried; errors are classified; work per job is bounded;
 * a run survives a NATS SIGKILL; coordinators write only under their output root and never echo file
 * contents; a killed worker's job comes back in seconds and a stored result is not recomputed; weight
 * links and stream limits. Roles, TLS and the deploy configs are in cluster-security.test.ts.
 */
import { test, TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { Rng } from '../src/data/rng.js';
import { Qubo } from '../src/qubo/problem.js';
import { localSolver, type SolveRequest } from '../src/qubo/group-solver.js';
import { NatsTransport } from '../src/transport/nats.js';
import { TransportSolver } from '../src/transport/remote-solver.js';
import { clusterNames, connectNats, DEFAULT_CLUSTER_LIMITS, parseClusterLimits, setupCluster } from '../src/transport/nats-setup.js';
import { encodeEvalJob, encodeScoreJob, encodeSolveJob, packBatch, encodeRunSpec, scoresFromWire } from '../src/transport/wire.js';
import { jobId } from '../src/transport/wire.js';
import { putModel } from '../src/transport/objects.js';
import { startService, type RunningService, type ServiceOptions } from '../src/cluster/service.js';
import { resolveUnderRoot } from '../src/cluster/out-root.js';
import { runHandler } from '../src/cluster/coordinator.js';
import { jobToSpec, parsePruneJob } from '../src/pipeline/job.js';
import { qprune } from '../src/wire/qprune.js';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { buildValidationBatch, CandidateEvaluator } from '../src/eval/candidates.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { MemoryObjects, type Transport } from '../src/transport/transport.js';
import { findNats, freePort, natsServerBinary, OwnNatsServer, startServiceProcess, withNamespace } from './nats-helper.js';
import { ROOT, tempDir } from './helpers.js';

const DEMO = path.join(ROOT, 'models/demo-dncnn-s25/model.json');

function qubo(n: number, seed: number): Qubo {
  const rng = Rng.derive(seed);
  return Qubo.fromUpper(Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal())), n / 2);
}
const request = (i: number, n = 32, sweeps = 300, reads = 4): SolveRequest => ({ id: `q${i}`, qubo: qubo(n, i), sampler: 'swap', params: { reads, sweeps, seed: i } });

/** Polls `check` every 20 ms until it holds (an observed state, not a guessed delay); fails after `seconds`. */
async function until(what: string, check: () => boolean | Promise<boolean>, seconds = 60): Promise<void> {
  const end = performance.now() + seconds * 1000;
  while (!(await check())) {
    if (performance.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function streamCounts(jsm: JetStreamManager, ns: string): Promise<{ jobs: number; dlq: number }> {
  const n = clusterNames(ns);
  return { jobs: (await jsm.streams.info(n.jobs)).state.messages, dlq: (await jsm.streams.info(n.dlq)).state.messages };
}

interface Cluster { url: string; ns: string; jsm: JetStreamManager; transport: NatsTransport; service(o: Partial<ServiceOptions> & Pick<ServiceOptions, 'role' | 'kind'>): Promise<RunningService> }

/** A namespace with a coordinator transport; services started in this process, all stopped afterwards. */
async function cluster(t: TestContext, url: string, settings: { ackWait?: number; maxDeliver?: number } = {}, own = false): Promise<Cluster> {
  // A server of the test's own is deleted with its store: nothing to clean up there.
  const ns = own ? `own${process.pid}` : await withNamespace(t, url);
  const transport = await NatsTransport.connect({ url, namespace: ns, ...settings, idleTimeout: 120 });
  t.after(() => transport.close().catch(() => {}));
  const nc = await connectNats(url, 'qprune-test-inspect');
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc);
  const services: RunningService[] = [];
  t.after(() => Promise.all(services.map((s) => s.stop().catch(() => {}))));
  return {
    url, ns, jsm, transport,
    service: async (o) => {
      const s = await startService({ url, namespace: ns, heartbeatSeconds: 1, ...o });
      services.push(s);
      return s;
    },
  };
}

test('cluster hardening against a real NATS', { timeout: 15 * 60 * 1000 }, async (t) => {
  const nats = await findNats(t);
  if (!nats) return;
  t.after(() => nats.dispose());
  await initBackend('cpu');

  await t.test('1. a job that cannot be done ends in an error result and leaves the work queue (no silent drop)', async (t) => {
    const c = await cluster(t, nats.url, { ackWait: 2, maxDeliver: 2 });
    await c.service({ role: 'evaluator', kind: 'eval', thread: { backend: 'cpu' } });
    const source = await openDataset('procedural:deadleaves:2:32', { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 });
    await c.transport.putObject('batch-1', packBatch(await buildValidationBatch(source, 2, 32)));
    const t0 = performance.now();
    await assert.rejects(c.transport.run('eval', 'missing', [encodeEvalJob('missing', 'model-nowhere', 'batch-1', [new Map()], false)]),
      /eval job \w+ failed .*object model-nowhere not found.*gave up after 2 deliveries/);
    t.diagnostic(`missing model: error result after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await until('the job is gone from the work queue and in the DLQ', async () => { const s = await streamCounts(c.jsm, c.ns); return s.jobs === 0 && s.dlq === 1; });

    // Every delivery dies (a worker that takes the job and never answers): the coordinator answers the
    // MAX_DELIVERIES advisory with an error result, the DLQ and a work queue without the job.
    const names = clusterNames(c.ns);
    const js = jetstream(c.transport.nc);
    const consumer = await js.consumers.get(names.jobs, names.consumer('solve'));
    // It keeps pulling, as a live worker does: the server gives up on a job when it would deliver it again.
    let settled = false, taken = 0;
    const swallow = (async () => { while (!settled) if (await consumer.next({ expires: 1000 })) taken++; })();
    await assert.rejects(c.transport.run('solve', 'dying', [encodeSolveJob(request(1), 'dying')]), /no solve worker finished this job in 2 deliveries/).finally(() => (settled = true));
    await swallow;
    assert.equal(taken, 2, 'delivered max_deliver times');
    await until('the exhausted job is deleted and dead-lettered', async () => { const s = await streamCounts(c.jsm, c.ns); return s.jobs === 0 && s.dlq === 2; });
  });

  await t.test('2. a failed object fetch is not kept: the job succeeds once the object is uploaded', async (t) => {
    const c = await cluster(t, nats.url, { ackWait: 2, maxDeliver: 20 });
    const evaluator = await c.service({ role: 'evaluator', kind: 'eval', thread: { backend: 'cpu' } });
    const { model } = await loadModel(DEMO);
    const source = await openDataset('procedural:deadleaves:2:32', { noise: parseNoise('gaussian:25'), seed: 0, channels: 1 });
    const batch = await buildValidationBatch(source, 2, 32);
    await c.transport.putObject('batch-2', packBatch(batch));
    const modelKey = await putModel(new MemoryTransport(), model); // the key only: not uploaded yet
    const keep = new Map(analyzeChannels(model).groups.filter((g) => g.prunable).map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i % 3 ? 1 : 0))]));
    const run = c.transport.run('eval', 'late', [encodeEvalJob('late', modelKey, 'batch-2', [keep], false)]);
    await until('the evaluator failed the job once (object missing)', () => evaluator.stats.retried >= 1);
    await putModel(c.transport, model);
    const [r] = await run;
    const local = new CandidateEvaluator(model, batch, { sessionCache: 1 });
    const [want] = await local.evaluate([keep]);
    await local.close();
    assert.ok(Math.abs(scoresFromWire(r.eval)[0].psnr - want.psnr) < 1e-9, 'the retried job scored the candidate');
  });

  await t.test('3. errors are classified: a wrong object is a bad request at once, a missing one is retried then answered', async (t) => {
    const c = await cluster(t, nats.url, { ackWait: 2, maxDeliver: 2 });
    const evaluator = await c.service({ role: 'evaluator', kind: 'eval', thread: { backend: 'cpu' } });
    const scorer = await c.service({ role: 'scorer', kind: 'score', thread: { backend: 'cpu' } });
    const { model } = await loadModel(DEMO);
    const modelKey = await putModel(c.transport, model);
    // The batch key names the model blob.
    await assert.rejects(c.transport.run('eval', 'wrongkey', [encodeEvalJob('wrongkey', modelKey, modelKey, [new Map()], false)]), /bad request|batch blob: not an image batch \(wrong object key\?\)/);
    assert.equal(evaluator.stats.started, 1, 'a bad request is not retried');
    // Score job whose patches were never uploaded: retried, then an error result (not acked as done).
    await assert.rejects(c.transport.run('score', 'nopatches', [encodeScoreJob('nopatches', { modelKey, patchesKey: 'patches-none', data: 'x', noise: '', samples: 8, patch: 16, batch: 8, seed: 0, engine: 'onnxruntime', removal: 'zero' })]),
      /object patches-none not found.*gave up after 2 deliveries/);
    assert.equal(scorer.stats.started, 2, 'the missing object was tried max_deliver times');
    assert.equal(scorer.stats.done, 0);
  });

  await t.test('4. work per job is bounded: over the limit is refused at once; past the deadline the job is abandoned', async (t) => {
    const c = await cluster(t, nats.url, { ackWait: 2, maxDeliver: 3 });
    await c.service({ role: 'solver', kind: 'solve', deadline: 1 });
    const solver = new TransportSolver(c.transport, 'bounded');
    const t0 = performance.now();
    await assert.rejects(solver.solveAll([request(1, 64, 1e6, 1000)]), /reads x sweeps x n² = 4\.10e\+12 exceeds this worker's limit/);
    assert.ok(performance.now() - t0 < 5000, 'refused without running');
    // Under the limit but longer than the 1 s deadline: abandoned, answered, and the solver free again.
    const t1 = performance.now();
    await assert.rejects(solver.solveAll([request(2, 64, 400000, 8)]), /exceeded the 1 s deadline of its worker/);
    const late = (performance.now() - t1) / 1000;
    t.diagnostic(`deadline 1 s: error result after ${late.toFixed(1)} s`);
    assert.ok(late < 6, 'the abandoned job was answered within its deadline plus a few seconds');
    const [ok] = await solver.solveAll([request(3)]);
    assert.deepEqual(ok.energies, (await localSolver.solveAll([request(3)]))[0].energies, 'the next job runs on a fresh thread');
  });

  await t.test('5. NATS killed with SIGKILL mid-run and restarted: the run completes with the same answer', async (t) => {
    const bin = natsServerBinary();
    if (!bin) {
      if (process.env.QPRUNE_REQUIRE_NATS === '1') throw new Error('no nats-server binary to kill (QPRUNE_REQUIRE_NATS=1)');
      return t.skip('no nats-server binary');
    }
    const server = new OwnNatsServer(bin, await freePort());
    await server.start();
    const c = await cluster(t, server.url, {}, true);
    t.after(() => server.dispose()); // after the clients and services are closed (hooks run in order)
    await c.service({ role: 'solver', kind: 'solve' });
    const reqs = Array.from({ length: 24 }, (_, i) => request(i, 64, 3000));
    const want = await localSolver.solveAll(reqs);
    const solver = new TransportSolver(c.transport, 'sigkill');
    const parts = [solver.solveAll(reqs.slice(0, 12)), solver.solveAll(reqs.slice(12))];
    await until('some results are stored', async () => ((await c.jsm.streams.info(clusterNames(c.ns).results).catch(() => null))?.state.messages ?? 0) >= 2);
    await server.stop(); // SIGKILL
    await server.start();
    const got = (await Promise.all(parts)).flat();
    assert.deepEqual(got.map((s) => s.energies), want.map((s) => s.energies));
  });

  await t.test('7. a coordinator writes only under its output root and never echoes a file it was pointed at', async (t) => {
    const root = tempDir(t);
    assert.equal(resolveUnderRoot(root, 'runs/a'), path.join(root, 'runs/a'));
    assert.throws(() => resolveUnderRoot(root, '/etc'), /must be relative to the coordinator's output root/);
    assert.throws(() => resolveUnderRoot(root, '../../x'), /leaves the coordinator's output root/);
    mkdirSync(path.join(root, 'real'));
    symlinkSync('/tmp', path.join(root, 'link'));
    assert.throws(() => resolveUnderRoot(root, 'link/x'), /passes through a symbolic link \(link\)/);
    const handler = runHandler(nats.url, await withNamespace(t, nats.url), { outRoot: root });
    const secret = path.join(tempDir(t), 'model.json');
    writeFileSync(secret, 'root:TOPSECRET:0:0:root:/root:/bin/bash\n');
    const spec = (job: Record<string, unknown>) => encodeRunSpec('r1', jobToSpec(parsePruneJob({ data: 'procedural:deadleaves:2:32', sparsity: 0.5, method: 'l1', ...job })));
    const abs = await handler(spec({ model: DEMO, out: '/tmp/elsewhere', force: true }), new MemoryObjects());
    assert.equal(abs.error?.code, 'bad_request');
    assert.match(abs.error?.message ?? '', /must be relative to the coordinator's output root/);
    const leak = await handler(spec({ model: secret, out: 'leak' }), new MemoryObjects());
    assert.ok(leak.error, 'a file that is no model fails the run');
    assert.doesNotMatch(leak.error!.message ?? '', /TOPSECRET|root:/, 'the error does not quote the file');
  });

  await t.test('9. a killed worker\'s job is redelivered in seconds; a job whose result is stored is not run again', async (t) => {
    const c = await cluster(t, nats.url);
    const a = await startServiceProcess('solver', nats.url, c.ns);
    t.after(() => { if (a.exitCode === null) a.kill('SIGKILL'); });
    const heavy = Array.from({ length: 2 }, (_, i) => request(100 + i, 64, 60000, 8)); // ~2 s each
    const run = new TransportSolver(c.transport, 'failover').solveAll(heavy);
    const names = clusterNames(c.ns);
    await until('the solver process holds a job', async () => (await c.jsm.consumers.info(names.jobs, names.consumer('solve'))).num_ack_pending >= 1);
    const killedAt = performance.now();
    a.kill('SIGKILL');
    const b = await c.service({ role: 'solver', kind: 'solve' });
    await until('the dead worker\'s job is redelivered', async () => (await c.jsm.consumers.info(names.jobs, names.consumer('solve'))).num_redelivered >= 1);
    const seconds = (performance.now() - killedAt) / 1000;
    t.diagnostic(`kill -9 to redelivery: ${seconds.toFixed(1)} s (ack_wait ${6} s)`);
    assert.ok(seconds < 10, `redelivered ${seconds.toFixed(1)} s after the kill`);
    assert.equal((await run).length, 2);
    // A worker stored a result and died before acking: the job comes back and is acked without running.
    const req = request(7);
    const payload = encodeSolveJob(req, 'stored');
    const id = jobId('solve', 'stored', payload);
    const [answer] = await localSolver.solveAll([req]);
    const { sampleSetToWire } = await import('../src/transport/wire.js');
    await jetstream(c.transport.nc).publish(names.resultSubject('stored', 'solve', id), qprune.JobResult.encode({ sampleSet: sampleSetToWire(answer), runId: 'stored', jobId: id, worker: 'died' }).finish());
    // Its first delivery goes to a worker that dies (taken, never acked); the redelivery reaches a live one.
    await b.stop();
    await jetstream(c.transport.nc).publish(names.jobSubject('solve'), payload, { msgID: id });
    const first = await (await jetstream(c.transport.nc).consumers.get(names.jobs, names.consumer('solve'))).next({ expires: 5000 });
    assert.equal(first?.info.deliveryCount, 1);
    const next = await c.service({ role: 'solver', kind: 'solve' });
    await until('the solver acked the redelivered job', () => next.stats.reused >= 1);
    assert.equal(next.stats.started, 0, 'not computed twice');
    // The service counts the reuse before its (unawaited) ack reaches the server: wait for the stream to empty.
    await until('the acked job leaves the work-queue stream', async () => (await streamCounts(c.jsm, c.ns)).jobs === 0, 10);
    assert.equal(next.stats.started, 0, 'still not computed after the ack');
  });

  await t.test('10. weight files are read on their real path; streams and objects have byte limits and lifetimes', async (t) => {
    const dir = tempDir(t);
    cpSync(path.join(ROOT, 'models/demo-dncnn-s25'), path.join(dir, 'm'), { recursive: true });
    const outside = path.join(dir, 'outside.bin');
    cpSync(path.join(dir, 'm', 'weights.bin'), outside);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'm', 'weights.bin'));
    symlinkSync(outside, path.join(dir, 'm', 'weights.bin'));
    await assert.rejects(loadModel(path.join(dir, 'm', 'model.json')), /weight shard path escapes the model directory: weights\.bin/);
    const ns = await withNamespace(t, nats.url);
    const nc = await connectNats(nats.url, 'qprune-test-limits');
    t.after(() => nc.close());
    const names = clusterNames(ns);
    const limits = { ...DEFAULT_CLUSTER_LIMITS, jobTtl: 3600, dlqBytes: 1e6, objectTtl: 7200, objectBytes: 5e6 };
    const jsm = await setupCluster(nc, names, {}, limits);
    const cfg = async (s: string) => (await jsm.streams.info(s)).config;
    assert.equal((await cfg(names.jobs)).max_age, 3600e9);
    assert.equal((await cfg(names.dlq)).max_bytes, 1e6);
    assert.equal((await cfg(names.results)).max_bytes, DEFAULT_CLUSTER_LIMITS.resultBytes);
    assert.equal((await cfg(`OBJ_${names.objects}`)).max_age, 7200e9);
    assert.equal((await cfg(`OBJ_${names.objects}`)).max_bytes, 5e6);
    // Changed configuration reaches the existing streams.
    await setupCluster(nc, names, {}, { ...limits, jobTtl: 600 });
    assert.equal((await cfg(names.jobs)).max_age, 600e9);
    // A process that names no limits (a coordinator, a replica without --storage) changes none of them.
    await setupCluster(nc, names);
    assert.equal((await cfg(names.jobs)).max_age, 600e9);
    assert.equal((await cfg(`OBJ_${names.objects}`)).max_bytes, 5e6);
    // --storage names only what it changes; replicas within JetStream's limit.
    assert.deepEqual(parseClusterLimits('replicas=3, jobTtl=60'), { replicas: 3, jobTtl: 60 });
    assert.throws(() => parseClusterLimits('replicas=7'), /replicas must be an integer from 1 to 5/);
    assert.throws(() => parseClusterLimits('replicas=1.5'), /replicas must be an integer from 1 to 5/);
    assert.throws(() => parseClusterLimits('retention=1'), /unknown limit 'retention'/);
    // A comma-separated --nats list: the first node that answers (the first here answers nothing).
    const dead = await freePort();
    const listed = await connectNats(`nats://127.0.0.1:${dead},${nats.url}`, 'qprune-test-list');
    assert.ok(!listed.isClosed());
    await listed.close();
  });
});

/** A transport that only remembers objects (to learn an object's key without uploading it). */
class MemoryTransport implements Transport {
  readonly name = 'memory';
  async run(): Promise<never> { throw new Error('not used'); }
  async putObject(): Promise<void> {}
  async close(): Promise<void> {}
}

