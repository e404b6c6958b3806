import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { runCli, tempDir } from './helpers.js';
import { initBackend } from '../src/engine/backend.js';
import { saveModel, loadModel } from '../src/io/model-io.js';
import { analyzeChannels } from '../src/prune/graph.js';
import { roundKeepTo } from '../src/prune/rounding.js';
import { unet, dncnnLike } from './fixtures/prune-models.js';
import { prune } from '../src/prune/surgery.js';
import { compensationOf } from '../src/prune/compensation.js';
import { readScoresFile } from '../src/score/scores.js';

await initBackend('wasm');

test('qprune graph lists groups; qprune surgery writes a smaller model with before/after figures', async (t) => {
  const dir = tempDir(t);
  await saveModel(unet(), path.join(dir, 'unet'));
  const g = runCli(['graph', '--model', path.join(dir, 'unet'), '--json']);
  assert.equal(g.code, 0, g.stderr);
  const groups = JSON.parse(g.stdout).groups as { id: string; size: number; prunable: boolean; producers: string[]; flopsShare: number }[];
  assert.ok(groups.length >= 5);
  assert.ok(groups.every((x) => x.flopsShare > 0 && x.flopsShare <= 1));
  const e1b = groups.find((x) => x.producers.includes('e1b'))!;
  writeFileSync(path.join(dir, 'keep.json'), JSON.stringify({ groups: { [e1b.id]: [0, 3, 5] } }));
  const s = runCli(['surgery', '--model', path.join(dir, 'unet'), '--keep', path.join(dir, 'keep.json'), '--out', path.join(dir, 'pruned'), '--round-to', '4', '--json']);
  assert.equal(s.code, 0, s.stderr);
  const fig = JSON.parse(s.stdout);
  assert.ok(fig.params.after < fig.params.before);
  assert.ok(fig.flops.ratio < 1 && fig.latencyMs.before > 0 && fig.latencyMs.after > 0);
  const pruned = (await loadModel(path.join(dir, 'pruned'))).model;
  assert.equal(pruned.countParams(), fig.params.after);
  const e1bLayer = pruned.getLayer('e1b').getConfig() as { filters: number };
  assert.equal(e1bLayer.filters, 4, '3 kept channels rounded up to a multiple of 4');
  const again = runCli(['surgery', '--model', path.join(dir, 'unet'), '--keep', path.join(dir, 'keep.json'), '--out', path.join(dir, 'pruned')]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists \(use --force/);
});

test('surgery keep-file errors: out-of-range index, wrong mask length, empty group, unknown group', async (t) => {
  const dir = tempDir(t);
  await saveModel(dncnnLike(), path.join(dir, 'm'));
  const cases: [unknown, RegExp][] = [
    [{ groups: { g0: [0, 99] } }, /keep index 99 is out of range for group g0 \(0\.\.11\)/],
    [{ groups: { g0: { mask: [1, 0, 1] } } }, /keep mask for group g0 has length 3, the group has 12 channels/],
    [{ groups: { g1: [] } }, /keep mask for group g1 keeps no channel/],
    [{ groups: { g42: [0] } }, /unknown channel group 'g42'/],
    [{ keep: [] }, /needs an object "groups"/],
  ];
  for (const [content, pattern] of cases) {
    writeFileSync(path.join(dir, 'keep.json'), JSON.stringify(content));
    const r = runCli(['surgery', '--model', path.join(dir, 'm'), '--keep', path.join(dir, 'keep.json'), '--out', path.join(dir, 'out')]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, pattern);
  }
});

test('round-to adds back the most important pruned channels first', () => {
  const graph = analyzeChannels(dncnnLike());
  const keep = new Map([['g1', Uint8Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0])]]);
  const scores = new Map([['g1', Float64Array.from([0, 5, 1, 9, 0, 2, 0, 0, 0, 0, 0, 0])]]);
  const r = roundKeepTo(graph, keep, 4, scores).get('g1')!;
  assert.deepEqual(Array.from(r), [1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0], '3 kept -> 4: channel 3 (score 9) comes back');
  const byIndex = roundKeepTo(graph, keep, 4).get('g1')!;
  assert.deepEqual(Array.from(byIndex), [1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], 'without scores: lowest index first');
  const seven = new Map([['g1', Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0])]]);
  assert.equal(roundKeepTo(graph, seven, 4).get('g1')!.reduce((a, b) => a + b, 0), 8);
});

test('surgery --compensate folds removed channels in with the scores\' statistics (same model as the library call); bad requests are named', async (t) => {
  const dir = tempDir(t);
  const model = dncnnLike();
  await saveModel(model, path.join(dir, 'm'));
  await saveModel(unet(), path.join(dir, 'u'));
  const sc = runCli(['score', '--model', path.join(dir, 'm'), '--data', 'procedural:deadleaves:4:32', '--noise', 'gaussian:25', '--samples', '8', '--patch', '16', '--out', path.join(dir, 'scores.json')]);
  assert.equal(sc.code, 0, sc.stderr);
  const scoresU = runCli(['score', '--model', path.join(dir, 'u'), '--data', 'procedural:deadleaves:4:32', '--noise', 'gaussian:25', '--samples', '4', '--patch', '16', '--out', path.join(dir, 'scores-u.json')]);
  assert.equal(scoresU.code, 0, scoresU.stderr);
  writeFileSync(path.join(dir, 'keep.json'), JSON.stringify({ groups: { g1: [0, 2, 4, 6, 8, 10] } }));
  const args = (out: string, ...more: string[]) => ['surgery', '--model', path.join(dir, 'm'), '--keep', path.join(dir, 'keep.json'), '--out', path.join(dir, out), ...more];
  assert.equal(runCli(args('plain')).code, 0);
  const s = runCli(args('comp', '--compensate', 'linear', '--scores', path.join(dir, 'scores.json')));
  assert.equal(s.code, 0, s.stderr);
  const graph = analyzeChannels(model);
  const keep = new Map([['g1', Uint8Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 1 : 0))]]);
  const expected = await prune(model, keep, graph, compensationOf(readScoresFile(path.join(dir, 'scores.json')), 'linear'));
  const x = tf.randomUniform([1, 16, 16, 1], 0, 1, 'float32', 3);
  const run = (m: tf.LayersModel) => (m.predict(x) as tf.Tensor).dataSync();
  const comp = run((await loadModel(path.join(dir, 'comp'))).model), plain = run((await loadModel(path.join(dir, 'plain'))).model), want = run(expected);
  let dComp = 0, dPlain = 0;
  for (let i = 0; i < want.length; i++) { dComp = Math.max(dComp, Math.abs(comp[i] - want[i])); dPlain = Math.max(dPlain, Math.abs(plain[i] - comp[i])); }
  assert.ok(dComp < 1e-5, `CLI and library compensation differ by ${dComp}`);
  assert.ok(dPlain > 1e-3, `compensation changed nothing (${dPlain})`);
  const cases: [string[], RegExp][] = [
    [args('e1', '--compensate', 'linear'), /--compensate linear needs --scores/],
    [args('e2', '--compensate', 'cubic', '--scores', path.join(dir, 'scores.json')), /--compensate must be one of none, mean, linear, got 'cubic'/],
    [args('e3', '--scores', path.join(dir, 'scores.json')), /--scores is only used with --compensate/],
    [args('e4', '--compensate', 'mean', '--scores', path.join(dir, 'scores-u.json')), /scores of another model/],
    [args('e5', '--compensate', 'mean', '--scores', path.join(dir, 'keep.json')), /is not a scores file/],
  ];
  for (const [argv, pattern] of cases) {
    const r = runCli(argv);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.ok(!existsSync(argv[argv.indexOf('--out') + 1]), 'no output on error');
  }
});

test('prune --test: full model, noisy input, this model and every method at its sparsity on the test set; a better baseline is flagged', async (t) => {
  const { runPruneJob } = await import('../src/pipeline/prune-job.js');
  const { jobFromSpec, jobToSpec, parsePruneJob } = await import('../src/pipeline/job.js');
  const { qprune } = await import('../src/wire/qprune.js');
  const { pruneSummary, pruneReportView } = await import('../src/pipeline/report.js');
  const { renderReportHtml } = await import('../src/report/html.js');
  const { METHODS } = await import('../src/pipeline/methods/registry.js');
  const dir = tempDir(t);
  const job = {
    model: 'models/demo-dncnn-s25', data: 'procedural:deadleaves:8:64', noise: 'gaussian:25', method: 'hybrid', sparsity: 0.5, sweep: [],
    calibration: { samples: 8, patch: 32 }, validation: { count: 2, crop: 48 }, test: 'procedural:deadleaves:4:96', out: path.join(dir, 'out'),
  };
  const rep = await runPruneJob(job);
  const tr = rep.test!;
  assert.equal(tr.images, 4);
  assert.ok(tr.full.psnr > tr.noisyPsnr, 'the full model denoises the test images');
  assert.deepEqual(tr.baselines.map((b) => b.method).sort(), METHODS.filter((m) => m !== 'hybrid' && m !== 'cross-layer').sort(), 'every other method at this sparsity (cross-layer needs --couple-layers)');
  assert.deepEqual(tr.beatenBy, tr.baselines.filter((b) => b.psnr > tr.chosen.psnr).map((b) => b.label));
  assert.ok(tr.beatenBy.length > 0, 'this demo at 50% without fine-tuning has a better baseline (else the flag is untested)');
  assert.match(pruneSummary(rep), new RegExp(`test ${tr.chosen.psnr.toFixed(3)} dB .*beaten by ${tr.beatenBy[0]}`));
  assert.match(renderReportHtml(pruneReportView(rep)), /test PSNR \/ SSIM[\s\S]*beats it/);
  const wire = jobFromSpec(qprune.PruneJobSpec.decode(qprune.PruneJobSpec.encode(jobToSpec(parsePruneJob(job))).finish()));
  assert.equal(wire.test, job.test);
});
