/**
 * Test-only reference for CTC: enumerates every one of the classes^frames alignment paths of one sequence,
 * collapses each (merge repeats, drop blanks) and sums path probabilities per labeling, in float64. Independent of
 * the forward–backward recursions; exponential, so only for tiny cases (classes^frames up to a few thousand).
 */

/** Float64 log-softmax of `frames` rows of `classes` logits starting at `offset`. */
export function logSoftmax64(logits: ArrayLike<number>, offset: number, frames: number, classes: number): Float64Array {
  const out = new Float64Array(frames * classes);
  for (let t = 0; t < frames; t++) {
    const row = offset + t * classes;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[row + k]);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp(logits[row + k] - max);
    for (let k = 0; k < classes; k++) out[t * classes + k] = logits[row + k] - max - Math.log(sum);
  }
  return out;
}

/** Probability of every labeling reachable in `frames` frames, keyed by `labels.join(',')`. */
export function labelingProbabilities(
  logProbs: Float64Array,
  frames: number,
  classes: number,
  blank: number,
): Map<string, number> {
  const result = new Map<string, number>();
  const path = new Array<number>(frames).fill(0);
  for (let index = 0; index < classes ** frames; index++) {
    let rest = index;
    let logP = 0;
    for (let t = 0; t < frames; t++) {
      path[t] = rest % classes;
      rest = Math.floor(rest / classes);
      logP += logProbs[t * classes + path[t]];
    }
    const labels = path.filter((c, t) => c !== blank && (t === 0 || c !== path[t - 1]));
    const key = labels.join(',');
    result.set(key, (result.get(key) ?? 0) + Math.exp(logP));
  }
  return result;
}

/** −log p(label) for one sequence of raw logits, by enumeration; Infinity when no path yields the label. */
export function bruteForceNll(
  logits: ArrayLike<number>,
  offset: number,
  frames: number,
  classes: number,
  label: readonly number[],
  blank: number,
): number {
  const probs = labelingProbabilities(logSoftmax64(logits, offset, frames, classes), frames, classes, blank);
  return -Math.log(probs.get(label.join(',')) ?? 0);
}
