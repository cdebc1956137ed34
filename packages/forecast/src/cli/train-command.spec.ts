import { learningRateFor, networkConfig, stepsFor } from './train-command';

describe('train defaults per frequency', () => {
  const flags = { cell: 'lstm' as const, units: 8, layers: 1 };

  it('hourly: a weekly base with a daily head, the log scale floored at 0.05, learning rate 0.01 and 5,000 updates; flags override', () => {
    const hourly = networkConfig(flags, 'hourly', 48);
    expect([hourly.baseLag, hourly.extraBaseLags, hourly.context, hourly.lags, hourly.logFloor]).toEqual([168, [24], 96, [24, 168], 0.05]);
    expect(learningRateFor({}, 'hourly')).toBe(0.01);
    expect(learningRateFor({ learningRate: 0.002 }, 'hourly')).toBe(0.002);
    expect([stepsFor({}, 'hourly'), stepsFor({ steps: 10 }, 'hourly')]).toEqual([5000, 10]);
    // A base of 24 asked for: no second head on the same lag.
    expect(networkConfig({ ...flags, baseLag: 24 }, 'hourly', 48).extraBaseLags).toBeUndefined();
    expect(networkConfig({ ...flags, extraBaseLags: '' }, 'hourly', 48).extraBaseLags).toBeUndefined();
    expect(networkConfig({ ...flags, extraBaseLags: '24,1' }, 'hourly', 48).extraBaseLags).toEqual([24, 1]);
    expect(networkConfig({ ...flags, logFloor: 0.01 }, 'hourly', 48).logFloor).toBe(0.01);
    expect(networkConfig({ ...flags, logFloor: 0 }, 'hourly', 48).logFloor).toBeUndefined();
  });

  it('weekly and daily keep their season as the only base, the linear scale, learning rate 0.005 and 2,000 updates', () => {
    const weekly = networkConfig(flags, 'weekly', 13);
    expect([weekly.baseLag, weekly.extraBaseLags, weekly.context, weekly.logFloor]).toEqual([1, undefined, 52, undefined]);
    expect(networkConfig(flags, 'daily', 28).baseLag).toBe(7);
    expect(learningRateFor({}, 'weekly')).toBe(0.005);
    expect(stepsFor({}, 'weekly')).toBe(2000);
  });
});
