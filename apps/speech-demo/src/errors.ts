import { RnnkitError } from '@rnnkit/common';

/** What kind of problem a {@link SpeechDemoError} reports; `exitCodeFor` in @rnnkit/common maps it to the exit status. */
export type SpeechDemoErrorCode =
  /** A command-line argument or option is wrong (exit 2). */
  | 'BAD_USAGE'
  /** An input file or folder cannot be used: unreadable, too long, no clips (exit 2). */
  | 'BAD_INPUT'
  /** A model directory is not a speech-demo model of the mode asked for (exit 2). */
  | 'BAD_MODEL'
  /** A program the command needs is not installed (exit 1). */
  | 'MISSING_TOOL';

/**
 * The error type of speech-demo for problems a user can fix. `message` is one line that names the file when
 * there is one.
 */
export class SpeechDemoError extends RnnkitError<SpeechDemoErrorCode> {}
