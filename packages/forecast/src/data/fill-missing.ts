/** What {@link fillMissing} did to one series. */
export interface FillResult {
  values: Float64Array;
  /** Interior missing values replaced by linear interpolation between their neighbours. */
  interpolated: number;
  /** Missing values dropped from the start (nothing to interpolate from). */
  leading: number;
  /** Missing values dropped from the end. */
  trailing: number;
}

/**
 * Fills missing values (NaN) inside a series by straight lines between the nearest observed neighbours and drops
 * missing values at either end, where nothing bounds them.
 */
export function fillMissing(raw: ArrayLike<number>): FillResult {
  let first = 0;
  while (first < raw.length && Number.isNaN(raw[first])) first++;
  let last = raw.length - 1;
  while (last >= first && Number.isNaN(raw[last])) last--;
  const values = Float64Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => raw[first + i]);
  let interpolated = 0;
  let prev = 0;
  for (let i = 1; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      for (let k = prev + 1; k < i; k++) values[k] = values[prev] + ((values[i] - values[prev]) * (k - prev)) / (i - prev);
      interpolated += i - prev - 1;
      prev = i;
    }
  }
  return { values, interpolated, leading: first, trailing: raw.length - values.length - first };
}
