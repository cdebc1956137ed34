import { FREQUENCIES } from '../frequency';
import type { Series } from '../data/series';
import { baseOrNull, featureSize, headBaseLags, type NetworkConfig, toTarget } from './network-config';

/** Inputs of a batch of windows, laid out [B, T, F], with the padding mask [B, T] and each window's scale. */
export interface WindowBatch {
  input: Float32Array;
  mask: Float32Array;
  scales: Float64Array;
  /**
   * Targets [B, T, M·H]: for each of the M heads ({@link headBaseLags}), the departures from its seasonal naive
   * forecast, scaled ({@link toTarget}: linear or log scale; training windows only; 0 on padding).
   */
  targets?: Float32Array;
}

/**
 * The calendar phase of position `p` of a series: from its first timestamp when known (hour of the day, day of
 * the week, month of the year…, in UTC), else counted from its first value.
 */
export function phaseOf(series: Series, p: number, config: Pick<NetworkConfig, 'frequency' | 'period'>): number {
  const info = FREQUENCIES[config.frequency];
  let offset = 0;
  if (series.start !== undefined) {
    offset = info.stepMs ? Math.round(series.start / info.stepMs) : new Date(series.start).getUTCMonth() / (info.stepMonths ?? 1);
    if (config.frequency === 'daily') offset += 3; // 1970-01-01 was a Thursday: phase 0 is Monday.
  }
  return (((offset + p) % config.period) + config.period) % config.period;
}

/** The mean absolute value of values[from, to), or 1 when it is 0 (a window of zeros). */
export function windowScale(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let p = Math.max(0, from); p < to; p++) {
    sum += Math.abs(values[p]);
    n++;
  }
  return n > 0 && sum > 0 ? sum / n : 1;
}

/**
 * Builds the inputs of windows that end (exclusively) at `ends[b]` of `series[b]`: at each of the `context`
 * steps the scaled value, the scaled lagged values (0 before the series starts) and the calendar phase as sine
 * and cosine. Steps before the series' first value are padding (mask 0). With `withTargets`, each step's next
 * `horizon` values (which must exist) as departures from their seasonal naive forecast ({@link baseValue}) at each
 * head's base lag ({@link toTarget}).
 */
export function buildWindows(series: Series[], ends: number[], config: NetworkConfig, withTargets: boolean): WindowBatch {
  const { context: T, horizon: H, lags, period } = config;
  const F = featureSize(config);
  const B = series.length;
  const input = new Float32Array(B * T * F);
  const mask = new Float32Array(B * T);
  const scales = new Float64Array(B);
  const bases = headBaseLags(config);
  const M = bases.length;
  const targets = withTargets ? new Float32Array(B * T * M * H) : undefined;
  for (let b = 0; b < B; b++) {
    const { values } = series[b];
    const end = ends[b];
    const first = end - T;
    const scale = windowScale(values, first, end - config.supervised);
    scales[b] = scale;
    for (let i = 0; i < T; i++) {
      const p = first + i;
      if (p < 0) continue;
      mask[b * T + i] = 1;
      const row = (b * T + i) * F;
      input[row] = values[p] / scale;
      lags.forEach((lag, k) => {
        input[row + 1 + k] = p - lag >= 0 ? values[p - lag] / scale : 0;
      });
      if (period > 1) {
        const angle = (2 * Math.PI * phaseOf(series[b], p, config)) / period;
        input[row + 1 + lags.length] = Math.sin(angle);
        input[row + 2 + lags.length] = Math.cos(angle);
      }
      if (targets) {
        bases.forEach((lag, m) => {
          for (let k = 0; k < H; k++) targets[((b * T + i) * M + m) * H + k] = toTarget(values[p + 1 + k], baseOrNull(values, p, k, lag), scale, config.logFloor);
        });
      }
    }
  }
  return { input, mask, scales, targets };
}
