import type { TrainingProgress } from '@rnnkit/char-lm';
import { describeProgress } from './progress-display';

const progress = (over: Partial<TrainingProgress>): TrainingProgress => ({
  step: 10, epoch: 0, done: 0.25, loss: Math.LN2 * 2, learningRate: 0.002, charsPerSecond: 12345.6, etaSeconds: 3723, validation: null, ...over,
});

describe('describeProgress', () => {
  it('gives loss in nats and bits per character, speed, ETA and the latest validation', () => {
    expect(describeProgress(progress({}))).toBe('loss 1.386 nats = 2.000 bits/char | 12,346 chars/s | ETA 1:02:03');
    expect(describeProgress(progress({ validation: 1.5, etaSeconds: 65 }))).toBe(
      'loss 1.386 nats = 2.000 bits/char | val 1.500 | 12,346 chars/s | ETA 1:05',
    );
  });
});
