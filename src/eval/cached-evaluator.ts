/**
 * The one cache of evaluated masks: a MaskEvaluator decorator that answers repeats from memory,
 * sends each distinct new mask once, and (given a journal) records every score in a key-value store
 * so that a resumed run replays the candidates finished before it stopped instead of evaluating them
 * again (refinement is deterministic for a seed, so a resumed run asks for the same ones).
 */
import { checkAborted } from '../errors.js';
import type { KeepMasks } from '../prune/graph.js';
import { CandidateScore, maskKey } from './candidates.js';
import type { MaskEvaluator } from './mask-evaluator.js';

/** Where the journal lives (a RunStore satisfies it). */
export interface JournalStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
}

type Entry = { psnr: number; ssim: number; perImagePsnr: number[] };

export interface CacheOptions {
  journal?: { store: JournalStore; key: string };
  /** Checked before every batch: a stopped run stops asking. */
  signal?: AbortSignal;
}

export class CachedEvaluator implements MaskEvaluator {
  private constructor(private readonly inner: MaskEvaluator, private readonly scores: Map<string, Entry>, private readonly fromJournal: Set<string>,
    private readonly opts: CacheOptions) {}

  static async open(inner: MaskEvaluator, opts: CacheOptions = {}): Promise<CachedEvaluator> {
    const text = opts.journal ? await opts.journal.store.get(opts.journal.key) : undefined;
    const entries: [string, Entry][] = text ? JSON.parse(text) : [];
    return new CachedEvaluator(inner, new Map(entries), new Set(entries.map(([k]) => k)), opts);
  }

  /** Entries found in the journal when it was opened (finished before a restart). */
  get replayedFrom(): number {
    return this.fromJournal.size;
  }

  get evaluations(): number {
    return this.inner.evaluations;
  }

  async evaluate(keeps: KeepMasks[]): Promise<CandidateScore[]> {
    checkAborted(this.opts.signal);
    const keys = keeps.map(maskKey);
    const todo = new Map<string, KeepMasks>();
    keeps.forEach((k, i) => { if (!this.scores.has(keys[i])) todo.set(keys[i], k); });
    const fresh = todo.size ? await this.inner.evaluate([...todo.values()]) : [];
    const freshByKey = new Map([...todo.keys()].map((key, i) => [key, fresh[i]]));
    for (const [key, s] of freshByKey) this.scores.set(key, { psnr: s.psnr, ssim: s.ssim, perImagePsnr: s.perImagePsnr });
    const j = this.opts.journal;
    if (j && todo.size) await j.store.put(j.key, JSON.stringify([...this.scores]));
    return keys.map((key) => {
      const s = freshByKey.get(key);
      if (s) {
        freshByKey.delete(key); // a repeat later in this batch is answered from the cache
        return s;
      }
      return { ...this.scores.get(key)!, cached: true, exportMs: 0, sessionMs: 0, runMs: 0 };
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
