/** What kind of problem a {@link SpeechError} reports. */
export type SpeechErrorCode =
  /** Audio or options that cannot be used (exit 2 on a command line). */
  | 'BAD_INPUT'
  /** A model that is not a speech model of the mode asked for, or that cannot be loaded (exit 2). */
  | 'BAD_MODEL';

/** The error type of @rnnkit/speech. `message` is one line that names the file or model when there is one. */
export class SpeechError extends Error {
  /** What went wrong. */
  readonly code: SpeechErrorCode;
  /** The file, folder or URL concerned, when there is one. */
  readonly file?: string;

  constructor(code: SpeechErrorCode, message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'SpeechError';
    this.code = code;
    this.file = file;
  }
}
