import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { DEFAULT_QUANTILES, type NetworkConfig } from './network-config';
import { trainNetwork } from './train-network';

const config: NetworkConfig = {
  frequency: 'daily',
  horizon: 3,
  context: 8,
  supervised: 3,
  lags: [7],
  period: 7,
  baseLag: 7,
  quantiles: DEFAULT_QUANTILES,
  cell: 'lstm',
  units: 4,
  layers: 1,
};
const series = [{ id: 'a', values: Float64Array.from({ length: 40 }, (_, t) => 10 + (t % 7)) }];

describe('trainNetwork (cpu backend)', () => {
  useBackend('cpu');

  it('stops at the time budget, with the learning rate decayed by the share of the budget used', async () => {
    let clock = 0;
    const result = await trainNetwork(series, config, {
      steps: 100,
      batchSize: 2,
      learningRate: 0.01,
      seed: 3,
      maxMinutes: 1,
      now: () => (clock += 10_000), // every call moves the clock 10 s on
    });
    expect(result.steps).toBeGreaterThan(0);
    expect(result.steps).toBeLessThan(10);
    const lr = (result.optimizer as unknown as { learningRate: number }).learningRate;
    expect(lr).toBeLessThan(0.01 * 0.1 ** 0.5);
    expect(lr).toBeGreaterThanOrEqual(0.001 - 1e-12);
    result.network.dispose();
    result.optimizer.dispose();
  });

  it('leaves no tensor behind but the network and optimizer it returns', async () => {
    const result = await expectNoLeak(() => trainNetwork(series, config, { steps: 3, batchSize: 2, learningRate: 0.01, seed: 1 }));
    expect(result.steps).toBe(3);
    result.network.dispose();
    result.optimizer.dispose();
  });

  it('refuses data too short for the horizon', async () => {
    await expect(trainNetwork([{ id: 'x', values: Float64Array.from([1, 2, 3]) }], config, { steps: 1, batchSize: 1, learningRate: 0.01, seed: 0 })).rejects.toThrow('no series is long enough');
  });
});
