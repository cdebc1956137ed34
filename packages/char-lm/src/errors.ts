/** What went wrong, as a stable machine-readable code. */
export type CharLmErrorCode =
  | 'empty-corpus'
  | 'binary-input'
  | 'unreadable'
  | 'bad-vocabulary'
  | 'unknown-id'
  | 'bad-option'
  | 'bad-scores'
  | 'unknown-character'
  | 'bad-model'
  | 'checkpoint-exists'
  | 'no-checkpoint';

/**
 * The one error type thrown by @rnnkit/char-lm for bad input. `code` says what kind of problem it is and `file`
 * names the file involved, when there is one, so callers (such as a CLI) can branch without parsing messages.
 */
export class CharLmError extends Error {
  override readonly name = 'CharLmError';

  constructor(
    readonly code: CharLmErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(file === undefined ? message : `${file}: ${message}`);
  }
}
