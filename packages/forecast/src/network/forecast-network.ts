import { RnnkitError } from '@rnnkit/common';
import { SequenceModel, tf } from '@rnnkit/rnn-core';
import type { Series } from '../data/series';
import type { Forecast, Interval } from '../forecast-types';
import { buildWindows } from './features';
import { baseOrNull, featureSize, fromOutput, headBaseLags, type NetworkConfig } from './network-config';

/** Builds the recurrent model of a config: stacked LSTM/GRU over the features, a linear head of H·Q outputs per step. */
export function buildSequenceModel(config: NetworkConfig, seed: number): SequenceModel {
  return new SequenceModel({
    input: { type: 'features', size: featureSize(config) },
    layers: Array.from({ length: config.layers }, () => ({ cell: config.cell, units: config.units })),
    output: { units: headBaseLags(config).length * config.horizon * config.quantiles.length },
    outputMode: 'sequence',
    seed,
  });
}

/** The interval levels (percent) that pairs of symmetric quantiles give, e.g. 0.1 and 0.9 → 80. */
export function intervalLevels(quantiles: number[]): number[] {
  return quantiles.filter((q) => q < 0.5 && quantiles.some((r) => Math.abs(r - (1 - q)) < 1e-9)).map((q) => Math.round((1 - 2 * q) * 1000) / 10);
}

/**
 * A trained global forecaster: one recurrent network for every series. It reads the last `context` values of a
 * series (scaled by their mean absolute value), and its output at the last step holds, for each of the next
 * `horizon` steps, the quantiles of the config (a direct multi-horizon quantile forecaster, as MQ-RNN) of the
 * departure from the seasonal naive forecast (scaled, on the linear or the log scale: {@link toTarget}).
 */
export class ForecastNetwork {
  constructor(
    readonly model: SequenceModel,
    readonly config: NetworkConfig,
  ) {}

  /**
   * Quantile forecasts [series][quantile][step] in the data's units, sorted across quantiles at each step (so
   * they never cross). Forecasts `h` ≤ horizon steps, from the head of base lag `baseLag` (default the config's).
   */
  quantileForecasts(histories: Series[], h = this.config.horizon, baseLag = this.config.baseLag): Float64Array[][] {
    const { context: T, horizon: H, quantiles } = this.config;
    if (!(Number.isInteger(h) && h >= 1 && h <= H)) {
      throw new RnnkitError('BAD_OPTION', `this model forecasts up to ${H} steps; asked for ${h}`);
    }
    const heads = headBaseLags(this.config);
    const head = heads.indexOf(baseLag);
    if (head < 0) throw new RnnkitError('BAD_OPTION', `this model has heads for base lags ${heads.join(', ')}; asked for ${baseLag}`);
    const Q = quantiles.length;
    const results: Float64Array[][] = [];
    const batchSize = 256;
    for (let from = 0; from < histories.length; from += batchSize) {
      const part = histories.slice(from, from + batchSize);
      const batch = buildWindows(part, part.map((s) => s.values.length), this.config, false);
      const B = part.length;
      const last = tf.tidy(() => {
        const input = tf.tensor3d(batch.input, [B, T, batch.input.length / (B * T)]);
        const out = this.model.predict(input, tf.tensor2d(batch.mask, [B, T]));
        return tf.slice(out, [0, T - 1, head * H * Q], [B, 1, H * Q]);
      });
      const values = last.dataSync();
      last.dispose();
      for (let b = 0; b < B; b++) {
        const history = part[b].values;
        const base = (k: number) => baseOrNull(history, history.length - 1, k, baseLag);
        const perQuantile = quantiles.map(() => new Float64Array(h));
        for (let k = 0; k < h; k++) {
          const column = Array.from({ length: Q }, (_, j) => fromOutput(values[b * H * Q + k * Q + j], base(k), batch.scales[b], this.config.logFloor)).sort((x, y) => x - y);
          column.forEach((v, j) => (perQuantile[j][k] = v));
        }
        results.push(perQuantile);
      }
    }
    return results;
  }

  /**
   * Forecasts with the median as the point forecast and the intervals its symmetric quantile pairs give, from the
   * head of base lag `baseLag` (default the config's).
   */
  forecast(histories: Series[], h = this.config.horizon, baseLag = this.config.baseLag): Forecast[] {
    const { quantiles } = this.config;
    const median = quantiles.findIndex((q) => Math.abs(q - 0.5) < 1e-9);
    return this.quantileForecasts(histories, h, baseLag).map((qs) => {
      const intervals: Interval[] = intervalLevels(quantiles).map((level) => {
        const lo = quantiles.findIndex((q) => Math.abs(q - (0.5 - level / 200)) < 1e-9);
        const hi = quantiles.findIndex((q) => Math.abs(q - (0.5 + level / 200)) < 1e-9);
        return { level, lower: qs[lo], upper: qs[hi] };
      });
      return { point: qs[median], intervals };
    });
  }

  /** Frees the network's weights. */
  dispose(): void {
    this.model.dispose();
  }
}
