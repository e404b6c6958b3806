import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { main, printable } from '../src/cli/main.js';
import path from 'node:path';
import { runCli, tempDir, encodePng, encodeMatV5 } from './helpers.js';
import { initBackend } from '../src/engine/backend.js';
import { saveTinyModel } from './fixtures/tiny-model.js';
import { h5wasm } from '../src/io/hdf5.js';

function assertOneLineError(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected, got:\n${r.stderr}`);
  assert.match(lines[0], /^qprune: error: /);
  assert.match(lines[0], pattern);
}

test('qprune --help lists the commands; unknown commands and options exit 2', () => {
  const help = runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /commands:[\s\S]*eval/);
  assert.equal(runCli(['bogus']).code, 2);
  assertOneLineError(runCli(['eval', '--modle', 'x']), /unknown option '--modle' \(did you mean --model\?\)/);
});

/** The CLI run in this process (no child process): exit code and what it wrote. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const sink = (add: (s: string) => void) => ({ write: (s: string | Uint8Array, cb?: unknown) => { add(String(s)); if (typeof cb === 'function') cb(); return true; } }) as never;
  const code = await main(args, { stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }) });
  return { code, stdout, stderr };
}

test('CLI conventions: --version, did-you-mean, negative numbers, one error style, printable messages', async (t) => {
  const v = await cli(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.stdout.trim(), `qprune ${JSON.parse(readFileSync('package.json', 'utf8')).version}`);
  assertOneLineError(await cli(['prnue']), /unknown command 'prnue' \(did you mean 'prune'\?\); qprune --help lists the commands/);
  assertOneLineError(await cli(['zzzzzz']), /unknown command 'zzzzzz'; qprune --help/);
  assertOneLineError(await cli(['prune', '--sparsty', '0.5']), /unknown option '--sparsty' \(did you mean --sparsity\?\)/);
  assertOneLineError(await cli(['prune', '--model', 'm', '--data', 'd', '--method', 'l1', '--out', 'o', '--sparsity', 'abc']), /--sparsity must be a number, got 'abc'/);
  // A negative number is the option's value, not an option (the job then names what is wrong with it).
  assertOneLineError(await cli(['prune', '--model', 'm', '--data', 'd', '--method', 'l1', '--out', 'o', '--sparsity', '-0.5']), /sparsity must be in \(0, 1\), got -0\.5/);
  assertOneLineError(await cli(['prune', '--model', 'm', '--data', 'd', '--method', 'l1', '--out', 'o', '--sparsity', '0.5', '--seed', '-1']), /^qprune: error: model not found: m$/);
  assert.equal(printable('a\u0008\u0007b\nc\td: '), 'a\\x08\\x07b; c\td');
  // An ONNX file where a tfjs/Keras model is expected: named, no raw bytes.
  const dir = tempDir(t);
  const onnx = path.join(dir, 'm.onnx');
  assert.equal((await cli(['export', '--model', 'models/demo-dncnn-s25', '--out', onnx])).code, 0);
  const bin = path.join(dir, 'renamed.bin');
  writeFileSync(bin, readFileSync(onnx));
  for (const m of [onnx, bin]) {
    const r = await cli(['eval', '--model', m, '--data', 'procedural:deadleaves:2:32', '--noise', 'gaussian:25']);
    assertOneLineError(r, /is an ONNX model: ONNX models are not accepted here; give the tfjs or Keras model/);
    assert.doesNotMatch(r.stderr, /[\u0000-\u0008]/);
  }
  // export into a folder that does not exist: an error, nothing written.
  const missing = path.join(dir, 'no', 'such', 'm.onnx');
  assertOneLineError(await cli(['export', '--model', 'models/demo-dncnn-s25', '--out', missing]), /folder .* does not exist/);
  assert.ok(!existsSync(path.dirname(missing)));
  // A validation crop larger than the images: named before any run state is written.
  const state = path.join(dir, 'state');
  assertOneLineError(await cli(['prune', '--model', 'models/demo-dncnn-s25', '--data', 'procedural:deadleaves:4:64', '--noise', 'gaussian:25', '--method', 'l1', '--sparsity', '0.5', '--crop', '512', '--state-dir', state, '--out', path.join(dir, 'p')]),
    /validation image deadleaves-0 \(64x64\) is smaller than the crop 512/);
  assert.ok(!existsSync(state), 'no run state');
});

test('solution.json is accepted as a keep file by surgery and export', async (t) => {
  const dir = tempDir(t);
  const scores = path.join(dir, 'scores.json'), sol = path.join(dir, 'solution.json');
  assert.equal((await cli(['score', '--model', 'models/demo-dncnn-s25', '--data', 'procedural:deadleaves:4:48', '--noise', 'gaussian:25', '--samples', '4', '--patch', '32', '--out', scores])).code, 0);
  assert.equal((await cli(['solve', '--scores', scores, '--sparsity', '0.5', '--method', 'fisher', '--out', sol])).code, 0);
  const solution = JSON.parse(readFileSync(sol, 'utf8')) as { groups: { id: string; keep: number[] }[] };
  const keep = path.join(dir, 'keep.json');
  writeFileSync(keep, JSON.stringify({ groups: Object.fromEntries(solution.groups.map((g) => [g.id, g.keep])) }));
  const a = await cli(['export', '--model', 'models/demo-dncnn-s25', '--keep', sol, '--out', path.join(dir, 'a.onnx')]);
  const b = await cli(['export', '--model', 'models/demo-dncnn-s25', '--keep', keep, '--out', path.join(dir, 'b.onnx')]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual(readFileSync(path.join(dir, 'a.onnx')), readFileSync(path.join(dir, 'b.onnx')), 'the same pruned model either way');
  const s = await cli(['surgery', '--model', 'models/demo-dncnn-s25', '--keep', sol, '--out', path.join(dir, 'pruned')]);
  assert.equal(s.code, 0, s.stderr);
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ groups: [{ id: 'g0' }] }));
  assertOneLineError(await cli(['export', '--model', 'models/demo-dncnn-s25', '--keep', path.join(dir, 'bad.json'), '--out', path.join(dir, 'c.onnx')]), /groups\[0\] of a solution needs "id" and "keep"/);
});

test('eval errors: missing paths, corrupt PNG, truncated .h5, wrong-shape .mat — one line, exit 2', async (t) => {
  await initBackend('wasm');
  const dir = tempDir(t);
  const model = await saveTinyModel(path.join(dir, 'model'));
  assertOneLineError(runCli(['eval', '--model', path.join(dir, 'missing'), '--data', dir]), /model not found: .*missing/);
  assertOneLineError(runCli(['eval', '--model', model, '--data', path.join(dir, 'nodata'), '--noise', 'gaussian:25']), /data not found: .*nodata/);

  mkdirSync(path.join(dir, 'corrupt'));
  writeFileSync(path.join(dir, 'corrupt', 'a.png'), encodePng(16, 16, 1, 8, new Array(256).fill(9)));
  writeFileSync(path.join(dir, 'corrupt', 'b.png'), Buffer.from('\x89PNG\r\n\x1a\nthis is not really a png'));
  assertOneLineError(runCli(['eval', '--model', model, '--data', path.join(dir, 'corrupt'), '--noise', 'gaussian:25']), /cannot read image .*b\.png/);

  mkdirSync(path.join(dir, 'keras'));
  writeFileSync(path.join(dir, 'keras', 'model.json'), JSON.stringify({ class_name: 'Model', config: { layers: [] } }));
  writeFileSync(path.join(dir, 'keras', 'model.h5'), Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0]), Buffer.alloc(100)]));
  const h5 = runCli(['eval', '--model', path.join(dir, 'keras', 'model.h5'), '--data', 'procedural:deadleaves:1:32', '--noise', 'gaussian:25']);
  assertOneLineError(h5, /model\.h5: corrupt HDF5 superblock/);
  await h5wasm.ready;
  const real = new h5wasm.File(path.join(dir, 'keras', 'real.h5'), 'w');
  real.create_dataset({ name: 'w', data: new Float32Array(20000), shape: [20000], dtype: '<f' });
  real.close();
  const bytes = readFileSync(path.join(dir, 'keras', 'real.h5'));
  writeFileSync(path.join(dir, 'keras', 'model.h5'), bytes.subarray(0, bytes.length >> 1));
  const cut = runCli(['eval', '--model', path.join(dir, 'keras', 'model.h5'), '--data', 'procedural:deadleaves:1:32', '--noise', 'gaussian:25']);
  assertOneLineError(cut, /model\.h5: truncated HDF5 file \(\d+ bytes, its header says \d+\)/);

  mkdirSync(path.join(dir, 'sidd'));
  writeFileSync(path.join(dir, 'sidd', 'ValidationNoisyBlocksSrgb.mat'), encodeMatV5('ValidationNoisyBlocksSrgb', [2, 16, 16, 3], new Uint8Array(2 * 16 * 16 * 3), true));
  writeFileSync(path.join(dir, 'sidd', 'ValidationGtBlocksSrgb.mat'), encodeMatV5('ValidationGtBlocksSrgb', [2, 16, 16, 3], new Uint8Array(2 * 16 * 16 * 3), true));
  assertOneLineError(runCli(['eval', '--model', model, '--data', path.join(dir, 'sidd')]), /has shape \[2,16,16,3\], expected \[images, blocks, height, width, 3\]/);

  assertOneLineError(runCli(['eval', '--model', model, '--data', 'procedural:deadleaves:2:32', '--noise', 'gaussian:-3']), /invalid noise/);
  assertOneLineError(runCli(['eval', '--model', model, '--data', 'procedural:deadleaves:2:32', '--noise', 'gaussian:25', '--backend', 'node-gpu']), /backend 'node-gpu' is not available/);
});

test('eval --json reports PSNR, SSIM, backend, workers and throughput; worker pool matches in-thread', async (t) => {
  await initBackend('wasm');
  const dir = tempDir(t);
  const model = await saveTinyModel(path.join(dir, 'model'));
  const args = ['eval', '--engine', 'tfjs', '--model', model, '--data', 'procedural:deadleaves:4:48', '--noise', 'gaussian:25', '--seed', '3', '--json'];
  const pooled = runCli([...args, '--workers', '2']);
  const inThread = runCli([...args, '--workers', '0']);
  assert.equal(pooled.code, 0, pooled.stderr);
  assert.equal(inThread.code, 0, inThread.stderr);
  const a = JSON.parse(pooled.stdout), b = JSON.parse(inThread.stdout);
  assert.equal(a.images, 4);
  assert.equal(a.workers, 2);
  assert.equal(b.workers, 0);
  assert.equal(a.backend.name, 'wasm');
  assert.ok(a.gflopPerSecond > 0 && a.seconds > 0);
  assert.deepEqual(a.perImage.map((s: { psnr: number }) => s.psnr), b.perImage.map((s: { psnr: number }) => s.psnr));
  assert.ok(a.meanSsim > 0 && a.meanSsim < 1);
  // onnxruntime on the exported model agrees with tfjs.
  const ort = JSON.parse(runCli([...args.filter((x) => x !== 'tfjs' && x !== '--engine'), '--engine', 'ort']).stdout);
  assert.equal(ort.engine, 'ort');
  ort.perImage.forEach((s: { psnr: number }, i: number) => assert.ok(Math.abs(s.psnr - a.perImage[i].psnr) < 1e-3, `image ${i}`));
  // Seeded: a second run gives identical figures.
  const again = JSON.parse(runCli([...args, '--workers', '2']).stdout);
  assert.equal(again.meanPsnr, a.meanPsnr);
});

test('qprune runs ls|show|rm|gc: status, size and age of run states; failed runs marked with their error', async (t) => {
  const { runPruneJob } = await import('../src/pipeline/prune-job.js');
  const { DirRunStore } = await import('../src/pipeline/run-store.js');
  const { collectable, listRuns } = await import('../src/pipeline/run-list.js');
  const dir = tempDir(t), state = path.join(dir, 'runs');
  const job = { model: 'models/demo-dncnn-s25', data: 'procedural:deadleaves:4:64', noise: 'gaussian:25', method: 'l1', sparsity: 0.5, sweep: [], calibration: { samples: 4, patch: 32 }, validation: { count: 2, crop: 48 } };
  await runPruneJob({ ...job, out: path.join(dir, 'ok') }, { store: new DirRunStore(state, 'good') });
  // Calibration patches larger than the images: the run fails after its job is saved.
  await assert.rejects(runPruneJob({ ...job, calibration: { samples: 4, patch: 80 }, out: path.join(dir, 'bad') }, { store: new DirRunStore(state, 'bad') }), /smaller than the patch size 80/);
  mkdirSync(path.join(state, 'loose'));
  writeFileSync(path.join(state, 'loose', 'scores.json'), '{}');
  const ls = await cli(['runs', 'ls', '--state-dir', state]);
  assert.equal(ls.code, 0, ls.stderr);
  assert.match(ls.stdout, /^good\s+done\s+.*l1@50% -> .*ok$/m);
  assert.match(ls.stdout, /^bad\s+failed\s+.*error: .*smaller than the patch size 80/m);
  assert.match(ls.stdout, /^loose\s+other\s/m);
  assert.match(ls.stdout, /3 runs, /);
  const show = JSON.parse((await cli(['runs', 'show', 'good', '--state-dir', state, '--json'])).stdout);
  assert.ok(show.entries.some((e: { key: string }) => e.key === 'scores') && show.bytes > 0);
  assertOneLineError(await cli(['runs', 'show', 'nope', '--state-dir', state]), /no run 'nope' in /);
  assertOneLineError(await cli(['runs', 'list', '--state-dir', state]), /runs needs ls, show, rm or gc, got 'list'/);
  // gc: only finished and failed runs past the age; 0 days = any age.
  const runs = await listRuns(state);
  assert.deepEqual(collectable(runs, 7, new Date()).map((r) => r.id), []);
  assert.deepEqual(collectable(runs, 7, new Date(Date.now() + 8 * 86400e3)).map((r) => r.id).sort(), ['bad', 'good']);
  const gc = await cli(['runs', 'gc', '--older-than', '0', '--state-dir', state]);
  assert.match(gc.stdout, /removed 2 runs/);
  assert.equal((await cli(['runs', 'rm', 'loose', '--state-dir', state])).code, 0);
  assert.equal((await cli(['runs', 'ls', '--state-dir', state])).stdout.trim(), `no runs in ${state}`);
});

test('run-state keys past 64 characters are cut to 64 with a hash of the whole; shorter ones unchanged', async (t) => {
  const { DirRunStore, fitKey } = await import('../src/pipeline/run-store.js');
  const short = 'solve-hybrid-589121-flops-i3-s0';
  assert.equal(fitKey(short), short);
  const long = 'scores-step2-linear-hybrid-589121-flops-le0-sh0-sh0-si0-ta0-ta0-i3-s0';
  const other = long.replace('ta0-i3', 'ta1-i3');
  assert.equal(fitKey(long).length, 64);
  assert.notEqual(fitKey(long), fitKey(other), 'keys that differ past the cut stay apart');
  assert.equal(fitKey(long), fitKey(long));
  const store = new DirRunStore(tempDir(t), 'keys');
  await assert.rejects(store.put(long, '{}'), /bad run-state key/);
  await store.put(fitKey(long), '{"a":1}');
  assert.equal(await store.get(fitKey(long)), '{"a":1}');
  assert.equal(await store.get(fitKey(other)), undefined);
});

test('every command\'s help names every option it parses', async () => {
  const { readdirSync } = await import('node:fs');
  const names = readdirSync('src/cli').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
  const commands = names.filter((n) => /export const command: Command/.test(readFileSync(`src/cli/${n}.ts`, 'utf8')));
  assert.ok(commands.length >= 14, commands.join(' '));
  const top = (await cli(['--help'])).stdout;
  for (const n of commands) {
    assert.match(top, new RegExp(`^  ${n}\\b`, 'm'), `qprune --help lists ${n}`);
    const src = readFileSync(`src/cli/${n}.ts`, 'utf8');
    const options = new Set([...src.matchAll(/(?:^|[\s{,])'?([a-z][\w-]*)'?: \{ type: '(?:string|boolean)'/g)].map((m) => m[1]));
    const help = (await cli([n, '--help'])).stdout;
    for (const o of options) assert.match(help, new RegExp(`--${o}\\b`), `qprune ${n} --help names --${o}`);
  }
  assert.match((await cli(['serve', '--help'])).stdout, /coordinator\|scorer\|solver\|evaluator/);
  assert.match((await cli(['train', '--help'])).stdout, /--arch dncnn\|halfunet/);
});
