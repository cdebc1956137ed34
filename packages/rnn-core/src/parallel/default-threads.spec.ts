import { availableParallelism } from 'node:os';
import { defaultThreads } from './default-threads';
import { defaultThreads as browserThreads } from './default-threads-browser';

describe('defaultThreads', () => {
  it('uses every core unless RNNKIT_THREADS says otherwise', () => {
    expect(defaultThreads({})).toBe(availableParallelism());
    expect(defaultThreads({ RNNKIT_THREADS: '' })).toBe(availableParallelism());
    expect(defaultThreads({ RNNKIT_THREADS: '3' })).toBe(3);
    expect(defaultThreads({ RNNKIT_THREADS: ' 1 ' })).toBe(1);
  });

  it('refuses an RNNKIT_THREADS that is not a positive integer, naming it', () => {
    for (const bad of ['0', '-2', '1.5', 'two', '2x']) {
      expect(() => defaultThreads({ RNNKIT_THREADS: bad })).toThrow(/^RNNKIT_THREADS must be a positive integer number of threads, got "/);
    }
  });

  it('is 1 in a browser, which trains on the page thread', () => {
    expect(browserThreads()).toBe(1);
  });
});
