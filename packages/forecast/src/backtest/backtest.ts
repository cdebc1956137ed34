import { RnnkitError } from '@rnnkit/common';
import type { Series } from '../data/series';
import { intervalAt } from '../forecast-types';
import { coverage, mase, msis, owa, smape } from '../metrics/m4-metrics';
import type { Forecaster } from './forecaster';

/** One rolling-origin window of one series: what a forecaster may see, and what it must forecast. */
export interface BacktestWindow {
  /** The series cut at the origin (a copy: nothing after the origin is reachable from it). */
  history: Series;
  actual: Float64Array;
  /** Index of the series in the data. */
  seriesIndex: number;
}

/**
 * Rolling-origin windows: for k = 1…windows, the origin lies windows−k+1 horizons before the end of each series,
 * so the last window forecasts the series' last h values (the M4 validation convention for windows = 1).
 * The history is a copy of the values before the origin. Series too short for `minHistory` values before the
 * earliest origin are a BAD_INPUT error naming the first of them.
 */
export function rollingWindows(series: Series[], h: number, windows: number, minHistory: number): BacktestWindow[][] {
  if (!(Number.isInteger(h) && h > 0)) throw new RnnkitError('BAD_OPTION', `the horizon must be a positive integer, got ${h}`);
  if (!(Number.isInteger(windows) && windows > 0)) throw new RnnkitError('BAD_OPTION', `--windows must be a positive integer, got ${windows}`);
  const short = series.find((s) => s.values.length - windows * h < minHistory);
  if (short) {
    throw new RnnkitError(
      'BAD_INPUT',
      `series "${short.id}" has ${short.values.length} values: too short for ${windows} window(s) of horizon ${h} after ${minHistory} values of history; lower --horizon or --windows`,
    );
  }
  return Array.from({ length: windows }, (_, w) =>
    series.map((s, seriesIndex) => {
      const origin = s.values.length - (windows - w) * h;
      return {
        history: { id: s.id, start: s.start, values: s.values.slice(0, origin) },
        actual: s.values.slice(origin, origin + h),
        seriesIndex,
      };
    }),
  );
}

/** Mean scores of one method over every series and window. */
export interface MethodScore {
  method: string;
  smape: number;
  mase: number;
  /** Relative to Naive2; NaN when Naive2 was not run. */
  owa: number;
  /** MSIS of the 95 % interval; NaN without one. */
  msis: number;
  /** Fraction of actual values inside the 95 % interval; NaN without one. */
  coverage95: number;
  /** Fraction inside the 80 % interval; NaN without one. */
  coverage80: number;
}

/** Options of {@link backtest}. */
export interface BacktestOptions {
  horizon: number;
  windows: number;
  /** MASE's seasonal lag (M4: 24 for hourly, 1 for weekly and daily). */
  maseLag: number;
  /** Called after each method and window, for progress. */
  onProgress?: (done: number, total: number, method: string) => void;
}

/**
 * Scores each forecaster on rolling-origin windows (see {@link rollingWindows}) with the M4 metrics, averaged
 * over series and windows. MASE and MSIS are scaled by each window's own history. OWA is filled in when one of
 * the forecasters is named `naive2`.
 */
export function backtest(series: Series[], forecasters: Forecaster[], options: BacktestOptions): MethodScore[] {
  const { horizon: h, windows, maseLag } = options;
  const grid = rollingWindows(series, h, windows, maseLag + 1);
  const total = forecasters.length * windows;
  let done = 0;
  const scores = forecasters.map((f) => {
    const sums = { smape: 0, mase: 0, msis: 0, coverage95: 0, coverage80: 0 };
    let count = 0;
    for (const windowSet of grid) {
      const forecasts = f.forecast(windowSet.map((w) => w.history), h);
      windowSet.forEach((w, i) => {
        const fc = forecasts[i];
        const history = w.history.values;
        sums.smape += smape(w.actual, fc.point);
        sums.mase += mase(w.actual, fc.point, history, maseLag);
        const i95 = intervalAt(fc, 95);
        const i80 = intervalAt(fc, 80);
        sums.msis += i95 ? msis(w.actual, i95.lower, i95.upper, history, maseLag) : NaN;
        sums.coverage95 += i95 ? coverage(w.actual, i95.lower, i95.upper) : NaN;
        sums.coverage80 += i80 ? coverage(w.actual, i80.lower, i80.upper) : NaN;
        count++;
      });
      options.onProgress?.(++done, total, f.name);
    }
    return {
      method: f.name,
      smape: sums.smape / count,
      mase: sums.mase / count,
      owa: NaN,
      msis: sums.msis / count,
      coverage95: sums.coverage95 / count,
      coverage80: sums.coverage80 / count,
    };
  });
  const naive2 = scores.find((s) => s.method === 'naive2');
  if (naive2) for (const s of scores) s.owa = owa(s, naive2);
  return scores;
}

/** The best method: lowest OWA when known, else lowest sMAPE. */
export function winner(scores: MethodScore[]): MethodScore {
  const key = (s: MethodScore) => (Number.isNaN(s.owa) ? s.smape : s.owa);
  return scores.reduce((a, b) => (key(b) < key(a) ? b : a));
}
