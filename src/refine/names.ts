/** The refiner a user's name selects: "tt" is PROTES. */
export function refinerMethod(name: string): string {
  return name === 'tt' ? 'protes' : name;
}

/**
 * A plan's refinement as rows record it: the method, with ':boltzmann' or ':steps' for PROTES started
 * other than by its default, the screen (pipeline/refine.ts DEFAULT_PRIOR). Rows stored before the
 * screen became the default say 'protes' for the Boltzmann start and 'protes:screened' for the screen.
 */
export function refinementId(r: { method: string; prior?: string }): string {
  return `${r.method}${r.prior === 'steps' || r.prior === 'boltzmann' ? `:${r.prior}` : ''}`;
}

/** One name per refiner in logs, labels and tables: PROTES is "tt" (what --refine tt selects), the others their own names. */
export function refinerLabel(method: string): string {
  if (method === 'protes:steps') return 'tt(steps)'; // PROTES with the earlier 40-step prior (pipeline/refine.ts)
  if (method === 'protes:boltzmann') return 'tt(boltzmann)'; // PROTES started from the QUBO energies' Boltzmann prior
  if (method === 'protes:screened') return 'tt(screened)'; // rows stored before the screen was the default
  return method === 'protes' ? 'tt' : method;
}
