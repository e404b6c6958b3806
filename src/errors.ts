/**
 * User-facing failures. Anything that is the user's input being wrong (missing path, corrupt file,
 * wrong shape, impossible option) is a QpruneError: the CLI prints its one-line message and exits 2.
 * Any other exception is a bug and keeps its stack trace (exit 1).
 */
export class QpruneError extends Error {
  readonly exitCode: number;
  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options);
    this.name = 'QpruneError';
    this.exitCode = options?.exitCode ?? 2;
  }
}

/**
 * A job message that no handler can act on (undecodable, out of range, naming what is not there):
 * never worth retrying. Decoders throw it; services dead-letter it; the sender sees its message.
 */
export class BadRequest extends QpruneError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BadRequest';
  }
}

/** The run was stopped through its AbortSignal (Ctrl-C in the CLI): exit 130, as a shell expects. */
export class Aborted extends QpruneError {
  constructor(message = 'stopped') {
    super(message, { exitCode: 130 });
    this.name = 'Aborted';
  }
}

/** Throws Aborted when the signal has fired (checked between units of work). */
export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Aborted ? signal.reason : new Aborted();
}

/**
 * Why JSON.parse failed, without the text it quotes: a file given as a model or keep file may be
 * anything (a submitted run's path on the coordinator's host), and its first bytes must not come back
 * in an error message.
 */
export function describeJsonError(err: unknown): string {
  const at = /position (\d+)/.exec(err instanceof Error ? err.message : String(err));
  return at ? `syntax error at position ${at[1]}` : 'syntax error';
}

/** One line describing an unknown thrown value (for wrapping library errors into QpruneError). */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  // Never empty: an error without a message would leave "...: " dangling in ours.
  return text.split('\n').map((s) => s.trim()).filter(Boolean).join(' ') || (err instanceof Error ? `${err.name} without a message` : 'unknown error');
}
