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
 * A loss as a sum and its normaliser (rows, or unmasked positions), so that slices of a batch computed apart
 * combine exactly: the batch's mean loss is Σ sum / max(Σ count, 1), as the mean losses here define it.
 */
export interface LossSum {
  /** The summed loss of the slice (a scalar tensor, differentiable). */
  sum: tf.Scalar;
  /** What the sum is divided by to give the mean: the total mask weight, or the number of positions. */
  count: number;
}

/** A loss in {@link LossSum} form, from model outputs, targets and the batch mask (sequence mode only). */
export type LossSumFunction = (output: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor) => LossSum;

function sumOverMask(perPosition: tf.Tensor1D, mask: tf.Tensor | undefined, positions: number): LossSum {
  const weights = maskWeights(mask, positions);
  const count = mask ? (weights.dataSync() as Float32Array).reduce((a, b) => a + b, 0) : positions;
  return { sum: tf.sum(tf.mul(perPosition, weights)) as tf.Scalar, count };
}

/** The mean a {@link LossSum} stands for, with the same guard against an all-padding batch as the mean losses. */
export function meanOfLossSum({ sum, count }: LossSum): tf.Scalar {
  return tf.div(sum, tf.scalar(Math.max(count, 1))) as tf.Scalar;
}

/**
 * Softmax cross-entropy from logits [..., C] and integer class labels [...] (same leading shape), in nats.
 * Built from a one-hot product rather than gather, whose gradient the wasm backend lacks.
 */
export function softmaxCrossEntropy(logits: tf.Tensor, labels: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => meanOverMask(crossEntropyPerPosition(logits, labels), maskWeights(mask, logits.size / logits.shape[logits.shape.length - 1])));
}

/** {@link softmaxCrossEntropy} as a sum over unmasked positions and their total weight (see {@link LossSum}). */
export function softmaxCrossEntropySum(logits: tf.Tensor, labels: tf.Tensor, mask?: tf.Tensor): LossSum {
  const positions = logits.size / logits.shape[logits.shape.length - 1];
  let count = 0;
  const sum = tf.tidy(() => {
    const result = sumOverMask(crossEntropyPerPosition(logits, labels), mask, positions);
    count = result.count;
    return result.sum;
  });
  return { sum, count };
}

function crossEntropyPerPosition(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor1D {
  const C = logits.shape[logits.shape.length - 1];
  const positions = logits.size / C;
  if (labels.size !== positions) {
    throw new RnnkitError('BAD_INPUT', `labels have ${labels.size} values; expected one per position of logits [${logits.shape}] (${positions})`);
  }
  const logProbs = tf.logSoftmax(tf.reshape(logits, [positions, C]));
  const oneHot = tf.oneHot(tf.reshape(tf.cast(labels, 'int32'), [positions]), C);
  return tf.neg(tf.sum(tf.mul(logProbs, oneHot), 1)) as tf.Tensor1D;
}

/** Mean squared error between predictions and targets of the same shape [..., F], averaged over features too. */
export function meanSquaredError(predictions: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => meanOverMask(squaredErrorPerPosition(predictions, targets), maskWeights(mask, positionsOf(predictions))));
}

/** {@link meanSquaredError} as a sum over unmasked positions and their total weight (see {@link LossSum}). */
export function meanSquaredErrorSum(predictions: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor): LossSum {
  let count = 0;
  const sum = tf.tidy(() => {
    const result = sumOverMask(squaredErrorPerPosition(predictions, targets), mask, positionsOf(predictions));
    count = result.count;
    return result.sum;
  });
  return { sum, count };
}

function positionsOf(predictions: tf.Tensor): number {
  return predictions.size / predictions.shape[predictions.shape.length - 1];
}

function squaredErrorPerPosition(predictions: tf.Tensor, targets: tf.Tensor): tf.Tensor1D {
  if (predictions.shape.join() !== targets.shape.join()) {
    throw new RnnkitError('BAD_INPUT', `predictions [${predictions.shape}] and targets [${targets.shape}] differ in shape`);
  }
  const F = predictions.shape[predictions.shape.length - 1];
  return tf.mean(tf.reshape(tf.squaredDifference(predictions, targets), [positionsOf(predictions), F]), 1) as tf.Tensor1D;
}
