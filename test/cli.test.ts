import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
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
  assertOneLineError(runCli(['eval', '--modle', 'x']), /Unknown option '--modle'/);
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
