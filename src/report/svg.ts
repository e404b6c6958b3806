/**
 * Tiny inline-SVG charts for report.html (no scripts, no external files): line charts with several
 * series and bar charts. Axis ranges come from the data with a small margin.
 */
export interface Series { name: string; x: number[]; y: number[] }

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function range(values: number[]): [number, number] {
  const v = values.filter(Number.isFinite);
  if (!v.length) return [0, 1];
  let lo = Math.min(...v), hi = Math.max(...v);
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

/** Round tick values inside [lo, hi]: steps of 1, 2 or 5 times a power of ten, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const raw = (hi - lo) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.round(t / step) * step);
  return out.map((t) => Number(t.toPrecision(12)));
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 1e5 || (a > 0 && a < 0.001) ? v.toExponential(1) : String(Number(v.toPrecision(6)));
}

/** Width of a label in px at font size 11 (a generous estimate: labels must not be clipped). */
const textWidth = (s: string, size = 11) => Math.ceil(s.length * size * 0.62);

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  markers?: boolean;
  /** Ticks at these x values (e.g. the sparsities measured) instead of round ones. */
  xTicks?: number[];
  /** Horizontal reference lines (dashed), e.g. the full model and the noisy input. */
  references?: { label: string; y: number }[];
  legend?: boolean;
}

export function lineChart(series: Series[], opts: LineChartOptions): string {
  const legend = opts.legend ?? true;
  const labels = [...series.map((s) => s.name), ...(opts.references ?? []).map((r) => r.label)];
  const W = opts.width ?? 560, H = opts.height ?? 300, L = 64, R = legend ? Math.max(40, 30 + Math.max(0, ...labels.map((l) => textWidth(l)))) : 16, T = 28, B = 42;
  const xs = [...series.flatMap((s) => s.x), ...(opts.xTicks ?? [])];
  const [x0, x1] = range(xs), [y0, y1] = range([...series.flatMap((s) => s.y), ...(opts.references ?? []).map((r) => r.y)]);
  const px = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const width = W + Math.max(0, textWidth(opts.title, 13) + L - W);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<text x="${L}" y="16" font-size="13" font-weight="bold">${esc(opts.title)}</text>`,
    `<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#999"/>`];
  for (const t of opts.xTicks ?? niceTicks(x0, x1)) parts.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${H - B}" y2="${H - B + 4}" stroke="#999"/><text x="${px(t)}" y="${H - B + 15}" text-anchor="middle">${fmt(t)}</text>`);
  for (const t of niceTicks(y0, y1)) parts.push(`<text x="${L - 4}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`, `<line x1="${L}" x2="${W - R}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">${esc(opts.xLabel)}</text>`,
    `<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`);
  (opts.references ?? []).forEach((r, i) => {
    const y = py(r.y).toFixed(1), at = series.length + i;
    parts.push(`<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" stroke="#555" stroke-dasharray="5 4"><title>${esc(r.label)}: ${fmt(r.y)}</title></line>`);
    if (legend) parts.push(`<line x1="${W - R + 8}" x2="${W - R + 20}" y1="${T + at * 16 + 5}" y2="${T + at * 16 + 5}" stroke="#555" stroke-dasharray="4 2"/><text x="${W - R + 24}" y="${T + at * 16 + 9}">${esc(r.label)}</text>`);
  });
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = s.x.map((x, j) => [px(x), py(s.y[j])]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>`);
    if (opts.markers ?? pts.length < 30) for (const [a, b] of pts) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${color}"/>`);
    if (legend) parts.push(`<rect x="${W - R + 10}" y="${T + i * 16}" width="10" height="10" fill="${color}"/><text x="${W - R + 24}" y="${T + i * 16 + 9}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export function barChart(bars: { label: string; value: number }[], opts: { title: string; yLabel: string; max?: number; min?: number; width?: number; height?: number; references?: { label: string; y: number }[] }): string {
  // Labels are drawn at 60°: the bottom margin holds the longest one.
  const B = Math.max(40, Math.ceil(Math.sin(Math.PI / 3) * Math.max(0, ...bars.map((b) => textWidth(b.label, 10)))) + 16);
  const refs = opts.references ?? [];
  const W = Math.max(opts.width ?? Math.max(360, 60 + bars.length * 28), textWidth(opts.title, 13) + 60), H = (opts.height ?? 180) + B, L = 52, T = 28;
  const lo = opts.min ?? 0;
  const top = Math.max(...bars.map((b) => b.value), ...refs.map((r) => r.y), lo + 1e-12);
  // Room above the highest bar or reference line for its label.
  const hi = opts.max ?? top + (top - lo) * 0.1;
  const py = (v: number) => H - B - ((Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo)) * (H - T - B);
  const bw = (W - L - 10) / Math.max(1, bars.length);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="10">`,
    `<text x="${L}" y="16" font-size="13" font-weight="bold">${esc(opts.title)}</text>`,
    `<line x1="${L}" x2="${W - 10}" y1="${H - B}" y2="${H - B}" stroke="#999"/>`,
    `<text transform="translate(12 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`];
  for (const t of niceTicks(lo, hi, 6)) parts.push(`<text x="${L - 4}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`, `<line x1="${L}" x2="${W - 10}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/>`);
  bars.forEach((b, i) => {
    const y = py(b.value), x = L + i * bw;
    parts.push(`<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${(H - B - y).toFixed(1)}" fill="${COLORS[0]}"><title>${esc(b.label)}: ${fmt(b.value)}</title></rect>`,
      `<text transform="translate(${(x + bw / 2 - 2).toFixed(1)} ${H - B + 8}) rotate(60)">${esc(b.label)}</text>`);
  });
  for (const r of refs) {
    parts.push(`<line x1="${L}" x2="${W - 10}" y1="${py(r.y).toFixed(1)}" y2="${py(r.y).toFixed(1)}" stroke="#555" stroke-dasharray="5 4"/><text x="${W - 12}" y="${(py(r.y) - 3).toFixed(1)}" text-anchor="end">${esc(r.label)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

export { esc as escapeHtml };
