import { convolve, roomImpulseResponse } from './reverb';

const RATE = 8000;

describe('roomImpulseResponse', () => {
  // RT60 measured the standard way (ISO 3382): Schroeder's backward integral of h², the slope of its −5 … −25 dB
  // stretch fitted by least squares and extended to 60 dB (T20). Within 5 %: the tail is random noise.
  it.each([0.2, 0.4, 0.8])('decays 60 dB in rt60 = %s s (T20 within 5 %%)', (rt60) => {
    const h = roomImpulseResponse(rt60, RATE, { seed: 2 });
    expect(h.length).toBe(Math.ceil(rt60 * RATE));
    expect(h[0]).toBe(1);
    const tail = Array.from(h.slice(1), (v) => v * v);
    const edc = new Float64Array(tail.length);
    for (let n = tail.length - 1, sum = 0; n >= 0; n--) edc[n] = sum += tail[n];
    const db = Array.from(edc, (e) => 10 * Math.log10(e / edc[0]));
    const points = db.map((y, n) => [n / RATE, y]).filter(([, y]) => y <= -5 && y >= -25);
    const mx = points.reduce((s, [x]) => s + x, 0) / points.length;
    const my = points.reduce((s, [, y]) => s + y, 0) / points.length;
    const slope = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    expect(Math.abs(-60 / slope - rt60) / rt60).toBeLessThan(0.05);
  });

  it('sets the direct-to-reverberant energy ratio', () => {
    for (const drr of [-6, 0, 10]) {
      const h = roomImpulseResponse(0.3, RATE, { seed: 1, directToReverbDb: drr });
      const tail = h.slice(1).reduce((s, v) => s + v * v, 0);
      expect(10 * Math.log10(1 / tail)).toBeCloseTo(drr, 4);
    }
  });

  it('is the same for the same seed', () => {
    expect(roomImpulseResponse(0.3, RATE, { seed: 9 })).toEqual(roomImpulseResponse(0.3, RATE, { seed: 9 }));
    expect(roomImpulseResponse(0.3, RATE, { seed: 9 })).not.toEqual(roomImpulseResponse(0.3, RATE, { seed: 8 }));
  });
});

describe('convolve', () => {
  it('matches the sum written out by hand', () => {
    expect(Array.from(convolve([1, 2, 3], [1, -1]))).toEqual([1, 1, 1, -3]);
    expect(Array.from(convolve([0, 0, 2], [0.5, 0.25, 1]))).toEqual([0, 0, 1, 0.5, 2]);
    expect(convolve([], [1]).length).toBe(0);
  });
});
