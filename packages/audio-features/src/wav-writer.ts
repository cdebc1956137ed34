import { WaveFile } from 'wavefile';
import { integerInRange } from '@rnnkit/common';
import { AudioFeaturesError } from './errors';

/** Sample formats {@link writeWav} produces. */
export type WavWriteFormat = 'pcm16' | 'float32';

/** Options for {@link writeWav}. */
export interface WriteWavOptions {
  /** 16-bit PCM (default; samples clipped to [-1, 1] and rounded) or 32-bit IEEE float. */
  format?: WavWriteFormat;
}

/**
 * Encodes samples in [-1, 1] as a WAV file: one Float32Array per channel (all the same length) or one array for
 * mono. 16-bit values are round(x·32768) clipped to the int16 range, so what `decodeWav` reads back from a
 * 16-bit file is written back unchanged.
 */
export function writeWav(
  channels: ArrayLike<number> | ArrayLike<number>[],
  sampleRate: number,
  options: WriteWavOptions = {},
): Uint8Array {
  const list = isChannelList(channels) ? channels : [channels];
  integerInRange('sampleRate', sampleRate, 1, 0xffffffff);
  if (list.length === 0 || list.length > 65535) {
    throw new AudioFeaturesError('BAD_OPTION', `need 1 to 65535 channels, got ${list.length}`);
  }
  if (list.some((c) => c.length !== list[0].length)) {
    throw new AudioFeaturesError('BAD_OPTION', 'all channels must have the same length');
  }
  const format = options.format ?? 'pcm16';
  if (format !== 'pcm16' && format !== 'float32') {
    throw new AudioFeaturesError('BAD_OPTION', `format must be "pcm16" or "float32", got "${String(format)}"`);
  }
  const data = list.map((channel) => (format === 'pcm16' ? toInt16(channel) : Float32Array.from(channel)));
  const wav = new WaveFile();
  wav.fromScratch(data.length, sampleRate, format === 'pcm16' ? '16' : '32f', data.length === 1 ? data[0] : data);
  return wav.toBuffer();
}

function isChannelList(x: ArrayLike<number> | ArrayLike<number>[]): x is ArrayLike<number>[] {
  return Array.isArray(x) && (x.length === 0 || typeof x[0] !== 'number');
}

function toInt16(channel: ArrayLike<number>): Int16Array {
  const out = new Int16Array(channel.length);
  for (let i = 0; i < channel.length; i++) {
    const v = Math.round(channel[i] * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}
