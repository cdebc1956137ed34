/** log(exp(a) + exp(b)) without overflow; -Infinity is the log of zero and is absorbed exactly. */
export function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Writes the log-softmax of `values[offset .. offset + n)` into `out[outOffset .. outOffset + n)` in float64. */
export function logSoftmaxRow(
  values: ArrayLike<number>,
  offset: number,
  n: number,
  out: Float64Array,
  outOffset = 0,
): void {
  let max = -Infinity;
  for (let k = 0; k < n; k++) if (values[offset + k] > max) max = values[offset + k];
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(values[offset + k] - max);
  const shift = max + Math.log(sum);
  for (let k = 0; k < n; k++) out[outOffset + k] = values[offset + k] - shift;
}
