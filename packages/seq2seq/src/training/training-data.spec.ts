import { letterVocabulary, reverseTask } from '../test-utils/tiny';
import { TrainingStream } from './training-data';

describe('TrainingStream', () => {
  const vocab = letterVocabulary();
  const stream = (seed: number) => new TrainingStream(reverseTask(6), vocab, vocab, { batchSize: 8, maxSourceLength: 4, seed });

  it('is reproducible for a seed and differs between seeds', () => {
    const a = stream(1);
    const b = stream(1);
    const c = stream(2);
    const first = Array.from({ length: 60 }, () => a.next());
    expect(Array.from({ length: 60 }, () => Array.from(b.next().sourceIds))).toEqual(first.map((x) => Array.from(x.sourceIds)));
    expect(Array.from(c.next().sourceIds)).not.toEqual(Array.from(first[0].sourceIds));
  });

  it('groups pairs of similar length, cuts sources to the limit and keeps targets whole', () => {
    const s = stream(3);
    for (let i = 0; i < 50; i++) {
      const batch = s.next();
      expect(batch.size).toBe(8);
      expect(batch.sourceLength).toBeLessThanOrEqual(4);
      const lengths = Array.from({ length: 8 }, (_, b) => batch.sourceMask.subarray(b * batch.sourceLength, (b + 1) * batch.sourceLength).reduce((n, m) => n + m, 0));
      // Sorted by length within a chunk: one batch spans at most two neighbouring lengths.
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
      expect(batch.targetLength).toBeLessThanOrEqual(7);
    }
  });

  it('refuses a bad batch size', () => {
    expect(() => new TrainingStream(reverseTask(3), vocab, vocab, { batchSize: 0, maxSourceLength: 4, seed: 0 })).toThrow(/batchSize must be a positive integer/);
  });
});
