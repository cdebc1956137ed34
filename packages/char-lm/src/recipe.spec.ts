import { useBackend } from '@rnnkit/test-utils';
import * as tf from '@tensorflow/tfjs-core';
import { createCharModel } from './model';
import {
  chooseRecipe,
  gruCharModelParameters,
  RECIPE_CHARS_PER_PARAMETER,
  RECIPE_BATCH,
  RECIPE_MIN_ROWS_PER_THREAD,
  RECIPE_SPEED,
  RECIPE_THREAD_EFFICIENCY,
  type RecipeInput,
} from './recipe';

/** The rule's throughput estimate, written out again from its documented definition. */
function expectedChars({ minutes, threads }: RecipeInput, params: number): number {
  const perChar = RECIPE_SPEED.baseMicros + (RECIPE_SPEED.microsPerKiloParameter * params) / 1000;
  return ((minutes * 60e6) / perChar) * (1 + RECIPE_THREAD_EFFICIENCY * (threads - 1));
}

describe('gruCharModelParameters', () => {
  useBackend('cpu');

  it.each([
    [86, 2, 128, 32],
    [81, 2, 96, 32],
    [40, 3, 64, 16],
  ])('counts the weights of createCharModel(%i, %i layers × %i, embedding %i)', (vocab, layers, hidden, embedding) => {
    const before = tf.memory().numTensors;
    const model = createCharModel(vocab, { cell: 'gru', layers, hidden, embedding });
    const counted = model.weights.reduce((sum, w) => sum + w.size, 0);
    model.dispose();
    expect(gruCharModelParameters(vocab, layers, hidden, embedding)).toBe(counted);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('chooseRecipe', () => {
  const ONE_MB: RecipeInput = { minutes: 10, trainChars: 900_000, threads: 1, vocabSize: 81 };

  it('picks the largest size whose expected characters reach the per-weight target (brute force over all sizes)', () => {
    for (const input of [ONE_MB, { ...ONE_MB, minutes: 3 }, { ...ONE_MB, minutes: 60, threads: 2 }, { ...ONE_MB, minutes: 30, threads: 4 }]) {
      const recipe = chooseRecipe(input);
      const fits = (h: number) => {
        const p = gruCharModelParameters(81, 2, h, 32);
        return expectedChars(input, p) >= RECIPE_CHARS_PER_PARAMETER * p && p <= input.trainChars;
      };
      const sizes = Array.from({ length: (1024 - 64) / 32 + 1 }, (_, i) => 64 + 32 * i);
      const best = Math.max(...sizes.filter((h, i) => sizes.slice(0, i + 1).every(fits)));
      expect(recipe.model.hidden).toBe(best);
      expect(recipe.parameters).toBe(gruCharModelParameters(81, 2, best, 32));
      expect(recipe.expectedChars).toBeCloseTo(expectedChars(input, recipe.parameters), -1);
    }
  });

  it('grows the model with the time budget and the threads, never shrinking it', () => {
    let previous = 0;
    for (const minutes of [0.5, 1, 3, 10, 30, 60, 240]) {
      const { hidden } = chooseRecipe({ ...ONE_MB, minutes, trainChars: 1e9 }).model;
      expect(hidden).toBeGreaterThanOrEqual(previous);
      previous = hidden;
    }
    expect(previous).toBeGreaterThan(chooseRecipe({ ...ONE_MB, minutes: 0.5 }).model.hidden);
    expect(chooseRecipe({ ...ONE_MB, threads: 4 }).model.hidden).toBeGreaterThan(chooseRecipe(ONE_MB).model.hidden);
  });

  it('gives each thread 16 rows of the batch, and lowers the learning rate for wider layers', () => {
    expect([1, 2, 3, 4, 8].map((threads) => chooseRecipe({ ...ONE_MB, threads }).batchSize)).toEqual([16, 32, 48, 64, 128]);
    expect(RECIPE_BATCH).toBe(16);
    expect(RECIPE_MIN_ROWS_PER_THREAD).toBe(16);
    const wide = chooseRecipe({ ...ONE_MB, threads: 4 });
    const narrow = chooseRecipe({ ...ONE_MB, threads: 4, minutes: 3 });
    expect(wide.learningRate).toBeCloseTo(0.004 * Math.sqrt(128 / wide.model.hidden) * Math.sqrt(64 / 16), 5);
    expect(narrow.learningRate).toBeCloseTo(0.004 * Math.sqrt(128 / narrow.model.hidden) * Math.sqrt(64 / 16), 5);
    const small = chooseRecipe({ ...ONE_MB, minutes: 1 });
    const large = chooseRecipe({ ...ONE_MB, minutes: 60 });
    expect(small.model.hidden).toBeLessThan(large.model.hidden);
    expect(small.learningRate).toBeGreaterThan(large.learningRate);
    expect(large.finalLearningRate).toBeCloseTo(large.learningRate / 10, 6);
  });

  it('keeps the weights below the training characters on a small corpus, and says so', () => {
    const recipe = chooseRecipe({ ...ONE_MB, trainChars: 120_000 });
    expect(recipe.parameters).toBeLessThanOrEqual(120_000);
    expect(gruCharModelParameters(81, 2, recipe.model.hidden + 32, 32)).toBeGreaterThan(120_000);
    expect(recipe.reason).toMatch(/more weights than the 120,000 training characters/);
  });

  it('names the time limit when the budget decides', () => {
    expect(chooseRecipe(ONE_MB).reason).toMatch(/M training characters expected in 10 min on 1 thread; a bigger model would get fewer than \d+ per weight/);
  });

  it('falls back to the smallest size when even that does not fit, and says so', () => {
    const recipe = chooseRecipe({ ...ONE_MB, minutes: 0.05 });
    expect(recipe.model.hidden).toBe(64);
    expect(recipe.reason).toMatch(/smallest size/);
  });

  it.each([
    [{ minutes: 0 }, /minutes/],
    [{ trainChars: 1.5 }, /trainChars/],
    [{ threads: 0 }, /threads/],
    [{ vocabSize: -1 }, /vocabSize/],
  ])('refuses %j', (bad, pattern) => {
    expect(() => chooseRecipe({ ...ONE_MB, ...bad })).toThrow(expect.objectContaining({ code: 'BAD_OPTION', message: expect.stringMatching(pattern) }));
  });
});
