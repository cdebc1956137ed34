import type { Series } from '../data/series';
import { backtest, rollingWindows, winner } from './backtest';
import { baselineForecaster, type Forecaster } from './forecaster';

const series: Series[] = [
  { id: 'a', values: Float64Array.from({ length: 30 }, (_, t) => 10 + (t % 4)) },
  { id: 'b', values: Float64Array.from({ length: 26 }, (_, t) => 5 + t) },
];

describe('rolling-origin backtests', () => {
  it('cut each window at its origin: the history ends where the actual values begin', () => {
    const grid = rollingWindows(series, 3, 2, 4);
    expect(grid.map((w) => w.map((x) => x.history.values.length))).toEqual([[24, 20], [27, 23]]);
    expect(Array.from(grid[1][1].actual)).toEqual([28, 29, 30]);
    expect(grid[0][0].history.values.buffer).not.toBe(series[0].values.buffer);
  });

  it('never let a forecaster see its future: changing the values after an origin changes no forecast of it', () => {
    const seen: number[][] = [];
    const spy: Forecaster = {
      name: 'spy',
      forecast: (histories, h) => {
        histories.forEach((s) => seen.push(Array.from(s.values)));
        return histories.map((s) => ({ point: new Float64Array(h).fill(s.values[s.values.length - 1]), intervals: [] }));
      },
    };
    const first = backtest(series, [spy], { horizon: 3, windows: 3, maseLag: 1 });
    const before = seen.splice(0);
    const poisoned = series.map((s) => ({ ...s, values: s.values.map((v, t) => (t >= s.values.length - 3 ? v * 1000 : v)) }));
    backtest(poisoned, [spy], { horizon: 3, windows: 3, maseLag: 1 });
    // The first two windows end before the changed values: their histories are identical.
    expect(seen.slice(0, 4)).toEqual(before.slice(0, 4));
    before.forEach((h, i) => expect(h.length).toBe(series[i % 2].values.length - 3 * (3 - Math.floor(i / 2))));
    expect(first[0].method).toBe('spy');
  });

  it('scores methods, fills OWA from Naive2 and picks the winner', () => {
    const scores = backtest(series, [baselineForecaster('naive2', 4), baselineForecaster('snaive', 4)], { horizon: 4, windows: 2, maseLag: 1 });
    expect(scores[0].owa).toBe(1);
    expect(scores.map((s) => s.method)).toEqual(['naive2', 'snaive']);
    expect(winner(scores).method).toBe(scores[0].owa < scores[1].owa ? 'naive2' : 'snaive');
  });

  it('refuse series too short for the windows asked, naming the series', () => {
    expect(() => rollingWindows(series, 10, 3, 2)).toThrow('series "a" has 30 values: too short for 3 window(s) of horizon 10');
  });
});
