import type { CliIo } from './cli-io';

/** Options of {@link ProgressLine}. */
export interface ProgressLineOptions {
  /** Milliseconds between plain lines when stderr is not a terminal (default 10,000). */
  plainEveryMs?: number;
  /** Milliseconds between redraws of the live line on a terminal (default 100). */
  redrawEveryMs?: number;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
  /** Whether to write plain lines when stderr is not a terminal (default true); false shows progress on terminals only. */
  plainLines?: boolean;
}

const BAR_WIDTH = 20;
// Carriage return and "erase line": the live line is redrawn in place.
const CLEAR_LINE = '\r\x1b[2K';

/**
 * Progress of a long command, written through the command's io to stderr only. On a terminal
 * (`io.stderrIsTty`) one live line is redrawn in place; elsewhere (logs, pipes, tests) a plain line is written
 * every `plainEveryMs` and when the work is done, so logs stay short.
 */
export class ProgressLine {
  private readonly plainEveryMs: number;
  private readonly redrawEveryMs: number;
  private readonly now: () => number;
  private readonly plainLines: boolean;
  private lastWrite = -Infinity;
  private live = '';

  constructor(private readonly io: CliIo, options: ProgressLineOptions = {}) {
    this.plainEveryMs = options.plainEveryMs ?? 10_000;
    this.redrawEveryMs = options.redrawEveryMs ?? 100;
    this.now = options.now ?? Date.now;
    this.plainLines = options.plainLines ?? true;
  }

  /** Shows that `done` (a fraction from 0 to 1) of the work is finished, with a short line of figures. */
  update(done: number, text: string): void {
    if (!this.io.stderrIsTty && !this.plainLines) return;
    const fraction = Math.min(1, Math.max(0, done));
    const now = this.now();
    const due = now - this.lastWrite >= (this.io.stderrIsTty ? this.redrawEveryMs : this.plainEveryMs);
    if (!due && fraction < 1) return;
    this.lastWrite = now;
    const percent = `${(100 * fraction).toFixed(1)}%`;
    if (!this.io.stderrIsTty) {
      this.io.stderr(`[${percent}] ${text}\n`);
      return;
    }
    const filled = Math.round(fraction * BAR_WIDTH);
    this.live = `${'\u2588'.repeat(filled)}${'\u2591'.repeat(BAR_WIDTH - filled)} ${percent} | ${text}`;
    this.io.stderr(`${CLEAR_LINE}${this.live}`);
  }

  /** Writes a whole line; on a terminal it goes above the live line, which is drawn again below it. */
  log(line: string): void {
    if (this.io.stderrIsTty && this.live) this.io.stderr(`${CLEAR_LINE}${line}\n${this.live}`);
    else this.io.stderr(`${line}\n`);
  }

  /** Ends the live line (it stays on screen); later output starts on a fresh line. */
  stop(): void {
    if (this.io.stderrIsTty && this.live) this.io.stderr('\n');
    this.live = '';
  }
}
