import { applyBiquad, designBiquad } from './biquad';

const RATE = 8000;

/** Steady-state gain of the section at `hz`, measured on a sine: RMS out / RMS in after the transient. */
function measuredGain(kind: 'lowPass' | 'highPass' | 'peaking', cutoff: number, hz: number, options = {}): number {
  const n = RATE;
  const sine = Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * i) / RATE));
  const out = applyBiquad(sine, designBiquad(kind, RATE, cutoff, options));
  let [sumIn, sumOut] = [0, 0];
  for (let i = n / 2; i < n; i++) {
    sumIn += sine[i] ** 2;
    sumOut += out[i] ** 2;
  }
  return Math.sqrt(sumOut / sumIn);
}

// Independent reference: the magnitude of a second-order Butterworth filter mapped by the bilinear transform,
// |H| = 1 / sqrt(1 + r^4) with r = tan(ω/2) / tan(ωc/2) (low pass) or its inverse (high pass).
const warp = (hz: number) => Math.tan((Math.PI * hz) / RATE);
const butterworth = (r: number) => 1 / Math.sqrt(1 + r ** 4);

describe('biquad filters', () => {
  // Tolerance 2e-3: a whole number of periods is not guaranteed in the measured half second, so the RMS of a
  // sine differs from its ideal by up to ~1e-3 of its value.
  it.each([100, 400, 1000, 2500, 3000, 3600])('low pass at 1 kHz matches the Butterworth magnitude at %d Hz', (hz) => {
    expect(Math.abs(measuredGain('lowPass', 1000, hz) - butterworth(warp(hz) / warp(1000)))).toBeLessThan(2e-3);
  });

  it.each([50, 150, 300, 800, 3000])('high pass at 300 Hz matches the Butterworth magnitude at %d Hz', (hz) => {
    expect(Math.abs(measuredGain('highPass', 300, hz) - butterworth(warp(300) / warp(hz)))).toBeLessThan(2e-3);
  });

  it('is 3 dB down at the cutoff', () => {
    expect(20 * Math.log10(measuredGain('lowPass', 2000, 2000))).toBeCloseTo(-3.01, 1);
  });

  it('a peaking section has its gain at the centre and none far from it', () => {
    expect(20 * Math.log10(measuredGain('peaking', 1000, 1000, { gainDb: 9, q: 1 }))).toBeCloseTo(9, 1);
    expect(20 * Math.log10(measuredGain('peaking', 1000, 1000, { gainDb: -6, q: 1 }))).toBeCloseTo(-6, 1);
    expect(Math.abs(20 * Math.log10(measuredGain('peaking', 1000, 40, { gainDb: 9, q: 1 })))).toBeLessThan(0.2);
  });

  it('keeps the length and starts from rest', () => {
    const impulse = new Float32Array(64);
    impulse[0] = 1;
    const coefficients = designBiquad('lowPass', RATE, 1000);
    const out = applyBiquad(impulse, coefficients);
    expect(out.length).toBe(64);
    expect(out[0]).toBeCloseTo(coefficients.b0, 7);
    expect(applyBiquad([], coefficients).length).toBe(0);
  });

  it.each([
    ['lowPass', 4000, {}],
    ['highPass', 0, {}],
    ['peaking', 1000, { q: 0 }],
    ['peaking', 1000, { gainDb: 100 }],
  ] as const)('refuses a %s section at %d Hz with %j', (kind, hz, options) => {
    expect(() => designBiquad(kind, RATE, hz, options)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });
});
