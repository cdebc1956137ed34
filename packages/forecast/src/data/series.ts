import type { Frequency } from '../frequency';

/** One time series, cleaned: finite values only, in time order. */
export interface Series {
  /** The series' name as the file gave it. */
  id: string;
  /** The observations; gaps and missing values have been filled (see {@link SeriesData.notes}). */
  values: Float64Array;
  /**
   * Time of the first value, in ms since 1970 (UTC), when the file gave timestamps. Without it, calendar
   * features count from the series' first value.
   */
  start?: number;
}

/** What a data file held, once read and cleaned. */
export interface SeriesData {
  series: Series[];
  /** `wide`: one row per series (the M4 layout); `long`: rows of id, timestamp, value. */
  layout: 'wide' | 'long';
  /** The frequency the timestamps showed (long layout only). */
  frequency?: Frequency;
  /** One line per repair made: missing values interpolated, gaps filled, empty cells before the first value dropped. */
  notes: string[];
}
