import os from 'node:os';

/** Cores this process may use: the default number of worker threads. */
export function defaultWorkerCount(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}
