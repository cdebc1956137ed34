import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { denseSoftmaxCrossEntropy } from './dense-softmax-cross-entropy';

const N = 6;
const K = 5;
const V = 4;
const LABELS = new Int32Array([0, 3, 1, 1, 2, 3]);
const WEIGHTS = new Float32Array([1, 0, 2, 0.5, 1, 0]);

function fixture() {
  return {
    x: tf.tensor2d(randomArray(N * K, 1, 2), [N, K]),
    kernel: tf.tensor2d(randomArray(K * V, 2, 1.5), [K, V]),
    bias: tf.tensor1d(randomArray(V, 3, 0.5)),
  };
}

/** The reference: plain tfjs ops (softmax of x·W + b, −log p of the label, weighted mean) and tfjs autodiff. */
function referenceLoss(weights: Float32Array | null) {
  return (x: tf.Tensor, k: tf.Tensor, b: tf.Tensor): tf.Scalar => {
    const logp = tf.logSoftmax(tf.add(tf.matMul(x as tf.Tensor2D, k as tf.Tensor2D), b));
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(LABELS, 'int32'), V)), 1);
    const w = tf.tensor1d(weights ?? new Float32Array(N).fill(1));
    return tf.div(tf.neg(tf.sum(tf.mul(picked, w))), tf.sum(w)) as tf.Scalar;
  };
}

describe.each(BACKENDS_UNDER_TEST)('denseSoftmaxCrossEntropy on %s', (backend) => {
  useBackend(backend);

  it.each([
    ['unweighted mean', null],
    ['row weights (zeros drop rows)', WEIGHTS],
  ] as const)('loss and gradients equal tfjs autodiff of the plain ops (%s)', (_name, weights) => {
    const f = fixture();
    const args = [f.x, f.kernel, f.bias];
    tf.tidy(() => {
      const ours = tf.valueAndGrads((x: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
        denseSoftmaxCrossEntropy(x as tf.Tensor2D, k as tf.Tensor2D, b as tf.Tensor1D, LABELS, { rowWeights: weights }),
      )(args);
      const ref = tf.valueAndGrads(referenceLoss(weights))(args);
      // Same float32 arithmetic in another order (JS float64 sums here): 1e-5 on values of order one.
      expectClose(ours.value, ref.value, { atol: 1e-5 });
      ours.grads.forEach((g, i) => {
        expect(g.shape).toEqual(ref.grads[i].shape);
        expectClose(g, ref.grads[i], { atol: 1e-5 });
      });
    });
    tf.dispose(args);
  });

  it('scales its gradients by the upstream gradient', () => {
    const f = fixture();
    tf.tidy(() => {
      const g1 = tf.grad((x: tf.Tensor) => denseSoftmaxCrossEntropy(x as tf.Tensor2D, f.kernel, f.bias, LABELS))(f.x);
      const g3 = tf.grad((x: tf.Tensor) =>
        tf.mul(denseSoftmaxCrossEntropy(x as tf.Tensor2D, f.kernel, f.bias, LABELS), 3),
      )(f.x);
      expectClose(g3, tf.mul(g1, 3), { atol: 1e-6 });
    });
    tf.dispose([f.x, f.kernel, f.bias]);
  });

  it('gives the same gradients when its arrays come back from the pool (rows of weight 0 keep none)', () => {
    const f = fixture();
    const args = [f.x, f.kernel, f.bias];
    const grads = (weights: Float32Array | null, inputs: tf.Tensor[]) =>
      tf.grads((x: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
        denseSoftmaxCrossEntropy(x as tf.Tensor2D, k as tf.Tensor2D, b as tf.Tensor1D, LABELS, { rowWeights: weights }),
      )(inputs);
    tf.tidy(() => {
      const first = grads(WEIGHTS, args).map((g) => g.dataSync().slice());
      // Other inputs, every row weighted: fills every row of the array that the next call reuses.
      grads(null, [tf.mul(f.x, -2), f.kernel, f.bias]);
      grads(WEIGHTS, args).forEach((g, i) => expectClose(g, first[i], { atol: 0 }));
    });
    tf.dispose(args);
  });

  it('leaves no tensor behind, forward and backward', async () => {
    const f = fixture();
    await expectNoLeak(() => denseSoftmaxCrossEntropy(f.x, f.kernel, f.bias, LABELS));
    await expectNoLeak(() =>
      tf.grads((x: tf.Tensor, k: tf.Tensor, b: tf.Tensor) =>
        denseSoftmaxCrossEntropy(x as tf.Tensor2D, k as tf.Tensor2D, b as tf.Tensor1D, LABELS),
      )([f.x, f.kernel, f.bias]),
    );
    tf.dispose([f.x, f.kernel, f.bias]);
  });

  it('rejects mismatched shapes and out-of-range labels with messages that name them', () => {
    const f = fixture();
    expect(() => denseSoftmaxCrossEntropy(f.x, f.kernel, f.bias, LABELS.subarray(1))).toThrow(/5 labels for 6 rows/);
    expect(() => denseSoftmaxCrossEntropy(f.x, f.kernel, f.bias, new Int32Array([0, 1, 2, 3, 4, 0]))).toThrow(
      /label 4 at row 4 is outside \[0, 4\)/,
    );
    const wide = tf.zeros([K + 1, V]) as tf.Tensor2D;
    expect(() => denseSoftmaxCrossEntropy(f.x, wide, f.bias, LABELS)).toThrow(/kernel has shape \[6,4\], expected \[5,4\]/);
    expect(() =>
      denseSoftmaxCrossEntropy(f.x, f.kernel, f.bias, LABELS, { rowWeights: new Float32Array(2) }),
    ).toThrow(/2 row weights for 6 rows/);
    tf.dispose([f.x, f.kernel, f.bias, wide]);
  });
});
