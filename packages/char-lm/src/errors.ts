import { RnnkitError } from '@rnnkit/common';

/** What went wrong, as a stable machine-readable code. */
export type CharLmErrorCode =
  | 'EMPTY_CORPUS'
  | 'BINARY_INPUT'
  | 'UNREADABLE'
  | 'BAD_VOCABULARY'
  | 'UNKNOWN_ID'
  | 'BAD_OPTION'
  | 'BAD_SCORES'
  | 'UNKNOWN_CHARACTER'
  | 'BAD_MODEL'
  | 'CHECKPOINT_EXISTS'
  | 'NO_CHECKPOINT';

/**
 * The error @rnnkit/char-lm throws for bad input. `code` says what kind of problem it is and `file` names the file
 * involved, when there is one, so callers (such as a CLI) can branch without parsing messages. Option checks
 * shared with the other packages throw the base class, `RnnkitError` `BAD_OPTION` (from `@rnnkit/common`).
 */
export class CharLmError extends RnnkitError<CharLmErrorCode> {}
