/** What kind of problem a {@link SpeechDemoError} reports; it decides the exit status of the command line. */
export type SpeechDemoErrorCode =
  /** A command-line argument or option is wrong (exit 2). */
  | 'USAGE'
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
export class SpeechDemoError extends Error {
  /** What went wrong. */
  readonly code: SpeechDemoErrorCode;
  /** The file or folder concerned, when there is one. */
  readonly file?: string;

  constructor(code: SpeechDemoErrorCode, message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'SpeechDemoError';
    this.code = code;
    this.file = file;
  }
}
