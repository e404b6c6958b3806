/** The refiner a user's name selects: "tt" is PROTES. */
export function refinerMethod(name: string): string {
  return name === 'tt' ? 'protes' : name;
}

/** A plan's refinement as rows record it: the method, with ':steps' for PROTES started by the earlier 40-step prior. */
export function refinementId(r: { method: string; prior?: string }): string {
  return `${r.method}${r.prior === 'steps' ? ':steps' : ''}`;
}

/** One name per refiner in logs, labels and tables: PROTES is "tt" (what --refine tt selects), the others their own names. */
export function refinerLabel(method: string): string {
  if (method === 'protes:steps') return 'tt(steps)'; // PROTES with the earlier 40-step prior (pipeline/refine.ts)
  return method === 'protes' ? 'tt' : method;
}
