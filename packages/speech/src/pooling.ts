/** Index of the largest value in `values[offset … offset + n)` (the first on ties). */
export function argmax(values: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/**
 * The mean over `steps` rows of log-softmax(logits row), rows of `classes` values starting at `offset`:
 * word mode's utterance score, the log of the geometric mean of the per-step class probabilities.
 */
export function meanLogSoftmax(logits: ArrayLike<number>, offset: number, steps: number, classes: number): Float64Array {
  const mean = new Float64Array(classes);
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[row + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[row + k] - max);
    const logSum = max + Math.log(sum);
    for (let k = 0; k < classes; k++) mean[k] += (logits[row + k] - logSum) / steps;
  }
  return mean;
}

/** Softmax of a score vector, in float64. */
export function softmax(scores: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) max = Math.max(max, scores[k]);
  const out = Float64Array.from(scores, (v) => Math.exp(v - max));
  const sum = out.reduce((s, v) => s + v, 0);
  return out.map((v) => v / sum);
}
