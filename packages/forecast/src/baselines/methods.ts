import { RnnkitError } from '@rnnkit/common';
import type { Forecast, Interval } from '../forecast-types';
import { type EtsSpec, etsForecast, etsVarianceMultipliers, fitEts } from './exponential-smoothing';
import { normalQuantile } from './normal-quantile';
import { isSeasonal, multiplicativeSeasonalIndices } from './seasonality';
import { fitTheta, thetaForecast } from './theta';

/** The baseline methods, by the names the CLI accepts. */
export const BASELINE_METHODS = ['naive', 'snaive', 'naive2', 'drift', 'ses', 'holt', 'damped', 'hw', 'theta'] as const;

/** One of {@link BASELINE_METHODS}. */
export type BaselineMethod = (typeof BASELINE_METHODS)[number];

/** Options of {@link baselineForecast}. */
export interface BaselineOptions {
  /** Season length (1: none). */
  period: number;
  /** Prediction-interval levels in percent. Default [80, 95]. */
  levels?: number[];
}

/** A point forecast and the per-step standard deviation of its error, before intervals are drawn. */
interface Core {
  point: Float64Array;
  sd: Float64Array;
}

function meanSquare(errors: number[]): number {
  return errors.length ? errors.reduce((s, e) => s + e * e, 0) / errors.length : 0;
}

function naiveCore(y: Float64Array, h: number): Core {
  const errors = Array.from({ length: y.length - 1 }, (_, t) => y[t + 1] - y[t]);
  const sigma = Math.sqrt(meanSquare(errors));
  return { point: new Float64Array(h).fill(y[y.length - 1]), sd: Float64Array.from({ length: h }, (_, i) => sigma * Math.sqrt(i + 1)) };
}

function seasonalNaiveCore(y: Float64Array, h: number, m: number): Core {
  if (y.length < m) return naiveCore(y, h);
  const n = y.length;
  const errors = Array.from({ length: n - m }, (_, t) => y[t + m] - y[t]);
  const sigma = Math.sqrt(meanSquare(errors));
  return {
    point: Float64Array.from({ length: h }, (_, i) => y[n - m + (i % m)]),
    sd: Float64Array.from({ length: h }, (_, i) => sigma * Math.sqrt(Math.floor(i / m) + 1)),
  };
}

function driftCore(y: Float64Array, h: number): Core {
  const n = y.length;
  const slope = n > 1 ? (y[n - 1] - y[0]) / (n - 1) : 0;
  const errors = Array.from({ length: n - 1 }, (_, t) => y[t + 1] - y[t] - slope);
  const sigma = Math.sqrt(meanSquare(errors));
  return {
    point: Float64Array.from({ length: h }, (_, i) => y[n - 1] + (i + 1) * slope),
    sd: Float64Array.from({ length: h }, (_, i) => sigma * Math.sqrt((i + 1) * (1 + (i + 1) / Math.max(1, n - 1)))),
  };
}

function etsCore(y: Float64Array, h: number, spec: EtsSpec): Core {
  const fit = fitEts(y, spec);
  const v = etsVarianceMultipliers(spec, fit.params, h);
  return { point: etsForecast(fit, h), sd: v.map((x) => Math.sqrt(fit.sigma2 * x)) };
}

function thetaCore(y: Float64Array, h: number): Core {
  const fit = fitTheta(y);
  const v = etsVarianceMultipliers({ trend: false, damped: false, seasonal: 'none', period: 1 }, { alpha: fit.alpha, beta: 0, gamma: 0, phi: 1 }, h);
  return { point: thetaForecast(fit, h), sd: v.map((x) => Math.sqrt(fit.sigma2 * x)) };
}

const NON_SEASONAL: EtsSpec = { trend: false, damped: false, seasonal: 'none', period: 1 };

/** The core of a method on a seasonally adjusted series (M4's benchmarks adjust every non-seasonal method). */
function adjustedCore(method: BaselineMethod, y: Float64Array, h: number): Core {
  switch (method) {
    case 'naive2':
      return naiveCore(y, h);
    case 'ses':
      return etsCore(y, h, NON_SEASONAL);
    case 'holt':
      return etsCore(y, h, { ...NON_SEASONAL, trend: true });
    case 'damped':
      return etsCore(y, h, { ...NON_SEASONAL, trend: true, damped: true });
    default:
      return thetaCore(y, h);
  }
}

function withIntervals(point: Float64Array, sd: Float64Array, levels: number[]): Forecast {
  const intervals: Interval[] = levels.map((level) => {
    const z = normalQuantile(0.5 + level / 200);
    return { level, lower: point.map((p, i) => p - z * sd[i]), upper: point.map((p, i) => p + z * sd[i]) };
  });
  return { point, intervals };
}

/**
 * Forecasts `h` steps after the end of `y` with one baseline, with normal prediction intervals from the in-sample
 * one-step error and each method's variance growth over the horizon.
 *
 * As in the M4 competition's benchmarks, `naive2`, `ses`, `holt`, `damped` and `theta` work on the series divided
 * by multiplicative seasonal indices when M4's 90 % autocorrelation test finds a season of `period`, and
 * multiply their forecasts (and interval bounds) back. `snaive` repeats the last season; `hw` is Holt–Winters
 * with an additive trend and a multiplicative season (additive when a value is ≤ 0), or Holt when the series is
 * shorter than two seasons or the period is 1; its intervals use the additive model's variance growth with the
 * in-sample error variance (an approximation for the multiplicative season).
 */
export function baselineForecast(method: BaselineMethod, y: Float64Array, h: number, options: BaselineOptions): Forecast {
  if (!BASELINE_METHODS.includes(method)) throw new RnnkitError('BAD_OPTION', `unknown method "${method}": use one of ${BASELINE_METHODS.join(', ')}`);
  if (!(Number.isInteger(h) && h > 0)) throw new RnnkitError('BAD_OPTION', `the horizon must be a positive integer, got ${h}`);
  if (y.length < 2) throw new RnnkitError('BAD_INPUT', `a baseline needs at least 2 values, got ${y.length}`);
  const m = options.period;
  const levels = options.levels ?? [80, 95];
  let core: Core;
  if (method === 'naive') core = naiveCore(y, h);
  else if (method === 'snaive') core = seasonalNaiveCore(y, h, m);
  else if (method === 'drift') core = driftCore(y, h);
  else if (method === 'hw') {
    const seasonal = m > 1 && y.length >= 2 * m ? (y.every((v) => v > 0) ? 'multiplicative' : 'additive') : 'none';
    core = etsCore(y, h, { trend: true, damped: false, seasonal, period: m });
  } else {
    const seasonal = m > 1 && y.every((v) => v > 0) && isSeasonal(y, m);
    if (!seasonal) core = adjustedCore(method, y, h);
    else {
      const indices = multiplicativeSeasonalIndices(y, m);
      const n = y.length;
      const adjusted = adjustedCore(method, y.map((v, t) => v / indices[t % m]), h);
      const factor = (i: number) => indices[(n + i) % m];
      core = { point: adjusted.point.map((p, i) => p * factor(i)), sd: adjusted.sd.map((s, i) => s * factor(i)) };
    }
  }
  return withIntervals(core.point, core.sd, levels);
}
