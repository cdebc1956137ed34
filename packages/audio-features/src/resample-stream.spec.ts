import { createRng } from '@rnnkit/common';
import { resample } from './resample';
import { ResampleStream } from './resample-stream';
import { noise, sine } from './test-utils/signals';

/** Feeds `signal` in chunks whose sizes come from `sizes` (cycled) and concatenates what the stream gives. */
function streamed(signal: Float32Array, from: number, to: number, sizes: number[]): Float32Array {
  const stream = new ResampleStream(from, to);
  const parts: Float32Array[] = [];
  for (let at = 0, k = 0; at < signal.length; k++) {
    const size = sizes[k % sizes.length];
    parts.push(stream.push(signal.subarray(at, at + size)));
    at += size;
  }
  parts.push(stream.end());
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

describe('ResampleStream', () => {
  const rng = createRng(7);
  const randomSizes = Array.from({ length: 50 }, () => 1 + rng.int(3000));

  it.each([
    [44100, 8000],
    [48000, 8000],
    [16000, 8000],
    [8000, 16000],
    [22050, 16000],
    [8000, 8000],
  ])('equals resample() of the whole signal bit for bit, %i → %i Hz, whatever the chunk sizes', (from, to) => {
    const signal = sine(440, from, Math.round(from * 0.25));
    const n = noise(signal.length, 3, 0.1);
    for (let i = 0; i < signal.length; i++) signal[i] += n[i];
    const whole = resample(signal, from, to);
    for (const sizes of [[1], [4096], randomSizes]) {
      expect(streamed(signal, from, to, sizes)).toEqual(whole);
    }
  });

  it('handles empty chunks and an empty signal', () => {
    const stream = new ResampleStream(44100, 8000);
    expect(stream.push(new Float32Array(0)).length).toBe(0);
    expect(stream.end().length).toBe(0);
  });

  it('refuses input after end()', () => {
    const stream = new ResampleStream(16000, 8000);
    stream.end();
    expect(() => stream.push(new Float32Array(4))).toThrow(/after end\(\)/);
  });
});
