import { createRng } from '@rnnkit/common';
import { decodeWav } from './wav-reader';
import { WavStreamDecoder } from './wav-stream';
import { writeWav } from './wav-writer';
import { noise, sine } from './test-utils/signals';

/** Pushes `bytes` in chunks of the given sizes (cycled) and concatenates the samples. */
function streamed(bytes: Uint8Array, sizes: number[]): { samples: Float32Array; decoder: WavStreamDecoder } {
  const decoder = new WavStreamDecoder();
  const parts: number[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[k % sizes.length];
    parts.push(...decoder.push(bytes.slice(at, at + size)));
    at += size;
  }
  decoder.end();
  return { samples: Float32Array.from(parts), decoder };
}

/** The RIFF and data sizes set as a recorder writing to a pipe leaves them. */
function withSizes(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  view.setUint32(4, size, true);
  for (let pos = 12; pos + 8 <= out.length; pos += 8 + view.getUint32(pos + 4, true)) {
    if (String.fromCharCode(...out.subarray(pos, pos + 4)) === 'data') {
      view.setUint32(pos + 4, size, true);
      break;
    }
  }
  return out;
}

describe('WavStreamDecoder', () => {
  const rng = createRng(3);
  const sizes = Array.from({ length: 40 }, () => 1 + rng.int(700));
  const left = sine(440, 16000, 4000, 0.5);
  const right = noise(4000, 2, 0.1);
  const stereo16 = writeWav([left, right], 16000);
  const monoFloat = writeWav(left, 44100, { format: 'float32' });

  it.each([
    ['stereo 16-bit', stereo16],
    ['mono float', monoFloat],
  ])('decodes a %s stream in any chunking exactly as decodeWav does the whole file', (_name, bytes) => {
    const whole = decodeWav(bytes);
    for (const chunking of [[1], [3], sizes, [bytes.length]]) {
      const { samples, decoder } = streamed(bytes, chunking);
      expect(samples).toEqual(whole.samples);
      expect(decoder.info).toMatchObject({ sampleRate: whole.sampleRate, channels: whole.channels });
    }
  });

  it('reads to the end of a streamed header whose sizes are 0 or 0xFFFFFFFF', () => {
    const whole = decodeWav(stereo16).samples;
    expect(streamed(withSizes(stereo16, 0), sizes).samples).toEqual(whole);
    expect(streamed(withSizes(stereo16, 0xffffffff), sizes).samples).toEqual(whole);
  });

  it('stops at a real data size, ignoring what follows', () => {
    const bytes = new Uint8Array(stereo16.length + 100);
    bytes.set(stereo16);
    bytes.set([76, 73, 83, 84, 92, 0, 0, 0], stereo16.length); // a LIST chunk after the data
    expect(streamed(bytes, sizes).samples).toEqual(decodeWav(stereo16).samples);
  });

  it('refuses what is not a WAV stream, an empty stream and one cut inside its header', () => {
    expect(() => new WavStreamDecoder().push(new TextEncoder().encode('hello, this is not audio'))).toThrow(/not a WAV stream/);
    expect(() => new WavStreamDecoder().end()).toThrow(/stream was empty/);
    expect(() => new WavStreamDecoder().push(new TextEncoder().encode('hi'))).toThrow(/not a WAV stream/);
    const cut = new WavStreamDecoder();
    cut.push(stereo16.slice(0, 30));
    expect(() => cut.end()).toThrow(/inside the WAV header/);
  });
});
