import type { Series } from '../data/series';
import type { Forecast } from '../forecast-types';
import { smape } from '../metrics/m4-metrics';
import type { Forecaster } from './forecaster';

/** Options of {@link selectingForecaster}. */
export interface SelectionOptions {
  /** Past horizons each member is scored on: origins 1…windows horizons before the end of each history. */
  windows: number;
  /** A past origin counts for a series only when it leaves at least this many values before it. */
  minHistory: number;
}

/**
 * Per series, the member whose forecasts had the lowest mean sMAPE over the `windows` horizons just before the
 * end of its history (M4 Hourly's series fall into groups that favour different methods, and a series' recent
 * past tells which). Each member forecasts from the history cut at each past origin, so nothing after the end of
 * the history is used. Ties, and a series without any past origin long enough, go to the first member. The
 * chosen member's forecast is returned whole: point and intervals.
 */
export function selectingForecaster(name: string, members: Forecaster[], options: SelectionOptions): Forecaster {
  return {
    name,
    forecast(histories: Series[], h: number): Forecast[] {
      const errors = histories.map(() => new Float64Array(members.length));
      const counted = new Int32Array(histories.length);
      for (let w = 1; w <= options.windows; w++) {
        const usable = histories.flatMap((s, i) => (s.values.length - w * h >= options.minHistory ? [i] : []));
        if (usable.length === 0) break;
        const cut = usable.map((i) => ({ ...histories[i], values: histories[i].values.slice(0, histories[i].values.length - w * h) }));
        members.forEach((member, m) => {
          member.forecast(cut, h).forEach((f, j) => {
            const { values } = histories[usable[j]];
            const origin = values.length - w * h;
            // A member that failed (a value that is not a number) is never chosen.
            errors[usable[j]][m] += f.point.every(Number.isFinite) ? smape(values.subarray(origin, origin + h), f.point) : Infinity;
          });
        });
        usable.forEach((i) => counted[i]++);
      }
      const chosen = errors.map((e, i) => (counted[i] === 0 ? 0 : e.indexOf(Math.min(...e))));
      const forecasts = members.map((member, m) => (chosen.includes(m) ? member.forecast(histories, h) : null));
      return chosen.map((m, i) => forecasts[m]![i]);
    },
  };
}
