/**
 * NATS operations that outlive a server restart: the client reconnects by itself (connectNats retries
 * forever), but a request made while the server is down fails (a timeout, no responders). Such a
 * failure is retried every half second until the operation succeeds or `patience` seconds pass; a
 * QpruneError (the job or the data is wrong) is never retried.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { checkAborted, describeError, QpruneError } from '../errors.js';
import { log } from '../log.js';

/**
 * Drains the connection (in-flight publishes and acks go out), but not forever: with the server
 * gone a drain never ends, so after `seconds` the connection is simply closed.
 */
export async function drainOrClose(nc: NatsConnection, seconds = 5): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), seconds * 1000)));
  try {
    if ((await Promise.race([nc.drain().then(() => 'drained' as const, () => 'failed' as const), late])) !== 'drained') await nc.close().catch(() => {});
  } finally {
    clearTimeout(timer);
  }
}

/** Seconds a run waits for NATS to come back before it fails (a restart takes a few). */
export const NATS_PATIENCE = 300;

/**
 * Runs `op` until it succeeds while NATS is unavailable, up to `patience` seconds. Errors that
 * `retryable` rejects (default: only QpruneErrors are final) are thrown as they are.
 */
export async function retryingNats<T>(nc: NatsConnection, what: string, op: () => Promise<T>, opts: { patience?: number; signal?: AbortSignal; retryable?: (err: unknown) => boolean } = {}): Promise<T> {
  const patience = opts.patience ?? NATS_PATIENCE, start = performance.now();
  let warned = false;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (err instanceof QpruneError || (opts.retryable && !opts.retryable(err))) throw err;
      if (nc.isClosed()) throw new QpruneError(`${what}: the NATS connection is closed (${describeError(err)})`);
      const waited = (performance.now() - start) / 1000;
      if (waited > patience) throw new QpruneError(`${what}: NATS did not answer for ${Math.round(waited)} s (${describeError(err)})`);
      if (!warned) log.warn(`${what}: NATS unavailable (${describeError(err)}); retrying until it is back (up to ${patience} s)`);
      warned = true;
      await new Promise((r) => setTimeout(r, 500));
      checkAborted(opts.signal);
    }
  }
}
