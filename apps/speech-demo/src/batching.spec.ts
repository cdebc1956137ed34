import { tf } from '@rnnkit/rnn-core';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { bucketBatches, Example, padBatch, targetTensor, unpadTargets } from './batching';

function example(steps: number, value: number, target: number[]): Example {
  return { features: { data: new Float32Array(steps * 2).fill(value), steps, dim: 2 }, target };
}

describe('padBatch', () => {
  it('pads to the longest example with zeros and marks real steps in the mask', () => {
    const padded = padBatch([example(1, 5, [1]), example(3, 7, [2, 3])]);
    expect([padded.batch, padded.steps, padded.dim]).toEqual([2, 3, 2]);
    expect(Array.from(padded.input)).toEqual([5, 5, 0, 0, 0, 0, 7, 7, 7, 7, 7, 7]);
    expect(Array.from(padded.mask)).toEqual([1, 0, 0, 1, 1, 1]);
    expect(padded.lengths).toEqual([1, 3]);
    expect(padded.targets).toEqual([[1], [2, 3]]);
  });
});

describe('bucketBatches', () => {
  const examples = Array.from({ length: 50 }, (_, i) => example(1 + ((i * 7) % 23), i, [i]));

  it('uses every example once, in batches of similar length', () => {
    const batches = bucketBatches(examples, 8, 3);
    expect(batches.map((b) => b.length).sort((a, b) => a - b)).toEqual([2, 8, 8, 8, 8, 8, 8]);
    const seen = batches.flat().map((e) => e.target[0]).sort((a, b) => a - b);
    expect(seen).toEqual(examples.map((_, i) => i));
    for (const batch of batches) {
      const lengths = batch.map((e) => e.features.steps);
      // Sorted by length before cutting: 50 examples over 23 lengths put at most ~6 lengths in a batch of 8.
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(6);
    }
  });

  it('is deterministic in the seed and differs between seeds', () => {
    const ids = (seed: number): number[] => bucketBatches(examples, 8, seed).flat().map((e) => e.target[0]);
    expect(ids(3)).toEqual(ids(3));
    expect(ids(3)).not.toEqual(ids(4));
  });
});

describe('targetTensor', () => {
  useBackend('cpu');

  it('holds class ids in word mode and -1-padded label rows in sequence mode', async () => {
    await expectNoLeak(() => {
      const word = targetTensor([[3], [0]], false);
      expect(word.shape).toEqual([2]);
      expect(word.dtype).toBe('int32');
      expect(Array.from(word.dataSync())).toEqual([3, 0]);
      const seq = targetTensor([[1], [4, 2, 9], []], true);
      expect(seq.shape).toEqual([3, 3]);
      expect(unpadTargets(seq.dataSync(), 3)).toEqual([[1], [4, 2, 9], []]);
      tf.dispose([word, seq]);
    });
  });
});
