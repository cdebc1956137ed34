import { learningRateAt, resolveTrainingConfig } from './training-config';

describe('resolveTrainingConfig', () => {
  it('fills in the documented defaults, with a 10-minute budget', () => {
    expect(resolveTrainingConfig()).toEqual({
      batchSize: 16, seqLen: 32, learningRate: 3e-3, finalLearningRate: expect.closeTo(3e-4, 12), clipNorm: 5, validationFraction: 0.1,
      minutes: 10, epochs: null, checkpointSeconds: 60, evalSeconds: 300, patience: 5,
    });
    expect(resolveTrainingConfig({ epochs: 3, learningRate: 0.01 })).toMatchObject({ epochs: 3, minutes: null, finalLearningRate: 0.001 });
  });

  it.each([
    [{ minutes: 1, epochs: 1 }, /not both/],
    [{ minutes: 0 }, /minutes/],
    [{ epochs: 1.5 }, /epochs/],
    [{ batchSize: 0 }, /batchSize/],
    [{ seqLen: -3 }, /seqLen/],
    [{ learningRate: 0 }, /learningRate/],
    [{ learningRate: 1e-3, finalLearningRate: 1e-2 }, /finalLearningRate must be at most/],
    [{ clipNorm: Number.NaN }, /clipNorm/],
    [{ validationFraction: 0.9 }, /validationFraction/],
    [{ checkpointSeconds: -1 }, /checkpointSeconds/],
    [{ evalSeconds: 0 }, /evalSeconds/],
    [{ patience: 0 }, /patience/],
  ])('refuses %j', (config, pattern) => {
    expect(() => resolveTrainingConfig(config)).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringMatching(pattern) }));
  });
});

describe('learningRateAt', () => {
  const config = resolveTrainingConfig({ learningRate: 0.01, finalLearningRate: 0.001 });

  it('runs a half cosine from the initial to the final rate over the budget', () => {
    expect(learningRateAt(config, 0)).toBeCloseTo(0.01, 12);
    expect(learningRateAt(config, 0.5)).toBeCloseTo(0.0055, 12);
    expect(learningRateAt(config, 1)).toBeCloseTo(0.001, 12);
    // 0.001 + 0.0045 · (1 + cos(π/4)) by hand
    expect(learningRateAt(config, 0.25)).toBeCloseTo(0.001 + 0.0045 * (1 + Math.SQRT1_2), 12);
  });

  it('stays at the ends outside [0, 1] and never increases', () => {
    expect(learningRateAt(config, -1)).toBe(learningRateAt(config, 0));
    expect(learningRateAt(config, 3)).toBe(learningRateAt(config, 1));
    const rates = Array.from({ length: 101 }, (_, i) => learningRateAt(config, i / 100));
    rates.slice(1).forEach((r, i) => expect(r).toBeLessThanOrEqual(rates[i]));
  });
});
