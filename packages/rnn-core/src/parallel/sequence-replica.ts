import { RnnkitError } from '@rnnkit/common';
import { tf } from '../tfjs';
import { meanSquaredErrorSum, softmaxCrossEntropySum, type LossSum } from '../losses';
import { SequenceModel, type SequenceModelConfig } from '../sequence-model';
import { lossMask, trainingOutput, type Batch } from '../train-step';
import type { ArrayBatch, ArrayTensor, Replica, ReplicaSpec, ReplicaWorker } from './replica';

/** The batch of a {@link SequenceModel} replica: inputs, targets and an optional padding mask [B, T], as plain data. */
export interface SequenceArrayBatch extends ArrayBatch {
  input: ArrayTensor;
  targets: ArrayTensor;
  mask?: ArrayTensor;
}

/** The named losses a worker can rebuild by name (their {@link LossSum} forms). */
export const SEQUENCE_LOSSES = {
  softmaxCrossEntropy: softmaxCrossEntropySum,
  meanSquaredError: meanSquaredErrorSum,
} as const;

/** A loss of {@link SEQUENCE_LOSSES} by name. */
export type SequenceLossName = keyof typeof SEQUENCE_LOSSES;

/**
 * A loss in sum form for a sequence replica: model output, targets and the loss mask as tensors, plus the slice
 * itself for losses that need more of it (per-step weights, CTC label lists).
 */
export type SequenceLossSum = (output: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor | undefined, batch: SequenceArrayBatch) => LossSum;

/** Options of {@link sequenceReplica}. */
export interface SequenceReplicaOptions {
  /** A named loss, or (in a replica module of your own) any loss in sum form. */
  loss: SequenceLossName | SequenceLossSum;
  /** Truncated BPTT: each replica carries the state of its own rows from slice to slice. Default false. */
  carryState?: boolean;
}

/** The config of {@link sequenceModelReplica}: the model's config and a named loss. */
export interface SequenceReplicaConfig {
  model: SequenceModelConfig;
  loss: SequenceLossName;
  carryState?: boolean;
}

function lossByName(name: string): SequenceLossSum {
  const loss = (SEQUENCE_LOSSES as Record<string, SequenceLossSum>)[name];
  if (!loss) throw new RnnkitError('BAD_OPTION', `unknown loss "${name}" for a sequence replica; use one of ${Object.keys(SEQUENCE_LOSSES).join(', ')}`);
  return loss;
}

function toTensor(value: ArrayTensor): tf.Tensor {
  return tf.tensor(value.data, value.shape, value.data instanceof Int32Array ? 'int32' : 'float32');
}

/**
 * A {@link Replica} over an existing {@link SequenceModel}: its variables, and the loss of a slice computed the
 * way {@link trainStep} computes it (same forward, same mask rules), in sum form. Use it as the main thread's
 * `local` replica, or inside a replica module of your own with a custom loss.
 */
export function sequenceReplica(model: SequenceModel, options: SequenceReplicaOptions): Replica<SequenceArrayBatch> {
  const loss = typeof options.loss === 'function' ? options.loss : lossByName(options.loss);
  const carryState = options.carryState ?? false;
  return {
    variables: model.weights,
    lossSum(slice: SequenceArrayBatch): LossSum {
      const batch: Batch = {
        input: toTensor(slice.input),
        targets: toTensor(slice.targets),
        mask: slice.mask ? (toTensor(slice.mask) as tf.Tensor2D) : undefined,
      };
      return loss(trainingOutput(model, batch, carryState), batch.targets, lossMask(model, batch), slice);
    },
    resetStates: () => model.resetStates(),
    dispose: () => model.dispose(),
  };
}

/**
 * The replica factory workers call for a plain {@link SequenceModel}: builds the model from its config (its
 * weights are replaced by the main thread's before every slice) with a named loss. Each worker's model gets its
 * own seed, which changes only its dropout masks: the same seed everywhere would give every slice the masks of
 * the first one.
 */
export function sequenceModelReplica(config: SequenceReplicaConfig, worker: ReplicaWorker = { index: 0, count: 1 }): Replica<SequenceArrayBatch> {
  const loss = lossByName(config.loss);
  const model = new SequenceModel({ ...config.model, seed: (config.model.seed ?? 0) + 7919 * (worker.index + 1) });
  return sequenceReplica(model, { loss, carryState: config.carryState });
}

/**
 * The {@link ReplicaSpec} of `model` with a named loss: what `DataParallelTrainer.start` needs for a plain
 * {@link SequenceModel}, together with `sequenceReplica(model, options)` as the local replica.
 */
export function sequenceReplicaSpec(model: SequenceModel, options: { loss: SequenceLossName; carryState?: boolean }): ReplicaSpec {
  lossByName(options.loss);
  const config: SequenceReplicaConfig = { model: model.config as SequenceModelConfig, loss: options.loss, carryState: options.carryState };
  return { module: '@rnnkit/rnn-core', exportName: 'sequenceModelReplica', config };
}
