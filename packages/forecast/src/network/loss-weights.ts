/**
 * The weight of a training window's loss so that it counts in MASE's units rather than in units of its own scale:
 * (scale / d)^power, where d is the mean absolute seasonal difference at lag `m` of the values before `until`
 * (MASE's denominator, as known at the window's supervised part) and `scale` the window's input scale. Power 0
 * weighs every window alike (errors relative to the level, as sMAPE counts them); 1 weighs them as MASE does, so
 * that smooth series with small seasonal differences count as much in training as in the metric. A history too
 * short for one difference, or one that repeats itself exactly, gets weight 1.
 */
export function maseWeight(values: Float64Array, until: number, m: number, scale: number, power: number): number {
  if (power === 0) return 1;
  let sum = 0;
  for (let t = m; t < until; t++) sum += Math.abs(values[t] - values[t - m]);
  const d = until > m ? sum / (until - m) : 0;
  return d > 0 ? (scale / d) ** power : 1;
}

/**
 * The weight of one target's pinball terms so that the loss counts errors as sMAPE does, relative to the size of
 * the value and its forecast: (2 / max(|y| + |b|, 0.1))^power for the target y and its base b, both scaled by the
 * window's level (about 1 at a typical value; the floor caps the weight of values near zero at 20^power). With the
 * base standing in for the forecast, this leans the optimum below the median where values swing toward zero, as
 * sMAPE's does. Power 0 weighs every target alike.
 */
export function smapeWeight(y: number, base: number, scale: number, power: number): number {
  if (power === 0) return 1;
  return (2 / Math.max((Math.abs(y) + Math.abs(base)) / scale, 0.1)) ** power;
}
