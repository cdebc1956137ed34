/**
 * The Levenshtein distance: the fewest single-item insertions, deletions and substitutions (each costing 1) that
 * turn `a` into `b`. Works on strings (compared by UTF-16 code unit; pass `Array.from(text)` to compare by code
 * point) and on arrays (items compared with `===`). Two-row dynamic programme: O(|a|·|b|) time, O(|b|) memory.
 */
export function editDistance<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}
