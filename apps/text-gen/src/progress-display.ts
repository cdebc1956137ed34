import { MultiBar, type SingleBar } from 'cli-progress';
import { natsToBits, type TrainingProgress } from '@rnnkit/char-lm';

/** Where progress goes: a terminal gets a live bar, anything else a plain line every few seconds. */
export interface ProgressSink {
  write: (text: string) => void;
  /** The terminal stream itself (process.stderr), when it is one; a live bar needs it for cursor control. */
  tty?: NodeJS.WriteStream;
}

/** Seconds between plain progress lines when stderr is not a terminal. */
const PLAIN_EVERY_MS = 10_000;

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** One line of figures: loss in nats and bits per character, speed, ETA, latest validation. */
export function describeProgress(p: TrainingProgress): string {
  const validation = p.validation === null ? '' : ` | val ${p.validation.toFixed(3)}`;
  return (
    `loss ${p.loss.toFixed(3)} nats = ${natsToBits(Math.max(0, p.loss)).toFixed(3)} bits/char${validation} | ` +
    `${Math.round(p.charsPerSecond).toLocaleString('en-US')} chars/s | ETA ${clock(p.etaSeconds)}`
  );
}

/** The training progress display: a cli-progress bar on a terminal, throttled plain lines elsewhere. */
export class ProgressDisplay {
  private readonly bars: MultiBar | null;
  private readonly bar: SingleBar | null;
  private lastPlain = 0;

  constructor(private readonly sink: ProgressSink) {
    if (sink.tty) {
      this.bars = new MultiBar({
        stream: sink.tty,
        format: '{bar} {percentage}% | {figures}',
        barCompleteChar: '\u2588',
        barIncompleteChar: '\u2591',
        hideCursor: true,
        barsize: 20,
        clearOnComplete: false,
      });
      this.bar = this.bars.create(1000, 0, { figures: 'starting…' });
    } else {
      this.bars = null;
      this.bar = null;
    }
  }

  /** Shows the latest figures. */
  update(p: TrainingProgress): void {
    if (this.bar) {
      this.bar.update(Math.round(p.done * 1000), { figures: describeProgress(p) });
      return;
    }
    const now = Date.now();
    if (now - this.lastPlain >= PLAIN_EVERY_MS || p.done >= 1) {
      this.lastPlain = now;
      this.sink.write(`[${(100 * p.done).toFixed(1)}%] step ${p.step} epoch ${p.epoch} | ${describeProgress(p)}\n`);
    }
  }

  /** Writes a line above the bar (or plainly). */
  log(line: string): void {
    if (this.bars) this.bars.log(`${line}\n`);
    else this.sink.write(`${line}\n`);
  }

  /** Removes the live bar's timers; the last state stays on screen. */
  stop(): void {
    this.bars?.stop();
  }
}
