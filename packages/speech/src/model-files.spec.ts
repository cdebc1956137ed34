import type { SequenceModel } from '@rnnkit/rnn-core';
import { DEFAULT_FRONT_END, defaultFrontEnd } from './front-end';
import { checkExtra, labelsFor } from './model-files';
import { SpeechError } from './speech-error';

// checkExtra reads only the output layout of the model.
const wordModel = { config: { outputMode: 'sequence', output: { units: 10 } } } as unknown as SequenceModel;
const extra = (frontEnd: unknown) => ({ app: 'speech-demo', mode: 'word', frontEnd, labels: labelsFor('word') });

describe('checkExtra', () => {
  it('accepts a front-end with a mel band, and one without (models made before the band existed)', () => {
    expect(checkExtra('m', extra(defaultFrontEnd('word')), wordModel).frontEnd.bandHz).toEqual([200, 3300]);
    expect(checkExtra('m', extra({ ...DEFAULT_FRONT_END }), wordModel).frontEnd.bandHz).toBeUndefined();
  });

  it.each([
    ['a band of one number', { ...DEFAULT_FRONT_END, bandHz: [200] }],
    ['a band of strings', { ...DEFAULT_FRONT_END, bandHz: ['200', '3300'] }],
    ['no cepstra count', { ...DEFAULT_FRONT_END, numCeps: undefined }],
  ])('refuses a front-end with %s as not a speech-demo model', (_name, frontEnd) => {
    expect(() => checkExtra('m', extra(frontEnd), wordModel)).toThrow(SpeechError);
    expect(() => checkExtra('m', extra(frontEnd), wordModel)).toThrow(/not a speech-demo model/);
  });
});
