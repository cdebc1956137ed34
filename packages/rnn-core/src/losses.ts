import { RnnkitError } from '@rnnkit/common';
import { tf } from './tfjs';

/**
 * Losses over sequences with an optional mask. A masked position (mask 0) contributes neither to the loss nor
 * to the gradients; the loss is the mean over unmasked positions (weighted by the mask's values).
 */

function maskWeights(mask: tf.Tensor | undefined, positions: number): tf.Tensor1D {
  if (!mask) return tf.ones([positions]) as tf.Tensor1D;
  if (mask.size !== positions) throw new RnnkitError('BAD_INPUT', `mask has ${mask.size} values; expected one per position (${positions})`);
  return tf.reshape(tf.cast(mask, 'float32'), [positions]) as tf.Tensor1D;
}

function meanOverMask(perPosition: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  // max(·, 1) keeps an all-padding batch at loss 0 instead of 0/0.
  return tf.div(tf.sum(tf.mul(perPosition, weights)), tf.maximum(tf.sum(weights), 1)) as tf.Scalar;
}

/**
 * Softmax cross-entropy from logits [..., C] and integer class labels [...] (same leading shape), in nats.
 * Built from a one-hot product rather than gather, whose gradient the wasm backend lacks.
 */
export function softmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  const C = logits.shape[logits.shape.length - 1];
  const positions = logits.size / C;
  if (labels.size !== positions) {
    throw new RnnkitError('BAD_INPUT', `labels have ${labels.size} values; expected one per position of logits [${logits.shape}] (${positions})`);
  }
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(tf.reshape(logits, [positions, C]));
    const oneHot = tf.oneHot(tf.reshape(tf.cast(labels, 'int32'), [positions]), C);
    const nll = tf.neg(tf.sum(tf.mul(logProbs, oneHot), 1)) as tf.Tensor1D;
    return meanOverMask(nll, maskWeights(mask, positions));
  });
}

/** Mean squared error between predictions and targets of the same shape [..., F], averaged over features too. */
export function meanSquaredError(predictions: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  if (predictions.shape.join() !== targets.shape.join()) {
    throw new RnnkitError('BAD_INPUT', `predictions [${predictions.shape}] and targets [${targets.shape}] differ in shape`);
  }
  const F = predictions.shape[predictions.shape.length - 1];
  const positions = predictions.size / F;
  return tf.tidy(() => {
    const se = tf.mean(tf.reshape(tf.squaredDifference(predictions, targets), [positions, F]), 1) as tf.Tensor1D;
    return meanOverMask(se, maskWeights(mask, positions));
  });
}
