import { tf } from '@rnnkit/rnn-core';
import { BACKENDS_UNDER_TEST, expectClose, expectNoLeak, randomArray, useBackend } from '@rnnkit/test-utils';
import { linear } from './linear';

describe.each(BACKENDS_UNDER_TEST)('linear on %s', (backend) => {
  useBackend(backend);

  it('has the value and the gradients of tf.matMul under tfjs autodiff (same float32 products, atol 1e-5)', async () => {
    const x = tf.tensor2d(randomArray(7 * 5, 1), [7, 5]);
    const w = tf.tensor2d(randomArray(5 * 3, 2), [5, 3]);
    const probe = tf.tensor2d(randomArray(7 * 3, 3), [7, 3]);
    await expectNoLeak(() => {
      const ours = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(linear(a as tf.Tensor2D, b as tf.Tensor2D), probe)));
      const theirs = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D), probe)));
      const [dxOurs, dwOurs] = ours([x, w]);
      const [dxTheirs, dwTheirs] = theirs([x, w]);
      tf.tidy(() => expectClose(linear(x, w), tf.matMul(x, w), { atol: 1e-6 }));
      expectClose(dxOurs, dxTheirs, { atol: 1e-5 });
      expectClose(dwOurs, dwTheirs, { atol: 1e-5 });
      tf.dispose([dxOurs, dwOurs, dxTheirs, dwTheirs]);
    });
    tf.dispose([x, w, probe]);
  });
});
