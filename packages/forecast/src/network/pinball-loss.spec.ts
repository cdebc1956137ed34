import { createRng } from '@rnnkit/common';
import { tf } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { pinballLoss, pinballLossSum } from './pinball-loss';

const [B, T, H] = [4, 3, 2];
const quantiles = [0.1, 0.5, 0.9];
const Q = quantiles.length;
const rng = createRng(7);
const output = Float32Array.from({ length: B * T * H * Q }, () => rng.normal());
const targets = Float32Array.from({ length: B * T * H }, () => rng.normal());
const weights = Float32Array.from({ length: B * T }, (_, i) => (i % T === 0 ? 0 : 1));
const perTarget = Float32Array.from({ length: B * T * H }, () => 2 * rng.next());

/** The loss written out element by element, in float64: Σ w · max(q·e, (q−1)·e) over rows [from, to). */
function bruteForceTotal(from: number, to: number, withTargetWeights = false): number {
  let total = 0;
  for (let b = from; b < to; b++) {
    for (let t = 0; t < T; t++) {
      for (let h = 0; h < H; h++) {
        quantiles.forEach((q, j) => {
          const e = targets[(b * T + t) * H + h] - output[((b * T + t) * H + h) * Q + j];
          const w = withTargetWeights ? perTarget[(b * T + t) * H + h] : 1;
          total += w * weights[b * T + t] * Math.max(q * e, (q - 1) * e);
        });
      }
    }
  }
  return total;
}

function rows(from: number, to: number) {
  return {
    output: tf.tensor3d(output.slice(from * T * H * Q, to * T * H * Q), [to - from, T, H * Q]),
    targets: tf.tensor3d(targets.slice(from * T * H, to * T * H), [to - from, T, H]),
    weights: tf.tensor2d(weights.slice(from * T, to * T), [to - from, T]),
  };
}

describe('pinballLoss and pinballLossSum (cpu backend)', () => {
  useBackend('cpu');

  // float32 sums of a few dozen terms of order 1 against float64: 1e-5 leaves room for their roundings.
  it('match the element-by-element loss; the sums of two slices divided by their weight counts give the whole loss', async () => {
    await expectNoLeak(() => {
      const whole = rows(0, B);
      const count = weights.reduce((a, w) => a + w, 0);
      const loss = pinballLoss(whole.output, whole.targets, quantiles, whole.weights);
      expectClose(loss.dataSync(), [bruteForceTotal(0, B) / (count * H * Q)]);
      const sums = [rows(0, 1), rows(1, B)].map((s) => {
        const sum = pinballLossSum(s.output, s.targets, quantiles, s.weights);
        const value = sum.dataSync()[0];
        tf.dispose([sum, s.output, s.targets, s.weights]);
        return value;
      });
      expectClose(sums, [bruteForceTotal(0, 1) / (H * Q), bruteForceTotal(1, B) / (H * Q)]);
      expectClose((sums[0] + sums[1]) / count, loss.dataSync());
      tf.dispose([loss, whole.output, whole.targets, whole.weights]);
    });
  });

  it('pinballLossSum weighs each target by its target weight when given', async () => {
    await expectNoLeak(() => {
      const whole = rows(0, B);
      const targetWeights = tf.tensor3d(perTarget, [B, T, H]);
      const sum = pinballLossSum(whole.output, whole.targets, quantiles, whole.weights, targetWeights);
      expectClose(sum.dataSync(), [bruteForceTotal(0, B, true) / (H * Q)]);
      tf.dispose([sum, targetWeights, whole.output, whole.targets, whole.weights]);
    });
  });
});
