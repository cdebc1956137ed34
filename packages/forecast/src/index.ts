/**
 * @rnnkit/forecast — probabilistic time-series forecasting: one recurrent network trained across many series,
 * the classical baselines it must beat, the M4 competition's metrics, rolling-origin backtests and plots.
 */
export { type Frequency, type FrequencyInfo, FREQUENCIES, parseFrequency } from './frequency';
export type { Series, SeriesData } from './data/series';
export { parseSeriesCsv, type ParseOptions } from './data/parse-series';
export { fillMissing, type FillResult } from './data/fill-missing';
export { readSeriesFile } from './data/read-series-file';
export { type Forecast, type Interval, intervalAt } from './forecast-types';
export { smape, mase, maseScale, msis, coverage, owa } from './metrics/m4-metrics';
export { BASELINE_METHODS, type BaselineMethod, type BaselineOptions, baselineForecast } from './baselines/methods';
export {
  type EtsSpec,
  type EtsParams,
  type EtsInitialState,
  type EtsFit,
  etsFilter,
  etsForecast,
  etsVarianceMultipliers,
  etsInitialState,
  fitEts,
  PHI_RANGE,
} from './baselines/exponential-smoothing';
export { type ThetaFit, fitTheta, thetaForecast } from './baselines/theta';
export { autocorrelation, isSeasonal, multiplicativeSeasonalIndices } from './baselines/seasonality';
export { normalQuantile } from './baselines/normal-quantile';
export { nelderMead } from './baselines/nelder-mead';
export { type Forecaster, baselineForecaster, ensembleForecaster } from './backtest/forecaster';
export { type SelectionOptions, selectingForecaster } from './backtest/select-forecaster';
export { type BacktestWindow, type MethodScore, type BacktestOptions, rollingWindows, backtest, winner } from './backtest/backtest';
export { type NetworkConfig, FREQUENCY_DEFAULTS, DEFAULT_QUANTILES, featureSize, headBaseLags, toTarget, fromOutput } from './network/network-config';
export { maseWeight, smapeWeight } from './network/loss-weights';
export { type WindowBatch, buildWindows, phaseOf, windowScale } from './network/features';
export { pinballLoss } from './network/pinball-loss';
export { ForecastNetwork, buildSequenceModel, intervalLevels } from './network/forecast-network';
export { type TrainNetworkOptions, type TrainNetworkResult, trainNetwork } from './network/train-network';
export { type CombineSpec, type ForecastExtra, type TrainingRecord, FORECAST_MODEL_KIND, parseNetworkConfig } from './network/forecast-model-kind';
export { saveForecastModel, loadForecastModel, resumeForecastModel } from './cli/model-directory';
export { type ForecastSvgOptions, forecastSvg } from './plot/forecast-svg';
export { runCli } from './cli';
