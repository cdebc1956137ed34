import { baselineForecast } from '../baselines/methods';
import type { Forecaster } from '../backtest/forecaster';
import { DEFAULT_QUANTILES, type NetworkConfig } from '../network/network-config';
import { networkMember, parseMembers } from './member-list';

const DAILY: NetworkConfig = { frequency: 'daily', horizon: 2, context: 8, supervised: 2, lags: [7], period: 7, baseLag: 7, quantiles: DEFAULT_QUANTILES, cell: 'lstm', units: 2, layers: 1 };

const history = [{ id: 'a', values: Float64Array.from({ length: 30 }, (_, t) => (t % 7) + (t % 3)) }];
const network: Forecaster = { name: 'model', forecast: (hs, h) => hs.map(() => ({ point: new Float64Array(h).fill(1), intervals: [] })) };

describe('parseMembers', () => {
  it('reads baselines with their own season, networks, and equal-weight means', () => {
    const members = parseMembers('snaive@3,network,snaive+network', '--x', [() => network], 7);
    expect(members.map((m) => m.name)).toEqual(['snaive@3', 'network', 'snaive+network']);
    const [own, , mean] = members.map((m) => m.forecast(history, 4)[0].point);
    expect(Array.from(own)).toEqual(Array.from(baselineForecast('snaive', history[0].values, 4, { period: 3 }).point));
    const weekly = baselineForecast('snaive', history[0].values, 4, { period: 7 }).point;
    expect(Array.from(mean)).toEqual(Array.from(weekly, (v) => (v + 1) / 2));
  });

  it('reads network@L as the head of base lag L, and refuses a head the network does not have', () => {
    const config = { ...DAILY, baseLag: 7, extraBaseLags: [1] };
    const asked: number[] = [];
    const member = networkMember('net', config, (hs, h, baseLag) => {
      asked.push(baseLag);
      return hs.map(() => ({ point: new Float64Array(h), intervals: [] }));
    });
    const members = parseMembers('network,network@1', '--select-from', [member], 7);
    members.forEach((m) => m.forecast(history, 2));
    expect(members.map((m) => m.name)).toEqual(['network', 'network@1']);
    expect(asked).toEqual([7, 1]);
    expect(() => parseMembers('network@24', '--select-from', [member], 7)).toThrow('--select-from: the network has heads for base lags 7, 1, not 24');
  });

  it('refuses unknown members, bad seasons, and "network" without a network, naming the flag', () => {
    expect(() => parseMembers('snaive,arima', '--select-from', [], 7)).toThrow('--select-from: unknown member "arima"');
    expect(() => parseMembers('snaive@0', '--select-from', [], 7)).toThrow('unknown member "snaive@0"');
    expect(() => parseMembers('network,snaive', '--select-from', [], 7)).toThrow('"network" needs a network method or --model');
    expect(() => parseMembers(' , ', '--select-from', [], 7)).toThrow('--select-from lists no member');
  });
});
