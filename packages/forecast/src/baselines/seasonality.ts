/** The sample autocorrelation at `lag` (mean-centred, normalised by the lag-0 sum, as statsmodels' `acf`). */
export function autocorrelation(values: ArrayLike<number>, lag: number): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) den += (values[i] - mean) ** 2;
  for (let i = lag; i < n; i++) num += (values[i] - mean) * (values[i - lag] - mean);
  return den > 0 ? num / den : 0;
}

/**
 * The M4 benchmarks' seasonality test at 90 %: seasonal when |acf(period)| exceeds
 * 1.645·√((1 + 2·s)/n). As in the competition's own code, s adds acf(1) unsquared to the squares of acf(2…period−1);
 * kept so that Naive2 (and so OWA) match the published figures. Series shorter than three periods are not seasonal.
 */
export function isSeasonal(values: ArrayLike<number>, period: number): boolean {
  if (period <= 1 || values.length < 3 * period) return false;
  let s = autocorrelation(values, 1);
  for (let k = 2; k < period; k++) s += autocorrelation(values, k) ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * s) / values.length);
  return Math.abs(autocorrelation(values, period)) > limit;
}

/**
 * Seasonal indices of a classical multiplicative decomposition (a centred moving average of one period as the
 * trend, the mean ratio to it per phase, normalised to average 1). Index k applies to positions ≡ k (mod period).
 */
export function multiplicativeSeasonalIndices(values: ArrayLike<number>, period: number): Float64Array {
  const n = values.length;
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  const half = Math.floor(period / 2);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (period % 2 === 0) {
      trend += 0.5 * (values[t - half] + values[t + half]);
      for (let k = -half + 1; k < half; k++) trend += values[t + k];
    } else {
      for (let k = -half; k <= half; k++) trend += values[t + k];
    }
    trend /= period;
    sums[t % period] += values[t] / trend;
    counts[t % period] += 1;
  }
  const indices = sums.map((s, k) => s / counts[k]);
  const mean = indices.reduce((a, b) => a + b, 0) / period;
  return indices.map((v) => v / mean);
}
