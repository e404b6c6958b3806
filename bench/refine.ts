/**
 * bench:refine — TT refinement on the real DnCNN-17 (../shared), σ=25, and on synthetic problems:
 * 1. scores from 32 train400 patches 64x64 -> hybrid QUBO answer (global, 50% of the filters);
 * 2. candidate evaluations per second with 1 and 2 evaluator workers (the same distinct candidates,
 *    fresh pools, 1-2-1 bracketing this VM's drift);
 * 3. refinement (PROTES, Boltzmann prior, other methods' keep-sets among the candidates) with --budget
 *    evaluations on 2 workers; objective = BSD68 images 1-8 (96x96 crops, even positions; odd ones are
 *    the check half); the share of its wall time spent outside evaluation; then the QUBO answer and the
 *    refined one on the held-out BSD68 images 9-68 at full size;
 * 3b. the same refinement through 1 and 2 evaluator services (`qprune serve evaluator`, one onnxruntime
 *    thread each) over NATS (--nats URL, else NATS_URL, else 127.0.0.1:4222; skipped with a message when
 *    none answers): wall time, and whether the answer equals the worker-thread run's;
 * 4. synthetic chains with long-range couplings (test/support/synthetic.ts): how often PROTES with the
 *    Boltzmann prior beats hill climbing, iterated local search, a (1+λ)-EA and PROTES with the earlier
 *    40-step prior at the same budget, and PROTES started from a unary screen against ILS and against
 *    PROTES (20 seeds per family, each at a small and a large budget), and how often PROTES and
 *    iterated local search reach the optimum (dynamic programming).
 *   npm run bench:refine [-- --budget 1000 --method protes --scope all --synthetic-only | --no-synthetic --no-services]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backend.js';
import { loadModel } from '../src/io/model-io.js';
import { openDataset, sliceSource } from '../src/data/datasets.js';
import { parseNoise } from '../src/data/noise.js';
import { scoreModel } from '../src/score/scores.js';
import { analyzeChannels, KeepMasks } from '../src/prune/graph.js';
import { prune } from '../src/prune/surgery.js';
import { buildValidationBatch } from '../src/eval/candidates.js';
import { WorkerTransport } from '../src/transport/worker.js';
import { TransportEvaluator } from '../src/transport/remote-evaluator.js';
import { CachedEvaluator } from '../src/eval/cached-evaluator.js';
import type { MaskEvaluator } from '../src/eval/mask-evaluator.js';
import { evaluateModel } from '../src/eval/evaluate.js';
import { solvePruning } from '../src/pipeline/solve.js';
import { alternativesAtK, refineBatch, refineSolution } from '../src/pipeline/refine.js';
import { solutionMasks } from '../src/prune/solution.js';
import { buildEncoding, parseScope } from '../src/refine/mask-encoding.js';
import { Rng } from '../src/data/rng.js';
import { setLogLevel } from '../src/log.js';
import { requireShared, SHARED } from './shared.js';
import { coupledProblem } from '../test/support/synthetic.js';
import { ProtesRefiner } from '../src/refine/protes.js';
import { EvolutionRefiner, LocalSearchRefiner } from '../src/refine/evolution.js';
import { boltzmannPrior } from '../src/refine/prior.js';
import { TrackedObjective } from '../src/refine/objective.js';
import { coordinateAscent } from '../src/refine/local-search.js';
import { NatsTransport } from '../src/transport/nats.js';
import { connectNats } from '../src/transport/nats-setup.js';
import { dropNamespace, startServiceProcess, testNamespace } from '../test/nats-helper.js';
import type { Solution } from '../src/prune/solution.js';

setLogLevel('warn');
const { values } = parseArgs({ options: { budget: { type: 'string' }, method: { type: 'string' }, scope: { type: 'string' }, sparsity: { type: 'string' }, seed: { type: 'string' }, 'synthetic-only': { type: 'boolean' }, 'no-services': { type: 'boolean' }, 'no-synthetic': { type: 'boolean' }, nats: { type: 'string' } } });
const budget = Number(values.budget ?? 1000), method = values.method ?? 'protes', scope = parseScope(values.scope ?? 'all');
const sparsity = Number(values.sparsity ?? 0.5), seed = Number(values.seed ?? 0);
const t0 = performance.now();

/** Synthetic families: PROTES (Boltzmann prior) against the same-budget baselines, wins over 20 seeds. */
async function synthetic(): Promise<void> {
  // Each family at a small budget (1-2.5 neighbourhoods of single changes) and a large one (7-12).
  const families = [
    { d: 8, n: 6, budget: 80, coupling: 0.3, label: 'd=8, 6 choices, couplings 0.3' },
    { d: 8, n: 6, budget: 300, coupling: 0.3, label: 'd=8, 6 choices, couplings 0.3' },
    { d: 16, n: 6, budget: 200, coupling: 0.3, label: 'd=16, 6 choices, couplings 0.3' },
    { d: 16, n: 6, budget: 1000, coupling: 0.3, label: 'd=16, 6 choices, couplings 0.3' },
    { d: 16, n: 6, budget: 200, coupling: 1, label: 'd=16, 6 choices, couplings 1 (rugged)' },
    { d: 16, n: 6, budget: 1000, coupling: 1, label: 'd=16, 6 choices, couplings 1 (rugged)' },
  ];
  console.log('synthetic: chain + couplings at spans 2, 3, 5, candidates ordered by a noisy unary proxy (the "QUBO"); seeds 100-119; wins = PROTES strictly better; optimum by dynamic programming');
  for (const f of families) {
    const dims = Array(f.d).fill(f.n);
    const wins = { hill: 0, ils: 0, ea: 0, steps: 0 }, ties = { hill: 0, ils: 0, ea: 0, steps: 0 };
    const optimum = { protes: 0, ils: 0, screened: 0 };
    // PROTES started from the unary screen (refine/screen.ts): against ILS and against the QUBO-energy prior.
    const screened = { ils: [0, 0], protes: [0, 0] };
    for (let s = 100; s < 120; s++) {
      const p = coupledProblem(dims, s, { coupling: f.coupling, longRange: f.coupling });
      const obj = async (pts: number[][]) => pts.map(p.value);
      const zero = dims.map(() => 0), batch = refineBatch(f.budget), elite = Math.max(2, Math.round(batch / 5));
      const opts = { budget: f.budget, seed: s, initial: [zero] };
      const pr = await new ProtesRefiner({ prior: boltzmannPrior(p.energies, 2.5).probs, batch, elite }).refine(dims, obj, opts);
      const steps = await new ProtesRefiner({ priorSteps: 40, batch, elite }).refine(dims, obj, opts);
      const sc = await new ProtesRefiner({ screen: true, targetChanged: 2.5, batch, elite }).refine(dims, obj, opts);
      const ils = await new LocalSearchRefiner().refine(dims, obj, opts);
      const ea = await new EvolutionRefiner().refine(dims, obj, opts);
      const hill = new TrackedObjective(dims, obj, opts);
      await hill.start();
      await coordinateAscent(hill, zero, 0);
      const other = { hill: hill.best, ils: ils.best, ea: ea.best, steps: steps.best };
      for (const k of Object.keys(other) as (keyof typeof other)[]) {
        if (pr.best > other[k] + 1e-9) wins[k]++;
        else if (pr.best >= other[k] - 1e-9) ties[k]++;
      }
      const tally = (a: number, b: number, r: number[]) => { if (a > b + 1e-9) r[0]++; else if (a < b - 1e-9) r[1]++; };
      tally(sc.best, ils.best, screened.ils);
      tally(sc.best, pr.best, screened.protes);
      if (sc.best >= p.optimum - 1e-9) optimum.screened++;
      if (pr.best >= p.optimum - 1e-9) optimum.protes++;
      if (ils.best >= p.optimum - 1e-9) optimum.ils++;
    }
    const w = (k: keyof typeof wins) => `${wins[k]} wins ${ties[k]} ties`;
    console.log(`  ${f.label}, ${f.budget} evaluations: vs hill climbing ${w('hill')}; vs iterated local search ${w('ils')}; vs (1+λ)-EA ${w('ea')}; vs 40-step prior ${w('steps')}` +
      `; optimum reached by PROTES ${optimum.protes}/20, by iterated local search ${optimum.ils}/20`);
    console.log(`    screened PROTES: vs iterated local search ${screened.ils[0]} wins ${screened.ils[1]} losses; vs PROTES (QUBO-energy prior) ${screened.protes[0]} wins ${screened.protes[1]} losses; optimum ${optimum.screened}/20`);
  }
}

/** Candidate evaluation on `workers` threads of a worker transport; close() stops the threads. */
async function evaluatorOn(workers: number, model: Awaited<ReturnType<typeof loadModel>>['model'], batch: Awaited<ReturnType<typeof buildValidationBatch>>) {
  const transport = await WorkerTransport.create({ workers });
  const ev = await CachedEvaluator.open(await TransportEvaluator.create(transport, 'bench', model, batch, { ssim: false }));
  return { ev, close: () => transport.close() };
}

/** Wall time spent inside evaluate() calls, to tell the search's own cost from the evaluations'. */
function timedEvaluator(inner: MaskEvaluator): MaskEvaluator & { inside: number } {
  const t = {
    inside: 0,
    get evaluations() { return inner.evaluations; },
    close: () => inner.close(),
    async evaluate(keeps: KeepMasks[]) {
      const s = performance.now();
      try { return await inner.evaluate(keeps); } finally { t.inside += (performance.now() - s) / 1000; }
    },
  };
  return t;
}

/** Whether a NATS server answers at `url` (the services section needs one). */
async function natsAnswers(url: string): Promise<boolean> {
  try {
    await (await connectNats(url, 'qprune-bench-probe')).close();
    return true;
  } catch {
    return false;
  }
}

/** The same keep-sets, group by group. */
const sameAnswer = (a: Solution, b: Solution) => a.groups.every((g, i) => g.keep.join() === b.groups[i].keep.join());

if (!values['synthetic-only']) {
  const modelPath = requireShared('bench:refine');
  await initBackend('wasm');
  const { model } = await loadModel(modelPath);
  const graph = analyzeChannels(model);
  const noise = parseNoise('gaussian:25');
  const calib = await openDataset(path.join(SHARED, 'data/train400'), { noise, seed: 0, channels: 1 });
  const scores = await scoreModel(model, calib, { samples: 32, patch: 64, batch: 8, seed: 0 }, graph);
  const solution = await solvePruning(scores, { method: 'hybrid', sparsity, seed });
  console.log(`scores ${scores.meta.seconds.toFixed(1)} s; hybrid QUBO at sparsity ${sparsity}: kept ${solution.budget}/${solution.total}, k = ${solution.groups.map((g) => g.k).join(' ')}`);
  const bsd = await openDataset(path.join(SHARED, 'data/bsd68'), { noise, seed: 0, channels: 1 });
  const batch = await buildValidationBatch(sliceSource(bsd, 0, 8), 8, 96);

  const enc = buildEncoding(solution, scope, 8);
  const rng = Rng.derive(seed, 42);
  const probe = Array.from({ length: 40 }, () => enc.decode(enc.dims.map((n) => rng.int(n))));
  const rates: number[] = [];
  for (const workers of [1, 2, 1]) {
    const pool = await evaluatorOn(workers, model, batch);
    await pool.ev.evaluate(probe.slice(0, workers)); // warm-up: first session per worker
    const t = performance.now();
    await pool.ev.evaluate(probe.slice(workers));
    rates.push((probe.length - workers) / ((performance.now() - t) / 1000));
    await pool.close();
  }
  const base = (rates[0] + rates[2]) / 2;
  console.log(`evaluation throughput (8 crops 96x96 per candidate): 1 worker ${rates[0].toFixed(2)} / ${rates[2].toFixed(2)} eval/s, 2 workers ${rates[1].toFixed(2)} eval/s (${(rates[1] / base).toFixed(2)}x)`);

  const pool = await evaluatorOn(2, model, batch);
  const timed = timedEvaluator(pool.ev);
  const alternatives = await alternativesAtK(scores, solution, 'hybrid', seed);
  const t = performance.now();
  const refined = await refineSolution(solution, timed, { method, budget, seed, scope, alternatives });
  const wall = (performance.now() - t) / 1000;
  await pool.close();
  const r = refined.refine!;
  console.log(`refine (${method}, ${r.scope.split(':')[0]}; prior ${JSON.stringify(r.prior)}): ${r.evaluations} evaluations in ${wall.toFixed(1)} s on 2 workers (${(r.evaluations / wall).toFixed(2)} eval/s); ` +
    `outside evaluation ${(wall - timed.inside).toFixed(1)} s = ${((100 * (wall - timed.inside)) / wall).toFixed(1)}% of the wall time`);
  console.log(`changed ${r.changedGroups.length} groups (${Object.entries(r.origins ?? {}).map(([g, o]) => `${g}: ${o}`).join(', ')})`);
  if (r.split) console.log(`selection half (4 crops): ${r.split.selection.before.toFixed(3)} -> ${r.split.selection.found.toFixed(3)} dB; check half (4 crops): ${r.split.check.before.toFixed(3)} -> ${r.split.check.found.toFixed(3)} dB; accepted: ${r.split.accepted}`);
  const natsUrl = values.nats ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  if (values['no-services']) console.log('evaluator services: not run (--no-services)');
  else if (!(await natsAnswers(natsUrl))) console.log(`evaluator services: skipped, no NATS answers at ${natsUrl} (--nats URL)`);
  else {
    // The coordinator side is this process; each candidate is one eval job on the namespace's work queue,
    // a whole PROTES batch is published at once, so every service always has jobs waiting.
    for (const services of [1, 2]) {
      const ns = testNamespace();
      const procs = await Promise.all(Array.from({ length: services }, () => startServiceProcess('evaluator', natsUrl, ns, ['--concurrency', '1', '--threads', '1'])));
      const transport = await NatsTransport.connect({ url: natsUrl, namespace: ns });
      try {
        const ev = timedEvaluator(await CachedEvaluator.open(await TransportEvaluator.create(transport, `bench-refine-${services}`, model, batch, { ssim: false })));
        await ev.evaluate(probe.slice(0, services)); // warm-up: model and batch fetched, first session on each service
        ev.inside = 0;
        const ts = performance.now();
        const viaServices = await refineSolution(solution, ev, { method, budget, seed, scope, alternatives });
        const w = (performance.now() - ts) / 1000, n = viaServices.refine!.evaluations;
        console.log(`refine through ${services} evaluator service${services > 1 ? 's' : ''} (NATS): ${n} evaluations in ${w.toFixed(1)} s (${(n / w).toFixed(2)} eval/s); ` +
          `outside evaluation ${(100 * (w - ev.inside) / w).toFixed(1)}%; answer ${sameAnswer(viaServices, refined) ? 'identical to' : 'DIFFERENT from'} the worker-thread run's`);
      } finally {
        procs.forEach((p) => p.kill('SIGKILL'));
        await dropNamespace(transport.nc, ns);
        await transport.close();
      }
    }
  }
  const heldOut = sliceSource(bsd, 8, bsd.size);
  const psnrOf = async (masks: ReturnType<typeof solutionMasks>) => (await evaluateModel(await prune(model, masks, graph), heldOut, { engine: 'ort', workers: 2 })).meanPsnr;
  const before = await psnrOf(solutionMasks(solution));
  const after = await psnrOf(solutionMasks(refined));
  console.log(`held-out (BSD68 9-68, full size): QUBO ${before.toFixed(3)} dB -> refined ${after.toFixed(3)} dB (${after - before >= 0 ? '+' : ''}${(after - before).toFixed(3)})`);
}
if (!values['no-synthetic']) await synthetic();
console.log(`total wall ${((performance.now() - t0) / 1000).toFixed(0)} s`);
