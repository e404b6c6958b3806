/** The experiment's time estimate (pipeline/estimate.ts): what each part of a plan adds to the work. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EstimateInput, experimentWork, formatDuration } from '../src/pipeline/estimate.js';

const plan: EstimateInput = {
  seeds: 1, sparsities: [0.5], modes: 1, methods: ['fisher', 'hybrid'], tuned: [], tt: 0, refiners: 0,
  calibration: { samples: 10, patch: 8 }, validation: { count: 2, crop: 10 }, testPixels: 1000,
};

test('estimate: full test set, calibration, rows, TT budgets (continuation and finalists too) and tuning grids each add their work', () => {
  const base = experimentWork(plan);
  // full model on the test set + calibration (3 per patch pixel) + 2 rows at (1 - 0.5)^2 of the FLOPs, each 2 validations and the test set.
  assert.equal(base, 1000 + 3 * 10 * 64 + 2 * 0.25 * (2 * 200 + 1000));
  const tt = experimentWork({ ...plan, tt: 100, refiners: 3 });
  assert.equal(tt - base, 3 * 0.25 * (2 * 200 + 1000) + 3 * 100 * 0.25 * 200);
  // A continuation (its budget on its crops) and finalists (count + 1 on theirs), per TT row, on the 2 validation images.
  const halving = experimentWork({ ...plan, tt: 100, refiners: 3, continuation: { budget: 20, crop: 16 }, finalists: { count: 4, crop: 32 } });
  assert.equal(halving - tt, 3 * 0.25 * (20 * 2 * 16 ** 2 + 5 * 2 * 32 ** 2));
  assert.equal(experimentWork({ ...plan, seeds: 2 }) - base, base - 1000, 'a second seed repeats everything but the full model');
  assert.ok(experimentWork({ ...plan, tuned: ['hybrid-paper'] }) > experimentWork({ ...plan, tuned: ['hybrid'] }), 'hybrid-paper has the larger grid');
  assert.deepEqual([40, 600, 3900].map(formatDuration), ['40 s', '10 min', '1 h 05 min']);
});
