/** One name per refiner in logs, labels and tables: PROTES is "tt" (what --refine tt selects), the others their own names. */
export function refinerLabel(method: string): string {
  return method === 'protes' ? 'tt' : method;
}
