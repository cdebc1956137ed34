import { integerInRange } from '@rnnkit/common';

/**
 * Delta (regression) coefficients over ±`window` frames, edges repeated:
 * d[t] = Σₙ n·(c[t+n] − c[t−n]) / (2·Σₙ n²), n = 1 … window. Apply twice for delta-deltas.
 *
 * @example
 * const d = deltas(frames);
 * const dd = deltas(d);
 */
export function deltas(frames: ArrayLike<number>[], window = 2): Float32Array[] {
  integerInRange('window', window, 1, 1000);
  const count = frames.length;
  if (count === 0) return [];
  const dim = frames[0].length;
  let denominator = 0;
  for (let n = 1; n <= window; n++) denominator += 2 * n * n;
  const out: Float32Array[] = [];
  for (let t = 0; t < count; t++) {
    const d = new Float32Array(dim);
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let n = 1; n <= window; n++) {
        sum += n * (frames[Math.min(count - 1, t + n)][i] - frames[Math.max(0, t - n)][i]);
      }
      d[i] = sum / denominator;
    }
    out.push(d);
  }
  return out;
}

/** Each frame followed by its deltas and delta-deltas: 3·dim values per frame. */
export function withDeltas(frames: ArrayLike<number>[], window = 2): Float32Array[] {
  const d = deltas(frames, window);
  const dd = deltas(d, window);
  return frames.map((frame, t) => {
    const dim = frame.length;
    const row = new Float32Array(3 * dim);
    row.set(Array.from(frame), 0);
    row.set(d[t], dim);
    row.set(dd[t], 2 * dim);
    return row;
  });
}
