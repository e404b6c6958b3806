/** Results of a sampler (dwave-samplers style): distinct samples, energies, occurrences, timing. */
export interface SampleSet {
  samples: Uint8Array[];
  energies: number[];
  occurrences: number[];
  timing: { seconds: number; proposals: number; proposalsPerSecond: number };
  info: Record<string, unknown>;
}

/** Aggregate raw reads into a SampleSet sorted by energy (lowest first). */
export function toSampleSet(reads: { x: Uint8Array; energy: number }[], seconds: number, proposals: number, info: Record<string, unknown> = {}): SampleSet {
  const byKey = new Map<string, { x: Uint8Array; energy: number; count: number }>();
  for (const r of reads) {
    const key = Buffer.from(r.x).toString('base64');
    const hit = byKey.get(key);
    if (hit) hit.count++;
    else byKey.set(key, { x: r.x, energy: r.energy, count: 1 });
  }
  const rows = [...byKey.values()].sort((a, b) => a.energy - b.energy);
  return {
    samples: rows.map((r) => r.x),
    energies: rows.map((r) => r.energy),
    occurrences: rows.map((r) => r.count),
    timing: { seconds, proposals, proposalsPerSecond: seconds > 0 ? proposals / seconds : 0 },
    info,
  };
}

export function best(set: SampleSet): { x: Uint8Array; energy: number } {
  return { x: set.samples[0], energy: set.energies[0] };
}
