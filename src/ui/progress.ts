/**
 * Stage progress for long runs: on a TTY one bar per stage, redrawn in place on stderr; otherwise
 * (pipes, CI, log files) plain log lines at most every tenth of the way, so logs stay readable.
 */
import { log } from '../log.js';

export interface Progress {
  /** Begin a stage of `total` units (0 = unknown). */
  stage(name: string, total?: number): void;
  /** `done` units of the current stage finished; `detail` is shown beside the bar. */
  update(done: number, detail?: string): void;
  /** The current stage is over. */
  end(detail?: string): void;
}

export const silentProgress: Progress = { stage() {}, update() {}, end() {} };

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY && process.env.QPRUNE_LOG !== 'silent' ? new BarProgress(stream) : new LineProgress();
}

class LineProgress implements Progress {
  private name = '';
  private total = 0;
  private lastTenth = -1;
  private t0 = 0;
  private lastLog = 0;

  stage(name: string, total = 0): void {
    this.name = name;
    this.total = total;
    this.lastTenth = -1;
    this.t0 = this.lastLog = performance.now();
    if (total) log.info(`${name}: started (${total})`);
  }

  update(done: number, detail?: string): void {
    if (!this.total) return;
    const tenth = Math.floor((10 * done) / this.total);
    // At most one line per tenth of the stage and per 5 s: short stages log only their end.
    if (tenth === this.lastTenth || tenth >= 10 || performance.now() - this.lastLog < 5000) return;
    this.lastTenth = tenth;
    this.lastLog = performance.now();
    if (tenth > 0) log.info(`${this.name}: ${done}/${this.total}, ${eta((performance.now() - this.t0) / 1000, done, this.total)}${detail ? `, ${detail}` : ''}`);
  }

  end(detail?: string): void {
    log.info(`${this.name}: done in ${((performance.now() - this.t0) / 1000).toFixed(1)} s${detail ? ` (${detail})` : ''}`);
  }
}

class BarProgress implements Progress {
  private name = '';
  private total = 0;
  private t0 = 0;
  private lastDraw = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  stage(name: string, total = 0): void {
    this.name = name;
    this.total = total;
    this.t0 = performance.now();
    this.lastDraw = 0;
    this.draw(0);
  }

  update(done: number, detail?: string): void {
    const now = performance.now();
    if (now - this.lastDraw < 100 && done < this.total) return; // redraw at most 10 times a second
    this.lastDraw = now;
    this.draw(done, detail);
  }

  end(detail?: string): void {
    const s = ((performance.now() - this.t0) / 1000).toFixed(1);
    this.stream.write(`\r\x1b[2K[qprune] ${this.name}: done in ${s} s${detail ? ` (${detail})` : ''}\n`);
  }

  private draw(done: number, detail?: string): void {
    const line = progressLine({ name: this.name, done, total: this.total, seconds: (performance.now() - this.t0) / 1000, detail, columns: this.stream.columns ?? 100 });
    this.stream.write(`\r\x1b[2K${line}`);
  }
}

/** "ETA 1m05s" from the time so far and the fraction done ("ETA ?" before the first unit). */
export function eta(seconds: number, done: number, total: number): string {
  if (!(done > 0 && total > 0)) return 'ETA ?';
  return `ETA ${clock(Math.max(0, (seconds * (total - done)) / done))}`;
}

function clock(s: number): string {
  s = Math.round(s);
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * One progress line that fits the terminal without cutting a value: the bar narrows first (and goes
 * below 40 columns), then the detail goes (whole comma-separated parts, last first), then the stage
 * name is shortened with an ellipsis, then the "[qprune]" prefix and the elapsed time go; the counts
 * and the ETA are never cut.
 */
export function progressLine(o: { name: string; done: number; total: number; seconds: number; detail?: string; columns: number }): string {
  const room = Math.max(10, o.columns - 1);
  const counts = o.total > 0 ? ` ${o.done}/${o.total}` : '';
  let prefix = '[qprune] ', elapsed = ` ${clock(o.seconds)}`;
  const left = o.total > 0 ? ` ${eta(o.seconds, o.done, o.total)}` : '';
  let parts = (o.detail ?? '').split(/,\s*/).filter(Boolean);
  let name = o.name;
  const detailText = () => (parts.length ? ` ${parts.join(', ')}` : '');
  const length = () => prefix.length + name.length + counts.length + elapsed.length + left.length + detailText().length;
  while (parts.length && length() > room) parts = parts.slice(0, -1);
  const minName = Math.min(name.length, 6);
  if (length() > room) name = name.slice(0, Math.max(minName - 1, name.length - (length() - room) - 1)) + '…';
  if (length() > room) prefix = '';
  if (length() > room && left) elapsed = '';
  let bar = '';
  const free = room - length();
  if (o.total > 0 && o.columns >= 40 && free >= 8) {
    const width = Math.min(24, free - 3);
    const fill = Math.round(Math.min(1, o.done / o.total) * width);
    bar = ` [${'#'.repeat(fill)}${'.'.repeat(width - fill)}]`;
  }
  return `${prefix}${name}${bar}${counts}${elapsed}${left}${detailText()}`;
}
