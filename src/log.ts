/** Minimal leveled logger on stderr, so stdout stays clean for --json output. */
type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
let threshold: Level = (process.env.QPRUNE_LOG as Level) in order ? (process.env.QPRUNE_LOG as Level) : 'info';

export function setLogLevel(level: Level): void {
  threshold = level;
}

function emit(level: Level, msg: string): void {
  if (order[level] < order[threshold]) return;
  process.stderr.write(`[qprune] ${level === 'info' ? '' : level + ': '}${msg}\n`);
}

export const log = {
  debug: (msg: string) => emit('debug', msg),
  info: (msg: string) => emit('info', msg),
  warn: (msg: string) => emit('warn', msg),
  error: (msg: string) => emit('error', msg),
};
