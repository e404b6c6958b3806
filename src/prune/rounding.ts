/**
 * Rounding kept-channel counts up to multiples of M (hardware-friendly widths). Channels are added
 * back in order of importance when scores are given (highest first), else lowest index first.
 */
import { QpruneError } from '../errors.js';
import { ChannelGraph, KeepMasks } from './graph.js';

export function roundKeepTo(graph: ChannelGraph, keep: KeepMasks, multiple: number, scores?: Map<string, Float64Array>): KeepMasks {
  if (!Number.isInteger(multiple) || multiple < 1) throw new QpruneError(`--round-to must be a positive integer, got ${multiple}`);
  const out: KeepMasks = new Map();
  for (const [id, mask] of keep) {
    const group = graph.groups.find((g) => g.id === id);
    if (!group) throw new QpruneError(`keep mask names unknown channel group '${id}'`);
    const m = Uint8Array.from(mask);
    let kept = m.reduce((a, b) => a + b, 0);
    const target = Math.min(group.size, Math.ceil(kept / multiple) * multiple);
    const s = scores?.get(id);
    const order = Array.from({ length: m.length }, (_, i) => i).filter((i) => !m[i]);
    if (s) order.sort((a, b) => s[b] - s[a] || a - b);
    for (const i of order) {
      if (kept >= target) break;
      m[i] = 1;
      kept++;
    }
    out.set(id, m);
  }
  return out;
}
