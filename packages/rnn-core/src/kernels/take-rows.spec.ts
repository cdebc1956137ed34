import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { tf } from '../tfjs';
import { takeRows } from './take-rows';

describe.each(BACKENDS_UNDER_TEST)('takeRows on %s', (backend) => {
  useBackend(backend);

  it.each([
    [0, 4],
    [4, 3],
    [7, 2],
    [0, 9],
  ])('rows from %d, %d of them: values and gradient equal tf.slice exactly', async (start, count) => {
    await expectNoLeak(() =>
      tf.tidy(() => {
        const x = tf.tensor2d(randomArray(9 * 5, 1), [9, 5]);
        const upstream = tf.tensor2d(randomArray(count * 5, 2), [count, 5]);
        const ours = tf.valueAndGrad((a: tf.Tensor) => tf.sum(tf.mul(takeRows(a as tf.Tensor2D, start, count), upstream)))(x);
        const ref = tf.valueAndGrad((a: tf.Tensor) => tf.sum(tf.mul(tf.slice(a, [start, 0], [count, 5]), upstream)))(x);
        // The same elements moved, and zeros added: exact.
        expectClose(takeRows(x, start, count), tf.slice(x, [start, 0], [count, 5]), { atol: 0 });
        expectClose(ours.value, ref.value, { atol: 0 });
        expectClose(ours.grad, ref.grad, { atol: 0 });
      }),
    );
  });

  it('refuses rows outside the tensor', () => {
    const x = tf.zeros([3, 2]) as tf.Tensor2D;
    expect(() => takeRows(x, 2, 2)).toThrow('rows [2, 4) are outside the tensor');
    x.dispose();
  });
});
