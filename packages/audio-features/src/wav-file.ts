import { readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '@rnnkit/common';
import { AudioFeaturesError } from './errors';
import { decodeWav, decodeWavInfo, ReadWavOptions, WavAudio, WavInfo } from './wav-reader';
import { writeWav, WriteWavOptions } from './wav-writer';

const DEFAULT_MAX_BYTES = 1 << 30;

/**
 * Reads a WAV file (a path or its bytes) and returns one channel of samples in [-1, 1], as {@link decodeWav}
 * does; errors about a path's content name the file. Node only.
 *
 * @example
 * const { samples, sampleRate } = readWav('speech.wav', { sampleRate: 16000 });
 */
export function readWav(input: string | Uint8Array, options: ReadWavOptions = {}): WavAudio {
  if (typeof input !== 'string') return decodeWav(input, options);
  const bytes = readBounded(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
  return namingFile(input, () => decodeWav(bytes, options));
}

/** Reads and checks only the header of a WAV file (a path or its bytes). Node only. */
export function readWavInfo(input: string | Uint8Array, options: Pick<ReadWavOptions, 'maxBytes'> = {}): WavInfo {
  if (typeof input !== 'string') return decodeWavInfo(input);
  return namingFile(input, () => decodeWavInfo(readBounded(input, options.maxBytes ?? DEFAULT_MAX_BYTES)));
}

/** `writeWav` to a file, atomically: written to a temporary file beside it, then renamed into place. Node only. */
export function writeWavFile(
  path: string,
  channels: ArrayLike<number> | ArrayLike<number>[],
  sampleRate: number,
  options: WriteWavOptions = {},
): void {
  writeFileAtomic(path, writeWav(channels, sampleRate, options));
}

function namingFile<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw err instanceof AudioFeaturesError && !err.file ? new AudioFeaturesError(err.code, err.message, file) : err;
  }
}

function readBounded(path: string, maxBytes: number): Uint8Array {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new AudioFeaturesError('UNREADABLE', 'not a regular file; give the path of a WAV file', path);
    if (stat.size > maxBytes) {
      throw new AudioFeaturesError('TOO_LARGE', `file is ${stat.size} bytes, more than the ${maxBytes}-byte limit`, path);
    }
    return readFileSync(path);
  } catch (err) {
    if (err instanceof AudioFeaturesError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AudioFeaturesError('UNREADABLE', 'no such file; check the path', path);
    throw new AudioFeaturesError('UNREADABLE', `cannot read (${code ?? String(err)}); check its permissions`, path);
  }
}
