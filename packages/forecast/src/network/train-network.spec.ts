import { tf } from '@rnnkit/rnn-core';
import { expectClose, expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { DEFAULT_QUANTILES, type NetworkConfig } from './network-config';
import { trainNetwork, type TrainNetworkOptions, type TrainNetworkResult } from './train-network';

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

/** The loss of one update on `data` (batch 6, seed 5, one thread) with the given loss weighting. */
async function firstStepLoss(data: typeof series, weighting: Pick<TrainNetworkOptions, 'maseWeighting' | 'smapeWeighting'>): Promise<number> {
  let loss = NaN;
  const result = await trainNetwork(data, config, { steps: 1, batchSize: 6, learningRate: 0.01, seed: 5, threads: 1, ...weighting, onStep: (_, l) => (loss = l) });
  result.network.dispose();
  result.optimizer.dispose();
  return loss;
}

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
      threads: 1,
    });
    expect(result.steps).toBeGreaterThan(0);
    expect(result.steps).toBeLessThan(10);
    const lr = (result.optimizer as unknown as { learningRate: number }).learningRate;
    expect(lr).toBeLessThan(0.01 * 0.1 ** 0.5);
    expect(lr).toBeGreaterThanOrEqual(0.001 - 1e-12);
    result.network.dispose();
    result.optimizer.dispose();
  });

  it('leaves no tensor behind but the network and optimizer it returns, on one thread and on two', async () => {
    for (const threads of [1, 2]) {
      const result = await expectNoLeak(() => trainNetwork(series, config, { steps: 3, batchSize: 2, learningRate: 0.01, seed: 1, threads }));
      expect(result.steps).toBe(3);
      result.network.dispose();
      result.optimizer.dispose();
    }
  });

  // Two threads cut every batch of windows in two (3 and 2 rows), sum the slices' pinball sums and gradients and
  // divide by the total step weight; one thread takes the mean at once. Only the order of float32 sums differs,
  // so after a few Adam updates losses and weights agree far inside the bound of 1e-5.
  describe('on two threads', () => {
    const shared = { batchSize: 5, learningRate: 0.01, seed: 4 };
    const run = async (options: Partial<TrainNetworkOptions> & { steps: number; threads: number }) => {
      const losses: number[] = [];
      const result = await trainNetwork(series, config, { ...shared, ...options, onStep: (_, loss) => losses.push(loss) });
      return { result, losses };
    };
    const expectSame = (a: { result: TrainNetworkResult; losses: number[] }, b: { result: TrainNetworkResult; losses: number[] }) => {
      expectClose(a.losses, b.losses, { atol: 1e-5, label: 'losses' });
      b.result.network.model.weights.forEach((w, i) => expectClose(a.result.network.model.weights[i], w, { atol: 1e-5, label: `weight ${i}` }));
      [a, b].forEach(({ result }) => {
        result.network.dispose();
        result.optimizer.dispose();
      });
    };

    it('gives the losses and weights of one thread', async () => {
      expectSame(await run({ steps: 4, threads: 2 }), await run({ steps: 4, threads: 1 }));
    });

    it('gives the losses and weights of one thread with per-target sMAPE weights too', async () => {
      expectSame(await run({ steps: 3, threads: 2, smapeWeighting: 1 }), await run({ steps: 3, threads: 1, smapeWeighting: 1 }));
    });

    it('resumes a one-thread run as one thread would, and a two-thread run on one thread', async () => {
      const continued = async (first: number, second: number) => {
        const part = await run({ steps: 2, threads: first });
        const rest = await run({ steps: 4, threads: second, resume: { network: part.result.network, optimizer: part.result.optimizer, startStep: 2 } });
        return { result: rest.result, losses: [...part.losses, ...rest.losses] };
      };
      expectSame(await continued(1, 2), await continued(1, 1));
      expectSame(await continued(2, 1), await continued(1, 1));
    });

    it('trains on one thread and says why when the backend does not load in worker threads', async () => {
      // A backend the main thread alone knows (the cpu kernels under another name), as a native addon may be.
      tf.registerBackend('forecast-main-only', () => new MathBackendCPU());
      tf.getKernelsForBackend('cpu').forEach((kernel) => tf.registerKernel({ ...kernel, backendName: 'forecast-main-only' }));
      await tf.setBackend('forecast-main-only');
      const notices: string[] = [];
      try {
        const { result } = await run({ steps: 2, threads: 2, onNotice: (notice) => notices.push(notice) });
        result.network.dispose();
        result.optimizer.dispose();
      } finally {
        await tf.setBackend('cpu');
        tf.removeBackend('forecast-main-only');
      }
      expect(notices).toEqual([expect.stringMatching(/^the forecast-main-only backend does not load in a worker thread, so training runs on 1 thread/)]);
    });
  });

  it('weights windows by maseWeight when asked', async () => {
    // The smooth series repeats its week exactly (targets 0 after the base: a small loss) and moves little from
    // step to step (weight ~600); the rough one swings between 1 and 100 every step (weight ~0.5, a large loss).
    const smooth = { id: 's', values: Float64Array.from({ length: 40 }, (_, t) => 100 + (t % 7) * 0.1) };
    const rough = { id: 'r', values: Float64Array.from({ length: 40 }, (_, t) => (t % 2 ? 100 : 1)) };
    const first = (maseWeighting: number) => firstStepLoss([smooth, rough], { maseWeighting });
    const [plain, weighted] = [await first(0), await first(1)];
    expect(Number.isFinite(weighted)).toBe(true);
    // Weighted, the smooth series' windows make up almost all of the mean.
    expect(weighted).toBeLessThan(plain * 0.5);
  });

  it('weights targets by smapeWeight when asked: values near zero count more', async () => {
    // Values near 1 between weekly peaks of 100 (level ~15): most targets sit near zero in scaled units (weight
    // ~15) and miss their base by ±1 (the parity term), so weighting multiplies the loss many times over.
    const low = { id: 'l', values: Float64Array.from({ length: 40 }, (_, t) => (t % 7 === 0 ? 100 : 1) + (t % 2)) };
    const first = (smapeWeighting: number) => firstStepLoss([low], { smapeWeighting });
    const [plain, weighted] = [await first(0), await first(1)];
    expect(Number.isFinite(weighted)).toBe(true);
    expect(weighted).toBeGreaterThan(plain * 2);
  });

  it('refuses data too short for the horizon', async () => {
    await expect(trainNetwork([{ id: 'x', values: Float64Array.from([1, 2, 3]) }], config, { steps: 1, batchSize: 1, learningRate: 0.01, seed: 0 })).rejects.toThrow('no series is long enough');
  });
});
