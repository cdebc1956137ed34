import { resample } from './resample';
import { rms, sine, toneAmplitude } from './test-utils/signals';

// References are analytic: a resampled sine must be the same sine at the new rate (amplitude within 1e-3 in
// the pass band), and a tone above the new Nyquist must vanish (the filter promises ~80 dB; we ask for 60 dB).
const RATES = [8000, 16000, 44100, 48000];
const pairs = RATES.flatMap((from) => RATES.filter((to) => to !== from).map((to) => [from, to] as const));

describe('resample', () => {
  it.each(pairs)('%i Hz → %i Hz keeps a 1 kHz tone at its amplitude and phase', (from, to) => {
    const x = sine(1000, from, Math.round(from * 0.25), 0.7, 0.3);
    const y = resample(x, from, to);
    expect(y.length).toBe(Math.round(x.length * (to / from)));
    // Away from the ends, where the kernel runs off the signal, the output is the ideal sine.
    const edge = Math.ceil(0.01 * to);
    let worst = 0;
    for (let n = edge; n < y.length - edge; n++) {
      worst = Math.max(worst, Math.abs(y[n] - 0.7 * Math.sin((2 * Math.PI * 1000 * n) / to + 0.3)));
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it.each([
    [16000, 8000, 6000],
    [44100, 16000, 9000],
    [48000, 8000, 4500],
    [44100, 8000, 15000],
  ])('%i Hz → %i Hz removes a %i Hz tone above the new Nyquist (no aliasing)', (from, to, freq) => {
    const y = resample(sine(freq, from, from / 2, 1), from, to);
    const edge = Math.ceil(0.01 * to);
    expect(rms(y, edge, y.length - edge)).toBeLessThan(1e-3 / Math.SQRT2);
  });

  it.each([
    [8000, 16000],
    [8000, 44100],
    [16000, 48000],
  ])('%i Hz → %i Hz adds no images above the old Nyquist', (from, to) => {
    const y = resample(sine(3000, from, from / 2, 1), from, to);
    const edge = Math.ceil(0.01 * to);
    expect(toneAmplitude(y, 3000, to, edge, y.length - edge)).toBeCloseTo(1, 3);
    // The image of 3 kHz sits at from − 3000 Hz.
    expect(toneAmplitude(y, from - 3000, to, edge, y.length - edge)).toBeLessThan(1e-3);
  });

  it('handles rates that are not integers (as speed perturbation uses) and keeps DC', () => {
    const x = new Float32Array(4000).fill(0.5);
    const y = resample(x, 1.1, 1);
    expect(y.length).toBe(Math.round(4000 / 1.1));
    for (let n = 100; n < y.length - 100; n++) expect(Math.abs(y[n] - 0.5)).toBeLessThan(1e-3);
  });

  it('copies when the rates are equal, gives nothing for nothing, and rejects bad rates', () => {
    const x = Float32Array.from([0.1, 0.2]);
    const same = resample(x, 8000, 8000);
    expect(Array.from(same)).toEqual(Array.from(x));
    expect(same).not.toBe(x);
    expect(resample(new Float32Array(0), 8000, 16000).length).toBe(0);
    expect(resample(Float32Array.from([1]), 44100, 8000).length).toBe(1);
    expect(() => resample(x, 0, 8000)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    expect(() => resample(x, 8000, NaN)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });
});
