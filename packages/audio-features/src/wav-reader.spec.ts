import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { RnnkitError } from '@rnnkit/common';
import { AudioFeaturesError, AudioFeaturesErrorCode } from './errors';
import { readWav, readWavInfo } from './wav-file';
import { createRng } from '@rnnkit/common';
import { expectClose } from '@rnnkit/test-utils';
import { sine, toneAmplitude } from './test-utils/signals';
import { float32Data, fmt, int16Data, riff } from './test-utils/wav-bytes';

// wavefile (an independent encoder) writes the test files; values are compared with the integers it was given.

function encode(bitDepth: string, samples: number[] | number[][], channels = 1, sampleRate = 8000): Uint8Array {
  const wav = new WaveFile();
  wav.fromScratch(channels, sampleRate, bitDepth, samples);
  return wav.toBuffer();
}

function codeOf(fn: () => unknown): AudioFeaturesErrorCode | string {
  try {
    fn();
  } catch (err) {
    if (err instanceof RnnkitError) return err.code;
    return `untyped: ${String(err)}`;
  }
  return 'no error';
}

const ints = (count: number, max: number, seed: number) => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Math.floor((rng.next() * 2 - 1) * max));
};

describe('readWav: sample formats', () => {
  it('8-bit PCM is unsigned around 128', () => {
    const { samples, info } = readWav(encode('8', [0, 64, 128, 192, 255]));
    expect(info).toMatchObject({ encoding: 'pcm', bitsPerSample: 8, channels: 1, frames: 5 });
    expectClose(samples, [-1, -0.5, 0, 0.5, 127 / 128], { atol: 0 });
  });

  it.each([
    ['16', 32768],
    ['24', 8388608],
    ['32', 2147483648],
  ])('%s-bit PCM divides by 2^(bits-1)', (bits, scale) => {
    const values = [...ints(200, scale, Number(bits)), -scale, scale - 1, 0];
    const { samples, info } = readWav(encode(bits, values));
    expect(info.bitsPerSample).toBe(Number(bits));
    // Float32 output: exact for 16 and 24 bits, rounded to float32 precision for 32 bits.
    expectClose(samples, values.map((v) => v / scale), { atol: 0, rtol: 6e-8 });
    expect(Math.min(...samples)).toBe(-1);
  });

  it.each([['32f'], ['64']])('%s IEEE float is read as is', (bits) => {
    const values = [0, 0.25, -0.5, 0.999, -1, 1e-6];
    const { samples, info } = readWav(encode(bits, values));
    expect(info.encoding).toBe('float');
    expectClose(samples, values, { atol: 0, rtol: 1e-7 });
  });

  it.each([
    ['A-law', (w: WaveFile) => w.toALaw(), (w: WaveFile) => w.fromALaw(), 'alaw'],
    ['µ-law', (w: WaveFile) => w.toMuLaw(), (w: WaveFile) => w.fromMuLaw(), 'mulaw'],
  ] as const)('%s decodes to the same 16-bit values as wavefile', (_name, compress, expand, encoding) => {
    const wav = new WaveFile();
    wav.fromScratch(1, 8000, '16', [...ints(500, 32768, 3), 32767, -32768, 0, 1, -1]);
    compress(wav);
    const bytes = wav.toBuffer();
    const { samples, info } = readWav(bytes);
    expect(info).toMatchObject({ encoding, bitsPerSample: 8 });
    const reference = new WaveFile(bytes);
    expand(reference);
    expectClose(samples, Array.from(reference.getSamples(false, Float64Array) as Float64Array, (v) => v / 32768), { atol: 0 });
  });

  it('reads WAVE_FORMAT_EXTENSIBLE float as float (wavefile would read it as int32)', () => {
    const values = [0.5, -0.25, 0.125, 0];
    const bytes = riff([fmt({ tag: 0xfffe, subTag: 3, channels: 1, sampleRate: 16000, bits: 32 }), float32Data(values)]);
    const { samples, info } = readWav(bytes);
    expect(info).toMatchObject({ encoding: 'float', extensible: true, sampleRate: 16000 });
    expectClose(samples, values, { atol: 0 });
    const misread = new WaveFile(bytes).getSamples(false, Float64Array) as Float64Array;
    expect(misread[0]).not.toBe(0.5); // the quirk this reader works around
  });

  it('reads WAVE_FORMAT_EXTENSIBLE PCM', () => {
    const bytes = riff([fmt({ tag: 0xfffe, subTag: 1, channels: 1, sampleRate: 8000, bits: 16 }), int16Data([16384, -8192])]);
    expectClose(readWav(bytes).samples, [0.5, -0.25], { atol: 0 });
  });

  it('clips float samples to [-1, 1] and turns non-finite ones into 0', () => {
    const bytes = riff([fmt({ tag: 3, channels: 1, sampleRate: 8000, bits: 32 }), float32Data([1.5, -2, NaN, Infinity, -Infinity, 0.5])]);
    expect(Array.from(readWav(bytes).samples)).toEqual([1, -1, 0, 1, -1, 0.5]);
  });

  it('skips other chunks, including odd-sized ones with their pad byte', () => {
    const list = { id: 'LIST', body: Uint8Array.from([1, 2, 3]) };
    const bytes = riff([list, fmt({ tag: 1, channels: 1, sampleRate: 8000, bits: 16 }), list, int16Data([1000, -1000])]);
    expectClose(readWav(bytes).samples, [1000 / 32768, -1000 / 32768], { atol: 0 });
  });
});

describe('readWav: channels and rate', () => {
  const left = [1000, 2000, -3000, 4000];
  const right = [3000, -2000, 1000, 0];
  const stereo = encode('16', [left, right], 2);

  it('downmixes by averaging the channels', () => {
    const { samples, channels } = readWav(stereo);
    expect(channels).toBe(2);
    expectClose(samples, left.map((l, i) => (l + right[i]) / 2 / 32768), { atol: 1e-9 });
  });

  it('picks one channel on request, and rejects a channel that does not exist', () => {
    expectClose(readWav(stereo, { channel: 1 }).samples, right.map((r) => r / 32768), { atol: 0 });
    expect(codeOf(() => readWav(stereo, { channel: 2 }))).toBe('BAD_OPTION');
  });

  it('resamples to the requested rate while reading', () => {
    const tone = Array.from(sine(440, 8000, 8000, 0.5), (v) => Math.round(v * 32767));
    const { samples, sampleRate } = readWav(encode('16', tone), { sampleRate: 16000 });
    expect(sampleRate).toBe(16000);
    expect(samples.length).toBe(16000);
    expect(toneAmplitude(samples, 440, 16000, 2000, 14000)).toBeCloseTo(0.5, 3);
  });
});

describe('readWav: bad input gets a typed error', () => {
  const good = encode('16', ints(100, 30000, 9));

  it.each<[string, () => Uint8Array, AudioFeaturesErrorCode]>([
    ['empty input', () => new Uint8Array(0), 'NOT_WAV'],
    ['text', () => new TextEncoder().encode('hello, this is not audio at all'), 'NOT_WAV'],
    ['RIFF but not WAVE', () => riff([], 'AVI '), 'NOT_WAV'],
    ['a truncated header', () => good.subarray(0, 8), 'TRUNCATED'],
    ['a header cut inside fmt', () => good.subarray(0, 30), 'TRUNCATED'],
    ['truncated data', () => good.subarray(0, good.length - 10), 'TRUNCATED'],
    ['zero-length data', () => riff([fmt({ tag: 1, channels: 1, sampleRate: 8000, bits: 16 }), { id: 'data', body: new Uint8Array(0) }]), 'NO_DATA'],
    ['no data chunk', () => riff([fmt({ tag: 1, channels: 1, sampleRate: 8000, bits: 16 })]), 'NO_DATA'],
    ['no fmt chunk', () => riff([int16Data([1, 2])]), 'BAD_HEADER'],
    ['ADPCM', () => riff([fmt({ tag: 2, channels: 1, sampleRate: 8000, bits: 4, blockAlign: 256 }), int16Data([1, 2])]), 'UNSUPPORTED_FORMAT'],
    ['12-bit PCM', () => riff([fmt({ tag: 1, channels: 1, sampleRate: 8000, bits: 12, blockAlign: 2 }), int16Data([1, 2])]), 'UNSUPPORTED_FORMAT'],
    ['big-endian RIFX', () => riff([], 'WAVE', 'RIFX'), 'UNSUPPORTED_FORMAT'],
    ['zero channels', () => riff([fmt({ tag: 1, channels: 0, sampleRate: 8000, bits: 16 }), int16Data([1, 2])]), 'BAD_HEADER'],
    ['a 0 Hz rate', () => riff([fmt({ tag: 1, channels: 1, sampleRate: 0, bits: 16 }), int16Data([1, 2])]), 'BAD_HEADER'],
    ['a wrong block size', () => riff([fmt({ tag: 1, channels: 2, sampleRate: 8000, bits: 16, blockAlign: 2 }), int16Data([1, 2])]), 'BAD_HEADER'],
    [
      'a data chunk that claims 4 GB',
      () => riff([fmt({ tag: 1, channels: 1, sampleRate: 8000, bits: 16 }), { ...int16Data([1, 2, 3]), size: 0xfffffff0 }]),
      'TRUNCATED',
    ],
  ])('%s', (_name, bytes, code) => {
    expect(codeOf(() => readWav(bytes()))).toBe(code);
  });

  it('names the file, refuses files over the size limit and reports missing files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'af-reader-'));
    try {
      const path = join(dir, 'clip.wav');
      writeFileSync(path, good);
      expect(readWav(path).samples.length).toBe(100);
      expect(readWavInfo(path).frames).toBe(100);
      expect(codeOf(() => readWav(path, { maxBytes: 100 }))).toBe('TOO_LARGE');
      writeFileSync(path, good.subarray(0, 50));
      expect(() => readWav(path)).toThrow(/clip\.wav: .*claims/);
      expect(codeOf(() => readWav(join(dir, 'missing.wav')))).toBe('UNREADABLE');
      expect(codeOf(() => readWav(dir))).toBe('UNREADABLE');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('survives fuzzing: random bytes and mutated files give samples in [-1, 1] or a typed error', () => {
    const rng = createRng(2024);
    const seeds = [
      good,
      encode('8', [0, 255, 128]),
      encode('24', ints(50, 8388608, 1), 1),
      encode('32f', [0.5, -0.5, 0.1]),
      riff([fmt({ tag: 0xfffe, subTag: 3, channels: 2, sampleRate: 16000, bits: 32 }), float32Data([0.5, -0.25, 0.1, 0.2])]),
    ];
    const outcomes = new Map<string, number>();
    for (let trial = 0; trial < 3000; trial++) {
      let bytes: Uint8Array;
      if (trial % 10 === 0) {
        bytes = Uint8Array.from({ length: Math.floor(rng.next() * 200) }, () => Math.floor(rng.next() * 256));
        if (trial % 20 === 0 && bytes.length >= 12) bytes.set([82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69]);
      } else {
        const seed = seeds[trial % seeds.length];
        bytes = Uint8Array.from(seed);
        const mutations = 1 + Math.floor(rng.next() * 4);
        for (let m = 0; m < mutations; m++) {
          const at = Math.floor(rng.next() * bytes.length);
          const kind = rng.next();
          if (kind < 0.5) bytes[at] = Math.floor(rng.next() * 256);
          else if (kind < 0.8 && bytes.length >= 4) {
            const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
            view.setUint32(Math.min(at, bytes.length - 4), Math.floor(rng.next() * 2 ** 32), true);
          }
          else bytes = bytes.subarray(0, at);
        }
      }
      let outcome: string;
      try {
        const { samples, info } = readWav(bytes);
        expect(samples.length).toBe(info.frames);
        expect(samples.length).toBeLessThanOrEqual(bytes.length);
        for (const s of samples) if (!(s >= -1 && s <= 1)) throw new Error(`sample ${s} outside [-1, 1]`);
        outcome = 'decoded';
      } catch (err) {
        if (!(err instanceof AudioFeaturesError)) throw err;
        expect(err.message).not.toMatch(/\n/);
        outcome = err.code;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // The mutations must reach both outcomes, or the fuzzing proves nothing.
    expect(outcomes.get('decoded')).toBeGreaterThan(100);
    expect(outcomes.get('TRUNCATED')).toBeGreaterThan(100);
  });
});
