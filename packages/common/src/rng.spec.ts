import { createRng } from './rng';
import { RnnkitError } from './rnnkit-error';

// Printed by tools/reference/mulberry32.py: mulberry32 and Box–Muller written independently in Python.
const GOLDEN_UNIFORM: Record<number, number[]> = {
  0: [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111, 0.46732782293111086, 0.5450490827206522],
  1: [0.6270739405881613, 0.002735721180215478, 0.5274470399599522, 0.9810509674716741, 0.9683778982143849, 0.281103502959013],
  42: [0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693, 0.17481389874592423, 0.5265925421845168],
  4294967295: [0.8964226141106337, 0.189478256739676, 0.7156526781618595, 0.9440599093213677, 0.8452364315744489, 0.5391399988438934],
};
const GOLDEN_NORMAL: Record<number, number[]> = {
  0: [0.7871846599200555, 0.0016309335012816644, 0.43143961704601397, 0.5649690575787788, -1.0777012643800048],
  7: [0.14197043782155663, 0.058240714748711335, -0.8642530248729361, -2.605680906750795, -1.006366324094015],
};

describe('createRng', () => {
  it('next() is the mulberry32 stream, bit for bit', () => {
    for (const [seed, expected] of Object.entries(GOLDEN_UNIFORM)) {
      const rng = createRng(Number(seed));
      expect(expected.map(() => rng.next())).toEqual(expected);
    }
  });

  it('uses the low 32 bits of the seed, so -1 and 2^32 - 1 give the same stream', () => {
    const a = createRng(-1);
    const b = createRng(4294967295);
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
  });

  it('normal() is Box–Muller on that stream, cosine then sine', () => {
    // Python's libm and V8's may round log/sin/cos differently in the last place: 1e-14 relative allows that.
    for (const [seed, expected] of Object.entries(GOLDEN_NORMAL)) {
      const rng = createRng(Number(seed));
      const actual = expected.map(() => rng.normal());
      actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-14 * Math.abs(expected[i]) + 1e-300));
    }
  });

  it('normal() has mean 0 and variance 1 over many draws', () => {
    const rng = createRng(3);
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const v = rng.normal();
      sum += v;
      squares += v * v;
    }
    // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance; 5 of them as the bound.
    expect(Math.abs(sum / n)).toBeLessThan(0.012);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.016);
  });

  it('int(n) covers 0..n-1 evenly and refuses a bad n', () => {
    const rng = createRng(5);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    // Each count is binomial(60000, 1/6): sd ≈ 91, so 10,000 ± 500 is more than 5 sd.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(createRng(5).int(1)).toBe(0);
    for (const bad of [0, -1, 2.5, NaN, 2 ** 32 + 1]) expect(() => rng.int(bad)).toThrow(RnnkitError);
  });

  it('split() gives a reproducible child that differs from its parent and from its sibling', () => {
    const draw = (rng: { next(): number }) => Array.from({ length: 8 }, () => rng.next());
    const parent = createRng(9);
    const child = parent.split();
    const sibling = parent.split();
    const childDraws = draw(child);
    expect(childDraws).not.toEqual(draw(sibling));
    expect(childDraws).not.toEqual(draw(createRng(9)));
    const again = createRng(9).split();
    expect(draw(again)).toEqual(childDraws);
  });

  it('refuses a seed that is not an integer', () => {
    for (const bad of [1.5, NaN, Infinity]) {
      expect(() => createRng(bad)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
    }
  });
});
