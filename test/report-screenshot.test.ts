/**
 * The HTML reports as a user sees them: each page rendered by headless Chromium (Debian `chromium`),
 * screenshotted into a temp dir (the PNGs stay out of the repo), with no console errors and every
 * chart in the rendered DOM. Without Chromium the test skips, and fails when QPRUNE_REQUIRE_CHROMIUM=1 (CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';
import { initBackend } from '../src/engine/backend.js';
import { runPruneJob } from '../src/pipeline/prune-job.js';
import { pruneReportView } from '../src/pipeline/report.js';
import { renderReportHtml, type ComparisonRow } from '../src/report/html.js';

const chromium = ['chromium', 'chromium-browser'].find((c) => spawnSync('which', [c]).status === 0);

function render(html: string, png: string): { stderr: string; dom: string } {
  const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1200,2400', '--enable-logging=stderr', '--v=0'];
  const url = `file://${html}`;
  const shot = spawnSync(chromium!, [...args, `--screenshot=${png}`, url], { encoding: 'utf8', timeout: 120_000 });
  const dom = spawnSync(chromium!, [...args, '--dump-dom', url], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  assert.equal(shot.status, 0, shot.stderr);
  return { stderr: shot.stderr + dom.stderr, dom: dom.stdout };
}

test('report pages render in headless Chromium without console errors, every chart drawn', { skip: !chromium && process.env.QPRUNE_REQUIRE_CHROMIUM !== '1' ? 'no chromium on PATH (apt-get install chromium)' : false }, async (t) => {
  assert.ok(chromium, 'QPRUNE_REQUIRE_CHROMIUM=1 but no chromium on PATH');
  await initBackend('wasm');
  const dir = tempDir(t);
  const rep = await runPruneJob({
    model: 'models/demo-dncnn-s25', data: 'procedural:deadleaves:16:64', noise: 'gaussian:25', method: 'hybrid', sparsity: 0.5,
    calibration: { samples: 8, patch: 32 }, validation: { count: 2, crop: 48 }, finetune: { steps: 4 }, test: 'procedural:deadleaves:2:64', out: path.join(dir, 'out'),
  });
  // A comparison at one sparsity across two suites (as experiment reports have): bar charts.
  const row = (suite: string, method: string, psnr: number): ComparisonRow => ({ label: method, suite, method, sparsity: 0.36, perLayer: true, psnr, ssim: 0.8, params: 1, flopsFraction: 0.4, seconds: 1 });
  const pages = {
    prune: readFileSync(path.join(dir, 'out', 'report.html'), 'utf8'),
    single: renderReportHtml({ title: 'one sparsity', summary: [['model', 'x']], comparison: [row('a', 'fisher', 27.1), row('a', 'hybrid', 27.9), row('b', 'fisher', 24.9), row('b', 'hybrid-paper(tuned)+tt', 25.0)], references: [{ label: 'full model', y: 29.2 }] }),
  };
  assert.equal(pages.prune, renderReportHtml(pruneReportView(rep)), 'the page is the report.json view');
  for (const [name, html] of Object.entries(pages)) {
    const file = path.join(dir, `${name}.html`), png = path.join(dir, `${name}.png`);
    writeFileSync(file, html);
    const r = render(file, png);
    assert.doesNotMatch(r.stderr, /:CONSOLE\(|:CONSOLE:|Uncaught/, `${name}: console messages`);
    assert.ok(statSync(png).size > 10_000, `${name}: a screenshot with content`);
    const svgs = (html.match(/<svg /g) ?? []).length;
    assert.ok(svgs > 0);
    assert.equal((r.dom.match(/<svg /g) ?? []).length, svgs, `${name}: every chart in the rendered DOM`);
  }
  // What the prune page must show: fine-tuning curves, a chart per group, the test comparison, references.
  for (const s of ['Fine-tuning', 'held-out PSNR', 'test PSNR / SSIM', 'full model', 'noisy input', 'before fine-tuning', 'best other method: ']) assert.ok(pages.prune.includes(s), s);
  assert.equal((pages.prune.match(/\(k=\d+\)<\/text>/g) ?? []).length, rep.groups.filter((g) => g.k > 0 && g.k < g.size).length, 'an energy chart per pruned group');
  assert.match(pages.single, /at 36%/, 'one sparsity: a bar chart');
});
