/** The method-comparison table as Markdown (results.md, the README) and as plain text for the terminal. */
import { budgetName, methodName, type ComparisonRow } from './html.js';

const f3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3));

function columns(rows: ComparisonRow[]): { head: string[]; cells: (r: ComparisonRow) => string[] } {
  const hasFt = rows.some((r) => r.finetunedPsnr != null), hasTest = rows.some((r) => r.testPsnr != null);
  return {
    head: ['method', 'sparsity', 'budget', 'val PSNR', ...(hasFt ? ['fine-tuned val PSNR'] : []), ...(hasTest ? ['test PSNR', 'test SSIM'] : []), 'params', 'FLOPs', 's'],
    cells: (r) => [methodName(r), `${Math.round(r.sparsity * 1000) / 10}%`, budgetName(r),
      f3(r.psnr), ...(hasFt ? [f3(r.finetunedPsnr)] : []), ...(hasTest ? [f3(r.testPsnr), r.testSsim == null ? '–' : r.testSsim.toFixed(4)] : []),
      String(r.params), `${(100 * r.flopsFraction).toFixed(1)}%`, r.seconds.toFixed(1)],
  };
}

export function markdownTable(rows: ComparisonRow[]): string {
  const { head, cells } = columns(rows);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cells(r).join(' | ')} |`)].join('\n');
}

export function textTable(rows: ComparisonRow[]): string {
  const { head, cells } = columns(rows);
  const body = rows.map(cells);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
