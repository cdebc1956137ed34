import { tf } from '@rnnkit/rnn-core';

/** Σ over the batch, steps, horizon steps and quantiles of stepWeights · targetWeights · pinball loss. */
function weightedPinballTotal(output: tf.Tensor, targets: tf.Tensor, quantiles: number[], stepWeights: tf.Tensor, targetWeights?: tf.Tensor): tf.Scalar {
  const [B, T, H] = targets.shape as [number, number, number];
  const Q = quantiles.length;
  const predicted = tf.reshape(output, [B, T, H, Q]);
  const error = tf.sub(tf.expandDims(targets, 3), predicted);
  const q = tf.tensor1d(quantiles);
  let loss = tf.maximum(tf.mul(q, error), tf.mul(tf.sub(q, 1), error));
  if (targetWeights) loss = tf.mul(loss, tf.reshape(targetWeights, [B, T, H, 1]));
  const weights = tf.reshape(stepWeights, [B, T, 1, 1]);
  return tf.sum(tf.mul(loss, weights)) as tf.Scalar;
}

/**
 * The quantile (pinball) loss of outputs [B, T, H·Q] (for each horizon step, Q quantiles) against targets
 * [B, T, H]: mean over quantiles, horizon steps and the steps whose `stepWeights` [B, T] is 1 of
 * max(q·(y − ŷ), (q − 1)·(y − ŷ)). Minimised by the true conditional quantiles.
 */
export function pinballLoss(output: tf.Tensor, targets: tf.Tensor, quantiles: number[], stepWeights: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const [, , H] = targets.shape;
    const total = weightedPinballTotal(output, targets, quantiles, stepWeights);
    return tf.div(total, tf.mul(tf.maximum(tf.sum(stepWeights), 1), H * quantiles.length)) as tf.Scalar;
  });
}

/**
 * {@link pinballLoss} before the division by the weighted step count Σ stepWeights: the form data-parallel
 * training sums over the slices of a batch (Σ sums / Σ counts is the loss of the whole batch). `targetWeights`,
 * shaped as the targets, further weighs each target's terms (all its quantiles).
 */
export function pinballLossSum(output: tf.Tensor, targets: tf.Tensor, quantiles: number[], stepWeights: tf.Tensor, targetWeights?: tf.Tensor): tf.Scalar {
  const [, , H] = targets.shape as [number, number, number];
  return tf.tidy(() => tf.div(weightedPinballTotal(output, targets, quantiles, stepWeights, targetWeights), H * quantiles.length) as tf.Scalar);
}
