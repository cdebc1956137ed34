import { RnnkitError } from '@rnnkit/common';

/** What went wrong with an audio file, as a stable machine-readable code. */
export type AudioFeaturesErrorCode =
  /** The bytes are not a RIFF/WAVE file. */
  | 'NOT_WAV'
  /** The header or a chunk ends before the size it declares. */
  | 'TRUNCATED'
  /** The file has no audio samples. */
  | 'NO_DATA'
  /** The codec or sample layout is not one this package decodes. */
  | 'UNSUPPORTED_FORMAT'
  /** A header field is impossible (zero channels, block size that does not match, …). */
  | 'BAD_HEADER'
  /** The file is larger than the reader's limit. */
  | 'TOO_LARGE'
  /** An option or argument is out of range. */
  | 'BAD_OPTION'
  /** The input file does not exist, is not a file, or cannot be read. */
  | 'UNREADABLE';

/**
 * The error this package throws for bad audio input. `code` says what kind of problem it is; `file` names the
 * file when there is one. Option checks shared with other packages throw the base class, `RnnkitError`
 * `BAD_OPTION`, and failed writes `RnnkitError` `UNWRITABLE` (both from `@rnnkit/common`).
 */
export class AudioFeaturesError extends RnnkitError<AudioFeaturesErrorCode> {}
