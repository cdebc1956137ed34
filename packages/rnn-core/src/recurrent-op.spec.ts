import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from './tfjs';
import { CellSpec, biasShape, gateCount, stateCount } from './cell-spec';
import { recurrentSequence } from './recurrent-op';
import { sequencePool } from './kernels/float32-pool';
import { naiveRecurrence } from './testing/naive-recurrence';

const SPECS: CellSpec[] = [
  { type: 'simpleRNN', units: 3, resetAfter: false },
  { type: 'lstm', units: 3, resetAfter: false },
  { type: 'gru', units: 3, resetAfter: false },
  { type: 'gru', units: 3, resetAfter: true },
];
const B = 2;
const T = 5;
const I = 4;

function label(spec: CellSpec): string {
  return spec.type === 'gru' ? `gru(resetAfter=${spec.resetAfter})` : spec.type;
}

/** Random weights, inputs and states for one cell; seeds differ per tensor so no two share values. */
function fixture(spec: CellSpec, seed: number) {
  const H = spec.units;
  const GH = gateCount(spec.type) * H;
  const bShape = biasShape(spec);
  return {
    x: tf.tensor3d(randomArray(B * T * I, seed + 1), [B, T, I]),
    kernel: tf.tensor2d(randomArray(I * GH, seed + 2, 0.7), [I, GH]),
    recurrentKernel: tf.tensor2d(randomArray(H * GH, seed + 3, 0.7), [H, GH]),
    bias: tf.tensor(randomArray(bShape.reduce((a, b) => a * b), seed + 4, 0.3), bShape),
    states: Array.from({ length: stateCount(spec.type) }, (_, k) =>
      tf.tensor2d(randomArray(B * H, seed + 5 + k, 0.5), [B, H]),
    ),
    // Weights for a scalar loss over outputs and final states, so every upstream gradient is non-trivial.
    outWeights: tf.tensor3d(randomArray(B * T * H, seed + 9), [B, T, H]),
    stateWeights: tf.tensor2d(randomArray(B * H, seed + 10), [B, H]),
  };
}

type Fixture = ReturnType<typeof fixture>;
type Runner = typeof recurrentSequence;

function weightedLoss(run: Runner | typeof naiveRecurrence, spec: CellSpec, f: Fixture, mask?: Float32Array, reverse = false) {
  const maskTensor = mask ? tf.tensor2d(mask, [B, T]) : undefined;
  return (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, ...states: tf.Tensor[]) => {
    const r =
      run === recurrentSequence
        ? recurrentSequence(spec, x as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b, states as tf.Tensor2D[], { mask, reverse })
        : naiveRecurrence(spec, x as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b, states as tf.Tensor2D[], maskTensor, reverse);
    let loss = tf.sum(tf.mul(r.outputs, f.outWeights));
    for (const s of r.states) loss = tf.add(loss, tf.sum(tf.mul(s, f.stateWeights)));
    return loss as tf.Scalar;
  };
}

describe.each(BACKENDS_UNDER_TEST)('recurrentSequence on %s', (backend) => {
  useBackend(backend);
  const variants: Array<[string, Float32Array | undefined, boolean]> = [
    ['full sequences', undefined, false],
    // Row 0 is padded at the end, row 1 at the start: both must keep their state through the padding.
    ['padded sequences', new Float32Array([1, 1, 1, 0, 0, 0, 0, 1, 1, 1]), false],
    ['reversed, padded', new Float32Array([1, 1, 1, 1, 0, 1, 1, 0, 1, 1]), true],
  ];

  describe.each(SPECS.map((s) => [label(s), s] as const))('%s', (_name, spec) => {
    it.each(variants)('outputs and states equal the step-by-step reference (%s)', (_v, mask, reverse) => {
      const f = fixture(spec, 11);
      tf.tidy(() => {
        const ours = recurrentSequence(spec, f.x, f.kernel, f.recurrentKernel, f.bias, f.states, { mask, reverse });
        const ref = naiveRecurrence(spec, f.x, f.kernel, f.recurrentKernel, f.bias, f.states, mask ? tf.tensor2d(mask, [B, T]) : undefined, reverse);
        // float32 results of the same arithmetic in a different order: agreement to 1e-5 is the expectation.
        expectClose(ours.outputs, ref.outputs, { atol: 1e-5 });
        ours.states.forEach((s, k) => expectClose(s, ref.states[k], { atol: 1e-5 }));
      });
    });

    it.each(variants)('BPTT gradients equal autodiff of the reference (%s)', (_v, mask, reverse) => {
      const f = fixture(spec, 23);
      const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
      tf.tidy(() => {
        const ours = tf.grads(weightedLoss(recurrentSequence, spec, f, mask, reverse))(args);
        const ref = tf.grads(weightedLoss(naiveRecurrence, spec, f, mask, reverse))(args);
        // Sums over steps in another order: float32 rounding of values of order one stays below 1e-5.
        ours.forEach((g, k) => expectClose(g, ref[k], { atol: 1e-5 }));
      });
    });

    it('with inputGradient: false, returns zeros for ∂L/∂x and the same gradients for everything else', () => {
      const f = fixture(spec, 41);
      const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
      const loss = (skip: boolean) => (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, ...states: tf.Tensor[]) => {
        const r = recurrentSequence(spec, x as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b, states as tf.Tensor2D[], {
          inputGradient: !skip,
        });
        return tf.sum(tf.mul(r.outputs, f.outWeights)) as tf.Scalar;
      };
      tf.tidy(() => {
        const [dx, ...rest] = tf.grads(loss(true))(args);
        const [, ...full] = tf.grads(loss(false))(args);
        expectClose(dx, tf.zerosLike(dx), { atol: 0 });
        rest.forEach((g, k) => expectClose(g, full[k], { atol: 0 }));
      });
    });

    it('gives the same results again once its arrays come back from the pool (stacked, padded, other shapes between)', () => {
      const f = fixture(spec, 51);
      const other = fixture(spec, 52);
      const mask = variants[1][1];
      const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
      // Two layers with the same weights, so that both passes' tapes are alive at once; padded steps rely on
      // zeros in the outputs' array.
      const stacked = (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, ...states: tf.Tensor[]) => {
        const run = (input: tf.Tensor3D, kernel: tf.Tensor2D) =>
          recurrentSequence(spec, input, kernel, rk as tf.Tensor2D, b, states as tf.Tensor2D[], { mask });
        const first = run(x as tf.Tensor3D, k as tf.Tensor2D);
        const second = run(tf.slice(tf.concat([first.outputs, first.outputs], 2), [0, 0, 0], [B, T, I]) as tf.Tensor3D, k as tf.Tensor2D);
        return tf.sum(tf.mul(second.outputs, f.outWeights)) as tf.Scalar;
      };
      tf.tidy(() => {
        const before = tf.grads(stacked)(args).map((g) => g.dataSync().slice());
        tf.grads(weightedLoss(recurrentSequence, spec, other, undefined, true))([other.x, other.kernel, other.recurrentKernel, other.bias, ...other.states]);
        const longer = tf.concat([f.x, f.x], 1) as tf.Tensor3D;
        tf.grads((x: tf.Tensor) => tf.sum(recurrentSequence(spec, x as tf.Tensor3D, f.kernel, f.recurrentKernel, f.bias, f.states).outputs) as tf.Scalar)([longer]);
        const after = tf.grads(stacked)(args);
        after.forEach((g, k) => expectClose(g, before[k], { atol: 0 }));
      });
    });

    it('writes every value of the arrays it takes for overwriting: NaN left in them changes nothing', () => {
      const f = fixture(spec, 61);
      const oneHot = new Float32Array(B * T * I);
      for (let r = 0; r < B * T; r++) if (r % 7 !== 3) oneHot[r * I + (r % I)] = r % 4 === 1 ? -0.5 : 1;
      const dropout = Float32Array.from(randomArray(B * spec.units, 62), (v) => (v > 0 ? 1.25 : 0));
      const results = () =>
        tf.tidy(() =>
          [f.x, tf.tensor3d(oneHot, [B, T, I])].flatMap((x) =>
            variants.flatMap(([, mask, reverse]) => {
              const loss = (...args: tf.Tensor[]) => {
                const [xs, k, rk, b, ...states] = args;
                const r = recurrentSequence(spec, xs as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b, states as tf.Tensor2D[], {
                  mask,
                  reverse,
                  recurrentDropoutMask: dropout,
                });
                let sum = tf.sum(tf.mul(r.outputs, f.outWeights));
                for (const state of r.states) sum = tf.add(sum, tf.sum(tf.mul(state, f.stateWeights)));
                return sum as tf.Scalar;
              };
              const { value, grads } = tf.valueAndGrads(loss)([x, f.kernel, f.recurrentKernel, f.bias, ...f.states]);
              return [value, ...grads].map((t) => Array.from(t.dataSync()));
            }),
          ),
        );
      const clean = results();
      const take = sequencePool.takeForOverwrite.bind(sequencePool);
      const poisoned = jest.spyOn(sequencePool, 'takeForOverwrite').mockImplementation((n) => take(n).fill(NaN));
      try {
        const dirty = results();
        expect(poisoned).toHaveBeenCalled();
        expect(dirty).toEqual(clean);
        expect(clean.flat().every(Number.isFinite)).toBe(true);
      } finally {
        poisoned.mockRestore();
      }
    });

    it('leaves no tensor behind, forward and backward', async () => {
      const f = fixture(spec, 5);
      const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
      await expectNoLeak(() => {
        const r = recurrentSequence(spec, f.x, f.kernel, f.recurrentKernel, f.bias, f.states);
        tf.dispose([r.outputs, ...r.states]);
      });
      await expectNoLeak(() => tf.dispose(tf.grads(weightedLoss(recurrentSequence, spec, f))(args)));
    });
  });

  describe.each(SPECS.map((s) => [label(s), s] as const))('%s with one-hot inputs', (_name, spec) => {
    // Rows with at most one non-zero take the gather/scatter path instead of the input matrix products; a row of
    // zeros and a non-unit value check that path's edge cases.
    const oneHot = (f: Fixture) => {
      const values = new Float32Array(B * T * I);
      for (let r = 0; r < B * T; r++) if (r % 7 !== 3) values[r * I + ((r * 5) % I)] = r % 4 === 1 ? -0.5 : 1;
      return { ...f, x: tf.tensor3d(values, [B, T, I]) };
    };

    it('outputs, states and gradients equal the reference', () => {
      const f = oneHot(fixture(spec, 31));
      const mask = new Float32Array([1, 1, 1, 1, 0, 0, 1, 1, 1, 1]);
      const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
      tf.tidy(() => {
        const ours = recurrentSequence(spec, f.x, f.kernel, f.recurrentKernel, f.bias, f.states, { mask });
        const ref = naiveRecurrence(spec, f.x, f.kernel, f.recurrentKernel, f.bias, f.states, tf.tensor2d(mask, [B, T]));
        expectClose(ours.outputs, ref.outputs, { atol: 1e-5 });
        const oursGrads = tf.grads(weightedLoss(recurrentSequence, spec, f, mask))(args);
        const refGrads = tf.grads(weightedLoss(naiveRecurrence, spec, f, mask))(args);
        oursGrads.forEach((g, k) => expectClose(g, refGrads[k], { atol: 1e-5 }));
      });
      f.x.dispose();
    });
  });

  it('gives the reference gradients for a batch wider than the 8-row blocks of its gate-gradient copies', () => {
    const spec: CellSpec = { type: 'gru', units: 4, resetAfter: false }; // two recurrent parts: both copies
    const rows = 11;
    const GH = gateCount(spec.type) * spec.units;
    const x = tf.tensor3d(randomArray(rows * T * I, 71), [rows, T, I]);
    const kernel = tf.tensor2d(randomArray(I * GH, 72, 0.7), [I, GH]);
    const recurrentKernel = tf.tensor2d(randomArray(spec.units * GH, 73, 0.7), [spec.units, GH]);
    const bias = tf.tensor1d(randomArray(GH, 74, 0.3));
    const h0 = tf.tensor2d(randomArray(rows * spec.units, 75, 0.5), [rows, spec.units]);
    const weights = tf.tensor3d(randomArray(rows * T * spec.units, 76), [rows, T, spec.units]);
    const mask = Float32Array.from({ length: rows * T }, (_, i) => (i % 13 === 5 ? 0 : 1));
    const loss = (run: Runner | typeof naiveRecurrence) => (...args: tf.Tensor[]) => {
      const [xs, k, rk, b, h] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor, tf.Tensor2D];
      const r =
        run === recurrentSequence
          ? recurrentSequence(spec, xs, k, rk, b, [h], { mask })
          : naiveRecurrence(spec, xs, k, rk, b, [h], tf.tensor2d(mask, [rows, T]));
      return tf.sum(tf.mul(r.outputs, weights)) as tf.Scalar;
    };
    const args = [x, kernel, recurrentKernel, bias, h0];
    tf.tidy(() => {
      const ours = tf.grads(loss(recurrentSequence))(args);
      const ref = tf.grads(loss(naiveRecurrence))(args);
      ours.forEach((g, k) => expectClose(g, ref[k], { atol: 1e-5 }));
    });
    tf.dispose([...args, weights]);
  });

  it('rejects weights of the wrong shape with a message that names them', () => {
    const spec = SPECS[1];
    const f = fixture(spec, 3);
    expect(() =>
      recurrentSequence(spec, f.x, f.recurrentKernel, f.recurrentKernel, f.bias, f.states),
    ).toThrow(/kernel has shape \[3,12\], expected \[4,12\]/);
    expect(() => recurrentSequence(spec, f.x, f.kernel, f.recurrentKernel, f.bias, f.states.slice(0, 1))).toThrow(
      /expected 2 initial state/,
    );
  });
});
