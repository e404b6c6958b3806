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
    if (tenth > 0) log.info(`${this.name}: ${done}/${this.total}${detail ? ` ${detail}` : ''}`);
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
    const width = 24;
    const s = ((performance.now() - this.t0) / 1000).toFixed(0);
    let bar = '';
    if (this.total > 0) {
      const f = Math.min(1, done / this.total);
      const fill = Math.round(f * width);
      bar = `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${this.total}`;
    }
    const cols = this.stream.columns ?? 100;
    this.stream.write(`\r\x1b[2K${`[qprune] ${this.name} ${bar} ${s}s ${detail ?? ''}`.slice(0, cols - 1)}`);
  }
}
