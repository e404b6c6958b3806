/**
 * The install as a user sees it on Node 20: npm prints no warning about our .npmrc on any call, and
 * every locked package's `engines.node` accepts this Node (an EBADENGINE warning otherwise).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

test('npm: no "Unknown project config" warning, and no locked package needs a newer Node', () => {
  const r = spawnSync('npm', ['pkg', 'get', 'name'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /Unknown (project|user|env) config/);
  const semver = createRequire(import.meta.url)('semver') as { satisfies(v: string, range: string): boolean };
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string }; optional?: boolean }> };
  // Our own floor (package.json engines) and the Node running this test must both be accepted.
  const floor = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node.replace(/^>=\s*/, '');
  for (const node of [floor, process.version.slice(1)]) {
    const needsNewer = Object.entries(lock.packages).filter(([, p]) => p.engines?.node && !semver.satisfies(node, p.engines.node) && !p.optional).map(([k, p]) => `${k} (${p.engines!.node})`);
    assert.deepEqual(needsNewer, [], `packages whose engines.node excludes Node ${node}`);
  }
});
