import type { Series } from '../data/series';
import type { Forecast } from '../forecast-types';
import { type BaselineMethod, baselineForecast } from '../baselines/methods';

/** Anything that forecasts h steps after the end of each of a list of series (their histories only). */
export interface Forecaster {
  /** The name shown in backtest tables. */
  name: string;
  forecast(histories: Series[], h: number): Forecast[];
}

/** A baseline as a {@link Forecaster}, series by series. */
export function baselineForecaster(method: BaselineMethod, period: number, levels: number[] = [80, 95]): Forecaster {
  return { name: method, forecast: (histories, h) => histories.map((s) => baselineForecast(method, s.values, h, { period, levels })) };
}

/**
 * The equal-weight combination of forecasters: the mean of their point forecasts and of their interval bounds
 * at each level all of them give.
 */
export function ensembleForecaster(name: string, members: Forecaster[]): Forecaster {
  return {
    name,
    forecast(histories, h) {
      const all = members.map((m) => m.forecast(histories, h));
      return histories.map((_, s) => {
        const parts = all.map((f) => f[s]);
        const mean = (pick: (f: Forecast) => Float64Array) => Float64Array.from({ length: h }, (_, i) => parts.reduce((sum, f) => sum + pick(f)[i], 0) / parts.length);
        const levels = parts[0].intervals.map((i) => i.level).filter((l) => parts.every((f) => f.intervals.some((i) => i.level === l)));
        return {
          point: mean((f) => f.point),
          intervals: levels.map((level) => ({
            level,
            lower: mean((f) => f.intervals.find((i) => i.level === level)!.lower),
            upper: mean((f) => f.intervals.find((i) => i.level === level)!.upper),
          })),
        };
      });
    },
  };
}
