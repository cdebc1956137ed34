import { exactMatch } from './exact-match';
import { MetricError } from './metric-error';

describe('exactMatch', () => {
  it('counts identical strings only: 2 of 3 here (the third differs by a trailing space)', () => {
    expect(exactMatch(['2026-11-27', 'mil e um', 'ten '], ['2026-11-27', 'mil e um', 'ten'])).toBeCloseTo(2 / 3, 15);
  });

  it('rejects corpora that do not pair up or are empty', () => {
    expect(() => exactMatch(['a'], ['a', 'b'])).toThrow(MetricError);
    expect(() => exactMatch(['a'], ['a', 'b'])).toThrow(/1 hypotheses but 2 references/);
    expect(() => exactMatch([], [])).toThrow(/empty/);
  });
});
