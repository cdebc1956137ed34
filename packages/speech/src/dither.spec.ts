import { addDither, isDitherConfig } from './dither';

const RATE = 8000;
const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('addDither', () => {
  it('adds noise whose RMS sits belowPeakDb under the given peak level (within 0.01 dB: colouredNoise is unit-RMS)', () => {
    for (const colour of ['white', 'pink', 'brown'] as const) {
      const silence = new Float32Array(RATE);
      addDither(silence, RATE, -20, { colour, belowPeakDb: 25 });
      expect(rmsDb(silence)).toBeCloseTo(-45, 2);
    }
  });

  it('is deterministic: the same utterance always gets the same floor, another length another noise', () => {
    const speech = Float32Array.from({ length: 4000 }, (_, n) => 0.1 * Math.sin(n / 3));
    const a = speech.slice();
    const b = speech.slice();
    addDither(a, RATE, -20, { colour: 'pink', belowPeakDb: 25 });
    addDither(b, RATE, -20, { colour: 'pink', belowPeakDb: 25 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(speech);
    const shorter = speech.slice(0, 3999);
    addDither(shorter, RATE, -20, { colour: 'pink', belowPeakDb: 25 });
    expect(shorter.subarray(0, 100)).not.toEqual(a.subarray(0, 100));
  });
});

describe('isDitherConfig', () => {
  it('accepts a colour and a finite level, and refuses anything else', () => {
    expect(isDitherConfig({ colour: 'pink', belowPeakDb: 25 })).toBe(true);
    expect(isDitherConfig({ colour: 'white', belowPeakDb: 0 })).toBe(true);
    expect(isDitherConfig({ colour: 'blue', belowPeakDb: 25 })).toBe(false);
    expect(isDitherConfig({ colour: 'pink', belowPeakDb: '25' })).toBe(false);
    expect(isDitherConfig({ colour: 'pink', belowPeakDb: Infinity })).toBe(false);
    expect(isDitherConfig({ colour: 'pink' })).toBe(false);
    expect(isDitherConfig(null)).toBe(false);
  });
});
