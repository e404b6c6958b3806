import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { runCli, tempDir } from './helpers.js';

const DEMO = 'models/demo-dncnn-s25';
const DATA = ['--data', 'procedural:deadleaves:6:64', '--noise', 'gaussian:25'];
const SMALL = ['--calib', '8', '--patch', '32', '--val', '4', '--crop', '48'];

test('qprune prune: pruned model, solution and report; refined answer never below the QUBO answer; bad input exits 2', async (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'pruned');
  const r = runCli(['prune', '--model', DEMO, ...DATA, '--sparsity', '0.5', '--method', 'hybrid', '--refine', 'protes', '--budget', '20', ...SMALL, '--workers', '0', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['model', 'report.json', 'solution.json']);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  const solution = JSON.parse(readFileSync(path.join(out, 'solution.json'), 'utf8'));
  assert.equal(solution.groups.reduce((a: number, g: { keep: number[] }) => a + g.keep.length, 0), Math.round(0.5 * solution.total));
  assert.ok(report.validation.after.psnr >= report.validation.solved.psnr);
  assert.ok(report.cost.paramsAfter < report.cost.paramsBefore && report.cost.flopsAfter < report.cost.flopsBefore);
  for (const s of ['score', 'solve', 'refine', 'surgery']) assert.ok(report.timings[s] >= 0, `timing of ${s}`);
  // The saved model reloads and runs; its weights file holds exactly the reported parameters (float32).
  const ev = runCli(['eval', '--model', path.join(out, 'model'), ...DATA, '--limit', '2', '--json']);
  assert.equal(ev.code, 0, ev.stderr);
  const weights = readFileSync(path.join(out, 'model/weights.bin')).length / 4;
  assert.equal(weights, report.cost.paramsAfter);
  // Refuses an existing output; --force replaces it; no temp dirs left behind.
  const again = runCli(['prune', '--model', DEMO, ...DATA, '--sparsity', '0.5', '--method', 'l1', ...SMALL, '--out', out]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists \(use --force/);
  const forced = runCli(['prune', '--model', DEMO, ...DATA, '--sparsity', '0.25', '--method', 'taylor', '--per-layer', ...SMALL, '--out', out, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).method, 'taylor');
  assert.deepEqual(readdirSync(dir), ['pruned']);
  for (const [args, msg] of [
    [['--sparsity', '1', '--method', 'hybrid'], /sparsity must be in \(0, 1\)/],
    [['--sparsity', '0', '--method', 'hybrid'], /sparsity must be in \(0, 1\)/],
    [['--sparsity', '0.5', '--method', 'l1', '--refine', 'protes'], /needs a QUBO method/],
    [['--sparsity', '0.5', '--method', 'magic'], /--method must be one of/],
  ] as const) {
    const bad = runCli(['prune', '--model', DEMO, ...DATA, ...args, ...SMALL, '--out', path.join(dir, 'x')]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, msg);
    assert.ok(!existsSync(path.join(dir, 'x')));
  }
  const empty = path.join(dir, 'empty');
  mkdirSync(empty);
  const noImages = runCli(['prune', '--model', DEMO, '--data', empty, '--noise', 'gaussian:25', '--sparsity', '0.5', '--method', 'l1', '--out', path.join(dir, 'y')]);
  assert.equal(noImages.code, 2);
  assert.match(noImages.stderr, /no images/);
});
