import { createRng } from '@rnnkit/common';
import { tf } from '@rnnkit/rnn-core';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import type { Series } from '../data/series';
import { type NetworkConfig, DEFAULT_QUANTILES, baseValue } from './network-config';
import { ForecastNetwork, buildSequenceModel, intervalLevels } from './forecast-network';
import { trainNetwork } from './train-network';

// Seasonal series of different levels with Gaussian noise of known size: a network that has learnt the pattern
// should forecast with errors at the noise level, not above it.
const NOISE = 0.05;
function synthetic(count: number, length: number, seed: number): Array<Series & { level: number }> {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, s) => {
    const level = 10 + 90 * rng.next();
    const phase = 2 * Math.PI * rng.next();
    const values = Float64Array.from({ length }, (_, t) => level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12 + phase) + NOISE * rng.normal()));
    return { id: `s${s}`, values, level };
  });
}

const config: NetworkConfig = {
  frequency: 'monthly',
  horizon: 12,
  context: 24,
  supervised: 12,
  lags: [12],
  period: 12,
  baseLag: 0,
  quantiles: DEFAULT_QUANTILES,
  cell: 'gru',
  units: 16,
  layers: 1,
};

describe('ForecastNetwork (wasm backend)', () => {
  useBackend('wasm');

  it('recovers a noisy seasonal pattern to its noise level, with calibrated 80 % intervals, leaking no tensor', async () => {
    const data = synthetic(24, 160, 3);
    const histories = data.map((s) => ({ ...s, values: s.values.slice(0, -12) }));
    const { network } = await trainNetwork(histories, config, { steps: 300, batchSize: 32, learningRate: 0.02, seed: 1 });
    const forecasts = await expectNoLeak(() => network.forecast(histories));
    let relativeRmse = 0;
    let inside80 = 0;
    data.forEach((s, i) => {
      const actual = s.values.slice(-12);
      const squared = actual.reduce((sum, y, k) => sum + (y - forecasts[i].point[k]) ** 2, 0) / 12;
      relativeRmse += Math.sqrt(squared) / (NOISE * s.level) / data.length;
      const i80 = forecasts[i].intervals.find((x) => x.level === 80)!;
      actual.forEach((y, k) => (inside80 += y >= i80.lower[k] && y <= i80.upper[k] ? 1 / (12 * data.length) : 0));
    });
    // The best possible forecast has RMSE equal to the noise (ratio 1); allow 30 % for a small, short training run.
    expect(relativeRmse).toBeLessThan(1.3);
    // 288 outcomes: a calibrated 80 % interval covers 0.8 ± 0.07 (three standard errors is ±0.07); allow ±0.15.
    expect(inside80).toBeGreaterThan(0.65);
    expect(inside80).toBeLessThan(0.95);
    network.dispose();
  });

  it('adds the scaled output to the seasonal naive base: an untrained network with a zero head forecasts the base', () => {
    const series = synthetic(2, 50, 9);
    const network = new ForecastNetwork(buildSequenceModel({ ...config, baseLag: 12 }, 0), { ...config, baseLag: 12 });
    for (const { name, variable } of network.model.namedWeights) if (name.startsWith('output/')) variable.assign(tf.zerosLike(variable));
    const [forecast] = network.forecast([series[0]]);
    const v = series[0].values;
    for (let k = 0; k < 12; k++) {
      expect(forecast.point[k]).toBeCloseTo(v[50 - 12 + k], 9);
      expect(forecast.intervals[0].lower[k]).toBeCloseTo(v[50 - 12 + k], 9);
    }
    expect(baseValue(v, 49, 13, 12)).toBe(v[49 + 1 + 13 - 24]);
    expect(baseValue(v, 49, 3, 0)).toBe(0);
    network.dispose();
  });

  it('interval levels come from symmetric quantile pairs', () => {
    expect(intervalLevels(DEFAULT_QUANTILES)).toEqual([95, 80]);
    expect(intervalLevels([0.1, 0.5, 0.8])).toEqual([]);
  });
});
