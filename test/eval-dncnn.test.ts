/**
 * The published result, reproduced end to end through the CLI on both engines: pretrained DnCNN-S
 * (Keras) on all 68 BSD68 images with AWGN σ=25 gives 29.24 dB (cszn/DnCNN). tfjs-wasm takes ~4 min
 * on 2 workers, onnxruntime ~1 min. (Speed is compared in npm run bench:engine, not asserted here.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, needShared, DNCNN, BSD68 } from './helpers.js';

for (const engine of ['ort', 'tfjs']) {
  test(`DnCNN σ=25 on BSD68 (68 images), engine ${engine}: 29.24 ± 0.05 dB`, (t) => {
    if (!needShared(t, 'models/dncnn-keras-sigma25/model.h5', 'data/bsd68')) return;
    const r = runCli(['eval', '--engine', engine, '--model', DNCNN, '--data', BSD68, '--noise', 'gaussian:25', '--seed', '0', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    t.diagnostic(`${engine}: mean PSNR ${out.meanPsnr.toFixed(3)} dB, SSIM ${out.meanSsim.toFixed(4)}, ${out.seconds.toFixed(1)} s, ${out.gflopPerSecond.toFixed(1)} GFLOP/s, ${out.workers} threads`);
    assert.equal(out.engine, engine);
    assert.equal(out.images, 68);
    assert.ok(Math.abs(out.meanPsnr - 29.24) <= 0.05, `mean PSNR ${out.meanPsnr}`);
    assert.ok(out.meanInputPsnr < 20.3 && out.meanInputPsnr > 20.0, `noisy input PSNR ${out.meanInputPsnr} (σ=25 gives ~20.17 dB)`);
    assert.ok(out.meanSsim > 0.8 && out.meanSsim < 0.9, `SSIM ${out.meanSsim}`);
  });
}
