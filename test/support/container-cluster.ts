/**
 * Containers for the cluster-level tests (test/containers.test.ts): a 3-node NATS JetStream cluster
 * and qprune services on one testcontainers Network, from the images scripts/container-runtime.sh
 * builds with no registry. Faults are injected with the docker CLI (stop, kill, start, network
 * disconnect/connect), as an operator or an outage would.
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

// ryuk (testcontainers' reaper) comes from Docker Hub, which is not reachable; every container here
// is removed by the test that started it. This machine has /.dockerenv: the daemon's ports are local.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
// The test's own connections (the observer) notice a node cut off as quickly as the services do.
process.env.QPRUNE_NATS_PING ??= '2';

import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { freePort } from '../nats-helper.js';

export const NATS_IMAGE = 'qprune/nats:local';
export const SERVICE_IMAGE = 'qprune/service:local';

/** Runs the docker CLI; throws with its stderr when it fails. */
export function docker(...args: string[]): string {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

/**
 * Whether the container tests can run: a Docker daemon and the local images. Without them the tests
 * skip with the reason, except with QPRUNE_REQUIRE_CONTAINERS=1 (CI), where that is a failure.
 */
export function containerRuntime(t: TestContext): boolean {
  const probe = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 });
  let why = '';
  if (probe.status !== 0) why = `no container runtime answers (docker info: ${(probe.stderr || probe.error?.message || '').trim().split('\n')[0]})`;
  else {
    const missing = [NATS_IMAGE, SERVICE_IMAGE].filter((i) => spawnSync('docker', ['image', 'inspect', i], { stdio: 'ignore' }).status !== 0);
    if (missing.length) why = `image${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`;
  }
  if (!why) return true;
  const msg = `${why}: run scripts/container-runtime.sh (installs docker.io, starts dockerd, builds the images)`;
  if (process.env.QPRUNE_REQUIRE_CONTAINERS === '1') throw new Error(`${msg} (QPRUNE_REQUIRE_CONTAINERS=1)`);
  t.skip(msg);
  return false;
}

export interface NatsNode {
  name: string;
  container: StartedTestContainer;
  /** Fixed host port of its client listener (the same after a restart, so clients find it again). */
  hostPort: number;
}

export interface NatsCluster {
  network: StartedNetwork;
  nodes: NatsNode[];
  /** Client URL list for processes on this machine. */
  hostUrl: string;
  /** Client URL list for containers on the network. */
  innerUrl: string;
  node(name: string): NatsNode;
}

/** One node's configuration: JetStream, routes to all three, short pings so a partition shows in seconds. */
function nodeConfig(name: string, names: string[]): string {
  return [
    `server_name: ${name}`,
    'listen: 0.0.0.0:4222',
    'ping_interval: "2s"',
    'ping_max: 3',
    'jetstream { store_dir: "/data" }',
    'cluster {',
    '  name: qprune-test',
    '  listen: 0.0.0.0:6222',
    `  routes: [${names.map((n) => `nats://${n}:6222`).join(', ')}]`,
    // Clients use the list they were given (host ports here): never the containers' own addresses.
    '  no_advertise: true',
    '}',
  ].join('\n');
}

/** Three JetStream nodes on a fresh network, named <prefix>-n1..n3 (their network aliases n1..n3). */
export async function startNatsCluster(t: TestContext, prefix: string): Promise<NatsCluster> {
  const network = await new Network().start();
  const names = ['n1', 'n2', 'n3'];
  const nodes: NatsNode[] = [];
  t.after(async () => {
    for (const n of nodes) spawnSync('docker', ['rm', '-f', n.container.getId()], { stdio: 'ignore' });
    await network.stop().catch(() => {});
  });
  await Promise.all(names.map(async (name) => {
    const hostPort = await freePort();
    const container = await new GenericContainer(NATS_IMAGE)
      .withName(`${prefix}-${name}`)
      .withNetwork(network)
      .withNetworkAliases(name)
      .withExposedPorts({ container: 4222, host: hostPort })
      .withCopyContentToContainer([{ content: nodeConfig(name, names), target: '/nats.conf' }])
      .withCommand(['-c', '/nats.conf'])
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    nodes.push({ name, container, hostPort });
  }));
  nodes.sort((a, b) => a.name.localeCompare(b.name));
  return {
    network, nodes,
    hostUrl: nodes.map((n) => `nats://127.0.0.1:${n.hostPort}`).join(','),
    innerUrl: names.map((n) => `nats://${n}:4222`).join(','),
    node: (name) => nodes.find((n) => n.name === name)!,
  };
}

/** A `qprune serve <role>` container on the cluster's network; its instance id is its name. */
export async function startServiceContainer(t: TestContext, cluster: NatsCluster, role: string, name: string, ns: string, extra: string[] = []): Promise<StartedTestContainer> {
  const c = await new GenericContainer(SERVICE_IMAGE)
    .withName(name)
    .withNetwork(cluster.network)
    .withEnvironment({ QPRUNE_NATS_PING: '2', QPRUNE_LOG: 'info' })
    .withCommand(['serve', role, '--nats', cluster.innerUrl, '--namespace', ns, '--storage', 'replicas=3', '--id', name, ...extra])
    .withWaitStrategy(Wait.forLogMessage(/ready \w+/))
    .start();
  t.after(() => { spawnSync('docker', ['rm', '-f', c.getId()], { stdio: 'ignore' }); });
  return c;
}
