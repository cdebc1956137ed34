import type { Frequency } from '../frequency';

/** Everything that defines a forecasting network besides its weights; stored with the model. */
export interface NetworkConfig {
  frequency: Frequency;
  /** Steps forecast at once. */
  horizon: number;
  /** Steps the network reads before forecasting (the context window). */
  context: number;
  /**
   * The last `supervised` steps of a training window carry the loss; the per-window scale is the mean absolute
   * value of the steps before them, so no target leaks into the scale.
   */
  supervised: number;
  /** Lagged values fed beside the current one (e.g. 24 and 168 for hourly data). */
  lags: number[];
  /** Season length for the calendar features (sine and cosine of the phase); 1: none. */
  period: number;
  /**
   * The network forecasts departures from a seasonal naive forecast with this lag (the value one season before
   * each target step that is already known; 1: the last value), so it learns corrections, not the pattern itself.
   * 0: no base, the network forecasts the scaled values themselves.
   */
  baseLag: number;
  /**
   * Further bases: the network gets one more output head per lag here, trained on the departures from the seasonal
   * naive forecast at that lag (e.g. 24 beside a weekly base of 168 for hourly data), so that one network gives
   * forecasts around several bases that a combination can choose from. Absent: one head, `baseLag`'s.
   */
  extraBaseLags?: number[];
  /**
   * Train on the log scale: the targets are log(max(y/s, f)) − log(max(b/s, f)) for a value y, its base b and the
   * window's scale s, with this floor f, and forecasts are max(b, f·s)·exp(output). The pinball loss then counts
   * relative errors, as sMAPE does, so a miss near zero (a night hour) weighs as much as one at the peak; quantiles
   * map through the monotone transform unchanged. Absent: the linear scale (targets (y − b)/s).
   */
  logFloor?: number;
  /** Quantile levels the network outputs, ascending, including 0.5. */
  quantiles: number[];
  cell: 'lstm' | 'gru';
  units: number;
  layers: number;
}

/**
 * Defaults per frequency: a season (and a week for hourly data) of lags, a few seasons of context; for hourly
 * data, a weekly base with a second head on the daily one, the log scale floored at 0.05, Adam's learning rate
 * 0.01 and 5,000 updates (measured on M4 Hourly, see the README). Without `baseLag`, the base is the season;
 * without `logFloor`, the linear scale; without `learningRate`, 0.005; without `steps`, 2,000.
 */
export const FREQUENCY_DEFAULTS: Readonly<Record<Frequency, { lags: number[]; context: number; baseLag?: number; extraBaseLags?: number[]; logFloor?: number; learningRate?: number; steps?: number }>> = {
  hourly: { lags: [24, 168], context: 96, baseLag: 168, extraBaseLags: [24], logFloor: 0.05, learningRate: 0.01, steps: 5000 },
  daily: { lags: [7, 14], context: 56 },
  weekly: { lags: [52], context: 52 },
  monthly: { lags: [12], context: 36 },
  quarterly: { lags: [4], context: 16 },
  yearly: { lags: [], context: 12 },
};

/** The quantiles every network outputs unless told otherwise: the median and the 80 % and 95 % bounds. */
export const DEFAULT_QUANTILES = [0.025, 0.1, 0.5, 0.9, 0.975];

/**
 * The seasonal naive value for step k (0-based) after position p: the latest value at least ⌈(k+1)/lag⌉ seasons
 * back that is known at p, or the value at p when the series is too short; 0 when `lag` is 0 (no base).
 */
export function baseValue(values: ArrayLike<number>, p: number, k: number, lag: number): number {
  if (lag === 0) return 0;
  const index = p + 1 + k - lag * Math.ceil((k + 1) / lag);
  return index >= 0 ? values[index] : values[p];
}

/**
 * The training target of a value y (in the data's units) around its base b (null: no base), for a window of
 * scale s: (y − b)/s on the linear scale; log(max(y/s, f)) − log(max(b/s, f)) with `logFloor` f (see
 * {@link NetworkConfig.logFloor}), or log(max(y/s, f)) without a base.
 */
export function toTarget(y: number, base: number | null, scale: number, logFloor: number | undefined): number {
  if (logFloor === undefined) return (y - (base ?? 0)) / scale;
  return Math.log(Math.max(y / scale, logFloor)) - (base === null ? 0 : Math.log(Math.max(base / scale, logFloor)));
}

/** The forecast that a network output o (a target as {@link toTarget} makes them) stands for: its inverse above the floor. */
export function fromOutput(o: number, base: number | null, scale: number, logFloor: number | undefined): number {
  if (logFloor === undefined) return (base ?? 0) + o * scale;
  return (base === null ? scale : Math.max(base, logFloor * scale)) * Math.exp(o);
}

/** {@link baseValue}, or null when `lag` is 0 (no base), as {@link toTarget} takes it. */
export function baseOrNull(values: ArrayLike<number>, p: number, k: number, lag: number): number | null {
  return lag === 0 ? null : baseValue(values, p, k, lag);
}

/** The base lag of each output head, in output order: `baseLag`'s head first. */
export function headBaseLags(config: Pick<NetworkConfig, 'baseLag' | 'extraBaseLags'>): number[] {
  return [config.baseLag, ...(config.extraBaseLags ?? [])];
}

/** Number of input features per step for a config. */
export function featureSize(config: Pick<NetworkConfig, 'lags' | 'period'>): number {
  return 1 + config.lags.length + (config.period > 1 ? 2 : 0);
}
