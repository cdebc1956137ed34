import { editDistance } from './edit-distance';
import { createRng } from './rng';

/** The definition, by plain recursion over all edit paths: slow, obviously right, an independent reference. */
function bruteForce(a: string, b: string): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const cost = a[a.length - 1] === b[b.length - 1] ? 0 : 1;
  return Math.min(
    bruteForce(a.slice(0, -1), b) + 1,
    bruteForce(a, b.slice(0, -1)) + 1,
    bruteForce(a.slice(0, -1), b.slice(0, -1)) + cost,
  );
}

describe('editDistance', () => {
  it('gives the known distances', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });

  it('works on arrays of any items', () => {
    expect(editDistance(['one', 'two', 'three'], ['one', 'three'])).toBe(1);
    expect(editDistance([1, 2, 3], [3, 2, 1])).toBe(2);
  });

  it('matches brute force on random short strings', () => {
    const rng = createRng(11);
    const word = () => Array.from({ length: rng.int(7) }, () => 'abc'[rng.int(3)]).join('');
    for (let i = 0; i < 300; i++) {
      const a = word();
      const b = word();
      expect(editDistance(a, b)).toBe(bruteForce(a, b));
    }
  });
});
