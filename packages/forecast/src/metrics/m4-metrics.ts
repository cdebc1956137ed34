import { RnnkitError } from '@rnnkit/common';

function checkLengths(actual: ArrayLike<number>, ...others: ArrayLike<number>[]): void {
  if (actual.length === 0) throw new RnnkitError('BAD_INPUT', 'a metric needs at least one actual value');
  for (const o of others) {
    if (o.length !== actual.length) throw new RnnkitError('BAD_INPUT', `a metric got ${actual.length} actual values but ${o.length} forecasts`);
  }
}

/**
 * Symmetric MAPE in percent as M4 defines it: 200/h · Σ |y − ŷ| / (|y| + |ŷ|); a 0/0 term counts as 0, a NaN
 * value makes the whole score NaN (a broken forecast must not score as perfect).
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkLengths(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
    // `denominator > 0` is false for NaN too; only the 0/0 term is skipped.
    if (denominator !== 0) sum += Math.abs(actual[i] - forecast[i]) / denominator;
  }
  return (200 * sum) / actual.length;
}

/**
 * MASE's denominator: the in-sample mean absolute error of the seasonal naive forecast at `lag`
 * (1/(n−m) · Σ_{t>m} |y_t − y_{t−m}|). Throws when the history is too short or gives 0 (a flat history).
 */
export function maseScale(history: ArrayLike<number>, lag: number): number {
  if (history.length <= lag) {
    throw new RnnkitError('BAD_INPUT', `MASE needs more than ${lag} past values to scale by, got ${history.length}`);
  }
  let sum = 0;
  for (let t = lag; t < history.length; t++) sum += Math.abs(history[t] - history[t - lag]);
  const scale = sum / (history.length - lag);
  if (!(scale > 0)) throw new RnnkitError('BAD_INPUT', `MASE is undefined for a history that repeats itself at lag ${lag} (scale 0)`);
  return scale;
}

/** Mean absolute scaled error as M4 defines it: mean |y − ŷ| over the horizon divided by {@link maseScale}. */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, history: ArrayLike<number>, lag: number): number {
  checkLengths(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - forecast[i]);
  return sum / actual.length / maseScale(history, lag);
}

/**
 * Mean scaled interval score (M4) of a central (1 − alpha) interval: the mean over the horizon of
 * (U − L) + 2/alpha · (L − y)·[y < L] + 2/alpha · (y − U)·[y > U], divided by {@link maseScale}.
 */
export function msis(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  history: ArrayLike<number>,
  lag: number,
  alpha = 0.05,
): number {
  checkLengths(actual, lower, upper);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i];
    sum += upper[i] - lower[i];
    if (y < lower[i]) sum += (2 / alpha) * (lower[i] - y);
    if (y > upper[i]) sum += (2 / alpha) * (y - upper[i]);
  }
  return sum / actual.length / maseScale(history, lag);
}

/** The fraction of actual values inside [lower, upper], bounds included. */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  checkLengths(actual, lower, upper);
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++;
  return inside / actual.length;
}

/**
 * Overall weighted average (M4): the mean of a method's sMAPE and MASE, each relative to Naive2's on the same
 * series (both averaged over all series first).
 */
export function owa(method: { smape: number; mase: number }, naive2: { smape: number; mase: number }): number {
  return 0.5 * (method.smape / naive2.smape + method.mase / naive2.mase);
}
