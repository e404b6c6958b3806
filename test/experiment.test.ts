import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { initBackend, tf } from '../src/engine/backend.js';
import { buildHalfUNet } from '../src/model/architectures.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { exportOnnx } from '../src/onnx/export.js';
import { OrtModel } from '../src/onnx/ort-engine.js';
import { Rng } from '../src/data/rng.js';
import { runCli, tempDir } from './helpers.js';

await initBackend('wasm');

test('Half-UNet: levels fused by addition form one channel group; pruned model and its ONNX export match tfjs', async () => {
  const model = buildHalfUNet({ levels: 4, filters: 8, channels: 3, seed: 1 });
  // A trained net's last conv is not zero: give it weights so the output depends on every layer.
  const last = model.getLayer('out');
  last.setWeights(last.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', 10 + i)));
  const graph = analyzeChannels(model);
  const prunable = graph.groups.filter((g) => g.prunable);
  assert.equal(prunable.length, 7, 'enc1a..enc4a, the fused group, dec1, dec2');
  const fused = prunable.find((g) => g.producers.length === 4);
  assert.deepEqual(fused?.producers.sort(), ['enc1b', 'enc2b', 'enc3b', 'enc4b']);
  const rng = new Rng(5);
  const keep = new Map(prunable.map((g) => [g.id, Uint8Array.from({ length: g.size }, (_, i) => (i === 0 || rng.next() < 0.5 ? 1 : 0))]));
  const pruned = await prune(model, keep, graph);
  assert.ok(pruned.countParams() < model.countParams());
  const x = tf.randomNormal([2, 32, 32, 3], 0.5, 0.2, 'float32', 3);
  const want = (pruned.predict(x) as tf.Tensor).dataSync();
  for (const bytes of [exportOnnx(pruned), exportOnnx(model, { keep })]) {
    const ort = await OrtModel.create(bytes, { threads: 1 });
    const got = await ort.runBatch(x.dataSync() as Float32Array, [2, 32, 32, 3]);
    await ort.release();
    let m = 0;
    for (let i = 0; i < want.length; i++) m = Math.max(m, Math.abs(got.data[i] - want[i]));
    assert.ok(m < 1e-4, `ONNX vs tfjs max difference ${m}`);
  }
});

test('qprune demo: every method with PSNR and FLOPs, report files; replaces only its own report', (t) => {
  const dir = tempDir(t);
  const out = path.join(dir, 'demo');
  const r = runCli(['demo', '--finetune', '5', '--budget', '20', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  for (const m of ['l1', 'taylor', 'fisher', 'l1-qubo', 'hybrid', 'hybrid-paper', 'reconstruction', 'cross-layer', 'hybrid+tt']) {
    const row = lines.find((l) => l.startsWith(`${m} `));
    assert.ok(row, `table row for ${m}`);
    assert.match(row!, /\d+\.\d{3}\s.*\d+\.\d%/, `${m}: PSNR and FLOPs`);
  }
  assert.deepEqual(readdirSync(out).sort(), ['report.html', 'report.json', 'results.md']);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'));
  assert.equal(report.rows.length, 9);
  for (const row of report.rows) assert.ok(Number.isFinite(row.testPsnr) && row.flopsFraction > 0 && row.flopsFraction < 1);
  assert.equal(report.transport, 'worker', 'the embedded default runs its jobs on worker threads');
  // Running again replaces the previous demo report; a directory that is not one is refused.
  assert.equal(runCli(['demo', '--finetune', '0', '--budget', '10', '--out', out]).code, 0);
  const other = path.join(dir, 'other');
  mkdirSync(other);
  writeFileSync(path.join(other, 'keep.txt'), 'x');
  const refused = runCli(['demo', '--out', other]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /not a demo report/);
  assert.deepEqual(readdirSync(other), ['keep.txt']);
});

test('qprune experiment: methods x sparsities x cells x seeds on a test set, matched FLOPs, tuned rows, selection split; resumes; bad input exits 2', (t) => {
  const dir = tempDir(t), state = tempDir(t);
  const base = ['experiment', '--model', 'models/demo-dncnn-s25', '--calib', 'procedural:deadleaves:8:64', '--select', 'procedural:deadleaves:6:64', '--test', 'procedural:deadleaves:4:64', '--noise', 'gaussian:25',
    '--sparsities', '0.5', '--tt', '10', '--tune', '--methods', 'l1,taylor,fisher,l1-qubo,hybrid,hybrid-paper', '--seeds', '0,1', '--calib-samples', '8', '--val', '4', '--crop', '48', '--state-dir', state];
  const r = runCli([...base, '--out', path.join(dir, 'e1')]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(readFileSync(path.join(dir, 'e1', 'results.json'), 'utf8'));
  const suite = json.suites[0];
  const rows = suite.rows;
  assert.equal(rows.length, 2 * 2 * 9, 'seeds x cells x (6 methods + 2 tuned + hybrid+tt)');
  for (const row of rows) assert.ok(Number.isFinite(row.testPsnr));
  assert.match(suite.selection, /procedural.*6/, 'validation crops from the selection split');
  // Every row of a global-flops cell is within one filter's cost of the per-layer FLOPs of the same sparsity, never above.
  for (const seed of [0, 1]) {
    const perLayer = rows.find((x: { seed: number; perLayer: boolean; method: string }) => x.seed === seed && x.perLayer && x.method === 'l1');
    for (const x of rows.filter((y: { seed: number; budgetBy?: string }) => y.seed === seed && y.budgetBy === 'flops')) {
      assert.ok(x.flopsFraction <= perLayer.flopsFraction + 1e-9 && x.flopsFraction > perLayer.flopsFraction - 0.02, `${x.label}: FLOPs ${x.flopsFraction} vs per layer ${perLayer.flopsFraction}`);
    }
  }
  const tunedRows = rows.filter((x: { tuned?: Record<string, number> }) => x.tuned);
  assert.equal(tunedRows.length, 2 * 2 * 2);
  assert.equal(suite.tuning.length, tunedRows.length, 'every tuned row reports its grid');
  for (const t0 of suite.tuning) {
    const best = Math.max(...t0.grid.map((p: { psnr: number }) => p.psnr));
    const row = rows.find((x: { seed: number; label: string }) => x.seed === t0.seed && x.label === t0.label);
    assert.ok(Math.abs(row.psnr - best) < 1e-9, `${t0.label}: the tuned row is the grid's best on the selection crops`);
  }
  const md = readFileSync(path.join(dir, 'e1', 'results.md'), 'utf8');
  assert.match(md, /Hardware: .*cores/);
  assert.match(md, /\| per layer 50% \| hybrid\+tt \|/);
  assert.match(md, /global, FLOPs of per layer 50% \| hybrid-paper\(tuned\) \|/);
  assert.match(md, /hybrid − fisher [+-]\d\.\d{3} dB \(s0 [+-]\d\.\d{3}, s1 [+-]\d\.\d{3}\)/);
  assert.match(md, /Tuning grids/);
  // The report shows images: inputs, the full model, and per cell the best row and the best greedy row.
  const html = readFileSync(path.join(dir, 'e1', 'report.html'), 'utf8');
  assert.match(html, /<figcaption>[^<]*: noisy input/);
  assert.match(html, /<figcaption>[^<]*: full model/);
  for (const cell of ['per layer 50%', 'global, FLOPs of per layer 50%']) assert.match(html, new RegExp(`<figcaption>[^<]* ${cell.replace(/[()%]/g, '.')}: [^<]*\\(best test PSNR\\)`), cell);
  assert.ok(!/data:image/.test(readFileSync(path.join(dir, 'e1', 'results.json'), 'utf8')), 'no images in results.json');
  // A second run with the same state reuses every finished row: same numbers.
  const again = runCli([...base, '--out', path.join(dir, 'e2')]);
  assert.equal(again.code, 0, again.stderr);
  const suite2 = JSON.parse(readFileSync(path.join(dir, 'e2', 'results.json'), 'utf8')).suites[0];
  assert.equal(suite2.reused, rows.length, 'every row, tuned ones too, from the run state');
  const rows2 = suite2.rows;
  assert.deepEqual(rows2.map((x: { testPsnr: number }) => x.testPsnr), rows.map((x: { testPsnr: number }) => x.testPsnr));
  for (const [args, msg] of [
    [['--sparsities', '1.5'], /sparsity must be in \(0, 1\)/],
    [['--methods', 'magic'], /unknown method 'magic'/],
    [['--modes', 'sometimes'], /'sometimes' is not one of per-layer, global-flops, global/],
    [['--seed', '3'], /give --seed or --seeds, not both/],
    [['--tt-refiners', 'protes,magic'], /--tt-refiners: 'magic' is not a refiner/],
    [['--tt-refiners', 'random:steps'], /only protes takes a prior/],
    [['--tt-refiners', 'protes,protes:screened'], /protes is listed twice \(protes is protes:screened\)/],
    [['--tt-finalists', '2y'], /--tt-finalists must be N or NxC/],
    [['--tt-continue', '2:3'], /--tt-continue must be B or BxC/],
    [['--val-margin', '-1'], /--val-margin must be an integer >= 0/],
    // The finalists' crop is checked against the selection images before the scoring pass, not after the search.
    [['--tt-finalists', '2x512'], /validation image deadleaves-0 \(64x64\) is smaller than the crop 512/],
    [['--val-margin', '9'], /smaller than the crop 66 \(48 \+ 2 x margin 9\)/],
  ] as const) {
    const bad = runCli([...base, ...args, '--out', path.join(dir, 'bad')]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, msg);
    assert.doesNotMatch(bad.stderr, /\] score|\] refine /, 'refused before any scoring or search');
  }
  const noCalib = runCli(['experiment', '--model', 'models/demo-dncnn-s25', '--out', path.join(dir, 'bad')]);
  assert.equal(noCalib.code, 2);
  assert.match(noCalib.stderr, /needs --calib/);
  const noShared = runCli(['experiment', '--shared', path.join(dir, 'nowhere'), '--out', path.join(dir, 'bad')]);
  assert.equal(noShared.code, 2);
  assert.match(noShared.stderr, /preset 'dncnn' needs/);
  const badPreset = runCli(['experiment', '--preset', 'nope', '--out', path.join(dir, 'bad')]);
  assert.equal(badPreset.code, 2);
  assert.match(badPreset.stderr, /unknown --preset 'nope' \(paper, zoo\)/);
  // --estimate prints the estimate (logged before every run) and writes nothing.
  const est = runCli([...base, '--estimate', '--out', path.join(dir, 'est')]);
  assert.equal(est.code, 0, est.stderr);
  assert.match(est.stdout, /estimate \(before it starts.*\): demo-dncnn-s25 ~/);
  assert.deepEqual(readdirSync(dir).sort(), ['e1', 'e2']);
});

test('qprune experiment --tt-finalists, --tt-continue: every refined row continues its search on larger crops and picks among the continuation\'s best on larger ones still, reported per row', (t) => {
  const dir = tempDir(t), state = tempDir(t);
  const r = runCli(['experiment', '--model', 'models/demo-dncnn-s25', '--calib', 'procedural:deadleaves:8:64', '--select', 'procedural:deadleaves:6:64', '--test', 'procedural:deadleaves:2:64', '--noise', 'gaussian:25',
    '--sparsities', '0.5', '--modes', 'per-layer', '--methods', 'hybrid', '--tt', '12', '--tt-refiners', 'protes,random', '--tt-finalists', '3x64', '--tt-continue', '20x48', '--calib-samples', '8', '--val', '4', '--crop', '32', '--state-dir', state, '--out', path.join(dir, 'e')]);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(readFileSync(path.join(dir, 'e', 'results.json'), 'utf8')).suites[0].rows;
  const refined = rows.filter((x: { refined?: unknown }) => x.refined);
  assert.equal(refined.length, 2);
  for (const x of refined) {
    const f = x.refined.finalists, c = x.refined.continuation;
    // Every search continues on 48² crops, from the best there of the solver's answer and the search's best points.
    assert.equal(c.crop, 48);
    assert.ok(c.evaluations >= 1 && c.evaluations <= 20 && c.selectionGain >= c.startGain && c.startGain >= 0, JSON.stringify(c));
    // The other methods' whole answers at the solver's k were evaluated before the search; the best is reported.
    assert.ok(['hybrid-paper', 'fisher', 'taylor'].includes(x.refined.bestOtherAnswer?.label), JSON.stringify(x.refined.bestOtherAnswer));
    assert.ok(Number.isFinite(x.refined.bestOtherAnswer.selectionGain));
    // Per layer every changed group took another candidate of its own (no moves): each one's origin is counted.
    assert.equal(Object.values(x.refined.origins as Record<string, number>).reduce((a, n) => a + n, 0), x.refined.changedGroups, `${x.label}: origins of the changed groups`);
    if (x.refined.changedGroups > 0 || f) {
      // A search that found anything better than the solver's answer goes to the finalists on 64² crops.
      assert.equal(f.crop, 64);
      assert.ok(f.rank >= 0 && f.rank <= 3);
    }
  }
  assert.ok(refined.some((x: { refined: { finalists?: unknown } }) => x.refined.finalists), 'at least one search found a point to re-evaluate');
  const md = readFileSync(path.join(dir, 'e', 'results.md'), 'utf8');
  assert.match(md, /\| continuation \| finalist picked: selection \/ check gain \|/);
  assert.match(md, /\| [+-]\d\.\d{3} \(best other answer: (hybrid-paper|fisher|taylor) [+-]\d\.\d{3}\) \|/);
  const noTt = runCli(['experiment', '--model', 'models/demo-dncnn-s25', '--calib', 'procedural:deadleaves:8:64', '--test', 'procedural:deadleaves:2:64', '--noise', 'gaussian:25', '--tt-finalists', '2', '--out', path.join(dir, 'bad')]);
  assert.equal(noTt.code, 2);
  assert.match(noTt.stderr, /--tt-finalists needs --tt B/);
  const noTtContinue = runCli(['experiment', '--model', 'models/demo-dncnn-s25', '--calib', 'procedural:deadleaves:8:64', '--test', 'procedural:deadleaves:2:64', '--noise', 'gaussian:25', '--tt-continue', '20', '--out', path.join(dir, 'bad')]);
  assert.equal(noTtContinue.code, 2);
  assert.match(noTtContinue.stderr, /--tt-continue needs --tt B/);
});

test('qprune experiment --tt-from tuned: the refined row starts from the tuned hybrid (its tuning shared with the --tune row) and never ends below it on the selection crops', (t) => {
  const dir = tempDir(t), state = tempDir(t);
  const base = ['experiment', '--model', 'models/demo-dncnn-s25', '--calib', 'procedural:deadleaves:8:64', '--select', 'procedural:deadleaves:6:64', '--test', 'procedural:deadleaves:2:64', '--noise', 'gaussian:25',
    '--sparsities', '0.5', '--modes', 'global-flops', '--steps', '2', '--methods', 'hybrid', '--tune', '--calib-samples', '8', '--val', '4', '--crop', '32', '--state-dir', state];
  // Two steps under a global budget with a long refiner name: run-state keys past 64 characters are cut and hashed (run-store.ts fitKey).
  const r = runCli([...base, '--tt', '12', '--tt-refiners', 'tt-guided', '--tt-from', 'tuned', '--out', path.join(dir, 'e')]);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(readFileSync(path.join(dir, 'e', 'results.json'), 'utf8')).suites[0].rows as { seed: number; label: string; psnr: number; tuned?: Record<string, number>; refined?: unknown }[];
  const tuned = rows.find((x) => /^hybrid\(tuned\)x2@[\d.]+%\/flops$/.test(x.label));
  const refined = rows.find((x) => x.refined);
  assert.ok(tuned && refined, `rows: ${rows.map((x) => x.label).join(', ')}`);
  assert.equal(refined.label, tuned.label.replace('x2@', 'x2+tt-guided@'));
  assert.ok(tuned.tuned && Object.keys(tuned.tuned).length > 0, 'the tuned row reports its weights');
  assert.deepEqual(refined.tuned, tuned.tuned, 'the refined row ran with the weights the tuned row chose');
  assert.ok(refined.psnr >= tuned.psnr - 1e-9, `refined ${refined.psnr} dB on the selection crops, tuned start ${tuned.psnr}`);
  for (const [args, msg] of [
    [['--tt', '12', '--tt-from', 'best'], /--tt-from must be one of default, tuned, got 'best'/],
    [['--tt-from', 'tuned'], /--tt-from needs --tt B/],
  ] as const) {
    const bad = runCli([...base, ...args, '--out', path.join(dir, 'bad')]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, msg);
    assert.doesNotMatch(bad.stderr, /\] score|\] refine /, 'refused before any scoring or search');
  }
});
