import { characterErrorRate } from './character-error-rate';
import { MetricError } from './metric-error';

describe('characterErrorRate', () => {
  it('sums edits and reference lengths over the corpus', () => {
    // "abc" vs "abd": 1 substitution; "xyz" vs "xy": 1 deletion of z. Edits 1 + 1 = 2; reference chars 3 + 2 = 5.
    // CER = 2 / 5 = 0.4 (not the mean of per-sentence rates, 1/3 and 1/2, which would be 0.41666…).
    expect(characterErrorRate(['abc', 'xyz'], ['abd', 'xy'])).toBeCloseTo(0.4, 15);
  });

  it('counts code points: "maca" vs "maçã" is 2 substitutions over 4 characters', () => {
    expect(characterErrorRate(['maca'], ['maçã'])).toBeCloseTo(0.5, 15);
    // U+1F600 is two UTF-16 units but one character: one deletion over a 1-character reference.
    expect(characterErrorRate([''], ['\u{1F600}'])).toBe(1);
  });

  it('can exceed 1 when hypotheses are long: "abcd" vs "a" is 3 insertions over 1 character', () => {
    expect(characterErrorRate(['abcd'], ['a'])).toBe(3);
  });

  it('rejects all-empty references and mismatched corpora', () => {
    expect(() => characterErrorRate(['a'], [''])).toThrow(MetricError);
    expect(() => characterErrorRate(['a'], [''])).toThrow(/every reference is empty/);
    expect(() => characterErrorRate(['a', 'b'], ['a'])).toThrow(/pair up/);
  });
});
