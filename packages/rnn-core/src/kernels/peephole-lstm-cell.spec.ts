import { BACKENDS_UNDER_TEST, centralDifferences, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { CellSpec } from '../cell-spec';
import { RecurrentLayer } from '../recurrent-layer';
import { recurrentSequence } from '../recurrent-op';

// tf.layers has no peephole LSTM (Keras 2 had one in tf.keras.experimental; tfjs never did), so the references
// are a step-by-step implementation with plain tfjs ops differentiated by tfjs autodiff, central finite
// differences, and the engine's own LSTM (itself checked against tf.layers) when the peepholes are zero.

const B = 2;
const T = 5;
const I = 3;
const H = 4;
const SPEC: CellSpec = { type: 'peepholeLstm', units: H, resetAfter: false };

/** The peephole LSTM written out step by step; bias = [b_i, b_f, b_c, b_o, p_i, p_f, p_o]. */
function naivePeepholeLstm(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  [h0, c0]: tf.Tensor2D[],
  mask?: tf.Tensor2D,
  reverse = false,
): { outputs: tf.Tensor3D; states: tf.Tensor2D[] } {
  const slice = (v: tf.Tensor, k: number) => tf.slice(v, [k * H], [H]);
  const block = (m: tf.Tensor, k: number) => tf.slice(m, [0, k * H], [-1, H]);
  const [pi, pf, po] = [4, 5, 6].map((k) => slice(bias, k));
  const gateBias = tf.slice(bias, [0], [4 * H]);
  let h: tf.Tensor = h0;
  let c: tf.Tensor = c0;
  const outputs: tf.Tensor[] = new Array(T);
  for (let s = 0; s < T; s++) {
    const t = reverse ? T - 1 - s : s;
    const xt = tf.reshape(tf.slice(x, [0, t, 0], [-1, 1, -1]), [B, I]);
    const a = tf.add(tf.add(tf.matMul(xt, kernel), tf.matMul(h as tf.Tensor2D, recurrentKernel)), gateBias);
    const i = tf.sigmoid(tf.add(block(a, 0), tf.mul(pi, c)));
    const f = tf.sigmoid(tf.add(block(a, 1), tf.mul(pf, c)));
    const g = tf.tanh(block(a, 2));
    let cNew: tf.Tensor = tf.add(tf.mul(f, c), tf.mul(i, g));
    const o = tf.sigmoid(tf.add(block(a, 3), tf.mul(po, cNew)));
    let hNew: tf.Tensor = tf.mul(o, tf.tanh(cNew));
    if (mask) {
      const m = tf.reshape(tf.slice(mask, [0, t], [-1, 1]), [-1, 1]);
      hNew = tf.add(tf.mul(m, hNew), tf.mul(tf.sub(1, m), h));
      cNew = tf.add(tf.mul(m, cNew), tf.mul(tf.sub(1, m), c));
      outputs[t] = tf.mul(m, hNew);
    } else {
      outputs[t] = hNew;
    }
    h = hNew;
    c = cNew;
  }
  return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, states: [h as tf.Tensor2D, c as tf.Tensor2D] };
}

function fixture(seed: number) {
  return {
    x: tf.tensor3d(randomArray(B * T * I, seed + 1), [B, T, I]),
    kernel: tf.tensor2d(randomArray(I * 4 * H, seed + 2, 0.7), [I, 4 * H]),
    recurrentKernel: tf.tensor2d(randomArray(H * 4 * H, seed + 3, 0.7), [H, 4 * H]),
    // Peepholes of order one, so that a wrong peephole term cannot hide under the tolerance.
    bias: tf.tensor1d(randomArray(7 * H, seed + 4, 0.9)),
    states: [0, 1].map((k) => tf.tensor2d(randomArray(B * H, seed + 5 + k, 0.5), [B, H])),
    outWeights: tf.tensor3d(randomArray(B * T * H, seed + 9), [B, T, H]),
    stateWeights: tf.tensor2d(randomArray(B * H, seed + 10), [B, H]),
  };
}
type Fixture = ReturnType<typeof fixture>;

/** A scalar of every output and final state with fixed weights, so that every upstream gradient is non-trivial. */
function weightedLoss(engine: boolean, f: Fixture, mask?: Float32Array, reverse = false) {
  return (x: tf.Tensor, k: tf.Tensor, rk: tf.Tensor, b: tf.Tensor, h0: tf.Tensor, c0: tf.Tensor) => {
    const states = [h0, c0] as tf.Tensor2D[];
    const r = engine
      ? recurrentSequence(SPEC, x as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b, states, { mask, reverse })
      : naivePeepholeLstm(x as tf.Tensor3D, k as tf.Tensor2D, rk as tf.Tensor2D, b as tf.Tensor1D, states, mask && tf.tensor2d(mask, [B, T]), reverse);
    let loss = tf.sum(tf.mul(r.outputs, f.outWeights));
    for (const s of r.states) loss = tf.add(loss, tf.sum(tf.mul(s, f.stateWeights)));
    return loss as tf.Scalar;
  };
}

describe.each(BACKENDS_UNDER_TEST)('peephole LSTM on %s', (backend) => {
  useBackend(backend);
  const variants: Array<[string, Float32Array | undefined, boolean]> = [
    ['full sequences', undefined, false],
    ['padded sequences', new Float32Array([1, 1, 1, 0, 0, 0, 0, 1, 1, 1]), false],
    ['reversed, padded', new Float32Array([1, 1, 1, 1, 0, 1, 1, 0, 1, 1]), true],
  ];

  it.each(variants)('outputs, states and every gradient equal autodiff of the step-by-step reference (%s)', (_v, mask, reverse) => {
    const f = fixture(17);
    const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
    tf.tidy(() => {
      const ours = recurrentSequence(SPEC, f.x, f.kernel, f.recurrentKernel, f.bias, f.states, { mask, reverse });
      const ref = naivePeepholeLstm(f.x, f.kernel, f.recurrentKernel, f.bias, f.states, mask && tf.tensor2d(mask, [B, T]), reverse);
      // The same float32 arithmetic in another order: values of order one agree to 1e-5.
      expectClose(ours.outputs, ref.outputs, { atol: 1e-5 });
      ours.states.forEach((s, k) => expectClose(s, ref.states[k], { atol: 1e-5 }));
      const oursGrads = tf.grads(weightedLoss(true, f, mask, reverse))(args);
      const refGrads = tf.grads(weightedLoss(false, f, mask, reverse))(args);
      // Sums over steps and rows in another order: float32 rounding stays below 1e-5 for gradients of order one.
      oursGrads.forEach((g, k) => expectClose(g, refGrads[k], { atol: 1e-5 }));
    });
    tf.dispose(Object.values(f));
  });

  it('with zero peepholes, computes what the LSTM computes with the same weights', () => {
    const f = fixture(29);
    tf.tidy(() => {
      const gateBias = tf.slice(f.bias, [0], [4 * H]);
      const bias = tf.concat([gateBias, tf.zeros([3 * H])]);
      const ours = recurrentSequence(SPEC, f.x, f.kernel, f.recurrentKernel, bias, f.states);
      const lstm = recurrentSequence({ type: 'lstm', units: H, resetAfter: false }, f.x, f.kernel, f.recurrentKernel, gateBias, f.states);
      // The same operations in the same order: equal up to float32 rounding.
      expectClose(ours.outputs, lstm.outputs, { atol: 1e-6 });
      ours.states.forEach((s, k) => expectClose(s, lstm.states[k], { atol: 1e-6 }));
    });
    tf.dispose(Object.values(f));
  });

  it('leaves no tensor behind, forward and backward', async () => {
    const f = fixture(5);
    const args = [f.x, f.kernel, f.recurrentKernel, f.bias, ...f.states];
    await expectNoLeak(() => {
      const r = recurrentSequence(SPEC, f.x, f.kernel, f.recurrentKernel, f.bias, f.states);
      tf.dispose([r.outputs, ...r.states]);
    });
    await expectNoLeak(() => tf.dispose(tf.grads(weightedLoss(true, f))(args)));
    tf.dispose(Object.values(f));
  });
});

describe('peephole LSTM layer', () => {
  useBackend('cpu');

  it('starts with zero peepholes and the forget-gate bias', () => {
    const layer = new RecurrentLayer({ cell: 'peepholeLstm', units: H, inputSize: I, forgetBias: 2 });
    expect(layer.bias.shape).toEqual([7 * H]);
    const expected = new Float32Array(7 * H);
    expected.fill(2, H, 2 * H);
    expectClose(layer.bias, expected, { atol: 0 });
    layer.dispose();
  });

  it('weight gradients, peepholes included, agree with central finite differences', () => {
    const layer = new RecurrentLayer({ cell: 'peepholeLstm', units: 3, inputSize: 2, seed: 9 });
    layer.bias.assign(tf.tensor1d(randomArray(21, 3, 0.8)));
    const input = tf.tensor3d(randomArray(2 * 4 * 2, 4), [2, 4, 2]);
    const target = tf.tensor3d(randomArray(2 * 4 * 3, 5), [2, 4, 3]);
    const loss = () => tf.tidy(() => tf.sum(tf.mul(layer.apply(input).outputs, target)) as tf.Scalar);
    const { grads } = tf.variableGrads(loss, layer.weights);
    for (const w of layer.weights) {
      const values = w.dataSync().slice() as Float32Array;
      const f = () => {
        w.assign(tf.tensor(values, w.shape));
        return loss().dataSync()[0];
      };
      // eps 1e-2 in float32: truncation O(eps²) ≈ 1e-4 and rounding ≈ 1e-7/eps ≈ 1e-5, so 2e-3 absolute is safe.
      const numeric = centralDifferences(f, values, 1e-2);
      f();
      expectClose(grads[w.name], numeric, { atol: 2e-3 });
    }
    tf.dispose([input, target, ...Object.values(grads)]);
    layer.dispose();
  });
});
