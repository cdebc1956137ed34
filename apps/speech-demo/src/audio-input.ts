import { readFileSync, statSync } from 'node:fs';
import { AudioFeaturesError, readWav, readWavInfo } from '@rnnkit/audio-features';
import { SpeechDemoError } from './errors';

/** Longest recording the recognizer accepts, in seconds. */
export const MAX_SECONDS = 60;
/**
 * Largest file read at all: 60 s of 96 kHz stereo 32-bit audio is 46 MB, so every file within
 * {@link MAX_SECONDS} in a common format fits, and memory stays bounded whatever a file claims.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Options of {@link readClip}. */
export interface ReadClipOptions {
  /** Resample to this rate. */
  sampleRate: number;
  /** Refuse longer recordings. Default {@link MAX_SECONDS}. */
  maxSeconds?: number;
}

/**
 * Reads one WAV file for recognition: mono (channels averaged), resampled, at most `maxSeconds` long. The
 * header is checked before any sample is decoded, so a long file costs its bytes and nothing more.
 *
 * @throws AudioFeaturesError for files that are not readable WAV (not a WAV, empty, truncated, unsupported);
 * {@link SpeechDemoError} `BAD_INPUT` for files over the length or size limit.
 */
export function readClip(path: string, options: ReadClipOptions): Float32Array {
  const maxSeconds = options.maxSeconds ?? MAX_SECONDS;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new AudioFeaturesError('UNREADABLE', 'not a regular file; give the path of a WAV file', path);
    size = stat.size;
  } catch (err) {
    if (err instanceof AudioFeaturesError) throw err;
    throw new AudioFeaturesError('UNREADABLE', 'no such file; check the path', path);
  }
  if (size > MAX_FILE_BYTES) {
    const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    const problem = `file is ${mb(size)}, over the ${mb(MAX_FILE_BYTES)} limit (recordings of at most ${maxSeconds} s are accepted)`;
    throw new SpeechDemoError('BAD_INPUT', `${problem} — split it into shorter files`, path);
  }
  const bytes = readFileSync(path);
  try {
    const info = readWavInfo(bytes);
    if (info.duration > maxSeconds) {
      const problem = `recording is ${info.duration.toFixed(1)} s long; at most ${maxSeconds} s per file is accepted`;
      throw new SpeechDemoError('BAD_INPUT', `${problem} — split it into shorter files`, path);
    }
    return readWav(bytes, { sampleRate: options.sampleRate }).samples;
  } catch (err) {
    if (err instanceof AudioFeaturesError && !err.file) throw new AudioFeaturesError(err.code, err.message, path);
    throw err;
  }
}
