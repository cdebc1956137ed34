import * as tf from '@tensorflow/tfjs-core';
import {
  BACKENDS_UNDER_TEST,
  centralDifferences,
  expectClose,
  expectNoLeak,
  randomArray,
  useBackend,
} from '@rnnkit/test-utils';
import { CtcInputError, ctcLoss } from './index';
import { bruteForceNll } from './testing/ctc-brute-force';

/** A tiny single-sequence case for the brute-force comparison. */
interface TinyCase {
  frames: number;
  classes: number;
  blank: number;
  label: number[];
}

const TINY_CASES: TinyCase[] = [
  { frames: 4, classes: 3, blank: 0, label: [1, 2] },
  { frames: 5, classes: 4, blank: 0, label: [1, 1] },
  { frames: 3, classes: 3, blank: 0, label: [1, 1] }, // tight: the repeat needs the middle blank
  { frames: 5, classes: 2, blank: 0, label: [1, 1, 1] }, // tight: exactly one alignment
  { frames: 3, classes: 3, blank: 0, label: [] },
  { frames: 5, classes: 4, blank: 3, label: [0, 2, 0] },
  { frames: 4, classes: 3, blank: 1, label: [2, 2] },
  { frames: 5, classes: 4, blank: 2, label: [3] },
];

function lossValues(t: tf.Tensor): Float32Array {
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

describe.each(BACKENDS_UNDER_TEST)('ctcLoss on %s', (backend) => {
  useBackend(backend);

  // Reference: enumeration of all classes^frames paths in float64 (testing/ctc-brute-force.ts). Tolerance 1e-5:
  // ctcLoss works in float64 but returns float32, whose rounding is ~1e-6 for losses up to ~15.
  it.each(TINY_CASES)('equals brute-force enumeration of all alignments: %j', ({ frames, classes, blank, label }) => {
    for (const seed of [1, 2, 3]) {
      const x = randomArray(frames * classes, seed * 97 + frames, 3);
      const got = lossValues(ctcLoss(tf.tensor3d(x, [1, frames, classes]), [label], { blank, reduction: 'none' }));
      expectClose(got, [bruteForceNll(x, 0, frames, classes, label, blank)], { atol: 1e-5 });
    }
  });

  it('handles a padded batch with per-item lengths, Int32Array labels and every reduction (brute force, 1e-5)', () => {
    const [batch, time, classes] = [3, 5, 4];
    const x = randomArray(batch * time * classes, 11, 2);
    const labels = [Int32Array.of(1, 3), Int32Array.of(2, 2), Int32Array.of()];
    const inputLengths = [5, 3, 2];
    const expected = labels.map((l, b) => bruteForceNll(x, b * time * classes, inputLengths[b], classes, [...l], 0));
    const logits = tf.tensor3d(x, [batch, time, classes]);
    const none = ctcLoss(logits, labels, { inputLengths, reduction: 'none' });
    expect(none.shape).toEqual([batch]);
    expect(none.dtype).toBe('float32');
    expectClose(lossValues(none), expected, { atol: 1e-5 });
    const sum = expected.reduce((a, b) => a + b, 0);
    expectClose(lossValues(ctcLoss(logits, labels, { inputLengths, reduction: 'sum' })), [sum], { atol: 1e-5 });
    const mean = ctcLoss(logits, labels, { inputLengths });
    expect(mean.shape).toEqual([]);
    expectClose(lossValues(mean), [sum / batch], { atol: 1e-5 });
    logits.dispose();
  });

  it('ignores whatever padded frames hold, even NaN and -Infinity', () => {
    const [time, classes] = [4, 3];
    const x = randomArray(time * classes, 13, 2);
    const padded = Float32Array.from(x);
    padded.fill(NaN, 2 * classes, 3 * classes);
    padded.fill(-Infinity, 3 * classes);
    const loss = (l: tf.Tensor) => ctcLoss(l as tf.Tensor3D, [[1]], { inputLengths: [2] });
    const [value, grad] = tf.tidy(() => {
      const logits = tf.tensor3d(padded, [1, time, classes]);
      return [loss(logits).dataSync()[0], tf.grad(loss)(logits).dataSync()];
    });
    expect(value).toBeCloseTo(bruteForceNll(x, 0, 2, classes, [1], 0), 5);
    expect(Array.from(grad).every(Number.isFinite)).toBe(true);
  });

  // Reference: central differences (eps 1e-4) of the float64 brute-force loss, whose own error is ~1e-8 (truncation
  // eps²); the gradient is returned in float32 (rounding ~1e-7 for entries of order one), hence atol 1e-6. The
  // upstream gradient is non-unit (per item for 'none', a scalar for 'sum'); padded frames must get exactly zero.
  it.each([
    { reduction: 'none' as const, dy: [0.5, -1.3, 2] },
    { reduction: 'sum' as const, dy: [1.5] },
  ])('gradient with upstream $dy ($reduction) equals finite differences of brute force', ({ reduction, dy }) => {
    const [batch, time, classes] = [3, 5, 3];
    const blank = 2;
    const labels = [[0, 1], [1, 1], [0]];
    const inputLengths = [5, 4, 2];
    const weights = reduction === 'none' ? dy : [dy[0], dy[0], dy[0]];
    const x = randomArray(batch * time * classes, 5, 2);
    const g = tf.tidy(() => {
      const upstream = reduction === 'none' ? tf.tensor1d(dy) : tf.scalar(dy[0]);
      const loss = (l: tf.Tensor) => ctcLoss(l as tf.Tensor3D, labels, { blank, inputLengths, reduction });
      const grad = tf.grad(loss)(tf.tensor3d(x, [batch, time, classes]), upstream);
      expect(grad.shape).toEqual([batch, time, classes]);
      return grad.dataSync();
    });
    const x64 = Float64Array.from(x);
    const weightedNll = () =>
      labels.reduce(
        (s, l, b) => s + weights[b] * bruteForceNll(x64, b * time * classes, inputLengths[b], classes, l, blank),
        0,
      );
    expectClose(g, centralDifferences(weightedNll, x64, 1e-4), { atol: 1e-6 });
    for (let b = 0; b < batch; b++) {
      const padded = g.slice((b * time + inputLengths[b]) * classes, (b + 1) * time * classes);
      expect(Array.from(padded).every((v) => v === 0)).toBe(true);
    }
  });

  // Beyond brute-force reach (6^12 paths): central differences of ctcLoss itself with eps 1e-2. The float32 loss
  // (~6e-8·|loss| ≈ 1e-6) divided by 2·eps adds ~5e-5 and truncation (eps²·f'''/6) ~1e-4, hence atol 1e-3.
  it('gradient of the batch mean matches central differences on a longer case', () => {
    const [batch, time, classes] = [2, 12, 6];
    const labels = [[1, 1, 2, 5, 5], [3, 4, 3]];
    const inputLengths = [12, 9];
    const x = randomArray(batch * time * classes, 21, 2);
    const loss = (logits: tf.Tensor) => ctcLoss(logits as tf.Tensor3D, labels, { inputLengths, blank: 0 });
    const grad = tf.tidy(() => tf.grad(loss)(tf.tensor3d(x, [batch, time, classes])));
    const value = () => tf.tidy(() => loss(tf.tensor3d(x, [batch, time, classes])).dataSync()[0]);
    expectClose(grad.dataSync(), centralDifferences(value, x, 1e-2), { atol: 1e-3 });
    grad.dispose();
  });

  it('gives an infeasible item Infinity (or 0 with zeroInfinity) and a zero gradient, leaving others intact', () => {
    const [batch, time, classes] = [2, 3, 3];
    const labels = [[1, 1], [2, 1, 2, 1]]; // the second needs 4 frames, has 3
    const x = randomArray(batch * time * classes, 8, 1);
    const logits = tf.tensor3d(x, [batch, time, classes]);
    expect(Array.from(lossValues(ctcLoss(logits, labels, { reduction: 'none' })))).toEqual([
      expect.closeTo(bruteForceNll(x, 0, time, classes, [1, 1], 0), 5),
      Infinity,
    ]);
    expect(lossValues(ctcLoss(logits, labels))[0]).toBe(Infinity);
    const zeroed = lossValues(ctcLoss(logits, labels, { reduction: 'none', zeroInfinity: true }));
    expect(zeroed[1]).toBe(0);
    for (const zeroInfinity of [false, true]) {
      const g = tf.tidy(() => tf.grad((l: tf.Tensor) => ctcLoss(l as tf.Tensor3D, labels, { zeroInfinity }))(logits));
      const values = g.dataSync();
      g.dispose();
      expect(Array.from(values.slice(time * classes)).every((v) => v === 0)).toBe(true);
      expect(Array.from(values.slice(0, time * classes)).some((v) => Math.abs(v) > 1e-3)).toBe(true);
      expect(Array.from(values).every(Number.isFinite)).toBe(true);
    }
    logits.dispose();
  });

  it('trains through tf.variableGrads with the same gradient as tf.grad', () => {
    const x = randomArray(2 * 4 * 3, 3, 1);
    const labels = [[1], [2, 1]];
    const v = tf.variable(tf.tensor3d(x, [2, 4, 3]));
    const { value, grads } = tf.variableGrads(() => ctcLoss(v, labels) as tf.Scalar, [v]);
    const direct = tf.grad((l: tf.Tensor) => ctcLoss(l as tf.Tensor3D, labels))(v);
    expectClose(grads[v.name], direct, { atol: 1e-7 });
    expect(value.dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([v, value, grads[v.name], direct]);
  });

  describe('leaves no tensor behind', () => {
    const x = randomArray(2 * 4 * 3, 4, 1);
    const labels = [[1, 1], [2, 1, 2, 1]]; // includes an infeasible item

    it.each(['mean', 'sum', 'none'] as const)('forward, reduction %s', async (reduction) => {
      const logits = tf.tensor3d(x, [2, 4, 3]);
      await expectNoLeak(() => ctcLoss(logits, labels, { reduction }));
      logits.dispose();
    });

    it('tf.grads and tf.variableGrads', async () => {
      const logits = tf.tensor3d(x, [2, 4, 3]);
      const dy = tf.tensor1d([2, -1]);
      const perItem = (l: tf.Tensor) => ctcLoss(l as tf.Tensor3D, labels, { reduction: 'none' });
      await expectNoLeak(() => tf.grads(perItem)([logits], dy));
      const v = tf.variable(logits);
      await expectNoLeak(() => tf.variableGrads(() => ctcLoss(v, labels, { zeroInfinity: true }) as tf.Scalar, [v]));
      tf.dispose([logits, dy, v]);
    });
  });

  describe('rejects bad input with a CtcInputError naming the problem', () => {
    const logits = () => tf.zeros([2, 3, 4]) as tf.Tensor3D;
    const cases: Array<[string, () => unknown, RegExp]> = [
      ['rank-2 logits', () => ctcLoss(tf.zeros([3, 4]) as unknown as tf.Tensor3D, [[1]]), /rank-3.*\[3, 4\]/],
      ['int32 logits', () => ctcLoss(tf.zeros([1, 3, 4], 'int32') as tf.Tensor3D, [[1]]), /float32, got int32/],
      ['blank out of range', () => ctcLoss(logits(), [[1], [2]], { blank: 4 }), /blank.*\[0, 4\).*4/],
      ['a label equal to the blank', () => ctcLoss(logits(), [[1], [2, 0]]), /labels\[1\]\[1\] = 0 is the blank/],
      ['a label out of range', () => ctcLoss(logits(), [[1], [4]]), /labels\[1\]\[0\] = 4 is not a class index/],
      ['a fractional label', () => ctcLoss(logits(), [[1.5], [2]]), /labels\[0\]\[0\] = 1.5/],
      ['too few label sequences', () => ctcLoss(logits(), [[1]]), /one sequence per batch item \(2\), got 1/],
      ['inputLengths of the wrong size', () => ctcLoss(logits(), [[1], [2]], { inputLengths: [3] }), /inputLengths/],
      ['a length past time', () => ctcLoss(logits(), [[1], [2]], { inputLengths: [3, 4] }), /inputLengths\[1\] = 4/],
      ['a negative length', () => ctcLoss(logits(), [[1], [2]], { inputLengths: [-1, 3] }), /inputLengths\[0\] = -1/],
      [
        'an unknown reduction',
        () => ctcLoss(logits(), [[1], [2]], { reduction: 'avg' as 'mean' }),
        /reduction.*got avg/,
      ],
    ];
    it.each(cases)('%s', (_name, call, message) => {
      tf.tidy(() => {
        expect(call).toThrow(CtcInputError);
        expect(call).toThrow(message);
      });
    });
  });
});
