import * as tf from '@tensorflow/tfjs-core';
import { centralDifferences, expectClose, expectNoLeak, randomArray, useBackend } from './index';

describe('test-utils', () => {
  useBackend('cpu');

  it('expectClose accepts values within tolerance and rejects others', () => {
    expectClose([1, 2.000001], [1, 2], { atol: 1e-5 });
    expect(() => expectClose([1, 2.1], [1, 2], { atol: 1e-5 })).toThrow(/index 1/);
    expect(() => expectClose(tf.tensor([1, 2]), tf.tensor([[1, 2]]))).toThrow();
  });

  it('centralDifferences matches the analytic derivative of a cubic', () => {
    const x = new Float64Array([0.5, -1.5, 2]);
    const f = () => x.reduce((s, v) => s + v * v * v, 0);
    expectClose(centralDifferences(f, x, 1e-4), [0.75, 6.75, 12], { atol: 1e-6 });
    expect(Array.from(x)).toEqual([0.5, -1.5, 2]);
  });

  it('expectNoLeak fails when a tensor is left behind', async () => {
    await expectNoLeak(() => tf.tidy(() => tf.add(tf.ones([2]), 1)));
    const kept: tf.Tensor[] = [];
    await expect(expectNoLeak(() => void kept.push(tf.ones([2])))).rejects.toThrow();
    kept.forEach((t) => t.dispose());
  });

  it('seeded arrays repeat for a seed, differ across seeds and stay within the scale', () => {
    expect(Array.from(randomArray(64, 7, 0.5))).toEqual(Array.from(randomArray(64, 7, 0.5)));
    expect(Array.from(randomArray(4, 1))).not.toEqual(Array.from(randomArray(4, 2)));
    for (const v of randomArray(1000, 3, 0.5)) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
  });
});
