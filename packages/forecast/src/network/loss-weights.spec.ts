import { maseScale } from '../metrics/m4-metrics';
import { maseWeight, smapeWeight } from './loss-weights';

describe('maseWeight', () => {
  const values = Float64Array.from({ length: 60 }, (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 12) + 0.3 * t + ((t * 37) % 7));

  it("is the window scale over MASE's denominator of the values before the supervised part, to a power", () => {
    // maseScale is the metric's own denominator, computed independently of the weight.
    const d = maseScale(values.subarray(0, 40), 12);
    expect(maseWeight(values, 40, 12, 25, 1)).toBeCloseTo(25 / d, 12);
    expect(maseWeight(values, 40, 12, 25, 0.5)).toBeCloseTo(Math.sqrt(25 / d), 12);
    expect(maseWeight(values, 40, 12, 25, 0)).toBe(1);
  });

  it('does not read values at or after `until`', () => {
    const changed = values.slice();
    for (let t = 40; t < 60; t++) changed[t] = 1e6;
    expect(maseWeight(changed, 40, 12, 25, 1)).toBe(maseWeight(values, 40, 12, 25, 1));
  });

  it('is 1 for a history too short for one difference or one that repeats itself', () => {
    expect(maseWeight(values, 12, 12, 25, 1)).toBe(1);
    expect(maseWeight(Float64Array.from({ length: 30 }, (_, t) => t % 6), 30, 6, 2.5, 1)).toBe(1);
  });
});

describe('smapeWeight', () => {
  it("is 2 / (|y| + |b|) in the window's scaled units, to a power, with the sum floored at 0.1", () => {
    expect(smapeWeight(30, 10, 20, 1)).toBeCloseTo(1, 12); // a value and base at the level: weight 1
    expect(smapeWeight(2, -2, 20, 1)).toBeCloseTo(2 / 0.2, 12);
    expect(smapeWeight(2, 2, 20, 0.5)).toBeCloseTo(Math.sqrt(10), 12);
    expect(smapeWeight(0, 0, 20, 1)).toBeCloseTo(20, 12); // the cap
    expect(smapeWeight(0, 0, 20, 0)).toBe(1);
  });
});
