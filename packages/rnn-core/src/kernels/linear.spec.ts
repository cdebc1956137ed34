import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { linear } from './linear';

const N = 7;
const K = 5;
const M = 3;

describe.each(BACKENDS_UNDER_TEST)('linear on %s', (backend) => {
  useBackend(backend);
  let x: tf.Tensor2D;
  let kernel: tf.Tensor2D;
  let bias: tf.Tensor1D;
  let upstream: tf.Tensor2D;
  beforeAll(() => {
    x = tf.tensor2d(randomArray(N * K, 1), [N, K]);
    kernel = tf.tensor2d(randomArray(K * M, 2), [K, M]);
    bias = tf.tensor1d(randomArray(M, 3));
    // Weights a scalar loss so that every output element has its own upstream gradient.
    upstream = tf.tensor2d(randomArray(N * M, 4), [N, M]);
  });
  afterAll(() => tf.dispose([x, kernel, bias, upstream]));

  it.each([true, false])('values and gradients equal tfjs autodiff of matMul + add (bias: %s)', (withBias) => {
    tf.tidy(() => {
      const args = withBias ? [x, kernel, bias] : [x, kernel];
      const ours = tf.valueAndGrads((...a: tf.Tensor[]) =>
        tf.sum(tf.mul(linear(a[0] as tf.Tensor2D, a[1] as tf.Tensor2D, withBias ? (a[2] as tf.Tensor1D) : null), upstream)),
      )(args);
      const ref = tf.valueAndGrads((...a: tf.Tensor[]) => {
        const product = tf.matMul(a[0], a[1]);
        return tf.sum(tf.mul(withBias ? tf.add(product, a[2]) : product, upstream));
      })(args);
      // The same float32 products in a different order: 1e-5 for values of order one.
      expectClose(ours.value, ref.value, { atol: 1e-5 });
      ours.grads.forEach((g, i) => {
        expect(g.shape).toEqual(ref.grads[i].shape);
        expectClose(g, ref.grads[i], { atol: 1e-5 });
      });
    });
  });

  it('leaves no tensor behind, forward and backward', async () => {
    await expectNoLeak(() => linear(x, kernel, bias));
    await expectNoLeak(() =>
      tf.grads((a: tf.Tensor, k: tf.Tensor, b: tf.Tensor) => tf.sum(linear(a as tf.Tensor2D, k as tf.Tensor2D, b as tf.Tensor1D)))([
        x,
        kernel,
        bias,
      ]),
    );
  });

  it('rejects mismatched shapes with messages that name them', () => {
    const wrongKernel = tf.transpose(kernel) as tf.Tensor2D;
    const wrongBias = tf.zeros([M + 1]) as tf.Tensor1D;
    expect(() => linear(x, wrongKernel, bias)).toThrow(/kernel has shape \[3,5\]; its rows must match the 5 columns of x/);
    expect(() => linear(x, kernel, wrongBias)).toThrow(/bias has shape \[4\], expected \[3\]/);
    tf.dispose([wrongKernel, wrongBias]);
  });
});
