import { colouredNoise } from './noise';
import { RealFft } from './fft';

const RATE = 8000;

/** Mean power per octave band (Welch, 1024-point frames, no window: the bands are wide) in dB, bands from `low`. */
function octaveBandsDb(x: Float32Array, low: number, bands: number): number[] {
  const size = 1024;
  const fft = new RealFft(size);
  const spectrum = new Float64Array(size / 2 + 1);
  const total = new Float64Array(size / 2 + 1);
  for (let at = 0; at + size <= x.length; at += size) {
    fft.powerSpectrum(x, at, size, spectrum);
    for (let k = 0; k < total.length; k++) total[k] += spectrum[k];
  }
  return Array.from({ length: bands }, (_, b) => {
    const [from, to] = [low * 2 ** b, low * 2 ** (b + 1)].map((f) => Math.round((f / RATE) * size));
    let sum = 0;
    for (let k = from; k < to; k++) sum += total[k];
    return 10 * Math.log10(sum / (to - from));
  });
}

describe('colouredNoise', () => {
  it('has unit RMS, and the same samples for the same seed', () => {
    for (const colour of ['white', 'pink', 'brown'] as const) {
      const x = colouredNoise(colour, 16000, RATE, 4);
      const rms = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
      expect(rms).toBeCloseTo(1, 5);
      expect(colouredNoise(colour, 16000, RATE, 4)).toEqual(x);
      expect(colouredNoise(colour, 16000, RATE, 5)).not.toEqual(x);
    }
  });

  // Per-octave power from 62.5 Hz to 2 kHz (five octaves), 40 s of noise so each band's estimate is within
  // a few tenths of a dB; the pink approximation itself ripples by under a decibel.
  it.each([
    ['white', 0],
    ['pink', -3],
    ['brown', -6],
  ] as const)('%s noise falls by %d dB per octave (within 1 dB per band)', (colour, slope) => {
    const bands = octaveBandsDb(colouredNoise(colour, 40 * RATE, RATE, 1), 62.5, 5);
    // Power per Hz: each octave's mean is `slope` dB below the last one.
    bands.forEach((db, b) => expect(Math.abs(db - bands[0] - slope * b)).toBeLessThan(1));
  });

  it('refuses an unknown colour', () => {
    expect(() => colouredNoise('purple' as never, 10, RATE, 1)).toThrow(/noise colour must be one of white, pink, brown/);
  });
});
