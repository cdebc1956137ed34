import { Presets, SingleBar } from 'cli-progress';

/** A progress display for long commands. */
export interface Progress {
  start(total: number, title: string): void;
  update(done: number, note?: string): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; otherwise nothing (the commands also log a line per stage). */
export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { start: () => undefined, update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    { stream: process.stderr, format: '{title} [{bar}] {value}/{total} {note}', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let running = false;
  return {
    start(total, title) {
      if (running) bar.stop();
      bar.start(total, 0, { title, note: '' });
      running = true;
    },
    update(done, note = '') {
      if (running) bar.update(done, { note });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
