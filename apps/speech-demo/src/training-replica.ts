import {
  ctcLoss,
  SequenceModel,
  sequenceReplica,
  softmaxCrossEntropySum,
  tf,
  type LossSum,
  type Replica,
  type ReplicaSpec,
  type SequenceArrayBatch,
  type SequenceModelConfig,
} from '@rnnkit/rnn-core';
import { BLANK, type Mode } from '@rnnkit/speech';
import { unpadTargets } from './batching';

/** The CTC inputs of a padded batch: label sequences from {@link labelTargets}' padding, frame counts from the mask. */
function ctcInputs(output: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor): { labels: number[][]; lengths: number[] } {
  const [batch, steps] = output.shape;
  const m = mask ? mask.dataSync() : null;
  const lengths = Array.from({ length: batch }, (_, b) => {
    if (!m) return steps;
    let n = 0;
    for (let t = 0; t < steps; t++) n += m[b * steps + t];
    return n;
  });
  return { labels: unpadTargets(targets.dataSync(), batch), lengths };
}

/** CTC loss of a padded batch (mean over its strings): targets from {@link labelTargets}, frame counts from the mask. */
export function paddedCtcLoss(output: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor): tf.Scalar {
  const { labels, lengths } = ctcInputs(output, targets, mask);
  return ctcLoss(output as tf.Tensor3D, labels, { blank: BLANK, inputLengths: lengths, zeroInfinity: true }) as tf.Scalar;
}

/** {@link paddedCtcLoss} summed over the strings, with their number as the normaliser (data-parallel training). */
export function paddedCtcLossSum(output: tf.Tensor, targets: tf.Tensor, mask?: tf.Tensor): LossSum {
  const { labels, lengths } = ctcInputs(output, targets, mask);
  const sum = ctcLoss(output as tf.Tensor3D, labels, { blank: BLANK, inputLengths: lengths, zeroInfinity: true, reduction: 'sum' }) as tf.Scalar;
  return { sum, count: labels.length };
}

/** What a worker needs to build its copy of a recognizer being trained. */
export interface SpeechReplicaConfig {
  model: SequenceModelConfig;
  mode: Mode;
}

/**
 * A data-parallel replica over a recognizer's model: the loss {@link train} uses in sum form — frame
 * cross-entropy over real frames (word mode) or CTC over the strings (sequence mode).
 */
export function speechReplica(model: SequenceModel, mode: Mode): Replica<SequenceArrayBatch> {
  return sequenceReplica(model, { loss: mode === 'word' ? softmaxCrossEntropySum : paddedCtcLossSum });
}

/** The replica factory workers call: a model of the same config (the main thread's weights replace its own). */
export function speechReplicaFromConfig(config: SpeechReplicaConfig): Replica<SequenceArrayBatch> {
  return speechReplica(new SequenceModel(config.model), config.mode);
}

/** How workers build their replicas of `model`, for `DataParallelTrainer.start`. */
export function speechReplicaSpec(model: SequenceModel, mode: Mode): ReplicaSpec {
  const config: SpeechReplicaConfig = { model: model.config as SequenceModelConfig, mode };
  // This file compiled (dist) or, when running from sources, the .ts file that rnn-core's source worker transpiles.
  return { module: require.resolve('./training-replica'), exportName: 'speechReplicaFromConfig', config };
}
