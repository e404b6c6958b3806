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

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 1000 || (a > 0 && a < 0.01) ? v.toExponential(1) : String(Math.round(v * 1000) / 1000);
}

export function lineChart(series: Series[], opts: { title: string; xLabel: string; yLabel: string; width?: number; height?: number; markers?: boolean }): string {
  const W = opts.width ?? 560, H = opts.height ?? 300, L = 64, R = 150, T = 28, B = 42;
  const [x0, x1] = range(series.flatMap((s) => s.x)), [y0, y1] = range(series.flatMap((s) => s.y));
  const px = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const ticks = (lo: number, hi: number) => Array.from({ length: 5 }, (_, i) => lo + ((hi - lo) * i) / 4);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<text x="${L}" y="16" font-size="13" font-weight="bold">${esc(opts.title)}</text>`,
    `<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#999"/>`];
  for (const t of ticks(x0, x1)) parts.push(`<text x="${px(t)}" y="${H - B + 14}" text-anchor="middle">${fmt(t)}</text>`);
  for (const t of ticks(y0, y1)) parts.push(`<text x="${L - 4}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`, `<line x1="${L}" x2="${W - R}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">${esc(opts.xLabel)}</text>`,
    `<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = s.x.map((x, j) => [px(x), py(s.y[j])]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.6" points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>`);
    if (opts.markers ?? pts.length < 30) for (const [a, b] of pts) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${color}"/>`);
    parts.push(`<rect x="${W - R + 10}" y="${T + i * 16}" width="10" height="10" fill="${color}"/><text x="${W - R + 24}" y="${T + i * 16 + 9}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export function barChart(bars: { label: string; value: number }[], opts: { title: string; yLabel: string; max?: number; width?: number; height?: number }): string {
  const W = opts.width ?? Math.max(360, 40 + bars.length * 28), H = opts.height ?? 240, L = 48, T = 28, B = 60;
  const max = opts.max ?? Math.max(...bars.map((b) => b.value), 1e-12);
  const bw = (W - L - 10) / Math.max(1, bars.length);
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="10">`,
    `<text x="${L}" y="16" font-size="13" font-weight="bold">${esc(opts.title)}</text>`,
    `<line x1="${L}" x2="${W - 10}" y1="${H - B}" y2="${H - B}" stroke="#999"/>`,
    `<text transform="translate(12 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">${esc(opts.yLabel)}</text>`];
  for (const t of [0, 0.5, 1]) parts.push(`<text x="${L - 4}" y="${H - B - t * (H - T - B) + 4}" text-anchor="end">${fmt(t * max)}</text>`);
  bars.forEach((b, i) => {
    const h = (Math.max(0, b.value) / max) * (H - T - B);
    const x = L + i * bw;
    parts.push(`<rect x="${(x + 2).toFixed(1)}" y="${(H - B - h).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="#1f77b4"><title>${esc(b.label)}: ${fmt(b.value)}</title></rect>`,
      `<text transform="translate(${(x + bw / 2 + 3).toFixed(1)} ${H - B + 6}) rotate(60)">${esc(b.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export { esc as escapeHtml };
