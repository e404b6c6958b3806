/**
 * User-facing failures. Anything that is the user's input being wrong (missing path, corrupt file,
 * wrong shape, impossible option) is a QpruneError: the CLI prints its one-line message and exits 2.
 * Any other exception is a bug and keeps its stack trace (exit 1).
 */
export class QpruneError extends Error {
  readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QpruneError';
  }
}

/** One line describing an unknown thrown value (for wrapping library errors into QpruneError). */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').map((s) => s.trim()).filter(Boolean).join(' ');
}
