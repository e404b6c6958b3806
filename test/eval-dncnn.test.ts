/**
 * The published result, reproduced end to end through the CLI: pretrained DnCNN-S (Keras) on all 68
 * BSD68 images with AWGN σ=25 gives 29.24 dB (cszn/DnCNN) on onnxruntime (~1 min). The tfjs engine
 * (wasm, ~4 min for all 68; README has its full-set figure) is checked image by image against the
 * onnxruntime run on the first 8 images, which keeps CI short. (Speed: npm run bench:engine.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, needShared, DNCNN, BSD68 } from './helpers.js';

type Eval = { engine: string; images: number; meanPsnr: number; meanSsim: number; meanInputPsnr: number; seconds: number; gflopPerSecond: number; workers: number; perImage: { name: string; psnr: number }[] };
let ort: Eval | undefined;

test('DnCNN σ=25 on BSD68 (68 images), engine ort: 29.24 ± 0.05 dB', (t) => {
  if (!needShared(t, 'models/dncnn-keras-sigma25/model.h5', 'data/bsd68')) return;
  const r = runCli(['eval', '--engine', 'ort', '--model', DNCNN, '--data', BSD68, '--noise', 'gaussian:25', '--seed', '0', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out: Eval = JSON.parse(r.stdout);
  t.diagnostic(`ort: mean PSNR ${out.meanPsnr.toFixed(3)} dB, SSIM ${out.meanSsim.toFixed(4)}, ${out.seconds.toFixed(1)} s, ${out.gflopPerSecond.toFixed(1)} GFLOP/s, ${out.workers} threads`);
  assert.equal(out.engine, 'ort');
  assert.equal(out.images, 68);
  assert.ok(Math.abs(out.meanPsnr - 29.24) <= 0.05, `mean PSNR ${out.meanPsnr}`);
  assert.ok(out.meanInputPsnr < 20.3 && out.meanInputPsnr > 20.0, `noisy input PSNR ${out.meanInputPsnr} (σ=25 gives ~20.17 dB)`);
  assert.ok(out.meanSsim > 0.8 && out.meanSsim < 0.9, `SSIM ${out.meanSsim}`);
  ort = out;
});

test('DnCNN on BSD68, engine tfjs: the same PSNR as onnxruntime image by image (first 8 images)', (t) => {
  if (!needShared(t, 'models/dncnn-keras-sigma25/model.h5', 'data/bsd68')) return;
  assert.ok(ort, 'the onnxruntime run above must have passed');
  const r = runCli(['eval', '--engine', 'tfjs', '--model', DNCNN, '--data', BSD68, '--noise', 'gaussian:25', '--seed', '0', '--limit', '8', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out: Eval = JSON.parse(r.stdout);
  t.diagnostic(`tfjs: mean PSNR ${out.meanPsnr.toFixed(3)} dB on 8 images, ${out.seconds.toFixed(1)} s, ${out.gflopPerSecond.toFixed(1)} GFLOP/s`);
  assert.equal(out.engine, 'tfjs');
  assert.equal(out.images, 8);
  out.perImage.forEach((s, i) => {
    assert.equal(s.name, ort!.perImage[i].name);
    assert.ok(Math.abs(s.psnr - ort!.perImage[i].psnr) < 0.01, `${s.name}: tfjs ${s.psnr} vs ort ${ort!.perImage[i].psnr}`);
  });
});
