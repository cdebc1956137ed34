/**
 * The codes every package uses for the same kinds of problem. Packages may add their own, more specific codes
 * (e.g. `NOT_WAV`); every code is UPPER_SNAKE.
 */
export type CommonErrorCode =
  /** The command line was used wrongly: unknown flag, missing argument, conflicting options. */
  | 'BAD_USAGE'
  /** An option or argument of a function or command is out of its range. */
  | 'BAD_OPTION'
  /** The data given (a file's content, a text, an array) cannot be used. */
  | 'BAD_INPUT'
  /** A file or directory the caller named cannot be read (missing, not a file, no permission). */
  | 'UNREADABLE'
  /** A model directory or file is missing, corrupt, of another kind or of an unknown version. */
  | 'BAD_MODEL'
  /** An output file could not be written (disk full, permissions, missing directory). */
  | 'UNWRITABLE'
  /** A program the command needs is not installed (e.g. espeak-ng). */
  | 'MISSING_TOOL'
  /** A bug or a broken invariant: never the caller's fault. */
  | 'INTERNAL';

const CODE_STYLE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/** Options of {@link RnnkitError}. */
export interface RnnkitErrorOptions {
  /** The file or directory concerned; the message is prefixed with it. */
  file?: string;
  /** The lower-level error that caused this one. */
  cause?: unknown;
}

/**
 * The base of every error rnnkit throws on purpose. `code` is a stable UPPER_SNAKE string for programs;
 * the message is one line for a person: what went wrong, on which file, and what to do. A package's own error
 * class is one line, `class AudioFeaturesError extends RnnkitError<AudioFeaturesErrorCode> {}`: it narrows the
 * codes and takes its name from the class.
 */
export class RnnkitError<Code extends string = CommonErrorCode | (string & {})> extends Error {
  /** What went wrong, as a stable machine-readable code. */
  readonly code: Code;
  /** The file or directory concerned, when there is one. */
  readonly file?: string;

  /**
   * `options` may be just the file's path. Throws a `TypeError` if `code` is not UPPER_SNAKE, so a second code
   * style cannot creep back in.
   */
  constructor(code: Code, message: string, options: RnnkitErrorOptions | string = {}) {
    if (!CODE_STYLE.test(code)) throw new TypeError(`error codes are UPPER_SNAKE, got ${JSON.stringify(code)}`);
    const { file, cause } = typeof options === 'string' ? { file: options, cause: undefined } : options;
    super(file === undefined ? message : `${file}: ${message}`, { cause });
    this.name = new.target.name;
    this.code = code;
    this.file = file;
  }
}

/** The codes whose errors exit with status 1: the command could not do its work though the input was fine. */
const FAILURE_CODES: ReadonlySet<string> = new Set(['INTERNAL', 'UNWRITABLE', 'MISSING_TOOL']);

/**
 * The one exit-code table every rnnkit command follows:
 *
 * - 0: success (`err` is `null` or `undefined`);
 * - 2: an {@link RnnkitError} about what the user gave — bad usage, bad option, bad input, unreadable file,
 *   bad model, and every package-specific code (they all describe input);
 * - 1: anything else — an `RnnkitError` coded `INTERNAL`, `UNWRITABLE` or `MISSING_TOOL`, or any other thrown value.
 */
export function exitCodeFor(err: unknown): 0 | 1 | 2 {
  if (err === null || err === undefined) return 0;
  if (err instanceof RnnkitError) return FAILURE_CODES.has(err.code) ? 1 : 2;
  return 1;
}
