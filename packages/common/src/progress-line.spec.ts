import type { CliIo } from './cli-io';
import { ProgressLine } from './progress-line';

function setup(tty: boolean, plainLines = true) {
  let clock = 0;
  const written: string[] = [];
  const io: CliIo = {
    stdout: () => {
      throw new Error('progress must not write to stdout');
    },
    stderr: (text) => void written.push(text),
    stderrIsTty: tty,
  };
  const progress = new ProgressLine(io, { plainEveryMs: 1000, redrawEveryMs: 100, now: () => clock, plainLines });
  return { progress, written, advance: (ms: number) => void (clock += ms) };
}

describe('ProgressLine', () => {
  it('writes plain lines at most once per interval, and always the last one, when stderr is not a terminal', () => {
    const { progress, written, advance } = setup(false);
    progress.update(0.1, 'loss 2.0');
    advance(500);
    progress.update(0.2, 'loss 1.9');
    advance(600);
    progress.update(0.3, 'loss 1.8');
    advance(10);
    progress.update(1, 'loss 1.0');
    progress.log('validation 1.2');
    progress.stop();
    expect(written.join('')).toBe('[10.0%] loss 2.0\n[30.0%] loss 1.8\n[100.0%] loss 1.0\nvalidation 1.2\n');
  });

  it('redraws one live line on a terminal, writes logs above it, and ends it with a newline', () => {
    const { progress, written, advance } = setup(true);
    progress.update(0.5, 'half');
    advance(50);
    progress.update(0.6, 'skipped: too soon');
    progress.log('note');
    progress.stop();
    const bar = `${'\u2588'.repeat(10)}${'\u2591'.repeat(10)} 50.0% | half`;
    expect(written).toEqual([`\r\x1b[2K${bar}`, `\r\x1b[2Knote\n${bar}`, '\n']);
  });

  it('writes nothing but logged lines off a terminal when plain lines are turned off', () => {
    const { progress, written } = setup(false, false);
    progress.update(0.5, 'half');
    progress.update(1, 'done');
    progress.log('note');
    progress.stop();
    expect(written).toEqual(['note\n']);
  });
});
