import { createRng } from '@rnnkit/common';
import { joinClips } from './join-clips';

function firstNonZero(x: Float32Array, from: number): number {
  let i = from;
  while (i < x.length && x[i] === 0) i++;
  return i;
}

describe('joinClips', () => {
  it('places the clips in order, without their DC offset, between pauses within the range', () => {
    const a = Float32Array.from({ length: 100 }, (_, i) => 0.5 + (i % 2 ? 0.3 : -0.3));
    const b = Float32Array.from({ length: 50 }, (_, i) => (i % 2 ? 0.2 : -0.2));
    const out = joinClips([a, b], 1000, createRng(1), [10, 20]);
    const aStart = firstNonZero(out, 0);
    const bStart = firstNonZero(out, aStart + 100);
    const trail = out.length - bStart - 50;
    for (const pause of [aStart, bStart - aStart - 100, trail]) {
      expect(pause).toBeGreaterThanOrEqual(10);
      expect(pause).toBeLessThanOrEqual(20);
    }
    expect(Array.from(out.subarray(aStart, aStart + 100))).toEqual(Array.from(a, (v) => Math.fround(v - 0.5)));
    expect(Array.from(out.subarray(bStart, bStart + 50))).toEqual(Array.from(b));
  });
});
