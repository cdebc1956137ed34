import { tf } from '@rnnkit/rnn-core';
import { expectNoLeak, useBackend } from '@rnnkit/test-utils';
import { createRng } from '@rnnkit/common';
import { bucketBatches, Example, frameTargets, labelTargets, maskFeatures, padBatch, unpadTargets } from './batching';

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

describe('target tensors', () => {
  useBackend('cpu');

  it('repeat the class at every step in word mode and pad label rows with -1 in sequence mode', async () => {
    await expectNoLeak(() => {
      const word = frameTargets([[3], [0]], 3);
      expect(word.shape).toEqual([2, 3]);
      expect(word.dtype).toBe('int32');
      expect(Array.from(word.dataSync())).toEqual([3, 3, 3, 0, 0, 0]);
      const seq = labelTargets([[1], [4, 2, 9], []]);
      expect(seq.shape).toEqual([3, 3]);
      expect(Array.from(seq.dataSync())).toEqual([1, -1, -1, 4, 2, 9, -1, -1, -1]);
      expect(unpadTargets(seq.dataSync(), 3)).toEqual([[1], [4, 2, 9], []]);
      tf.dispose([word, seq]);
    });
  });
});

describe('maskFeatures', () => {
  it('zeroes runs of steps and the same coefficients of every stacked frame, never the padding or beyond', () => {
    const features = { data: new Float32Array(20 * 6).fill(1), steps: 20, dim: 6 };
    const padded = padBatch([{ features, target: [0] }, { features: { ...features, data: features.data.slice(0, 60), steps: 10 }, target: [1] }]);
    maskFeatures(padded, createRng(3), { time: 1, features: 1, frameDim: 3 });
    const at = (b: number, t: number, k: number): number => padded.input[(b * 20 + t) * 6 + k];
    for (let b = 0; b < 2; b++) {
      const length = padded.lengths[b];
      const zeroSteps = Array.from({ length }, (_, t) => t).filter((t) => [0, 1, 2, 3, 4, 5].every((k) => at(b, t, k) === 0));
      // One run of at most min(5, 20% of the length) whole steps.
      expect(zeroSteps.length).toBeLessThanOrEqual(Math.min(5, length / 5));
      if (zeroSteps.length) expect(zeroSteps[zeroSteps.length - 1] - zeroSteps[0] + 1).toBe(zeroSteps.length);
      const live = Array.from({ length }, (_, t) => t).filter((t) => !zeroSteps.includes(t));
      // The feature mask hits the same offsets in both stacked frames of every other step.
      const pattern = (t: number): number[] => [0, 1, 2].map((k) => at(b, t, k));
      for (const t of live) {
        expect(pattern(t)).toEqual(pattern(live[0]));
        expect([3, 4, 5].map((k) => at(b, t, k))).toEqual(pattern(live[0]));
      }
      expect(pattern(live[0]).filter((v) => v === 0).length).toBeGreaterThanOrEqual(1);
      for (let t = length; t < 20; t++) for (let k = 0; k < 6; k++) expect(at(b, t, k)).toBe(0);
    }
  });
});
