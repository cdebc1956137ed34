import { exitCodeFor, RnnkitError } from './rnnkit-error';

class AudioError extends RnnkitError<'NOT_WAV' | 'TRUNCATED'> {}

describe('RnnkitError', () => {
  it('carries a code, the file in its message, its cause, and its subclass name', () => {
    const cause = new Error('EACCES');
    const err = new AudioError('NOT_WAV', 'not a WAV file; give a .wav', { file: 'a.txt', cause });
    expect(err).toBeInstanceOf(RnnkitError);
    expect(err.name).toBe('AudioError');
    expect(err.code).toBe('NOT_WAV');
    expect(err.file).toBe('a.txt');
    expect(err.message).toBe('a.txt: not a WAV file; give a .wav');
    expect(err.cause).toBe(cause);
    const short = new AudioError('TRUNCATED', 'ends early', 'b.wav');
    expect([short.message, short.file, short.code]).toEqual(['b.wav: ends early', 'b.wav', 'TRUNCATED']);
  });

  it('refuses codes that are not UPPER_SNAKE', () => {
    for (const bad of ['bad-model', 'badModel', 'BAD__MODEL', '_BAD', '']) {
      expect(() => new RnnkitError(bad, 'x')).toThrow(TypeError);
    }
    expect(new RnnkitError('MFCC2_FAILED', 'x').code).toBe('MFCC2_FAILED');
  });
});

describe('exitCodeFor', () => {
  it('follows the one table: 0 ok, 2 for what the user gave, 1 for the rest', () => {
    expect(exitCodeFor(undefined)).toBe(0);
    expect(exitCodeFor(null)).toBe(0);
    for (const code of ['BAD_USAGE', 'BAD_OPTION', 'BAD_INPUT', 'UNREADABLE', 'BAD_MODEL', 'NOT_WAV']) {
      expect(exitCodeFor(new RnnkitError(code, 'x'))).toBe(2);
    }
    expect(exitCodeFor(new RnnkitError('INTERNAL', 'x'))).toBe(1);
    expect(exitCodeFor(new RnnkitError('UNWRITABLE', 'x'))).toBe(1);
    expect(exitCodeFor(new RnnkitError('MISSING_TOOL', 'x'))).toBe(1);
    expect(exitCodeFor(new TypeError('x'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
  });
});
