/**
 * One job, three transports: the same PruneJob through the direct transport (this thread), the worker
 * transport (2 threads) and NATS (scorer, solver and evaluator services as processes) gives
 * bit-identical keep-sets, validation PSNR/SSIM and sweep rows, and the same report structure; a
 * compensated job (the input statistics travel from the scorer, eval jobs carry them) likewise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { runPruneJob } from '../src/pipeline/prune-job.js';
import type { PruneJobInput } from '../src/pipeline/job.js';
import type { PruneReport } from '../src/pipeline/report.js';
import type { Transport } from '../src/transport/transport.js';
import { DirectTransport } from '../src/transport/direct.js';
import { WorkerTransport } from '../src/transport/worker.js';
import { NatsTransport } from '../src/transport/nats.js';
import { DEMO_MODEL } from '../src/model/demo.js';
import { METHODS } from '../src/pipeline/methods/registry.js';
import { COUPLE_ALL } from '../src/score/calibration.js';
import { findNats, startServiceProcess, withNamespace } from './nats-helper.js';
import { tempDir } from './helpers.js';

const job = (out: string): PruneJobInput => ({
  model: DEMO_MODEL, data: 'procedural:deadleaves:6:64', noise: 'gaussian:25', sparsity: 0.5, method: 'hybrid',
  // Cross-group blocks too, so the sweep's cross-layer runs its decomposition on every transport.
  refine: { method: 'protes', budget: 30 }, calibration: { samples: 8, patch: 32, coupleLayers: COUPLE_ALL }, validation: { count: 4, crop: 48 }, sweep: [0.36], seed: 4, out,
});

test('the same job through the direct, worker-thread and NATS transports: bit-identical keep-sets and PSNRs', { timeout: 10 * 60 * 1000 }, async (t) => {
  const nats = await findNats(t);
  if (!nats) return;
  t.after(() => nats.dispose());
  const ns = await withNamespace(t, nats.url);
  const services = await Promise.all(['scorer', 'solver', 'evaluator'].map((r) => startServiceProcess(r, nats.url, ns)));
  t.after(() => services.forEach((p) => p.exitCode === null && p.kill('SIGKILL')));
  const dir = tempDir(t);
  const transports: [string, () => Promise<Transport>][] = [
    ['direct', async () => new DirectTransport()],
    ['worker', () => WorkerTransport.create({ workers: 2 })],
    ['nats', () => NatsTransport.connect({ url: nats.url, namespace: ns })],
  ];
  const runs: { name: string; report: PruneReport; keeps: number[][] }[] = [];
  for (const [name, open] of transports) {
    const transport = await open();
    try {
      const report = await runPruneJob(job(path.join(dir, name)), { stages: transport });
      const keeps = JSON.parse(readFileSync(path.join(dir, name, 'solution.json'), 'utf8')).groups.map((g: { keep: number[] }) => g.keep);
      runs.push({ name, report, keeps });
    } finally {
      await transport.close();
    }
  }
  const [ref, ...others] = runs;
  assert.ok(ref.report.refine && (ref.report.refine.evaluations as number) > 0, 'refinement ran');
  assert.equal(ref.report.sweep.length, 2 * METHODS.length, 'the sweep ran every method at 36% and 50%');
  for (const r of others) {
    assert.deepEqual(r.keeps, ref.keeps, `${r.name}: keep-sets`);
    // Over NATS the chosen candidate is evaluated again in the coordinator: the same figure.
    const { verified, ...validation } = r.report.validation as Record<string, unknown> & { verified?: { remote: unknown; local: unknown } };
    assert.deepEqual(validation, ref.report.validation, `${r.name}: validation PSNR/SSIM before, solved, after`);
    if (r.name === 'nats') assert.deepEqual(verified?.local, verified?.remote, 'nats: the coordinator\'s own evaluation of the chosen candidate');
    else assert.equal(verified, undefined, `${r.name}: evaluated in this process, nothing to verify`);
    assert.deepEqual(r.report.sweep.map((s) => [s.label, s.psnr, s.ssim, s.params]), ref.report.sweep.map((s) => [s.label, s.psnr, s.ssim, s.params]), `${r.name}: sweep rows`);
    assert.deepEqual(r.report.groups, ref.report.groups, `${r.name}: per-group k and energies`);
    assert.equal(r.report.evaluations.sent, ref.report.evaluations.sent, `${r.name}: candidates evaluated`);
    assert.deepEqual(Object.keys(r.report).sort(), Object.keys(ref.report).sort());
  }
  t.diagnostic(`validation PSNR ${ref.report.validation.before.psnr.toFixed(3)} -> ${ref.report.validation.after.psnr.toFixed(3)} dB on every transport`);

  // Linear compensation: scores carry the input statistics, every evaluation folds removed channels in.
  const compensated = (out: string): PruneJobInput => ({ ...job(out), refine: undefined, sweep: [], compensate: 'linear' });
  const comp: PruneReport[] = [];
  for (const [name, open] of [transports[0], transports[2]]) {
    const transport = await open();
    try {
      comp.push(await runPruneJob(compensated(path.join(dir, `${name}-linear`)), { stages: transport }));
    } finally {
      await transport.close();
    }
  }
  assert.equal(comp[0].compensate, 'linear');
  const { verified: compVerified, ...compValidation } = comp[1].validation as Record<string, unknown> & { verified?: { remote: unknown; local: unknown } };
  assert.deepEqual(compValidation, comp[0].validation, 'nats: compensated validation PSNR/SSIM');
  assert.deepEqual(compVerified?.local, compVerified?.remote, 'nats: the coordinator evaluates the compensated candidate as the evaluators did');
  assert.deepEqual(comp[1].groups, comp[0].groups, 'nats: compensated per-group k and energies');
  assert.notDeepEqual(comp[0].validation.solved, ref.report.validation.solved, 'compensation changed the solved model\'s PSNR');
  t.diagnostic(`compensated: solved ${comp[0].validation.solved.psnr.toFixed(3)} dB (uncompensated ${ref.report.validation.solved.psnr.toFixed(3)})`);
});
