/** Progress lines fit the terminal without cutting a value, and carry an ETA. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eta, progressLine } from '../src/ui/progress.js';

test('progress: ETA from the fraction done; lines fit narrow terminals without cutting counts, times or values', () => {
  assert.equal(eta(30, 0, 100), 'ETA ?');
  assert.equal(eta(30, 25, 100), 'ETA 1m30s');
  assert.equal(eta(3600, 1, 3), 'ETA 2h00m');
  const o = { name: 'fine-tune hybrid@36%/layer', done: 40, total: 100, seconds: 132, detail: 'loss 1.50e-3, held-out 27.412 dB at step 30' };
  const wide = progressLine({ ...o, columns: 120 });
  assert.match(wide, /\[#+\.+\] 40\/100 2m12s ETA 3m18s loss 1\.50e-3, held-out 27\.412 dB at step 30$/);
  for (const columns of [100, 80, 60, 40, 30, 24]) {
    const line = progressLine({ ...o, columns });
    assert.ok(line.length <= columns - 1, `${columns} columns: ${line.length} '${line}'`);
    assert.match(line, columns >= 40 ? / 40\/100 2m12s ETA 3m18s/ : / 40\/100 (2m12s )?ETA 3m18s/, `counts and times whole at ${columns} columns: ${line}`);
    // Detail values appear whole or not at all.
    for (const part of o.detail.split(', ')) if (line.includes(part.slice(0, 6))) assert.ok(line.includes(part), `'${part}' cut at ${columns} columns: '${line}'`);
    if (columns < 40) assert.doesNotMatch(line, /\[#/, 'no bar below 40 columns');
  }
  assert.match(progressLine({ ...o, columns: 80 }), /loss 1\.50e-3/, 'at 80 columns the first value still fits');
  assert.equal(progressLine({ name: 'score', done: 0, total: 0, seconds: 3, columns: 80 }), '[qprune] score 3s');
});
