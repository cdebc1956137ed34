import type { Series } from '../data/series';
import { baselineForecaster, type Forecaster } from './forecaster';
import { selectingForecaster } from './select-forecaster';

const seasonal: Series = { id: 'seasonal', values: Float64Array.from({ length: 40 }, (_, t) => 10 + (t % 4)) };
const trend: Series = { id: 'trend', values: Float64Array.from({ length: 40 }, (_, t) => 5 + t) };
const naive = baselineForecaster('naive', 4);
const snaive = baselineForecaster('snaive', 4);

describe('selectingForecaster', () => {
  it('gives each series the forecast of the member that was best on its past horizons', () => {
    // The seasonal series is repeated exactly by snaive; on the straight line naive is off by 2.5 on average, snaive by 4.
    const select = selectingForecaster('select', [naive, snaive], { windows: 3, minHistory: 8 });
    const [a, b] = select.forecast([seasonal, trend], 4);
    expect(a).toEqual(snaive.forecast([seasonal], 4)[0]);
    expect(b).toEqual(naive.forecast([trend], 4)[0]);
    expect(Array.from(a.point)).toEqual([10, 11, 12, 13]);
  });

  it('scores the members on prefixes of each history only, one horizon apart, then forecasts from the whole history', () => {
    const lengths: number[] = [];
    const spy: Forecaster = {
      name: 'spy',
      forecast: (histories, h) => {
        lengths.push(...histories.map((s) => s.values.length));
        histories.forEach((s) => expect(Array.from(s.values)).toEqual(Array.from(trend.values.subarray(0, s.values.length))));
        // Continues the line exactly, so it wins every past horizon.
        return histories.map((s) => ({ point: Float64Array.from({ length: h }, (_, k) => s.values[s.values.length - 1] + k + 1), intervals: [] }));
      },
    };
    const [forecast] = selectingForecaster('select', [snaive, spy], { windows: 3, minHistory: 8 }).forecast([trend], 4);
    expect(lengths).toEqual([36, 32, 28, 40]);
    expect(Array.from(forecast.point)).toEqual([45, 46, 47, 48]);
  });

  it('counts only the past origins that leave minHistory values, and gives the first member when none does', () => {
    const short: Series = { id: 'short', values: trend.values.slice(0, 10) };
    const select = selectingForecaster('select', [snaive, naive], { windows: 5, minHistory: 8 });
    // 10 values: no origin one horizon back leaves 8, so snaive (first) is used although naive fits a line better.
    expect(select.forecast([short], 4)[0]).toEqual(snaive.forecast([short], 4)[0]);
    // 14 values: one past origin (at 10) counts, and naive wins it.
    const longer: Series = { id: 'longer', values: trend.values.slice(0, 14) };
    expect(select.forecast([longer], 4)[0]).toEqual(naive.forecast([longer], 4)[0]);
  });

  it('never chooses a member whose past forecasts were not numbers', () => {
    const broken: Forecaster = { name: 'broken', forecast: (histories, h) => histories.map(() => ({ point: new Float64Array(h).fill(NaN), intervals: [] })) };
    const select = selectingForecaster('select', [broken, snaive], { windows: 2, minHistory: 8 });
    expect(select.forecast([seasonal], 4)[0]).toEqual(snaive.forecast([seasonal], 4)[0]);
  });
});
