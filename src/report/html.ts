/**
 * report.html: one self-contained page (inline SVG charts, PNG data URIs, no scripts) from the same
 * object as report.json. Sections appear when their data is there: the method comparison (table and
 * PSNR vs sparsity per method), per-layer kept fraction, solver energy traces, the TT best-so-far
 * curve and before/after crops.
 */
import { barChart, escapeHtml as esc, lineChart, Series } from './svg.js';
import type { Crop } from './crops.js';
import { refinerLabel } from '../refine/names.js';

export interface ComparisonRow {
  label: string;
  /** Which model/data the row belongs to, when a report holds several (experiment). */
  suite?: string;
  method: string;
  refine?: string | null;
  /** A refined row: evaluations, seconds, groups changed; with a check split, whether the found answer was accepted and its gains (dB) on each half. */
  refined?: { evaluations: number; seconds: number; changedGroups: number; accepted?: boolean; selectionGain?: number; checkGain?: number;
    /** Where the changed groups' keep-sets came from (candidate origin → groups): an alternative's label, 'read' or 'swap'. */
    origins?: Record<string, number>;
    /** With moves between groups: filters the answer moved (groups' gains summed), grid points refused as infeasible. */
    movedFilters?: number; infeasible?: number;
    /** Successive halving: crop side, the picked finalist's rank (0 = the solver's answer kept), its gains (dB) on each half at that size. */
    finalists?: { crop: number; rank: number; selectionGain: number; checkGain?: number };
    /** Continuation: evaluations, seconds, crop side, the start's rank (0 = the solver's answer), and the selection gains (dB) over the answer at that size of the start and of its best. */
    continuation?: { evaluations: number; seconds: number; crop: number; startRank: number; startGain: number; selectionGain: number };
    /** The best of the other methods' whole answers evaluated first: its label and selection gain (dB) over the solver's answer. */
    bestOtherAnswer?: { label: string; selectionGain: number } };
  sparsity: number;
  perLayer: boolean;
  /** A global budget in FLOPs or parameters (sparsity = the fraction of those removed); absent: filters. */
  budgetBy?: 'flops' | 'params';
  /** The formulation weights tuning chose on the selection split, when the row tuned. */
  tuned?: Record<string, number>;
  psnr: number;
  ssim: number;
  /** After fine-tuning, when the run fine-tuned. */
  finetunedPsnr?: number | null;
  /** On the held-out test set, when one was given. */
  testPsnr?: number | null;
  testSsim?: number | null;
  params: number;
  flopsFraction: number;
  seconds: number;
}

export interface ReportView {
  title: string;
  summary: [string, string][];
  comparison?: ComparisonRow[];
  groups?: { id: string; size: number; k: number }[];
  energyTraces?: { group: string; k: number; sweeps: number[]; energy: number[] }[];
  capacitySteps?: { mu: number; kept: number }[];
  refineTrace?: { evaluations: number; best: number }[];
  crops?: Crop[];
  notes?: string[];
  /** Reference PSNRs drawn in the comparison charts (the full model, the noisy input), on the rows' own images. */
  references?: { label: string; y: number }[];
  /** Fine-tuning: training loss per step and the held-out PSNR at each evaluation. */
  finetune?: { losses: number[]; evaluations: { step: number; psnr: number }[]; bestStep: number };
}

const f3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : v.toFixed(3));

/** The budget column: per layer, global (filters), or global in FLOPs/parameters. */
export function budgetName(r: Pick<ComparisonRow, 'perLayer' | 'budgetBy'>): string {
  return r.perLayer ? 'per layer' : r.budgetBy ? `global (${r.budgetBy === 'flops' ? 'FLOPs' : 'params'})` : 'global';
}

function comparisonTable(rows: ComparisonRow[]): string {
  const hasFt = rows.some((r) => r.finetunedPsnr != null), hasTest = rows.some((r) => r.testPsnr != null);
  const head = ['method', 'sparsity', 'budget', 'val PSNR (dB)', 'val SSIM', ...(hasFt ? ['fine-tuned PSNR'] : []), ...(hasTest ? ['test PSNR', 'test SSIM'] : []), 'params', 'FLOPs', 'seconds'];
  const body = rows.map((r) => [(r.suite ? `${r.suite}: ` : '') + methodName(r), `${(r.sparsity * 100).toFixed(0)}%`, budgetName(r), f3(r.psnr), f3(r.ssim),
    ...(hasFt ? [f3(r.finetunedPsnr)] : []), ...(hasTest ? [f3(r.testPsnr), f3(r.testSsim)] : []), String(r.params), `${(100 * r.flopsFraction).toFixed(1)}%`, r.seconds.toFixed(1)]);
  return `<table><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${body.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** A row's method as tables name it: +tt for refinement, (tuned) when the weights were chosen on the selection split. */
export const methodName = (r: Pick<ComparisonRow, 'method' | 'refine' | 'tuned'>) => r.method + (r.tuned ? '(tuned)' : '') + (r.refine ? `+${refinerLabel(r.refine)}` : '');

function psnrVsSparsity(rows: ComparisonRow[], references: { label: string; y: number }[] = []): string {
  const charts: string[] = [];
  for (const suite of [...new Set(rows.map((r) => r.suite))]) for (const perLayer of [false, true]) {
    const sel = rows.filter((r) => r.perLayer === perLayer && r.suite === suite);
    if (!sel.length) continue;
    const byMethod = new Map<string, ComparisonRow[]>();
    for (const r of sel) {
      const key = methodName(r);
      byMethod.set(key, [...(byMethod.get(key) ?? []), r]);
    }
    // One figure per chart: test only when every row has it (else points would mix test and validation images).
    const which = sel.every((r) => r.testPsnr != null) ? 'test' : sel.every((r) => r.finetunedPsnr != null) ? 'fine-tuned validation' : 'validation';
    const pick = (r: ComparisonRow) => (which === 'test' ? r.testPsnr! : which === 'fine-tuned validation' ? r.finetunedPsnr! : r.psnr);
    const where = `${perLayer ? 'per layer' : 'global budget'} (${which})`, prefix = suite ? `${suite}: ` : '';
    // The references are on the validation crops: drawn only beside validation figures.
    const refs = which === 'validation' ? references : [];
    const sparsities = [...new Set(sel.map((r) => r.sparsity))].sort((a, b) => a - b);
    if (sparsities.length === 1) {
      // One sparsity: a bar per method, the axis starting a little below the lowest figure.
      const bars = [...byMethod].map(([label, rs]) => ({ label, value: pick(rs[0]) }));
      const lowest = Math.min(...bars.map((b) => b.value), ...refs.map((r) => r.y));
      charts.push(barChart(bars, { title: `${prefix}PSNR ${where} at ${Math.round(1000 * sparsities[0]) / 10}%`, yLabel: 'PSNR (dB)', min: Math.floor(lowest) - 1, references: refs }));
      continue;
    }
    const series: Series[] = [...byMethod].map(([name, rs]) => {
      const s = [...rs].sort((a, b) => a.sparsity - b.sparsity);
      return { name, x: s.map((r) => 100 * r.sparsity), y: s.map(pick) };
    });
    charts.push(lineChart(series, { title: `${prefix}PSNR vs sparsity, ${where}`, xLabel: 'removed (%)', yLabel: 'PSNR (dB)', markers: true, xTicks: sparsities.map((s) => Math.round(1000 * s) / 10), references: refs }));
  }
  return charts.join('\n');
}

export function renderReportHtml(v: ReportView): string {
  const sections: string[] = [];
  sections.push(`<table class="kv">${v.summary.map(([k, val]) => `<tr><th>${esc(k)}</th><td>${esc(val)}</td></tr>`).join('')}</table>`);
  if (v.comparison?.length) sections.push(`<h2>Methods compared</h2>${comparisonTable(v.comparison)}<div>${psnrVsSparsity(v.comparison, v.references)}</div>`);
  if (v.groups?.length) {
    sections.push(`<h2>Kept fraction per layer</h2>${barChart(v.groups.map((g) => ({ label: `${g.id} (${g.k}/${g.size})`, value: g.k / g.size })), { title: 'kept filters / filters, per channel group', yLabel: 'kept fraction', max: 1 })}`);
  }
  if (v.energyTraces?.length || v.capacitySteps?.length) {
    const parts: string[] = [];
    if (v.energyTraces?.length) {
      // One small chart per group (energies differ in scale between groups).
      parts.push(`<p>swap-SA energy per sweep, one read per group, every group solved with couplings</p><div class="multiples">${v.energyTraces.map((t) =>
        lineChart([{ name: t.group, x: t.sweeps, y: t.energy }], { title: `${t.group} (k=${t.k})`, xLabel: 'sweep', yLabel: 'energy', markers: false, legend: false, width: 300, height: 190 })).join('')}</div>`);
    }
    if (v.capacitySteps?.length) {
      parts.push(lineChart([{ name: 'kept filters', x: v.capacitySteps.map((_, i) => i + 1), y: v.capacitySteps.map((s) => s.kept) }], { title: 'capacity search: kept filters per μ step', xLabel: 'step', yLabel: 'kept', markers: true }));
    }
    sections.push(`<h2>Solver</h2>${parts.join('\n')}`);
  }
  if (v.refineTrace?.length) {
    sections.push(`<h2>Tensor-train refinement</h2>${lineChart([{ name: 'best so far', x: v.refineTrace.map((t) => t.evaluations), y: v.refineTrace.map((t) => t.best) }], { title: 'best validation PSNR vs evaluations', xLabel: 'evaluations', yLabel: 'PSNR (dB)', markers: true })}`);
  }
  if (v.finetune?.losses.length) {
    const f = v.finetune;
    sections.push(`<h2>Fine-tuning</h2>${lineChart([{ name: 'training loss', x: f.losses.map((_, i) => i + 1), y: f.losses }], { title: 'training loss (MSE) per step', xLabel: 'step', yLabel: 'loss', markers: false, legend: false })}` +
      lineChart([{ name: 'held-out PSNR', x: f.evaluations.map((e) => e.step), y: f.evaluations.map((e) => e.psnr) }], { title: `held-out PSNR (weights of step ${f.bestStep} kept)`, xLabel: 'step', yLabel: 'PSNR (dB)', markers: true, legend: false }));
  }
  if (v.crops?.length) {
    sections.push(`<h2>Before / after</h2><div class="crops">${v.crops.map((c) => `<figure><img src="${c.png}" alt="${esc(c.label)}"><figcaption>${esc(c.label)}${c.psnr !== undefined ? `<br>${c.psnr.toFixed(2)} dB` : ''}</figcaption></figure>`).join('')}</div>`);
  }
  if (v.notes?.length) sections.push(`<h2>Notes</h2><ul>${v.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(v.title)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#222}table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}th{background:#f4f4f4}.kv th,.kv td{text-align:left}
.crops{display:flex;gap:12px;flex-wrap:wrap}figure{margin:0;text-align:center;font-size:12px}img{width:192px;image-rendering:pixelated;border:1px solid #ccc}svg{margin:6px 12px 6px 0;vertical-align:top}.multiples{display:flex;flex-wrap:wrap}</style>
</head><body><h1>${esc(v.title)}</h1>
${sections.join('\n')}
</body></html>
`;
}
