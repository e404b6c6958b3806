/**
 * A MaskEvaluator that records every score in the run store and answers repeats from it. Refinement
 * is deterministic for a seed, so a resumed run replays the same candidates: the journal serves the
 * ones finished before the crash and only the rest are evaluated (no finished job is recomputed).
 */
import type { MaskEvaluator } from '../eval/evaluator-pool.js';
import { CandidateScore, maskKey } from '../eval/candidates.js';
import type { KeepMasks } from '../prune/graph.js';
import type { RunStore } from './run-store.js';

type Entry = { psnr: number; ssim: number; perImagePsnr: number[] };

export class JournaledEvaluator implements MaskEvaluator {
  private constructor(private readonly inner: MaskEvaluator, private readonly store: RunStore, private readonly key: string,
    private readonly journal: Map<string, Entry>, readonly replayedFrom: number) {}

  /** Served from the journal so far (finished before a restart). */
  replayed = 0;

  static async open(inner: MaskEvaluator, store: RunStore, key = 'evaluations'): Promise<JournaledEvaluator> {
    const text = await store.get(key);
    const entries: [string, Entry][] = text ? JSON.parse(text) : [];
    return new JournaledEvaluator(inner, store, key, new Map(entries), entries.length);
  }

  get evaluations(): number {
    return this.inner.evaluations;
  }

  async evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]> {
    const keys = keeps.map(maskKey);
    const todo = new Map<string, KeepMasks>();
    keeps.forEach((k, i) => { if (!this.journal.has(keys[i])) todo.set(keys[i], k); });
    const fresh = todo.size ? await this.inner.evaluate([...todo.values()]) : [];
    const freshByKey = new Map([...todo.keys()].map((key, i) => [key, fresh[i]]));
    for (const [key, s] of freshByKey) this.journal.set(key, { psnr: s.psnr, ssim: s.ssim, perImagePsnr: s.perImagePsnr });
    if (todo.size) await this.store.put(this.key, JSON.stringify([...this.journal]));
    return keys.map((key) => {
      const s = freshByKey.get(key);
      if (s) return s;
      this.replayed++;
      return { ...this.journal.get(key)!, cached: true, exportMs: 0, sessionMs: 0, runMs: 0 };
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
