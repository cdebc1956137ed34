import { createRng } from '@rnnkit/common';
import { tf } from '@rnnkit/rnn-core';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import type { Series } from '../data/series';
import { type NetworkConfig, DEFAULT_QUANTILES, baseValue, fromOutput, toTarget } from './network-config';
import { ForecastNetwork, buildSequenceModel, intervalLevels } from './forecast-network';
import { buildWindows, windowScale } from './features';
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

  it('with extra base lags, has one head per base: each forecasts around its own base, laid out head after head', () => {
    const series = synthetic(1, 50, 4);
    const heads: NetworkConfig = { ...config, baseLag: 12, extraBaseLags: [1] };
    const network = new ForecastNetwork(buildSequenceModel(heads, 0), heads);
    const Q = heads.quantiles.length;
    // Zero outputs, except the bias of the second head's outputs: 0.5 (scaled units).
    for (const { name, variable } of network.model.namedWeights) {
      if (!name.startsWith('output/')) continue;
      const zeros = tf.zerosLike(variable);
      variable.assign(variable.shape.length === 1 ? tf.concat([tf.zeros([12 * Q]), tf.fill([12 * Q], 0.5)]) : zeros);
    }
    const v = series[0].values;
    const scale = windowScale(v, 50 - 24, 50 - 12);
    const [weekly] = network.forecast(series);
    const [last] = network.forecast(series, 12, 1);
    for (let k = 0; k < 12; k++) {
      expect(weekly.point[k]).toBeCloseTo(v[38 + k], 9);
      expect(last.point[k]).toBeCloseTo(v[49] + 0.5 * scale, 9);
    }
    expect(() => network.forecast(series, 12, 24)).toThrow('this model has heads for base lags 12, 1; asked for 24');
    network.dispose();

    // Training targets: for each head, the departures from its own base, scaled.
    const batch = buildWindows(series, [30], heads, true);
    const T = heads.context;
    for (const i of [0, 11, 23]) {
      const p = 30 - T + i;
      [12, 1].forEach((lag, m) => {
        for (const k of [0, 5, 11]) expect(batch.targets![(i * 2 + m) * 12 + k]).toBeCloseTo((v[p + 1 + k] - baseValue(v, p, k, lag)) / batch.scales[0], 5);
      });
    }
  });

  it('on the log scale, recovers a noisy seasonal pattern to its noise level too', async () => {
    const data = synthetic(24, 160, 3);
    const histories = data.map((s) => ({ ...s, values: s.values.slice(0, -12) }));
    const logConfig: NetworkConfig = { ...config, logFloor: 0.05 };
    const { network } = await trainNetwork(histories, logConfig, { steps: 300, batchSize: 32, learningRate: 0.02, seed: 1 });
    const forecasts = await expectNoLeak(() => network.forecast(histories));
    let relativeRmse = 0;
    data.forEach((s, i) => {
      const actual = s.values.slice(-12);
      relativeRmse += Math.sqrt(actual.reduce((sum, y, k) => sum + (y - forecasts[i].point[k]) ** 2, 0) / 12) / (NOISE * s.level) / data.length;
    });
    // As above: 1 is the best possible.
    expect(relativeRmse).toBeLessThan(1.3);
    network.dispose();
  });

  it('log scale: targets are log ratios to the base above the floor, and forecasts invert them (base × e^output)', () => {
    const series = synthetic(1, 50, 4);
    // Night hours: values near zero, below the floor of 0.05 × the window's level.
    series[0].values[30] = 0;
    series[0].values[33] = 0.01;
    const logConfig: NetworkConfig = { ...config, baseLag: 12, logFloor: 0.05 };
    const v = series[0].values;
    const batch = buildWindows(series, [30], logConfig, true);
    const s = batch.scales[0];
    const p = 29; // the last step of the window: its targets are values 30–41
    const i = logConfig.context - 1;
    for (let k = 0; k < 12; k++) {
      const base = v[p + 1 + k - 12];
      // Above the floor the scale cancels: log(y / b). Below it, the value counts as the floor.
      const expected = Math.log(Math.max(v[p + 1 + k], 0.05 * s)) - Math.log(Math.max(base, 0.05 * s));
      expect(batch.targets![i * 12 + k]).toBeCloseTo(expected, 5);
      if (v[p + 1 + k] > 0.05 * s && base > 0.05 * s) expect(batch.targets![i * 12 + k]).toBeCloseTo(Math.log(v[p + 1 + k] / base), 5);
    }
    expect(toTarget(0, 3, 10, 0.05)).toBeCloseTo(Math.log(0.05 / 0.3), 12);
    expect(fromOutput(toTarget(7, 3, 10, 0.05), 3, 10, 0.05)).toBeCloseTo(7, 12);
    expect(fromOutput(toTarget(7, 3, 10, undefined), 3, 10, undefined)).toBeCloseTo(7, 12);
    // No base: the log of the scaled value itself, and the scale times e^output back.
    expect(toTarget(7, null, 10, 0.05)).toBeCloseTo(Math.log(0.7), 12);
    expect(fromOutput(Math.log(0.7), null, 10, 0.05)).toBeCloseTo(7, 12);
    expect(toTarget(7, null, 10, undefined)).toBeCloseTo(0.7, 12);

    // A network whose output is the bias 0.5 everywhere forecasts the base (at least the floor) times e^0.5.
    const network = new ForecastNetwork(buildSequenceModel(logConfig, 0), logConfig);
    for (const { name, variable } of network.model.namedWeights) {
      if (name.startsWith('output/')) variable.assign(variable.shape.length === 1 ? tf.fill(variable.shape, 0.5) : tf.zerosLike(variable));
    }
    const [forecast] = network.forecast([{ ...series[0], values: v.slice(0, 40) }]);
    const scale = windowScale(v, 40 - 24, 40 - 12);
    for (let k = 0; k < 12; k++) expect(forecast.point[k]).toBeCloseTo(Math.max(v[40 - 12 + k], 0.05 * scale) * Math.exp(0.5), 9);
    network.dispose();
  });

  it('interval levels come from symmetric quantile pairs', () => {
    expect(intervalLevels(DEFAULT_QUANTILES)).toEqual([95, 80]);
    expect(intervalLevels([0.1, 0.5, 0.8])).toEqual([]);
  });
});
