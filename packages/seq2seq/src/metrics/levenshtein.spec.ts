import { levenshtein } from './levenshtein';

/** Brute-force reference: the textbook recursion without memoisation (fine for strings up to 6 symbols). */
function slowDistance(a: string, b: string): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const cost = a[0] === b[0] ? 0 : 1;
  return Math.min(slowDistance(a.slice(1), b) + 1, slowDistance(a, b.slice(1)) + 1, slowDistance(a.slice(1), b.slice(1)) + cost);
}

describe('levenshtein', () => {
  it('gives hand-computed distances', () => {
    // kitten -> sitten (substitute k), sittin (substitute e), sitting (insert g): 3.
    expect(levenshtein([...'kitten'], [...'sitting'])).toBe(3);
    expect(levenshtein([], [...'abc'])).toBe(3);
    expect(levenshtein([...'abc'], [])).toBe(3);
    expect(levenshtein([...'same'], [...'same'])).toBe(0);
    // Tokens work too: "the cat sat" -> "the dog sat down": substitute cat, insert down.
    expect(levenshtein(['the', 'cat', 'sat'], ['the', 'dog', 'sat', 'down'])).toBe(2);
  });

  it('matches the brute-force recursion on 300 random pairs over a 3-letter alphabet', () => {
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = () => Array.from({ length: Math.floor(next() * 7) }, () => 'abc'[Math.floor(next() * 3)]).join('');
    for (let i = 0; i < 300; i++) {
      const [a, b] = [word(), word()];
      expect(levenshtein([...a], [...b])).toBe(slowDistance(a, b));
    }
  });
});
