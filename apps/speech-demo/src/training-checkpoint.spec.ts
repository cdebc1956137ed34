import { DEFAULT_FRONT_END, labelsFor } from '@rnnkit/speech';
import { SPEECH_CHECKPOINT_KIND } from './training-checkpoint';

const settings = { layers: 1, units: 8, dropout: 0, batchSize: 4, learningRate: 0.01, seed: 1, valSpeakers: ['cy'], excludeSpeakers: [] };
const extra = (progress: unknown, mode: 'word' | 'sequence' = 'word') => ({ mode, frontEnd: { ...DEFAULT_FRONT_END }, labels: labelsFor(mode), progress });
const progress = { epoch: 1, step: 3, history: [{ epoch: 1, steps: 3, loss: 2.1, validation: 0.5, seconds: 4 }], best: { epoch: 1, value: 0.5 }, settings };

describe('the speech checkpoint kind', () => {
  it('reads the progress, and a best value stored as null (no validation yet) as the worst of its mode', () => {
    expect(SPEECH_CHECKPOINT_KIND.parseExtra(extra(progress)).progress).toEqual(progress);
    const unset = { ...progress, best: { epoch: 0, value: null } };
    expect(SPEECH_CHECKPOINT_KIND.parseExtra(extra(unset)).progress.best.value).toBe(-Infinity);
    expect(SPEECH_CHECKPOINT_KIND.parseExtra(extra(unset, 'sequence')).progress.best.value).toBe(Infinity);
  });

  it('keeps an epoch whose loss came out NaN (saved) or null (read back)', () => {
    for (const loss of [NaN, null]) {
      const history = [{ ...progress.history[0], loss }];
      expect(SPEECH_CHECKPOINT_KIND.parseExtra(extra({ ...progress, history })).progress.history[0].loss).toBe(loss);
    }
  });

  it('refuses a finished model (no progress) and progress without the run settings', () => {
    expect(() => SPEECH_CHECKPOINT_KIND.parseExtra(extra(undefined))).toThrow(/no training progress \(is this a checkpoint, not a finished model\?\)/);
    expect(() => SPEECH_CHECKPOINT_KIND.parseExtra(extra({ ...progress, settings: { units: 8 } }))).toThrow(/progress\.settings must give layers, units/);
    expect(() => SPEECH_CHECKPOINT_KIND.parseExtra(extra({ ...progress, step: -1 }))).toThrow(/whole numbers >= 0/);
  });
});
