import { tf } from '@rnnkit/rnn-core';

/**
 * The quantile (pinball) loss of outputs [B, T, H·Q] (for each horizon step, Q quantiles) against targets
 * [B, T, H]: mean over quantiles, horizon steps and the steps whose `stepWeights` [B, T] is 1 of
 * max(q·(y − ŷ), (q − 1)·(y − ŷ)). Minimised by the true conditional quantiles.
 */
export function pinballLoss(output: tf.Tensor, targets: tf.Tensor, quantiles: number[], stepWeights: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const [B, T, H] = targets.shape as [number, number, number];
    const Q = quantiles.length;
    const predicted = tf.reshape(output, [B, T, H, Q]);
    const error = tf.sub(tf.expandDims(targets, 3), predicted);
    const q = tf.tensor1d(quantiles);
    const loss = tf.maximum(tf.mul(q, error), tf.mul(tf.sub(q, 1), error));
    const weights = tf.reshape(stepWeights, [B, T, 1, 1]);
    const total = tf.sum(tf.mul(loss, weights));
    return tf.div(total, tf.mul(tf.maximum(tf.sum(stepWeights), 1), H * Q)) as tf.Scalar;
  });
}
