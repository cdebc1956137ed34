import { Command } from 'commander';
import { join } from 'node:path';
import type { CliIo } from './cli-io';
import { createCli, numberArgument, usageError } from './cli-kit';
import { RnnkitError } from './rnnkit-error';

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

const run = createCli({
  name: 'demo',
  description: 'A command line for testing the kit.',
  commands(program: Command, io: CliIo, status) {
    program
      .command('echo')
      .description('print the words')
      .argument('<words...>')
      .option('--times <n>', 'repetitions', numberArgument('--times', { integer: true, min: 1, max: 3 }), 1)
      .action((words: string[], flags: { times: number }) => {
        for (let i = 0; i < flags.times; i++) io.stdout(`${words.join(' ')}\n`);
      });
    program.command('usage').action(() => {
      throw usageError('give --a or --b, not both');
    });
    program.command('input').action(() => {
      throw new RnnkitError('UNREADABLE', 'cannot read (ENOENT); check the path', { file: 'x.wav' });
    });
    program.command('unwritable').action(() => {
      throw new RnnkitError('UNWRITABLE', 'cannot write (ENOSPC)', { file: 'out.json' });
    });
    program
      .command('each')
      .argument('<words...>')
      .action((words: string[]) => {
        for (const word of words) {
          if (word === 'bad') {
            io.stderr(`demo: skipping ${word}\n`);
            status.exitCode = 2;
          } else io.stdout(`${word}\n`);
        }
      });
    program.command('crash').action(async () => {
      throw new TypeError('undefined is not a function\n    at somewhere');
    });
    program.command('fs').action(() => {
      // A real Node error: under Jest it comes from another realm than the test's `Error`.
      require('node:fs').mkdirSync(join(__filename, 'below-a-file'));
    });
  },
});

describe('createCli', () => {
  it('runs a command and exits 0', async () => {
    const io = capture();
    expect(await run(['echo', 'hello', 'world', '--times', '2'], io)).toBe(0);
    expect(io.out).toBe('hello world\nhello world\n');
    expect(io.err).toBe('');
  });

  it('prints help with exit 0 on --help, and on stderr with exit 2 when given nothing', async () => {
    const help = capture();
    expect(await run(['echo', '--help'], help)).toBe(0);
    expect(help.out).toMatch(/--times <n>/);
    const none = capture();
    expect(await run([], none)).toBe(2);
    expect(none.err).toMatch(/A command line for testing the kit/);
    expect(none.out).toBe('');
  });

  it.each([
    [['nope'], /^demo: unknown command 'nope' \(see --help\)\n$/],
    [['echo', 'a', '--bogus'], /^demo: unknown option '--bogus' \(see --help\)\n$/],
    [['echo', 'a', '--times', 'x'], /--times must be an integer, got "x"/],
    [['echo', 'a', '--times', '4'], /--times must be at most 3, got 4/],
    [['echo'], /missing required argument 'words'/],
    [['usage'], /^demo: give --a or --b, not both\n$/],
  ])('bad usage %j: one line, exit 2', async (argv, line) => {
    const io = capture();
    expect(await run(argv, io)).toBe(2);
    expect(io.err).toMatch(line);
    expect(io.err.trim().split('\n')).toHaveLength(1);
  });

  it('a command that skips a bad input and goes on sets the exit status itself', async () => {
    const io = capture();
    expect(await run(['each', 'a', 'bad', 'b'], io)).toBe(2);
    expect([io.out, io.err]).toEqual(['a\nb\n', 'demo: skipping bad\n']);
    expect(await run(['each', 'a'], capture())).toBe(0);
  });

  it('unreadable input: one line naming the file, exit 2', async () => {
    const io = capture();
    expect(await run(['input'], io)).toBe(2);
    expect(io.err).toBe('demo: x.wav: cannot read (ENOENT); check the path\n');
  });

  it('a failure to write exits 1 with its own line', async () => {
    const io = capture();
    expect(await run(['unwritable'], io)).toBe(1);
    expect(io.err).toBe('demo: out.json: cannot write (ENOSPC)\n');
  });

  it('an unexpected error: one line and exit 1; the stack only with --verbose', async () => {
    const quiet = capture();
    expect(await run(['crash'], quiet)).toBe(1);
    expect(quiet.err).toBe('demo: unexpected failure: undefined is not a function (run with --verbose for details)\n');
    const verbose = capture();
    expect(await run(['crash', '--verbose'], verbose)).toBe(1);
    expect(verbose.err).toMatch(/^demo: unexpected failure: undefined is not a function\nTypeError: .*\n\s+at /);
  });

  it('reports a Node system error by its message, with its stack under --verbose', async () => {
    const quiet = capture();
    expect(await run(['fs'], quiet)).toBe(1);
    expect(quiet.err).toMatch(/^demo: unexpected failure: ENOTDIR: not a directory, mkdir .*below-a-file' \(run with --verbose for details\)\n$/);
    const verbose = capture();
    expect(await run(['fs', '--verbose'], verbose)).toBe(1);
    expect(verbose.err).toMatch(/\n\s+at /);
  });
});

describe('numberArgument', () => {
  it('parses numbers within the limits', () => {
    expect(numberArgument('--lr', { min: 0, exclusiveMin: true })('0.5')).toBe(0.5);
    expect(numberArgument('--n', { integer: true })('-3')).toBe(-3);
    expect(() => numberArgument('--lr', { min: 0, exclusiveMin: true })('0')).toThrow('--lr must be > 0, got 0');
    expect(() => numberArgument('--n', { min: 1 })('0')).toThrow('--n must be >= 1, got 0');
    expect(numberArgument('--p', { max: 1, exclusiveMax: true })('0.999')).toBe(0.999);
    expect(() => numberArgument('--p', { max: 1, exclusiveMax: true })('1')).toThrow('--p must be less than 1, got 1');
    expect(() => numberArgument('--n')(' ')).toThrow('--n must be a number, got " "');
    expect(() => numberArgument('--n')('Infinity')).toThrow(/must be a number/);
  });
});
