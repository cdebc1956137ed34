import { integerInRange } from '@rnnkit/common';
import { AudioFeaturesError } from './errors';
import { aLawToLinear, muLawToLinear } from './g711';
import { resample } from './resample';

/** Sample encodings the reader decodes. */
export type WavEncoding = 'pcm' | 'float' | 'alaw' | 'mulaw';

/** What a WAV header says, checked against the file. */
export interface WavInfo {
  /** Sample encoding. */
  encoding: WavEncoding;
  /** True when the header is WAVE_FORMAT_EXTENSIBLE (the encoding then comes from its sub-format GUID). */
  extensible: boolean;
  /** Interleaved channels. */
  channels: number;
  /** Samples per second per channel. */
  sampleRate: number;
  /** Bits per stored sample (the container size). */
  bitsPerSample: number;
  /** Samples per channel. */
  frames: number;
  /** Length in seconds. */
  duration: number;
}

/** A decoded file: one channel of samples in [-1, 1]. */
export interface WavAudio {
  /** Rate of `samples` (the file's own rate unless resampled on reading). */
  sampleRate: number;
  /** Channels in the file. */
  channels: number;
  /** The downmixed (or picked) channel. */
  samples: Float32Array;
  /** The header as read. */
  info: WavInfo;
}

/** Options for {@link decodeWav} and `readWav`. */
export interface ReadWavOptions {
  /** `'mix'` (default) averages all channels; a number picks that channel (0-based). */
  channel?: 'mix' | number;
  /** Resample to this rate after decoding (band-limited, see {@link resample}). Default: the file's rate. */
  sampleRate?: number;
  /** `readWav` of a path: refuse files larger than this many bytes. Default 1 GiB. */
  maxBytes?: number;
}

const FORMAT_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MPEG layer 3',
  0x0161: 'Windows Media Audio',
};
const ENCODINGS: Record<number, WavEncoding> = { 1: 'pcm', 3: 'float', 6: 'alaw', 7: 'mulaw' };
/** Bytes 2–15 of every KSDATAFORMAT_SUBTYPE GUID; bytes 0–1 hold the ordinary format tag. */
const GUID_TAIL = [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71];

/** Where a WAV file's samples are and how they are stored. */
export interface Layout {
  info: WavInfo;
  dataOffset: number;
  blockAlign: number;
}

/**
 * Decodes the bytes of a WAV file into one channel of samples in [-1, 1]. Decodes PCM 8-bit (unsigned), 16, 24
 * and 32-bit; IEEE float 32 and 64-bit, also inside WAVE_FORMAT_EXTENSIBLE; A-law and µ-law. Float samples
 * outside [-1, 1] are clipped and non-finite ones become 0. Every size in the header is checked against the bytes
 * present before anything is allocated; problems throw {@link AudioFeaturesError}. Works in browsers; in Node,
 * `readWav` also takes a path.
 *
 * @example
 * const { samples, sampleRate } = decodeWav(new Uint8Array(await file.arrayBuffer()), { sampleRate: 16000 });
 */
export function decodeWav(bytes: Uint8Array, options: Omit<ReadWavOptions, 'maxBytes'> = {}): WavAudio {
  const layout = parseLayout(bytes);
  const { info } = layout;
  const channel = options.channel ?? 'mix';
  if (channel !== 'mix') integerInRange('channel', channel, 0, info.channels - 1);
  if (options.sampleRate !== undefined) integerInRange('sampleRate', options.sampleRate, 1, 10_000_000);
  let samples = decode(bytes, layout, channel);
  let sampleRate = info.sampleRate;
  if (options.sampleRate !== undefined && options.sampleRate !== sampleRate) {
    samples = resample(samples, sampleRate, options.sampleRate);
    sampleRate = options.sampleRate;
  }
  return { sampleRate, channels: info.channels, samples, info };
}

/** Reads and checks only the header of a WAV file's bytes. */
export function decodeWavInfo(bytes: Uint8Array): WavInfo {
  return parseLayout(bytes).info;
}

function tag(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

/** Walks the RIFF chunks up to `fmt ` and `data`, checking each declared size against the bytes present. */
function parseLayout(bytes: Uint8Array): Layout {
  if (bytes.length < 12) {
    const prefix = 'RIFF'.slice(0, Math.min(4, bytes.length));
    if (bytes.length > 0 && tag(bytes, 0).slice(0, prefix.length) === prefix) {
      throw new AudioFeaturesError('TRUNCATED', `only ${bytes.length} bytes, shorter than a WAV header`);
    }
    throw new AudioFeaturesError('NOT_WAV', `not a WAV file (${bytes.length} bytes, no RIFF header)`);
  }
  const riff = tag(bytes, 0);
  if (riff === 'RIFX' || riff === 'RF64') {
    throw new AudioFeaturesError('UNSUPPORTED_FORMAT', `${riff} WAV files are not supported; convert to RIFF (e.g. with sox)`);
  }
  if (riff !== 'RIFF' || tag(bytes, 8) !== 'WAVE') {
    throw new AudioFeaturesError('NOT_WAV', 'not a WAV file (no RIFF/WAVE header)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: Omit<Layout, 'dataOffset'> | undefined;
  let data: { offset: number; size: number } | undefined;
  let pos = 12;
  while (pos + 8 <= bytes.length && !(fmt && data)) {
    const id = tag(bytes, pos);
    const size = view.getUint32(pos + 4, true);
    const body = pos + 8;
    const available = bytes.length - body;
    if (size > available) {
      throw new AudioFeaturesError(
        'TRUNCATED',
        `'${id.replace(/[^ -~]/g, '?')}' chunk claims ${size} bytes but only ${available} follow (file truncated or header corrupt)`,
      );
    }
    if (id === 'fmt ') fmt = parseFormat(bytes, view, body, size);
    else if (id === 'data') data = { offset: body, size };
    pos = body + size + (size & 1);
  }
  if (!fmt || !data) {
    if (pos < bytes.length) throw new AudioFeaturesError('TRUNCATED', 'file ends in the middle of a chunk header');
    if (!fmt) throw new AudioFeaturesError('BAD_HEADER', "no 'fmt ' chunk");
    throw new AudioFeaturesError('NO_DATA', "no 'data' chunk (no samples)");
  }
  const frames = Math.floor(data.size / fmt.blockAlign);
  if (frames === 0) throw new AudioFeaturesError('NO_DATA', `data chunk holds ${data.size} bytes, less than one sample`);
  fmt.info.frames = frames;
  fmt.info.duration = frames / fmt.info.sampleRate;
  return { ...fmt, dataOffset: data.offset };
}

/** Reads and checks a `fmt ` chunk's body (shared with `WavStreamDecoder`). */
export function parseFormat(bytes: Uint8Array, view: DataView, at: number, size: number): Omit<Layout, 'dataOffset'> {
  if (size < 16) throw new AudioFeaturesError('BAD_HEADER', `'fmt ' chunk is ${size} bytes, needs at least 16`);
  let formatTag = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  const extensible = formatTag === 0xfffe;
  if (extensible) {
    if (size < 40) throw new AudioFeaturesError('BAD_HEADER', `WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is ${size} bytes, needs 40`);
    formatTag = view.getUint16(at + 24, true);
    if (GUID_TAIL.some((byte, i) => bytes[at + 26 + i] !== byte)) {
      throw new AudioFeaturesError('UNSUPPORTED_FORMAT', 'WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID');
    }
  }
  const encoding = ENCODINGS[formatTag];
  if (!encoding) {
    const name = FORMAT_NAMES[formatTag] ?? `format tag 0x${formatTag.toString(16).padStart(4, '0')}`;
    throw new AudioFeaturesError('UNSUPPORTED_FORMAT', `unsupported codec ${name}; convert to PCM (e.g. with sox)`);
  }
  const allowed = { pcm: [8, 16, 24, 32], float: [32, 64], alaw: [8], mulaw: [8] }[encoding];
  if (!allowed.includes(bitsPerSample)) {
    throw new AudioFeaturesError('UNSUPPORTED_FORMAT', `${bitsPerSample}-bit ${encoding} samples are not supported`);
  }
  if (channels === 0) throw new AudioFeaturesError('BAD_HEADER', 'header says 0 channels');
  if (sampleRate === 0) throw new AudioFeaturesError('BAD_HEADER', 'header says a sample rate of 0 Hz');
  if (blockAlign !== (channels * bitsPerSample) / 8) {
    throw new AudioFeaturesError(
      'BAD_HEADER',
      `block size ${blockAlign} does not match ${channels} channel(s) of ${bitsPerSample} bits`,
    );
  }
  return {
    info: { encoding, extensible, channels, sampleRate, bitsPerSample, frames: 0, duration: 0 },
    blockAlign,
  };
}

/** Reads one sample at a byte offset, scaled to [-1, 1]. */
export type SampleReader = (view: DataView, offset: number) => number;

/** The sample reader of an encoding and depth (shared with `WavStreamDecoder`). */
export function sampleReader({ encoding, bitsPerSample }: WavInfo): SampleReader {
  if (encoding === 'alaw') return (view, at) => aLawToLinear(view.getUint8(at));
  if (encoding === 'mulaw') return (view, at) => muLawToLinear(view.getUint8(at));
  if (encoding === 'float') {
    const read = bitsPerSample === 32 ? (v: DataView, at: number) => v.getFloat32(at, true) : (v: DataView, at: number) => v.getFloat64(at, true);
    return (view, at) => {
      const x = read(view, at);
      return x > 1 ? 1 : x < -1 ? -1 : x === x ? x : 0;
    };
  }
  switch (bitsPerSample) {
    case 8:
      return (view, at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (view, at) => view.getInt16(at, true) / 32768;
    case 24:
      return (view, at) => ((view.getInt8(at + 2) << 16) | view.getUint16(at, true)) / 8388608;
    default:
      return (view, at) => view.getInt32(at, true) / 2147483648;
  }
}

function decode(bytes: Uint8Array, { info, dataOffset, blockAlign }: Layout, channel: 'mix' | number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(info);
  const width = info.bitsPerSample / 8;
  const out = new Float32Array(info.frames);
  for (let f = 0, at = dataOffset; f < info.frames; f++, at += blockAlign) {
    if (channel !== 'mix') {
      out[f] = read(view, at + channel * width);
      continue;
    }
    let sum = 0;
    for (let c = 0; c < info.channels; c++) sum += read(view, at + c * width);
    out[f] = sum / info.channels;
  }
  return out;
}
