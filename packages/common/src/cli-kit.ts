import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { CliIo } from './cli-io';
import { exitCodeFor, RnnkitError } from './rnnkit-error';

/** The real process's streams. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
  // A getter: process.stdin is only opened by the commands that read it.
  get stdin() {
    return process.stdin;
  },
};

/** Runs a command line: `argv` without node and the script; resolves to the exit status. */
export type RunCli<Io extends CliIo = CliIo> = (argv: string[], io?: Io) => Promise<number>;

/** The exit status of a run that did not throw: a command that skips bad inputs and goes on sets it to 2. */
export interface CliStatus {
  exitCode: number;
}

/** What a command line is made of. */
export interface CliDefinition<Io extends CliIo = CliIo> {
  /** The command's name, as typed; it starts every error line. */
  name: string;
  /** One sentence for `--help`. */
  description: string;
  /** Adds the subcommands to `program`; their actions write only through `io`. */
  commands: (program: Command, io: Io, status: CliStatus) => void;
}

/** An error for a wrong use of the command line (exit status 2), such as two flags that exclude each other. */
export function usageError(message: string): RnnkitError {
  return new RnnkitError('BAD_USAGE', message);
}

/** Limits of {@link numberArgument}. */
export interface NumberArgumentLimits {
  /** Only integers (default false). */
  integer?: boolean;
  /** Smallest value allowed (default −∞). */
  min?: number;
  /** Whether `min` itself is excluded (default false). */
  exclusiveMin?: boolean;
  /** Largest value allowed (default +∞). */
  max?: number;
  /** Whether `max` itself is excluded (default false). */
  exclusiveMax?: boolean;
}

/** A commander argument parser for a number option such as `--batch <n>`: a bad value is a usage error. */
export function numberArgument(flag: string, limits: NumberArgumentLimits = {}): (value: string) => number {
  const { integer = false, min = -Infinity, exclusiveMin = false, max = Infinity, exclusiveMax = false } = limits;
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${flag} must be ${integer ? 'an integer' : 'a number'}, got "${value}"`);
    }
    if (exclusiveMin ? !(n > min) : n < min) {
      throw new InvalidArgumentError(`${flag} must be ${exclusiveMin ? '>' : '>='} ${min}, got ${n}`);
    }
    if (exclusiveMax ? !(n < max) : n > max) {
      throw new InvalidArgumentError(`${flag} must be ${exclusiveMax ? 'less than' : 'at most'} ${max.toLocaleString('en-US')}, got ${n}`);
    }
    return n;
  };
}

/**
 * Writes the one error line for `err` and returns its exit status from {@link exitCodeFor}. An `RnnkitError`
 * prints its message; anything else is an unexpected failure. The stack follows only when `verbose`.
 */
export function reportError(name: string, err: unknown, io: CliIo, verbose: boolean): number {
  // Errors thrown by Node's core may come from another realm (under Jest, for one), so no `instanceof Error`.
  const { message, stack } = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as Partial<Error>;
  if (err instanceof RnnkitError) {
    io.stderr(`${name}: ${message}\n`);
  } else {
    const hint = verbose ? '' : ' (run with --verbose for details)';
    io.stderr(`${name}: unexpected failure: ${String(message).split('\n')[0]}${hint}\n`);
  }
  if (verbose && stack) io.stderr(`${stack}\n`);
  return exitCodeFor(err);
}

function buildProgram<Io extends CliIo>(definition: CliDefinition<Io>, io: Io, status: CliStatus): Command {
  const program = new Command(definition.name)
    .description(definition.description)
    .option('--verbose', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(`${definition.name}: ${text.replace(/^error: /, '').trim()} (see --help)\n`),
    });
  definition.commands(program, io, status);
  return program;
}

/** Makes `npx cli … | head` quiet: a reader closing stdout early is its choice, not a failure. */
function exitQuietlyOnClosedStdout(): void {
  if (process.stdout.listenerCount('error') > 0) return;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
}

/**
 * Creates a command line from its subcommands. Every rnnkit bin is made this way, so all share: `--help` on every
 * command, `--verbose` for stack traces, no arguments → help on stderr and exit 2, commander's own errors (unknown
 * flag, bad number) → one line and exit 2, and thrown errors → one line and the status of {@link exitCodeFor}.
 * `defaultIo` (the real process by default) is used when the caller passes none; a command line whose commands need
 * more than {@link CliIo} (a hook, say) extends it and passes its own.
 */
export function createCli<Io extends CliIo = CliIo>(definition: CliDefinition<Io>, defaultIo: Io = processIo as Io): RunCli<Io> {
  return async (argv: string[], io: Io = defaultIo): Promise<number> => {
    if (io === defaultIo) exitQuietlyOnClosedStdout();
    const status: CliStatus = { exitCode: 0 };
    const program = buildProgram(definition, io, status);
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return 2;
    }
    try {
      await program.parseAsync(argv, { from: 'user' });
      return status.exitCode;
    } catch (err) {
      // commander has already written its message through configureOutput.
      if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
      return reportError(definition.name, err, io, argv.includes('--verbose'));
    }
  };
}
