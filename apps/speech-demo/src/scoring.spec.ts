import { scoreSequences, scoreWords } from './scoring';

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
