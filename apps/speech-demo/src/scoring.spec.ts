import { createRng } from '@rnnkit/common';
import { editDistance, scoreSequences, scoreWords } from './scoring';

/** The textbook recursion, exponential but independent of the dynamic programme: a reference for short strings. */
function bruteForce(a: string, b: string): number {
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  return Math.min(
    bruteForce(a.slice(1), b.slice(1)) + (a[0] === b[0] ? 0 : 1),
    bruteForce(a.slice(1), b) + 1,
    bruteForce(a, b.slice(1)) + 1,
  );
}

describe('editDistance', () => {
  it('matches hand-counted cases', () => {
    expect(editDistance('314', '314')).toBe(0);
    expect(editDistance('314', '34')).toBe(1);
    expect(editDistance('314', '3144')).toBe(1);
    expect(editDistance('314', '214')).toBe(1);
    expect(editDistance('', '123')).toBe(3);
    expect(editDistance('123', '')).toBe(3);
    expect(editDistance('1234', '4321')).toBe(4);
  });

  it('agrees with the brute-force recursion on random digit strings', () => {
    const rng = createRng(5);
    const random = (): string => Array.from({ length: Math.floor(rng.next() * 6) }, () => String(Math.floor(rng.next() * 3))).join('');
    for (let i = 0; i < 200; i++) {
      const a = random();
      const b = random();
      expect(editDistance(a, b)).toBe(bruteForce(a, b));
    }
  });
});

describe('scores', () => {
  it('word accuracy and confusion counts', () => {
    const score = scoreWords(
      [
        ['1', '1'],
        ['1', '7'],
        ['7', '7'],
        ['0', ''],
      ],
      ['0', '1', '7'],
    );
    expect(score.n).toBe(4);
    expect(score.accuracy).toBe(0.5);
    expect(score.matrix).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('sequence accuracy and digit error rate summed over files', () => {
    // Errors 0 + 1 + 3 over reference lengths 3 + 2 + 3.
    const score = scoreSequences([
      ['314', '314'],
      ['27', '7'],
      ['555', ''],
    ]);
    expect(score).toEqual({ n: 3, sequence_accuracy: 1 / 3, digit_error_rate: 4 / 8 });
  });
});
