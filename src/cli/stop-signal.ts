/**
 * Ctrl-C (SIGINT) and SIGTERM for a command: they fire the run's AbortSignal, the run stops at its
 * next unit of work and rejects with Aborted (exit 130, the message says what to do next).
 */
import { Aborted } from '../errors.js';

export async function untilStopped<T>(message: (signal: string) => string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const on = (sig: string) => () => stop.abort(new Aborted(message(sig)));
  const sigint = on('SIGINT'), sigterm = on('SIGTERM');
  process.once('SIGINT', sigint);
  process.once('SIGTERM', sigterm);
  try {
    return await run(stop.signal);
  } finally {
    process.off('SIGINT', sigint);
    process.off('SIGTERM', sigterm);
  }
}
