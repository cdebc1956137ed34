import { expectClose } from '@rnnkit/test-utils';
import { argmax, meanLogSoftmax, softmax } from './pooling';

describe('pooling', () => {
  it('meanLogSoftmax averages each row’s log-softmax (checked against the definition, written out)', () => {
    const logits = [1, 2, 3, /* row 2 */ 0, 0, 5, /* ignored row */ 100, 0, 0];
    const logSoftmax = (row: number[]): number[] => row.map((v) => Math.log(Math.exp(v) / row.reduce((s, x) => s + Math.exp(x), 0)));
    const a = logSoftmax([1, 2, 3]);
    const b = logSoftmax([0, 0, 5]);
    expectClose(meanLogSoftmax(logits, 0, 2, 3), a.map((v, k) => (v + b[k]) / 2), { atol: 1e-12 });
    expectClose(meanLogSoftmax(logits, 3, 1, 3), b, { atol: 1e-12 });
  });

  it('stays finite for huge logits', () => {
    const pooled = meanLogSoftmax([1000, 0, -1000], 0, 1, 3);
    expect(Array.from(pooled).every(Number.isFinite)).toBe(true);
    expectClose([pooled[0]], [0], { atol: 1e-12 });
  });

  it('softmax sums to one and argmax picks the first largest', () => {
    const p = softmax([0, Math.log(3)]);
    expectClose(p, [0.25, 0.75], { atol: 1e-12 });
    expect(argmax([1, 5, 5, 2], 0, 4)).toBe(1);
    expect(argmax([9, 1, 5, 2], 1, 3)).toBe(1);
  });
});
