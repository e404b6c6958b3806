/**
 * Values loaded once per key (handlers per job kind, models and batches, object-store blobs). A
 * failed load is not kept: the next request tries again (the object may have been uploaded since).
 */
export class LoadedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  get(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.entries.get(key);
    if (!hit) {
      hit = load();
      this.entries.set(key, hit);
      hit.catch(() => this.entries.delete(key));
    }
    return hit;
  }
}
