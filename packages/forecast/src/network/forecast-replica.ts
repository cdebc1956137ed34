import {
  sequenceReplica,
  SequenceModel,
  tf,
  type ArrayTensor,
  type Replica,
  type ReplicaSpec,
  type SequenceArrayBatch,
} from '@rnnkit/rnn-core';
import { buildSequenceModel } from './forecast-network';
import type { NetworkConfig } from './network-config';
import { pinballLossSum } from './pinball-loss';

/**
 * A training batch of windows as plain data: {@link SequenceArrayBatch} plus the loss's weights [B, S] of the last S
 * steps of each window (the supervised ones; the steps before them carry no loss) and, optionally, a weight per
 * target of those steps [B, S, M·H].
 */
export interface ForecastArrayBatch extends SequenceArrayBatch {
  stepWeights: ArrayTensor;
  targetWeights?: ArrayTensor;
}

/** What a worker needs to build its copy of a forecasting network. */
export interface ForecastReplicaConfig {
  network: NetworkConfig;
  seed: number;
}

/**
 * A data-parallel replica over a forecasting network's model: the pinball loss of a slice of windows in sum form
 * (Σ over weighted steps, normalised by the step weights' total), as {@link trainNetwork} trains it.
 */
export function forecastReplica(model: SequenceModel, network: NetworkConfig): Replica<ForecastArrayBatch> {
  return sequenceReplica(model, {
    loss: (output, targets, _mask, batch) => {
      const { stepWeights, targetWeights } = batch as ForecastArrayBatch;
      const { data, shape } = stepWeights;
      const [B, S] = shape as [number, number];
      const T = output.shape[1]!;
      let count = 0;
      for (let i = 0; i < data.length; i++) count += data[i];
      // The loss reads the last S steps alone. Tensors made here live in the trainer's gradient scope, which frees
      // them after the backward pass.
      const tail = (x: tf.Tensor) => tf.slice(x, [0, T - S, 0], [B, S, x.shape[2]!]);
      const perTarget = targetWeights && tf.tensor3d(targetWeights.data, targetWeights.shape as [number, number, number]);
      return { sum: pinballLossSum(tail(output), tail(targets), network.quantiles, tf.tensor2d(data, [B, S]), perTarget), count };
    },
  }) as Replica<ForecastArrayBatch>;
}

/** The replica factory workers call: a fresh network of the config (the main thread's weights replace its own). */
export function forecastReplicaFromConfig(config: ForecastReplicaConfig): Replica<ForecastArrayBatch> {
  return forecastReplica(buildSequenceModel(config.network, config.seed), config.network);
}

/** How workers build their replicas of a network of `network`, for `DataParallelTrainer.start`. */
export function forecastReplicaSpec(network: NetworkConfig, seed: number): ReplicaSpec {
  // This file compiled (dist) or, when running from sources, the .ts file that rnn-core's source worker transpiles.
  return { module: require.resolve('./forecast-replica'), exportName: 'forecastReplicaFromConfig', config: { network, seed } satisfies ForecastReplicaConfig };
}
