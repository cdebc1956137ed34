import { DEFAULT_CONFIG, resolveConfig } from './seq2seq-config';

describe('resolveConfig', () => {
  it('fills in the defaults', () => {
    expect(resolveConfig({ sourceVocabSize: 10, targetVocabSize: 12 })).toEqual({ ...DEFAULT_CONFIG, sourceVocabSize: 10, targetVocabSize: 12 });
  });

  it.each([
    [null, /is not an object/],
    [{ targetVocabSize: 5 }, /sourceVocabSize must be a positive integer, got undefined/],
    [{ sourceVocabSize: 5, targetVocabSize: 5, decoderUnits: 2.5 }, /decoderUnits must be a positive integer, got 2.5/],
    [{ sourceVocabSize: 5, targetVocabSize: 5, decoderCell: 'rnn' }, /decoderCell must be "lstm" or "gru"/],
    [{ sourceVocabSize: 5, targetVocabSize: 5, bidirectional: 'yes' }, /bidirectional must be true or false/],
    [{ sourceVocabSize: 5, targetVocabSize: 5, seed: 0.5 }, /seed must be an integer/],
    [{ sourceVocabSize: 5, targetVocabSize: 5, units: 3 }, /unknown field\(s\) units/],
  ])('refuses %j', (config, message) => {
    expect(() => resolveConfig(config)).toThrow(message);
  });
});
