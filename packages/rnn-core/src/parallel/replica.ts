import type { tf } from '../tfjs';
import type { LossSum } from '../losses';

/** A tensor as plain data: a typed array in row-major order and its shape. Axis 0 is the batch's rows. */
export interface ArrayTensor {
  data: Float32Array | Int32Array;
  shape: number[];
}

/**
 * One batch as plain data, so that it can be cut by rows and sent to workers: named tensors ({@link ArrayTensor},
 * cut along axis 0) and per-row lists (arrays with one entry per row, e.g. CTC label sequences, cut by index).
 * Every field must have the same number of rows; `undefined` fields are left out.
 */
export type ArrayBatch = Record<string, ArrayTensor | ReadonlyArray<unknown> | undefined>;

/**
 * A copy of a model that computes the loss of a slice of a batch. Each worker builds one from a
 * {@link ReplicaSpec}; the main thread passes its own (over the real model's variables) as `local`.
 */
export interface Replica<B extends ArrayBatch = ArrayBatch> {
  /** The trainable variables, in the same order and shapes on every thread (optimizer slots go by position). */
  variables: tf.Variable[];
  /**
   * The loss of the slice, summed, and its normaliser (see {@link LossSum}): the batch's loss is Σ sum / Σ count,
   * so the combined gradients are exactly those of the one-thread mean. Called inside `tf.variableGrads`.
   */
  lossSum(batch: B): LossSum;
  /** Forgets carried state (truncated BPTT) before the next slice. */
  resetStates?(): void;
  /** Frees the replica's tensors (workers call it when they close). */
  dispose?(): void;
}

/** Which worker a replica is built in: 0 … count − 1 (the main thread's own replica is not built by a factory). */
export interface ReplicaWorker {
  index: number;
  count: number;
}

/**
 * What a replica module exports: builds a {@link Replica} from a structured-cloneable config. `worker` lets a
 * replica draw its own random streams (e.g. dropout masks) rather than repeat the main thread's.
 */
export type ReplicaFactory = (config: unknown, worker: ReplicaWorker) => Replica | Promise<Replica>;

/**
 * How a worker builds its replica: `require(module)[exportName](config, worker)`. `module` is an absolute path of a
 * CommonJS file or a package specifier resolvable from rnn-core; `exportName` defaults to `default`; `config` must
 * survive structured cloning.
 */
export interface ReplicaSpec {
  module: string;
  exportName?: string;
  config: unknown;
}
