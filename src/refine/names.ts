/** One name per refiner in logs, labels and tables: PROTES is "tt" (what --refine tt selects), the others their own names. */
export function refinerLabel(method: string): string {
  if (method === 'protes:steps') return 'tt(steps)'; // PROTES with the earlier 40-step prior (pipeline/refine.ts)
  return method === 'protes' ? 'tt' : method;
}
