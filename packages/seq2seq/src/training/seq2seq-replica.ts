import { softmaxCrossEntropySum, tf, type ArrayTensor, type LossSum, type Replica, type ReplicaSpec } from '@rnnkit/rnn-core';
import type { TrainingBatch } from '../data/batch';
import type { Seq2SeqConfig } from '../model/seq2seq-config';
import { Seq2SeqModel } from '../model/seq2seq-model';
import { Vocabulary, type VocabularyJSON } from '../vocabulary';

/** A teacher-forcing batch as plain data, cut by rows across threads: sources [B, Te] and targets [B, Td]. */
export interface Seq2SeqArrayBatch {
  [field: string]: ArrayTensor;
  sourceIds: ArrayTensor;
  sourceMask: ArrayTensor;
  decoderInput: ArrayTensor;
  decoderTarget: ArrayTensor;
  targetMask: ArrayTensor;
}

/** What a worker needs to build its copy of a model: the architecture and both vocabularies. */
export interface Seq2SeqReplicaConfig {
  model: Seq2SeqConfig;
  source: VocabularyJSON;
  target: VocabularyJSON;
}

/** A {@link TrainingBatch} as the plain data the data-parallel trainer cuts by rows. */
export function arrayBatch(batch: TrainingBatch): Seq2SeqArrayBatch {
  const { size: B, sourceLength: Te, targetLength: Td } = batch;
  return {
    sourceIds: { data: batch.sourceIds, shape: [B, Te] },
    sourceMask: { data: batch.sourceMask, shape: [B, Te] },
    decoderInput: { data: batch.decoderInput, shape: [B, Td] },
    decoderTarget: { data: batch.decoderTarget, shape: [B, Td] },
    targetMask: { data: batch.targetMask, shape: [B, Td] },
  };
}

function trainingBatch(slice: Seq2SeqArrayBatch): TrainingBatch {
  const [size, sourceLength] = slice.sourceIds.shape;
  return {
    size,
    sourceLength,
    targetLength: slice.decoderInput.shape[1],
    sourceIds: slice.sourceIds.data as Int32Array,
    sourceMask: slice.sourceMask.data as Float32Array,
    decoderInput: slice.decoderInput.data as Int32Array,
    decoderTarget: slice.decoderTarget.data as Int32Array,
    targetMask: slice.targetMask.data as Float32Array,
  };
}

/**
 * A data-parallel replica over a model: the teacher-forced cross-entropy of a slice in sum form (summed over its
 * real target steps, normalised by their count), the loss {@link Seq2SeqModel.loss} averages, with dropout on.
 */
export function seq2seqReplica(model: Seq2SeqModel): Replica<Seq2SeqArrayBatch> {
  return {
    variables: model.namedWeights.map((w) => w.variable),
    lossSum(slice: Seq2SeqArrayBatch): LossSum {
      const batch = trainingBatch(slice);
      const { logits } = model.forward(batch, true);
      const labels = tf.tensor2d(batch.decoderTarget, [batch.size, batch.targetLength], 'int32');
      return softmaxCrossEntropySum(logits, labels, tf.tensor2d(batch.targetMask, [batch.size, batch.targetLength]));
    },
    dispose: () => model.dispose(),
  };
}

/** The replica factory workers call: a model of the same architecture (the main thread's weights replace its own). */
export function seq2seqReplicaFromConfig(config: Seq2SeqReplicaConfig): Replica<Seq2SeqArrayBatch> {
  const sourceVocabulary = Vocabulary.fromJSON(config.source);
  const targetVocabulary = Vocabulary.fromJSON(config.target);
  return seq2seqReplica(new Seq2SeqModel({ ...config.model, sourceVocabulary, targetVocabulary }));
}

/** How workers build their replicas of `model`, for `DataParallelTrainer.start`. */
export function seq2seqReplicaSpec(model: Seq2SeqModel): ReplicaSpec {
  const config: Seq2SeqReplicaConfig = { model: model.config, source: model.sourceVocabulary.toJSON(), target: model.targetVocabulary.toJSON() };
  // This file compiled (dist) or, when running from sources, the .ts file that rnn-core's source worker transpiles.
  return { module: require.resolve('./seq2seq-replica'), exportName: 'seq2seqReplicaFromConfig', config };
}
