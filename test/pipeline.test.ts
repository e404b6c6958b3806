import { test } from 'node:test';
import { formulationByName } from '../src/qubo/formulations/registry.js';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { ROOT, runCli, tempDir } from './helpers.js';
import { initBackend, tf } from '../src/engine/backend.js';
import { saveModel } from '../src/io/model-io.js';

const DEMO = 'models/demo-dncnn-s25';
const DATA = ['--data', 'procedural:deadleaves:6:64', '--noise', 'gaussian:25'];
const SMALL = ['--calib', '8', '--patch', '32', '--val', '4', '--crop', '48'];

test('qprune prune: pruned model, solution and report; refined answer never below the QUBO answer; bad input exits 2', async (t) => {
  const dir = tempDir(t);
  const STATE = ['--state-dir', tempDir(t)];
  const out = path.join(dir, 'pruned');
  const r = runCli(['prune', '--model', DEMO, ...DATA, '--sparsity', '0.5', '--method', 'hybrid', '--refine', 'protes', '--budget', '20', '--finetune', '5', ...SMALL, ...STATE, '--workers', '0', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['model', 'report.html', 'report.json', 'solution.json']);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  const solution = JSON.parse(readFileSync(path.join(out, 'solution.json'), 'utf8'));
  assert.equal(solution.groups.reduce((a: number, g: { keep: number[] }) => a + g.keep.length, 0), Math.round(0.5 * solution.total));
  assert.ok(report.validation.after.psnr >= report.validation.solved.psnr);
  assert.ok(report.cost.paramsAfter < report.cost.paramsBefore && report.cost.flopsAfter < report.cost.flopsBefore);
  for (const s of ['score', 'solve', 'refine', 'surgery', 'finetune']) assert.ok(report.timings[s] >= 0, `timing of ${s}`);
  // Fine-tuning ran its steps and was evaluated; the report's sweep has every method at 25/36/50%.
  assert.equal(report.finetune.steps, 5);
  assert.ok(Number.isFinite(report.validation.finetuned.psnr));
  assert.equal(report.sweep.length, 21);
  assert.deepEqual([...new Set(report.sweep.map((row: { method: string }) => row.method))], ['l1', 'taylor', 'fisher', 'l1-qubo', 'hybrid', 'hybrid-paper', 'reconstruction']);
  assert.ok(report.refine.trace.length > 0 && report.energyTraces.length > 0);
  // Noisy, full, this model, this model before fine-tuning, the best other method at 50%, clean.
  assert.deepEqual(report.crops.map((c: { label: string }) => c.label.replace(/ \(.*|:.*/, '')), ['noisy input', 'full model', 'pruned', 'hybrid+tt@50% before fine-tuning', 'best other method', 'clean target']);
  // report.html is self-contained: charts inline, crops as data URIs, nothing fetched.
  const html = readFileSync(path.join(out, 'report.html'), 'utf8');
  for (const needle of ['PSNR vs sparsity', 'Kept fraction per layer', 'swap-SA energy', 'best validation PSNR vs evaluations', 'data:image/png;base64,']) assert.ok(html.includes(needle), needle);
  assert.ok(!/(src|href)="(https?:)?\/\//.test(html), 'no external resources');
  // The saved model reloads and runs; its weights file holds exactly the reported parameters (float32).
  const ev = runCli(['eval', '--model', path.join(out, 'model'), ...DATA, '--limit', '2', '--json']);
  assert.equal(ev.code, 0, ev.stderr);
  const weights = readFileSync(path.join(out, 'model/weights.bin')).length / 4;
  assert.equal(weights, report.cost.paramsAfter);
  // Refuses an existing output; --force replaces it; no temp dirs left behind.
  const again = runCli(['prune', '--model', DEMO, ...DATA, '--sparsity', '0.5', '--method', 'l1', ...SMALL, ...STATE, '--out', out]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists \(use --force/);
  const forced = runCli(['prune', '--model', DEMO, ...DATA, '--sparsity', '0.25', '--method', 'taylor', '--per-layer', ...SMALL, ...STATE, '--sweep', 'none', '--out', out, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).method, 'taylor');
  assert.deepEqual(readdirSync(dir), ['pruned']);
  await initBackend('cpu');
  for (const [args, msg] of [
    [['--sparsity', '1', '--method', 'hybrid'], /sparsity must be in \(0, 1\)/],
    [['--sparsity', '0', '--method', 'hybrid'], /sparsity must be in \(0, 1\)/],
    [['--sparsity', '0.5', '--method', 'l1', '--refine', 'protes'], /needs a QUBO method/],
    [['--sparsity', '0.5', '--method', 'magic'], /method must be one of/],
    [['--sparsity', '0.5', '--method', 'hybrid', '--continue', '100'], /--continue needs --refine M/],
    [['--sparsity', '0.5', '--method', 'hybrid', '--finalists', '4'], /--finalists needs --refine M/],
    [['--sparsity', '0.5', '--method', 'hybrid', '--refine', 'ea', '--continue', '100x2'], /--continue: the continuation's crop must be >= 8 pixels/],
  ] as const) {
    const bad = runCli(['prune', '--model', DEMO, ...DATA, ...args, ...SMALL, ...STATE, '--out', path.join(dir, 'x')]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, msg);
    assert.ok(!existsSync(path.join(dir, 'x')));
  }
  // A model whose every channel reaches the input or output has nothing to prune.
  const flat = path.join(dir, 'flat');
  const input = tf.input({ shape: [null, null, 1] as unknown as number[] });
  await saveModel(tf.model({ inputs: input, outputs: tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor }), flat);
  const noGroups = runCli(['prune', '--model', flat, ...DATA, '--sparsity', '0.5', '--method', 'hybrid', ...SMALL, ...STATE, '--out', path.join(dir, 'z')]);
  assert.equal(noGroups.code, 2, noGroups.stderr);
  assert.match(noGroups.stderr, /no prunable channel groups/);
  assert.ok(!existsSync(path.join(dir, 'z')));
  const empty = path.join(dir, 'empty');
  mkdirSync(empty);
  const noImages = runCli(['prune', '--model', DEMO, '--data', empty, '--noise', 'gaussian:25', '--sparsity', '0.5', '--method', 'l1', ...STATE, '--out', path.join(dir, 'y')]);
  assert.equal(noImages.code, 2);
  assert.match(noImages.stderr, /no images/);
});

test('Ctrl-C mid-refinement leaves no output; --resume finishes without recomputing finished work, same answer', async (t) => {
  const dir = tempDir(t), state = tempDir(t);
  const args = ['prune', '--model', DEMO, ...DATA, '--sparsity', '0.5', '--method', 'hybrid', '--refine', 'protes', '--budget', '60', ...SMALL, '--workers', '0', '--sweep', 'none', '--seed', '3'];
  // Reference: the same run, uninterrupted.
  const ref = runCli([...args, '--state-dir', state, '--out', path.join(dir, 'ref')]);
  assert.equal(ref.code, 0, ref.stderr);
  const out = path.join(dir, 'out');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/qprune.js'), ...args, '--state-dir', state, '--run', 'r1', '--out', out], { cwd: ROOT, env: { ...process.env, QPRUNE_LOG: 'warn' } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const journal = path.join(state, 'r1', 'evaluations.json');
  // Interrupt once refinement has evaluated some candidates (the journal holds > 10 entries).
  const interrupted = await new Promise<boolean>((resolve) => {
    const poll = setInterval(() => {
      let n = 0;
      try { n = JSON.parse(readFileSync(journal, 'utf8')).length; } catch { /* not written yet */ }
      if (n > 10) { clearInterval(poll); child.kill('SIGINT'); resolve(true); }
    }, 20);
    child.on('exit', () => { clearInterval(poll); resolve(false); });
  });
  assert.ok(interrupted, `run finished before it could be interrupted: ${stderr}`);
  const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (c) => resolve(c))));
  assert.equal(code, 130, stderr);
  assert.match(stderr, /--resume r1/);
  assert.ok(!existsSync(out), 'no output after Ctrl-C');
  assert.deepEqual(readdirSync(dir).sort(), ['ref'], 'no temp dirs left');
  const done = JSON.parse(readFileSync(journal, 'utf8')).length;
  const resumed = runCli(['prune', '--resume', 'r1', '--state-dir', state]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  const refReport = JSON.parse(readFileSync(path.join(dir, 'ref', 'report.json'), 'utf8'));
  assert.equal(report.run.resumed, true);
  assert.equal(report.scores.resumed, true, 'scores came from the run state');
  assert.ok(report.evaluations.replayedFromRunState >= done, 'finished evaluations replayed from the journal');
  // Every candidate evaluated exactly once over both processes, and the same answer as the uninterrupted run.
  assert.equal(report.evaluations.sent + report.evaluations.replayedFromRunState, refReport.evaluations.sent);
  assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'solution.json'), 'utf8')).groups.map((g: { keep: number[] }) => g.keep),
    JSON.parse(readFileSync(path.join(dir, 'ref', 'solution.json'), 'utf8')).groups.map((g: { keep: number[] }) => g.keep));
  assert.equal(report.validation.after.psnr, refReport.validation.after.psnr);
  // A finished run cannot be resumed again; an unknown one is named.
  const twice = runCli(['prune', '--resume', 'r1', '--state-dir', state]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /already finished/);
  const unknown = runCli(['prune', '--resume', 'nope', '--state-dir', state]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no run 'nope'/);
});

test('prune --steps, --tune, --budget-by flops, --select: iterative re-scoring, weights chosen on the selection split, FLOPs within the budget', (t) => {
  const dir = tempDir(t);
  const STATE = ['--state-dir', tempDir(t)];
  const common = ['prune', '--model', DEMO, ...DATA, '--select', 'procedural:deadleaves:5:64', ...SMALL, ...STATE, '--sweep', 'none', '--workers', '0'];
  // Per layer in 3 steps: the same k per group as one step, three solves on three score sets.
  const one = runCli([...common, '--sparsity', '0.5', '--method', 'fisher', '--per-layer', '--out', path.join(dir, 'one')]);
  assert.equal(one.code, 0, one.stderr);
  const three = runCli([...common, '--sparsity', '0.5', '--method', 'fisher', '--per-layer', '--steps', '3', '--out', path.join(dir, 'three')]);
  assert.equal(three.code, 0, three.stderr);
  const sol1 = JSON.parse(readFileSync(path.join(dir, 'one', 'solution.json'), 'utf8'));
  const sol3 = JSON.parse(readFileSync(path.join(dir, 'three', 'solution.json'), 'utf8'));
  assert.deepEqual(sol3.groups.map((g: { k: number }) => g.k), sol1.groups.map((g: { k: number }) => g.k));
  assert.deepEqual(sol3.info.steps.map((s: { step: number }) => s.step), [1, 2, 3]);
  for (const g of sol3.groups) assert.ok(g.keep.every((i: number, j: number) => i >= 0 && i < g.size && (j === 0 || i > g.keep[j - 1])), `${g.id}: keep lists in the original model's indices`);
  const rep3 = JSON.parse(readFileSync(path.join(dir, 'three', 'report.json'), 'utf8'));
  assert.match(rep3.validation.source, /procedural.*5/, 'validation crops from --select');
  // Tuned hybrid-paper under a FLOPs budget, in 2 steps: the grid is reported and its best is the answer.
  const tuned = runCli([...common, '--sparsity', '0.6', '--method', 'hybrid-paper', '--budget-by', 'flops', '--tune', '--steps', '2', '--out', path.join(dir, 'tuned')]);
  assert.equal(tuned.code, 0, tuned.stderr);
  const rep = JSON.parse(readFileSync(path.join(dir, 'tuned', 'report.json'), 'utf8'));
  assert.equal(rep.budgetBy, 'flops');
  assert.ok(rep.cost.flopsAfter <= 0.4 * rep.cost.flopsBefore * (1 + 1e-9), `FLOPs ${rep.cost.flopsAfter} within 40% of ${rep.cost.flopsBefore}`);
  assert.equal(rep.tune.grid.length, formulationByName('hybrid-paper').tuneGrid.length, 'every point of the declared grid');
  const best = rep.tune.grid.reduce((a: { psnr: number }, b: { psnr: number }) => (b.psnr > a.psnr ? b : a));
  assert.deepEqual(rep.tune.best, best.weights);
  assert.ok(Math.abs(rep.validation.solved.psnr - best.psnr) < 1e-9, 'the tuned answer is the grid point that won');
  const bad = runCli([...common, '--sparsity', '0.5', '--method', 'fisher', '--per-layer', '--budget-by', 'flops', '--out', path.join(dir, 'bad')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /budgetBy flops needs the global budget/);
  assert.ok(!existsSync(path.join(dir, 'bad')));
});
