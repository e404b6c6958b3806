/**
 * The library as a user gets it: `npm pack` (which builds dist/), the tarball unpacked into a clean
 * temp project's node_modules beside its dependencies, and the README's "Use from TypeScript"
 * example type-checked against the package's declarations and run there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from './helpers.js';

/** The README's example: the ```ts block between the example markers. */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = readme.match(/<!-- library-example -->\s*```ts\n([\s\S]*?)```/);
  assert.ok(m, 'README.md has a ```ts block after <!-- library-example -->');
  return m[1];
}

test('the README library example type-checks and runs against the packed package in a clean project', { timeout: 10 * 60 * 1000 }, (t) => {
  const code = readmeExample();
  assert.ok(code.split('\n').filter((l) => l.trim()).length <= 20, 'the example stays short');
  const dir = tempDir(t);
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' }); // what prepack runs
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } }))[0];
  const files = packed.files.map((f: { path: string }) => f.path) as string[];
  assert.ok(files.includes('dist/mod.js') && files.includes('dist/mod.d.ts') && files.includes('models/demo-dncnn-s25/model.json'), 'built code, declarations and the demo model are packed');
  assert.ok(!files.some((f) => f.startsWith('src/') || f.startsWith('test/')), 'no sources or tests in the package');

  const project = path.join(dir, 'user-project');
  mkdirSync(path.join(project, 'node_modules/qprune'), { recursive: true });
  execFileSync('tar', ['xzf', path.join(dir, packed.filename), '-C', path.join(project, 'node_modules/qprune'), '--strip-components=1']);
  // Its dependencies as npm would have installed them (links to this checkout's installed copies).
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (name.startsWith('.') || name === 'qprune') continue;
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(project, 'node_modules', name));
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'] }, files: ['example.ts'] }));
  writeFileSync(path.join(project, 'example.ts'), code);
  // Our declarations must name only what a user can resolve (tfjs-layers' own .d.ts fail a lib check: skipLibCheck).
  const deep = spawnSync('grep', ['-rl', 'tfjs-layers/dist', path.join(project, 'node_modules/qprune/dist')], { encoding: 'utf8' }).stdout.trim();
  assert.equal(deep, '', 'no declaration imports a dependency\'s internal path');
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, `type check: ${tsc.stdout}${tsc.stderr}`);
  const run = spawnSync(process.execPath, ['example.js'], { cwd: project, encoding: 'utf8', env: { ...process.env, QPRUNE_LOG: 'warn' } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /validation PSNR \d+\.\d+ -> \d+\.\d+ dB/);
  const report = JSON.parse(readFileSync(path.join(project, 'pruned-demo/report.json'), 'utf8'));
  assert.ok(report.cost.paramsAfter < report.cost.paramsBefore);
  assert.ok(existsSync(path.join(project, 'pruned-demo/model/model.json')));
});
