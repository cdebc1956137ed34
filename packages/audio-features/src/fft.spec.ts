import { AudioFeaturesError } from './errors';
import { RealFft } from './fft';
import { noise } from './test-utils/signals';
import { expectClose } from '@rnnkit/test-utils';

/** Reference: the DFT by its definition, O(N²). */
function naivePower(x: ArrayLike<number>, size: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= size / 2; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < Math.min(size, x.length); n++) {
      re += x[n] * Math.cos((2 * Math.PI * k * n) / size);
      im -= x[n] * Math.sin((2 * Math.PI * k * n) / size);
    }
    out.push(re * re + im * im);
  }
  return out;
}

describe('RealFft', () => {
  it.each([8, 16, 32, 64, 512, 1024])('matches the naive DFT for size %i (full and zero-padded input)', (size) => {
    const fft = new RealFft(size);
    const out = new Float64Array(size / 2 + 1);
    for (const length of [size, Math.max(1, Math.floor(size * 0.4)), 3]) {
      const x = noise(length, size + length, 1);
      fft.powerSpectrum(x, 0, length, out);
      // Float64 throughout: agreement to ~1e-9 relative to the total energy of the frame.
      const scale = size * length;
      expectClose(out, naivePower(x, size), { atol: 1e-9 * scale, label: `size ${size} length ${length}` });
    }
  });

  it('reads from an offset and reuses its buffers between calls', () => {
    const fft = new RealFft(64);
    const x = noise(200, 7, 1);
    const a = new Float64Array(33);
    fft.powerSpectrum(x, 50, 40, a);
    const b = new Float64Array(33);
    fft.powerSpectrum(x.subarray(50, 90), 0, 40, b);
    expect(Array.from(a)).toEqual(Array.from(b));
    expectClose(a, naivePower(x.subarray(50, 90), 64), { atol: 1e-9 * 64 * 40 });
  });

  it('puts a pure tone in its own bin', () => {
    const size = 256;
    const x = Array.from({ length: size }, (_, n) => Math.cos((2 * Math.PI * 10 * n) / size));
    const out = new Float64Array(size / 2 + 1);
    new RealFft(size).powerSpectrum(x, 0, size, out);
    expect(out[10]).toBeCloseTo((size / 2) ** 2, 6);
    out[10] = 0;
    expect(Math.max(...out)).toBeLessThan(1e-18 * size * size);
  });

  it.each([0, 3, 4, 6, 100, 2 ** 25])('rejects size %i with a typed error', (size) => {
    expect(() => new RealFft(size)).toThrow(AudioFeaturesError);
  });
});
