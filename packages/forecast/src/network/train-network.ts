import { createRng, RnnkitError } from '@rnnkit/common';
import { createOptimizer, DataParallelTrainer, defaultThreads, setLearningRate, type tf } from '@rnnkit/rnn-core';
import type { Series } from '../data/series';
import { FREQUENCIES } from '../frequency';
import { buildWindows } from './features';
import { maseWeight, smapeWeight } from './loss-weights';
import { buildSequenceModel, ForecastNetwork } from './forecast-network';
import { type ForecastArrayBatch, forecastReplica, forecastReplicaSpec } from './forecast-replica';
import { baseValue, headBaseLags, type NetworkConfig } from './network-config';

/** Options of {@link trainNetwork}. */
export interface TrainNetworkOptions {
  /** Updates to run in total (counting those of a resumed run). */
  steps: number;
  batchSize: number;
  /**
   * Adam's initial learning rate; it decays exponentially to a tenth by the last step — or, with `maxMinutes`, by
   * the end of the time budget if that comes first.
   */
  learningRate: number;
  seed: number;
  /**
   * Weight each window's loss by (its scale / MASE's seasonal-difference level)^maseWeighting ({@link maseWeight}):
   * 0 (default) counts errors relative to each window's level; 1 counts them in MASE's units.
   */
  maseWeighting?: number;
  /**
   * Weight each target's loss by (2 / (|y| + |b|))^smapeWeighting, y and its base b in the window's scaled units
   * ({@link smapeWeight}): 1 counts errors as sMAPE does; 0 (default) weighs every target alike.
   */
  smapeWeighting?: number;
  /** Gradient clipping by global norm. Default 1. */
  clipNorm?: number;
  /** Stop early after this many minutes of training (the run is still saved as complete up to that step). */
  maxMinutes?: number;
  /** Continue from this network and optimizer, which have done `startStep` updates. */
  resume?: { network: ForecastNetwork; optimizer: tf.Optimizer; startStep: number };
  /** Called after every update. */
  onStep?: (step: number, loss: number) => void;
  /** Called every `checkpointEvery` updates and at the end, to save. */
  onCheckpoint?: (network: ForecastNetwork, optimizer: tf.Optimizer, step: number) => Promise<void> | void;
  checkpointEvery?: number;
  /** The clock (ms); tests pass their own. */
  now?: () => number;
  /**
   * Threads to train on (rnn-core's `DataParallelTrainer`: each takes a slice of every batch). Default
   * `defaultThreads()` (`RNNKIT_THREADS`, else every core); 1 trains on this thread alone.
   */
  threads?: number;
  /** Told why training runs on fewer threads than asked (e.g. a backend that does not load in worker threads). */
  onNotice?: (notice: string) => void;
}

/** What a training run produced. */
export interface TrainNetworkResult {
  network: ForecastNetwork;
  optimizer: tf.Optimizer;
  /** Updates done in total. */
  steps: number;
  /** Mean training loss over the last 50 updates (scaled units). */
  loss: number;
  /** Updates skipped because of NaN or Infinity. */
  skipped: number;
}

/** Refuses (`BAD_INPUT`) series with negative values when the config learns on the log scale. */
export function checkLogScale(series: Series[], config: NetworkConfig): void {
  const negative = config.logFloor === undefined ? undefined : series.find((s) => s.values.some((v) => v < 0));
  if (negative) {
    throw new RnnkitError('BAD_INPUT', `series "${negative.id}" has negative values, which the log scale cannot take (the hourly default); train on the linear scale with --log-floor 0`);
  }
}

/**
 * Trains one network across all `series` on random windows: a uniformly drawn series and a window end such that
 * the next `horizon` values of its last step exist; the loss is the pinball loss of the config's quantiles over
 * the window's last `supervised` steps.
 */
export async function trainNetwork(series: Series[], config: NetworkConfig, options: TrainNetworkOptions): Promise<TrainNetworkResult> {
  const { horizon: H, supervised: S, context: T } = config;
  const usable = series.filter((s) => s.values.length - H >= S + 1);
  if (usable.length === 0) {
    throw new RnnkitError('BAD_INPUT', `no series is long enough to train on: each needs at least ${H + S + 1} values for horizon ${H}; lower --horizon`);
  }
  checkLogScale(usable, config);
  const startStep = options.resume?.startStep ?? 0;
  const network = options.resume?.network ?? new ForecastNetwork(buildSequenceModel(config, options.seed), config);
  const optimizer = options.resume?.optimizer ?? createOptimizer({ name: 'adam', learningRate: options.learningRate });
  // A resumed run draws a fresh, still deterministic, stream of windows.
  const rng = createRng(options.seed * 1_000_003 + startStep);
  const now = options.now ?? Date.now;
  const began = now();
  const recent: number[] = [];
  let skipped = 0;
  let step = startStep;
  const B = options.batchSize;
  const maseLag = FREQUENCIES[config.frequency].maseLag;
  const trainer = await DataParallelTrainer.start<ForecastArrayBatch>({
    threads: options.threads ?? defaultThreads(),
    replica: forecastReplicaSpec(config, options.seed),
    local: forecastReplica(network.model, config),
    optimizer,
    clipNorm: options.clipNorm ?? 1,
  });
  if (trainer.notice) options.onNotice?.(trainer.notice);
  try {
    while (step < options.steps) {
      if (options.maxMinutes !== undefined && now() - began > options.maxMinutes * 60_000) break;
      const elapsed = options.maxMinutes === undefined ? 0 : (now() - began) / (options.maxMinutes * 60_000);
      setLearningRate(optimizer, options.learningRate * 0.1 ** Math.min(1, Math.max(step / options.steps, elapsed)));
      const picked = Array.from({ length: B }, () => usable[rng.int(usable.length)]);
      const ends = picked.map((s) => S + 1 + rng.int(s.values.length - H - S));
      const batch = buildWindows(picked, ends, config, true);
      // The loss reads the last S steps of each window (where the window has data).
      const stepWeights = new Float32Array(B * S);
      for (let b = 0; b < B; b++) {
        const weight = maseWeight(picked[b].values, ends[b] - S, maseLag, batch.scales[b], options.maseWeighting ?? 0);
        for (let i = 0; i < S; i++) stepWeights[b * S + i] = weight * batch.mask[b * T + T - S + i];
      }
      const targetWeights = options.smapeWeighting ? smapeWeights(picked, ends, config, batch.scales, options.smapeWeighting) : undefined;
      const result = await trainer.step({
        input: { data: batch.input, shape: [B, T, batch.input.length / (B * T)] },
        targets: { data: batch.targets!, shape: [B, T, batch.targets!.length / (B * T)] },
        mask: { data: batch.mask, shape: [B, T] },
        stepWeights: { data: stepWeights, shape: [B, S] },
        targetWeights: targetWeights && { data: targetWeights, shape: [B, S, targetWeights.length / (B * S)] },
      });
      step++;
      if (result.skipped) skipped++;
      else {
        recent.push(result.loss);
        if (recent.length > 50) recent.shift();
      }
      options.onStep?.(step, result.loss);
      if (options.onCheckpoint && options.checkpointEvery && step % options.checkpointEvery === 0 && step < options.steps) {
        await options.onCheckpoint(network, optimizer, step);
      }
    }
  } finally {
    await trainer.close();
  }
  if (options.onCheckpoint) await options.onCheckpoint(network, optimizer, step);
  const loss = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : NaN;
  return { network, optimizer, steps: step, loss, skipped };
}

/** {@link smapeWeight} of every target of the last S steps of each window, laid out as the targets: [B, S, M·H]. */
function smapeWeights(picked: Series[], ends: number[], config: NetworkConfig, scales: Float64Array, power: number): Float32Array {
  const { horizon: H, supervised: S } = config;
  const bases = headBaseLags(config);
  const M = bases.length;
  const weights = new Float32Array(picked.length * S * M * H);
  picked.forEach(({ values }, b) => {
    for (let i = 0; i < S; i++) {
      const p = ends[b] - S + i;
      if (p < 0) continue; // padding: its step weight is 0
      bases.forEach((lag, m) => {
        for (let k = 0; k < H; k++) weights[((b * S + i) * M + m) * H + k] = smapeWeight(values[p + 1 + k], baseValue(values, p, k, lag), scales[b], power);
      });
    }
  });
  return weights;
}
