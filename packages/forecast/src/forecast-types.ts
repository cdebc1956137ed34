/** A central prediction interval at one coverage level. */
export interface Interval {
  /** Nominal coverage in percent, e.g. 95. */
  level: number;
  lower: Float64Array;
  upper: Float64Array;
}

/** A forecast of one series over the horizon: the point forecast and any prediction intervals. */
export interface Forecast {
  /** The point forecast (the median for probabilistic models). */
  point: Float64Array;
  intervals: Interval[];
}

/** The interval of `forecast` at `level` percent, or undefined. */
export function intervalAt(forecast: Forecast, level: number): Interval | undefined {
  return forecast.intervals.find((i) => i.level === level);
}
