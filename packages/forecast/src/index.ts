/**
 * @rnnkit/forecast — probabilistic time-series forecasting: one recurrent network trained across many series,
 * the classical baselines it must beat, the M4 competition's metrics, rolling-origin backtests and plots.
 */
export { type Frequency, type FrequencyInfo, FREQUENCIES, parseFrequency } from './frequency';
export type { Series, SeriesData } from './data/series';
export { parseSeriesCsv, type ParseOptions } from './data/parse-series';
export { fillMissing, type FillResult } from './data/fill-missing';
export { readSeriesFile } from './data/read-series-file';
