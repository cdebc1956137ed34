// Test-only helpers (excluded from the build): tolerance checks with messages that point at the first miss.

/** Fails with the first index where |actual − expected| > atol + rtol·|expected|, and the worst error seen. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { atol = 0, rtol = 0, label = 'value' }: { atol?: number; rtol?: number; label?: string } = {},
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  }
  let worst = 0;
  let firstBad = -1;
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= atol + rtol * Math.abs(expected[i]))) {
      if (firstBad < 0) firstBad = i;
      worst = Number.isNaN(err) ? NaN : Math.max(worst, err);
    }
  }
  if (firstBad >= 0) {
    throw new Error(
      `${label}: [${firstBad}] is ${actual[firstBad]}, expected ${expected[firstBad]} ` +
        `(atol ${atol}, rtol ${rtol}; worst error ${worst})`,
    );
  }
}

/** Compares two frame lists row by row with {@link expectClose}. */
export function expectFramesClose(
  actual: ArrayLike<number>[],
  expected: ArrayLike<number>[],
  tolerance: { atol?: number; rtol?: number; label?: string },
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
