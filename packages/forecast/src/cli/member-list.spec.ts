import { baselineForecast } from '../baselines/methods';
import type { Forecaster } from '../backtest/forecaster';
import { parseMembers } from './member-list';

const history = [{ id: 'a', values: Float64Array.from({ length: 30 }, (_, t) => (t % 7) + (t % 3)) }];
const network: Forecaster = { name: 'model', forecast: (hs, h) => hs.map(() => ({ point: new Float64Array(h).fill(1), intervals: [] })) };

describe('parseMembers', () => {
  it('reads baselines with their own season, networks, and equal-weight means', () => {
    const members = parseMembers('snaive@3,network,snaive+network', '--x', [network], 7);
    expect(members.map((m) => m.name)).toEqual(['snaive@3', 'model', 'snaive+network']);
    const [own, , mean] = members.map((m) => m.forecast(history, 4)[0].point);
    expect(Array.from(own)).toEqual(Array.from(baselineForecast('snaive', history[0].values, 4, { period: 3 }).point));
    const weekly = baselineForecast('snaive', history[0].values, 4, { period: 7 }).point;
    expect(Array.from(mean)).toEqual(Array.from(weekly, (v) => (v + 1) / 2));
  });

  it('refuses unknown members, bad seasons, and "network" without a network, naming the flag', () => {
    expect(() => parseMembers('snaive,arima', '--select-from', [], 7)).toThrow('--select-from: unknown member "arima"');
    expect(() => parseMembers('snaive@0', '--select-from', [], 7)).toThrow('unknown member "snaive@0"');
    expect(() => parseMembers('network,snaive', '--select-from', [], 7)).toThrow('"network" needs a network method or --model');
    expect(() => parseMembers(' , ', '--select-from', [], 7)).toThrow('--select-from lists no member');
  });
});
