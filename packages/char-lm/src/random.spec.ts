import { CharLmError } from './errors';
import { createRng } from './random';

describe('createRng', () => {
  it('repeats its stream for the same seed and differs for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 100 }, a);
    expect(Array.from({ length: 100 }, b)).toEqual(sa);
    expect(Array.from({ length: 100 }, c)).not.toEqual(sa);
  });

  it('is uniform on [0, 1): every value in range, bucket counts within 5 standard deviations', () => {
    const rng = createRng(7);
    const n = 100_000;
    const buckets = new Array<number>(10).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = rng();
      if (u >= 0 && u < 1) buckets[Math.floor(u * 10)]++;
      else outOfRange++;
    }
    expect(outOfRange).toBe(0);
    const sd = Math.sqrt(n * 0.1 * 0.9); // binomial standard deviation of one bucket's count
    for (const count of buckets) expect(Math.abs(count - n / 10)).toBeLessThan(5 * sd);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => createRng(1.5)).toThrow(CharLmError);
    expect(() => createRng(NaN)).toThrow(/seed must be an integer/);
  });
});
