/** What went wrong, as a stable machine-readable code. */
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
  /** The input file does not exist or is not a file. */
  | 'NOT_FOUND'
  /** The file could not be read or written for another reason (permissions, disk full, …). */
  | 'IO';

/**
 * The one error type this package throws for bad input or bad options. `code` says what kind of problem it is;
 * `file` names the file when there is one. The message is one line meant for a person.
 */
export class AudioFeaturesError extends Error {
  /** What went wrong. */
  readonly code: AudioFeaturesErrorCode;
  /** The file concerned, when the input came from a path. */
  readonly file?: string;

  constructor(code: AudioFeaturesErrorCode, message: string, file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'AudioFeaturesError';
    this.code = code;
    this.file = file;
  }
}

/** Throws a BAD_OPTION error unless `value` is a finite number within [min, max]. */
export function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new AudioFeaturesError('BAD_OPTION', `${name} must be a number from ${min} to ${max}, got ${value}`);
  }
}

/** Throws a BAD_OPTION error unless `value` is an integer within [min, max]. */
export function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AudioFeaturesError('BAD_OPTION', `${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
