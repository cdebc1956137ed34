import { RnnkitError } from '@rnnkit/common';

/** What kind of problem a {@link SpeechError} reports (exit 2 on a command line, as every input problem). */
export type SpeechErrorCode =
  /** Audio or options that cannot be used. */
  | 'BAD_INPUT'
  /** A model that is not a speech model of the mode asked for, or that cannot be loaded. */
  | 'BAD_MODEL';

/** The error type of @rnnkit/speech. `message` is one line that names the file or model when there is one. */
export class SpeechError extends RnnkitError<SpeechErrorCode> {}
