import { AudioFeaturesError } from './errors';
import { parseFormat, SampleReader, sampleReader, WavInfo } from './wav-reader';

/** A streamed WAV's header is read within this many bytes, or the stream is refused. */
const MAX_HEADER_BYTES = 1 << 20;
/** Sizes a writer puts in the header when it does not know the length yet (sox, arecord, ffmpeg to a pipe). */
const UNKNOWN_SIZES = new Set([0, 0xffffffff]);

/**
 * Decodes a WAV file that arrives in pieces (a pipe, a socket): push bytes as they come, get mono samples in
 * [-1, 1] (channels averaged) as soon as whole frames are there. A header whose RIFF and data sizes are 0 or
 * 0xFFFFFFFF — what a recorder writes to a pipe — means "until the stream ends"; a real data size is honoured
 * and anything after it ignored. Encodings as `decodeWav`. Problems throw `AudioFeaturesError`.
 *
 * @example
 * const wav = new WavStreamDecoder();
 * for await (const bytes of process.stdin) consume(wav.push(bytes), wav.info!.sampleRate);
 * wav.end();
 */
export class WavStreamDecoder {
  /** The header, once read (frames and duration stay 0: a stream's length is not known in advance). */
  info?: WavInfo;
  private pending: Uint8Array = new Uint8Array(0);
  private blockAlign = 0;
  private read?: SampleReader;
  /** Data bytes still expected, or Infinity for "until the end". */
  private remaining = Infinity;

  /** Adds bytes; returns the samples of the whole frames now available (possibly none). */
  push(bytes: Uint8Array): Float32Array {
    this.pending = concat(this.pending, bytes);
    if (!this.info && !this.readHeader()) return new Float32Array(0);
    const usable = Math.min(this.pending.length, this.remaining);
    const frames = Math.floor(usable / this.blockAlign);
    const out = this.decodeFrames(frames);
    this.remaining -= frames * this.blockAlign;
    this.pending = this.remaining === 0 ? new Uint8Array(0) : this.pending.subarray(frames * this.blockAlign);
    return out;
  }

  /** Ends the stream; throws if it never got past the header. A trailing partial frame is dropped. */
  end(): void {
    if (this.info) return;
    if (this.pending.length === 0) throw new AudioFeaturesError('NOT_WAV', 'no input: the stream was empty');
    this.readHeader(true);
  }

  /** Parses the header once enough bytes are there; false while more are needed. */
  private readHeader(final = false): boolean {
    const bytes = this.pending;
    const need = (n: number): boolean => {
      if (bytes.length >= n) return true;
      if (final || bytes.length > MAX_HEADER_BYTES) {
        throw new AudioFeaturesError('TRUNCATED', `the stream ended (or ran past ${MAX_HEADER_BYTES} bytes) inside the WAV header`);
      }
      return false;
    };
    const riff = String.fromCharCode(...bytes.subarray(0, 4));
    if (riff !== 'RIFF'.slice(0, riff.length)) throw new AudioFeaturesError('NOT_WAV', 'not a WAV stream (no RIFF/WAVE header)');
    if (!need(12)) return false;
    const tag = (at: number) => String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new AudioFeaturesError('NOT_WAV', 'not a WAV stream (no RIFF/WAVE header)');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let format: ReturnType<typeof parseFormat> | undefined;
    for (let pos = 12; ; ) {
      if (!need(pos + 8)) return false;
      const id = tag(pos);
      const size = view.getUint32(pos + 4, true);
      if (id === 'data') {
        if (!format) throw new AudioFeaturesError('BAD_HEADER', "'data' comes before the 'fmt ' chunk");
        this.info = format.info;
        this.blockAlign = format.blockAlign;
        this.read = sampleReader(format.info);
        this.remaining = UNKNOWN_SIZES.has(size) ? Infinity : size;
        this.pending = bytes.subarray(pos + 8);
        return true;
      }
      if (!need(pos + 8 + size)) return false;
      if (id === 'fmt ') format = parseFormat(bytes, view, pos + 8, size);
      pos += 8 + size + (size & 1);
    }
  }

  private decodeFrames(frames: number): Float32Array {
    const { channels, bitsPerSample } = this.info!;
    const width = bitsPerSample / 8;
    const view = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.byteLength);
    const out = new Float32Array(frames);
    for (let f = 0, at = 0; f < frames; f++, at += this.blockAlign) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += this.read!(view, at + c * width);
      out[f] = sum / channels;
    }
    return out;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
