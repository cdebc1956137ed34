import type { Forecaster } from '../backtest/forecaster';
import { selectingForecaster } from '../backtest/select-forecaster';
import { FREQUENCIES } from '../frequency';
import type { ForecastNetwork } from '../network/forecast-network';
import type { ForecastExtra } from '../network/forecast-model-kind';
import { parseMembers } from './member-list';

/**
 * What a model directory forecasts: its network alone, or, when the model stores a combination, the per-series
 * selection among its members (see {@link selectingForecaster}). `predict`, `plot` and `backtest --model` use it.
 */
export function modelForecaster(network: ForecastNetwork, extra: ForecastExtra, name = 'model'): Forecaster {
  const alone: Forecaster = { name: 'network', forecast: (histories, h) => network.forecast(histories, h) };
  if (!extra.combine) return { ...alone, name };
  const info = FREQUENCIES[network.config.frequency];
  const members = parseMembers(extra.combine.selectFrom, 'the model\'s combine.selectFrom', [alone], info.period);
  return selectingForecaster(name, members, { windows: extra.combine.windows, minHistory: info.maseLag + 1 });
}
