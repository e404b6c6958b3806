/**
 * The cluster in real containers (issue #20): a 3-node NATS JetStream cluster (streams, object store
 * and run KV at 3 replicas) and the scorer/solver/evaluator services as containers of the service
 * image, on one testcontainers Network; `qprune prune --nats` runs on this machine against the nodes'
 * host ports. Each run gets one fault mid-run (a node stopped, killed; the JetStream leader killed; a
 * service container killed mid-job or partitioned; evaluators scaled 1 → 3; a node partitioned, on
 * demand only: see there) and must give the embedded run's keep-sets and PSNR, with every job sent once and answered
 * once, no job computed twice by a service that lived through the run, and a redelivery observed
 * wherever one was provoked. Faults wait for observed states (results stored, a service busy), never
 * for a guessed delay. Needs scripts/container-runtime.sh (docker and the local images); without it
 * the tests skip, with QPRUNE_REQUIRE_CONTAINERS=1 (CI) they fail.
 */
import { test, TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { clusterNames, connectNats } from '../src/transport/nats-setup.js';
import { qprune } from '../src/wire/qprune.js';
import { containerRuntime, docker, startNatsCluster, startServiceContainer, type NatsCluster } from './support/container-cluster.js';
import { testNamespace } from './nats-helper.js';
import { ROOT, tempDir } from './helpers.js';

const CLI = path.join(ROOT, 'bin/qprune.js');
/** The demo model with a refinement long enough (~200 evaluation jobs of 6 crops 64x64, one per image) for faults and scaling to land mid-run. */
const PRUNE = ['prune', '--model', path.join(ROOT, 'models/demo-dncnn-s25'), '--data', 'procedural:deadleaves:6:64', '--noise', 'gaussian:25', '--sparsity', '0.5',
  '--method', 'hybrid', '--refine', 'protes', '--budget', '200', '--calib', '8', '--patch', '32', '--val', '6', '--crop', '64', '--sweep', 'none', '--seed', '2'];

/** The CLI as a child process, killed when the test ends (a failed test leaves no run waiting on NATS). */
function runCli(t: TestContext, args: string[], env: Record<string, string> = {}, log?: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, QPRUNE_LOG: 'warn', ...env } });
    let err = '';
    p.stderr!.on('data', (d) => { err += d; log?.push(String(d)); });
    p.once('exit', (code) => resolve({ code, err }));
    t.after(() => { p.kill('SIGKILL'); });
  });
}

/** Polls `check` every 50 ms until it holds; fails after `seconds` naming what it waited for. */
async function until(what: string, check: () => boolean | Promise<boolean>, seconds = 120): Promise<void> {
  const end = performance.now() + seconds * 1000;
  while (!(await Promise.resolve().then(check).catch(() => false))) {
    if (performance.now() > end) throw new Error(`timed out after ${seconds} s waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface StoredResult { kind: string; job: string; worker: string; delivery: number; error: boolean }

/** Every result stored in the namespace (the results stream keeps one per job subject). */
async function storedResults(jsm: JetStreamManager, ns: string): Promise<StoredResult[]> {
  const stream = clusterNames(ns).results;
  const info = await jsm.streams.info(stream);
  const out: StoredResult[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    // A sequence the stream dropped (a newer result on the same subject) answers "no message found"
    // (10037); any other error, e.g. a leader election, must not read as a missing result.
    const m = await jsm.streams.getMessage(stream, { seq }).catch((e: unknown) => {
      if ((e as { code?: number }).code === 10037) return null;
      throw e;
    });
    if (!m) continue;
    const r = qprune.JobResult.decode(m.data);
    const kind = m.subject.split('.').at(-2)!;
    out.push({ kind, job: r.jobId, worker: r.worker, delivery: r.delivery, error: r.result === 'error' });
  }
  return out;
}

/** Deliveries the work queue made per kind (consumer sequence) and the jobs it ever accepted. */
async function queueCounts(jsm: JetStreamManager, ns: string): Promise<{ accepted: number; deliveries: number }> {
  const names = clusterNames(ns);
  const accepted = (await jsm.streams.info(names.jobs)).state.last_seq;
  let deliveries = 0;
  for (const kind of ['score', 'solve', 'eval'] as const) deliveries += (await jsm.consumers.info(names.jobs, names.consumer(kind))).delivered.consumer_seq;
  return { accepted, deliveries };
}

async function status(nc: NatsConnection, ns: string, role: string, instance: string): Promise<qprune.Heartbeat> {
  return qprune.Heartbeat.decode((await nc.request(`${ns}.status.${role}.${instance}`, undefined, { timeout: 3000 })).data);
}

/** The node leading a stream's RAFT group (its server_name: n1..n3). */
async function streamLeader(jsm: JetStreamManager, stream: string): Promise<string | undefined> {
  return (await jsm.streams.info(stream)).cluster?.leader;
}

/** A RAFT group (a stream's or a consumer's) with a leader and every replica it lists current and online. */
function groupCurrent(c: { leader?: string; replicas?: { current: boolean; offline?: boolean }[] } | undefined): boolean {
  return Boolean(c?.leader) && (c?.replicas ?? []).every((r) => r.current && !r.offline);
}

/** Until a stream has a leader and every replica is current again (a restarted node caught up). */
async function replicasCurrent(jsm: JetStreamManager, stream: string): Promise<boolean> {
  const c = (await jsm.streams.info(stream)).cluster;
  return groupCurrent(c) && c!.replicas!.length === 2;
}

/**
 * Until the run's streams and the work queue's consumers each have a leader and current replicas:
 * after a node restart, consumer RAFT groups elect after the stream's, and reads in between answer
 * "JetStream system temporarily unavailable" (10008).
 */
async function jetStreamSettled(jsm: JetStreamManager, ns: string): Promise<boolean> {
  const names = clusterNames(ns);
  if (!(await replicasCurrent(jsm, names.jobs)) || !(await replicasCurrent(jsm, names.results))) return false;
  for (const kind of ['score', 'solve', 'eval'] as const) {
    if (!groupCurrent((await jsm.consumers.info(names.jobs, names.consumer(kind))).cluster)) return false;
  }
  return true;
}

/** Every node running and on the network (a no-op for a node that is). */
function healCluster(cluster: NatsCluster): void {
  const net = cluster.network.getName();
  for (const n of cluster.nodes) {
    const id = n.container.getId();
    if (docker('inspect', '-f', '{{.State.Paused}}', id) === 'true') docker('unpause', id);
    if (docker('inspect', '-f', '{{.State.Running}}', id) !== 'true') docker('start', id);
    if (!docker('inspect', '-f', '{{json .NetworkSettings.Networks}}', id).includes(`"${net}"`)) docker('network', 'connect', '--alias', n.name, net, id);
  }
}

interface Scenario {
  cluster: NatsCluster;
  ns: string;
  nc: NatsConnection;
  jsm: JetStreamManager;
  /** Service containers by name, with their role. */
  services: Map<string, string>;
  /** Service instances that did not live through the run (killed or cut off mid-job). */
  lost: Set<string>;
  resultsOf(kind?: string): Promise<number>;
  /** Until `more` further results of `kind` (any kind: all) are stored than when called. */
  progress(more: number, kind?: string): Promise<void>;
  /** Starts a service container (name <prefix>-r<run>-<role><i>). */
  start(role: string, i: number): Promise<string>;
  /**
   * Freezes the only replica of a role while it holds a job (its status says busy, and after the
   * freeze the work queue still counts an unacknowledged job of the kind), retrying until that holds.
   */
  freezeMidJob(name: string, kind: 'solve' | 'eval'): Promise<void>;
}

const read = (dir: string, f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
const keepsOf = (dir: string) => read(dir, 'solution.json').groups.map((g: { keep: number[] }) => g.keep);

test('the cluster in containers: 3 JetStream nodes and the services, under node loss, partitions and scaling', { timeout: 20 * 60 * 1000 }, async (t) => {
  if (!containerRuntime(t)) return;
  const dir = tempDir(t);
  const local = await runCli(t, [...PRUNE, '--workers', '0', '--out', path.join(dir, 'embedded')]);
  assert.equal(local.code, 0, local.err);
  const embedded = { keeps: keepsOf(path.join(dir, 'embedded')), psnr: read(path.join(dir, 'embedded'), 'report.json').validation.after.psnr };
  const prefix = `qpct${process.pid}`;
  const cluster = await startNatsCluster(t, prefix);
  const nc = await connectNats(cluster.hostUrl, 'qprune-test-observer');
  t.after(() => nc.close());
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  // JetStream is usable once the three nodes elected a meta leader.
  await until('the JetStream cluster has a meta leader', async () => Boolean((await jsm.getAccountInfo()).api));

  let runNo = 0;
  /**
   * One distributed prune in a fresh namespace with one scorer, solver and evaluator container (the
   * fault may start more); `fault` runs alongside it. Afterwards: the embedded answer, every job accepted once
   * and answered once, and each surviving service computed exactly the results it is named in.
   */
  async function scenario(t: TestContext, fault: (s: Scenario) => Promise<void>, opts: { redelivery?: boolean } = {}): Promise<Scenario> {
    const ns = testNamespace(), run = ++runNo;
    // Whatever this run's fault leaves broken (a failed test) is repaired, so the next run starts whole.
    t.after(() => healCluster(cluster));
    // The cluster is whole again when a stream at 3 replicas can be placed (every node back in JetStream).
    await until('a stream at 3 replicas can be created', async () => {
      await jsm.streams.add({ name: `${ns}_PROBE`, subjects: [`${ns}.probe`], num_replicas: 3 });
      await jsm.streams.delete(`${ns}_PROBE`);
      return true;
    });
    const services = new Map<string, string>();
    const names = clusterNames(ns);
    const start = async (role: string, i: number) => {
      const name = `${prefix}-r${run}-${role}${i}`;
      await startServiceContainer(t, cluster, role, name, ns);
      services.set(name, role);
      return name;
    };
    // The first service creates the streams at 3 replicas; then the other two together.
    await start('scorer', 1);
    await Promise.all([start('solver', 1), start('evaluator', 1)]);
    // A request may time out while the observer's own connection is on a node just cut off (until its
    // pings notice and it reconnects elsewhere): asked again then.
    const resultsOf = async (kind?: string) => {
      let count = -1;
      await until('the results stream answers', async () => {
        const info = await jsm.streams.info(names.results, { subjects_filter: `${ns}.results.*.${kind ?? '*'}.*` });
        count = Object.keys(info.state.subjects ?? {}).length;
        return true;
      }, 60);
      return count;
    };
    const s: Scenario = {
      cluster, ns, nc, jsm, services, lost: new Set(), resultsOf, start,
      progress: async (more, kind) => {
        const from = await resultsOf(kind);
        await until(`${more} more ${kind ?? ''} results are stored (from ${from})`, async () => (await resultsOf(kind)) >= from + more);
      },
      freezeMidJob: async (name, kind) => {
        const role = services.get(name)!;
        for (let attempt = 0; ; attempt++) {
          await until(`${name} is busy`, async () => (await status(nc, ns, role, name)).busy > 0);
          docker('pause', name);
          // An ack sent just before the freeze still lands (in milliseconds): held means the job stays
          // unacknowledged over ten reads of the consumer, not one.
          let held = true;
          for (let read = 0; read < 10 && held; read++) {
            held = (await jsm.consumers.info(names.jobs, names.consumer(kind))).num_ack_pending > 0;
            await new Promise((r) => setTimeout(r, 50));
          }
          if (held) return;
          docker('unpause', name);
          if (attempt > 200) throw new Error(`${name} never held a ${kind} job when frozen`);
        }
      },
    };
    const out = path.join(dir, `run${run}`);
    const cliLog: string[] = [];
    const pruned = runCli(t, [...PRUNE, '--nats', cluster.hostUrl, '--namespace', ns, '--out', out], { QPRUNE_NATS_PING: '2' }, cliLog);
    try {
      await fault(s);
    } catch (err) {
      // What each party saw, for the failure report: the run's log, the services' last lines, the streams.
      t.diagnostic(`prune --nats stderr:\n${cliLog.join('').slice(-3000)}`);
      for (const name of [...services.keys(), ...cluster.nodes.map((n) => `${prefix}-${n.name}`)]) {
        const logs = spawnSync('docker', ['logs', '--tail', '15', name], { encoding: 'utf8' });
        t.diagnostic(`${name}:\n${(logs.stdout + logs.stderr).slice(-2500)}`);
      }
      for (const stream of [names.jobs, names.results]) {
        const c = await jsm.streams.info(stream).then((i) => JSON.stringify(i.cluster), (e) => String(e));
        t.diagnostic(`${stream} cluster: ${c}`);
      }
      throw err;
    }
    const r = await pruned;
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(keepsOf(out), embedded.keeps, 'the keep-sets of the embedded run');
    assert.ok(Math.abs(read(out, 'report.json').validation.after.psnr - embedded.psnr) < 1e-9, 'the PSNR of the embedded run');

    await until('the streams and consumers have leaders and current replicas', () => jetStreamSettled(jsm, ns));
    const results = await storedResults(jsm, ns);
    assert.ok(results.every((x) => !x.error), 'no job ended in an error result');
    const { accepted, deliveries } = await queueCounts(jsm, ns);
    assert.equal(accepted, results.length, 'every job accepted by the work queue once, and answered');
    if (opts.redelivery === true) assert.ok(deliveries > accepted, `a redelivery was provoked: ${deliveries} deliveries of ${accepted} jobs`);
    else if (opts.redelivery === false) assert.equal(deliveries, accepted, 'no job delivered twice');
    for (const [name, role] of services) {
      if (s.lost.has(name)) continue;
      const st = await status(nc, ns, role, name);
      const named = results.filter((x) => x.worker === name).length;
      const seen = `(status: ${st.jobsStarted} started, ${st.jobsDone} done, ${st.jobsFailed} failed, ${st.jobsRedelivered} redelivered, ${st.jobsReused} reused)`;
      assert.equal(st.jobsStarted, named, `${name} began ${st.jobsStarted} computations and is named in ${named} results: none computed twice ${seen}`);
      assert.equal(st.jobsDone, named, `${name} stored ${st.jobsDone} results ${seen}`);
    }
    t.diagnostic(`${results.length} jobs (${['score', 'solve', 'eval'].map((k) => `${results.filter((x) => x.kind === k).length} ${k}`).join(', ')}), ${deliveries} deliveries`);
    return s;
  }

  await t.test('distributed prune through the 3-node cluster at replicas 3 equals the embedded run', async (t) => {
    await scenario(t, async ({ ns }) => {
      await until('the streams exist', async () => (await jsm.streams.info(clusterNames(ns).jobs)).config.num_replicas === 3);
      for (const stream of Object.values({ jobs: clusterNames(ns).jobs, results: clusterNames(ns).results, kv: `KV_${clusterNames(ns).runs}`, obj: `OBJ_${clusterNames(ns).objects}` })) {
        assert.equal((await jsm.streams.info(stream)).config.num_replicas, 3, `${stream} at 3 replicas`);
      }
    }, { redelivery: false });
  });

  await t.test('a NATS node stopped mid-run and restarted, then another killed (SIGKILL) and restarted: same answer, nothing lost or computed twice', async (t) => {
    await scenario(t, async (s) => {
      const jobs = clusterNames(s.ns).jobs;
      for (const [node, how] of [['n2', 'stop'], ['n3', 'kill']] as const) {
        await s.progress(20);
        docker(how, `${prefix}-${node}`);
        t.diagnostic(`docker ${how} ${node} after ${await s.resultsOf()} results`);
        // The run goes on with two of three nodes (quorum), then the node comes back and catches up.
        await s.progress(20);
        docker('start', `${prefix}-${node}`);
        await until(`${node} rejoined and the work queue's replicas are current`, () => replicasCurrent(jsm, jobs));
      }
    });
  });

  await t.test('the JetStream leader of the work queue killed mid-run and restarted: a new leader, same answer', async (t) => {
    await scenario(t, async (s) => {
      const jobs = clusterNames(s.ns).jobs;
      await s.progress(30);
      const leader = await streamLeader(jsm, jobs);
      assert.ok(leader, 'the work queue has a leader');
      docker('kill', `${prefix}-${leader}`);
      t.diagnostic(`killed the leader ${leader} after ${await s.resultsOf()} results`);
      await until('another node leads the work queue', async () => { const l = await streamLeader(jsm, jobs); return Boolean(l) && l !== leader; });
      await s.progress(20);
      docker('start', `${prefix}-${leader}`);
      await until(`${leader} rejoined and the replicas are current`, () => replicasCurrent(jsm, jobs));
    });
  });

  await t.test('partition: the only evaluator cut off the network while it holds a job, healed later; its job redelivered to a second one', async (t) => {
    await scenario(t, async (s) => {
      const net = cluster.network.getName();
      // The only evaluator, cut off while it holds a job: a second one takes over, and the held job
      // comes back to it after ack_wait.
      const ev1 = [...s.services].find(([, role]) => role === 'evaluator')![0];
      await s.progress(10, 'eval');
      await s.freezeMidJob(ev1, 'eval');
      docker('network', 'disconnect', net, ev1);
      docker('unpause', ev1);
      s.lost.add(ev1);
      t.diagnostic(`${ev1} partitioned mid-job after ${await s.resultsOf('eval')} eval results`);
      const ev2 = await s.start('evaluator', 2);
      // Its job comes back to the second evaluator (answered there, or found stored if the first stored
      // it just before it was cut off).
      await until('the partitioned evaluator\'s job was redelivered', async () => (await status(nc, s.ns, 'evaluator', ev2)).jobsRedelivered > 0);
      docker('network', 'connect', net, ev1);
    }, { redelivery: true });
  });

  // Measured here with nats-server 2.9.10 (Debian's): with one node of three cut off the network, the
  // two left stopped serving the work queue (pulls: heartbeats missed; publishes: timeouts) for over
  // 120 s in 2 of the 9 runs that reached it (one in CI, one with two busy loops on the 2 cores); stop, SIGKILL and leader
  // loss never did, loaded or not. Run on demand until that is understood.
  const nodePartition = process.env.QPRUNE_TEST_NODE_PARTITION === '1';
  await t.test('partition: a NATS node cut off the network mid-run and reconnected', { skip: nodePartition ? false : 'opt-in (QPRUNE_TEST_NODE_PARTITION=1): with nats-server 2.9.10 the two nodes left stalled for > 120 s in 2 of the 9 runs that reached it (README, Cluster)' }, async (t) => {
    await scenario(t, async (s) => {
      const net = cluster.network.getName();
      await s.progress(20);
      docker('network', 'disconnect', net, `${prefix}-n2`);
      t.diagnostic(`n2 partitioned after ${await s.resultsOf()} results`);
      await s.progress(20);
      docker('network', 'connect', '--alias', 'n2', net, `${prefix}-n2`);
      await until('n2 rejoined and the replicas are current', () => replicasCurrent(jsm, clusterNames(s.ns).jobs));
    });
  });

  await t.test('service containers: the only solver killed mid-job and replaced; evaluators scaled 1 -> 3 mid-run', async (t) => {
    await scenario(t, async (s) => {
      const killSolver = async () => {
        const so1 = [...s.services].find(([, role]) => role === 'solver')![0];
        await s.progress(5, 'solve');
        await s.freezeMidJob(so1, 'solve');
        docker('kill', so1);
        s.lost.add(so1);
        t.diagnostic(`${so1} killed mid-job after ${await s.resultsOf('solve')} solve results`);
        const so2 = await s.start('solver', 2);
        await until('the killed solver\'s job was redelivered', async () => (await status(nc, s.ns, 'solver', so2)).jobsRedelivered > 0);
      };
      // Alongside: as soon as the evaluations begin, two more evaluators join the first.
      const scaleEvaluators = async () => {
        await until('the first evaluation results are stored', async () => (await s.resultsOf('eval')) >= 3);
        const added = await Promise.all([s.start('evaluator', 2), s.start('evaluator', 3)]);
        t.diagnostic(`evaluators scaled 1 -> 3 after ${await s.resultsOf('eval')} eval results`);
        await until('both new evaluators answered jobs', async () => (await Promise.all(added.map((n) => status(nc, s.ns, 'evaluator', n)))).every((st) => st.jobsDone > 0));
      };
      await Promise.all([killSolver(), scaleEvaluators()]);
    }, { redelivery: true });
  });
});
