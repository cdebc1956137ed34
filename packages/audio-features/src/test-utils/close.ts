// Test-only helpers (excluded from the build): frame lists compared row by row with test-utils' expectClose.
import { expectClose, type Tolerance } from '@rnnkit/test-utils';

/** Compares two frame lists row by row with {@link expectClose}. */
export function expectFramesClose(
  actual: ArrayLike<number>[],
  expected: ArrayLike<number>[],
  tolerance: Tolerance,
): void {
  const label = tolerance.label ?? 'frames';
  if (actual.length !== expected.length) throw new Error(`${label}: ${actual.length} frames, expected ${expected.length}`);
  actual.forEach((row, t) => expectClose(row, expected[t], { ...tolerance, label: `${label} frame ${t}` }));
}

/** Largest |a[i] − b[i]| over two frame lists of the same shape. */
export function maxAbsDiff(a: ArrayLike<number>[], b: ArrayLike<number>[]): number {
  let worst = 0;
  a.forEach((row, t) => {
    for (let i = 0; i < row.length; i++) worst = Math.max(worst, Math.abs(row[i] - b[t][i]));
  });
  return worst;
}
